// Dense sweep: the WebAssembly kernels' bits against the JS kernels' on every float32 of a range, stepping
// through bit patterns (both signs, ±0, subnormals and all: the default range is |x| ≤ 100; --all takes every one
// of the 2^32 patterns, NaNs included), per function and parameter case; glu on pairs of those; softmax and
// log_softmax on random rows. Not a unit test (minutes per function):
//   npx tsx test/wasm/sweep.ts [--all] [--limit 100] [--step 1] [--rows 200000] [name …]
// (--step k: every k-th pattern only, for a quick look.) Prints, per case, the inputs compared and the mismatches
// (at most 10 listed); exits 1 if there is one.
import { evaluate, setKernelEngine, type EvaluateOptions } from '../../src/core';

const CASES: readonly [string, EvaluateOptions?][] = [
  ['sigmoid'], ['silu'], ['elu'], ['elu', { alpha: 0.5 }], ['selu'], ['celu'], ['celu', { alpha: 2.5 }],
  ['gelu'], ['gelu', { approximate: true }], ['exponential'], ['softplus'], ['log_sigmoid'], ['tanh'], ['tanh_shrink'], ['mish'],
];

const args = process.argv.slice(2);
const all = args.includes('--all');
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const limit = option('--limit', 100);
const step = option('--step', 1);
const rowCount = option('--rows', 200_000);
const names = args.filter((a, i) => !a.startsWith('--') && !['--limit', '--rows', '--step'].includes(args[i - 1]));
const wanted = (name: string): boolean => names.length === 0 || names.includes(name);

const BLOCK = 1 << 20;
const x = new Float32Array(BLOCK);
const bits = new Uint32Array(x.buffer);
const same = (a: number, b: number): boolean => Object.is(a, b) || (a !== a && b !== b);

/** The bit patterns swept: [start, end) ranges of unsigned patterns. */
function ranges(): [number, number][] {
  if (all) return [[0, 2 ** 32]];
  const top = new Uint32Array(Float32Array.of(limit).buffer)[0] + 1;
  return [[0, top], [0x80000000, 0x80000000 + top]];
}

/** Fills x with the block's patterns from `from` (every step-th); returns how many. */
function block(from: number, end: number): number {
  const count = Math.min(BLOCK, Math.ceil((end - from) / step));
  for (let i = 0; i < count; i++) bits[i] = from + i * step;
  return count;
}

let failures = 0;

function report(label: string, what: string, mismatches: number, started: number): void {
  failures += mismatches;
  console.log(`${label}: ${what}, ${mismatches} mismatches (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

function sweep(name: string, options?: EvaluateOptions): void {
  const label = `${name}${options ? JSON.stringify(options) : ''}`;
  const started = Date.now();
  const fromWasm = new Float32Array(BLOCK);
  const fromJs = new Float32Array(BLOCK);
  let compared = 0;
  let mismatches = 0;
  for (const [start, end] of ranges()) {
    for (let from = start; from < end; from += BLOCK * step) {
      const count = block(from, end);
      const xs = x.subarray(0, count);
      setKernelEngine('wasm');
      evaluate(name, xs, { ...options, out: fromWasm.subarray(0, count) });
      setKernelEngine('js');
      evaluate(name, xs, { ...options, out: fromJs.subarray(0, count) });
      for (let i = 0; i < count; i++) {
        if (same(fromWasm[i], fromJs[i])) continue;
        if (mismatches++ < 10) console.log(`  ${label}: x = ${x[i]} (0x${bits[i].toString(16)}): wasm ${fromWasm[i]}, js ${fromJs[i]}`);
      }
      compared += count;
    }
  }
  report(label, `${compared} inputs`, mismatches, started);
}

/** glu: a·σ(b), a the swept patterns of every 16th block and b a fixed permutation of them. */
function sweepGlu(): void {
  const started = Date.now();
  let compared = 0;
  let mismatches = 0;
  for (const [start, end] of ranges()) {
    for (let from = start; from < end; from += 16 * BLOCK * step) {
      const count = block(from, end);
      const pairs = new Float32Array(2 * count);
      pairs.set(x.subarray(0, count));
      for (let i = 0; i < count; i++) pairs[count + i] = x[(i * 40503) % count];
      setKernelEngine('wasm');
      const a = evaluate('glu', pairs, { shape: [2, count], axis: 0 });
      setKernelEngine('js');
      const b = evaluate('glu', pairs, { shape: [2, count], axis: 0 });
      for (let i = 0; i < count; i++) {
        if (same(a[i], b[i])) continue;
        if (mismatches++ < 10) console.log(`  glu: a = ${pairs[i]}, b = ${pairs[count + i]}: wasm ${a[i]}, js ${b[i]}`);
      }
      compared += count;
    }
  }
  report('glu', `${compared} pairs`, mismatches, started);
}

/** Random rows: lengths 1–3000, spreads from 0.01 to 300, some entries repeated, ±∞, NaN, ±0 or subnormal. */
function sweepRows(name: string): void {
  let state = 987654321;
  const next = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const started = Date.now();
  let mismatches = 0;
  let values = 0;
  for (let r = 0; r < rowCount; ) {
    const size = 1 + Math.floor(next() ** 3 * 3000);
    const rows = Math.max(1, Math.floor(4000 / size));
    const spread = 0.01 * 30000 ** next();
    const row = new Float32Array(rows * size);
    for (let i = 0; i < row.length; i++) {
      const kind = next();
      if (kind < 0.002) row[i] = [Infinity, -Infinity, NaN, 0, -0, 1e-40][Math.floor(next() * 6)];
      else if (kind < 0.05) row[i] = row[Math.floor(next() * (i + 1))];
      else row[i] = (next() * 2 - 1) * spread;
    }
    setKernelEngine('wasm');
    const a = evaluate(name, row, { shape: [rows, size] });
    setKernelEngine('js');
    const b = evaluate(name, row, { shape: [rows, size] });
    for (let i = 0; i < row.length; i++) {
      if (same(a[i], b[i])) continue;
      if (mismatches++ < 10) console.log(`  ${name} [${rows}, ${size}], spread ${spread.toPrecision(3)}, at ${i}: wasm ${a[i]}, js ${b[i]}`);
    }
    r += rows;
    values += row.length;
  }
  report(name, `${rowCount} rows (${values} values)`, mismatches, started);
}

for (const [name, options] of CASES) if (wanted(name)) sweep(name, options);
if (wanted('glu')) sweepGlu();
for (const name of ['softmax', 'log_softmax']) if (wanted(name)) sweepRows(name);
process.exit(failures > 0 ? 1 : 0);
