// A/B of WebAssembly kernel modules alone: each module's kernels called in a loop on 4096 values uniform in
// [−8, 8] (softmax and log_softmax: 4 rows of 1000, copied in as the runner does), the modules interleaved round
// by round in rotating order, CPU time (process.cpuUsage), medians; beside each, the lanes it flags per call (the
// JS fallback's work, not timed here). Not a test: a measuring tool, for a change to the module.
//   node test/wasm/ab.mjs --from-generated before.wasm     (the current build's module, from src/generated/kernels-wasm.ts)
//   node test/wasm/ab.mjs [--rounds 15] [--only sigmoid,softmax] before.wasm after.wasm …
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
let rounds = 15;
let only;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--only') only = args[++i].split(',');
  else if (args[i] === '--from-generated') {
    // node test/wasm/ab.mjs --from-generated out.wasm: writes the current build's module to out.wasm.
    const text = readFileSync(new URL('../../src/generated/kernels-wasm.ts', import.meta.url), 'utf8');
    writeFileSync(args[++i], Buffer.from(text.match(/'([^']*)'/)[1], 'base64'));
    process.exit(0);
  } else files.push(args[i]);
}

const N = 4096;
const ROW = 1000;
/** [kernel, p, q] */
const KERNELS = [
  ['sigmoid', 0, 0], ['silu', 0, 0], ['elu', 1, 1], ['selu', 0, 0], ['exponential', 0, 0],
  ['gelu', 0, 0], ['gelu_tanh', 0, 0], ['tanh', 0, 0], ['softplus', 0, 0], ['log_sigmoid', 0, 0], ['mish', 0, 0],
  ['tanh_shrink', 0, 0], ['glu', 0, 0], ['softmax', 0, 0], ['log_softmax', 0, 0],
];
const SELECTED = only ? only.map((name) => KERNELS.find(([k]) => k === name) ?? [name, 1, 1]) : KERNELS;

function values(count, seed) {
  const x = new Float32Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    x[i] = (state / 2 ** 32) * 16 - 8;
  }
  return x;
}
const x = values(N, 12345);
const x2 = values(N, 777);

const modules = files.map((file) => {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), {});
  const g = (name) => exports[name].value;
  const row = g('ROW');
  const needed = row + 12 * (ROW + 8) + 16 * ROW;
  if (exports.memory.buffer.byteLength < needed) exports.memory.grow(Math.ceil((needed - exports.memory.buffer.byteLength) / 65536));
  const f32 = new Float32Array(exports.memory.buffer);
  f32.set(x, g('IN') >> 2);
  f32.set(x2, g('IN2') >> 2);
  return { file, exports, f32, row: row >> 2 };
});

const isRows = (name) => name === 'softmax' || name === 'log_softmax';

/**
 * One timing: ns per element of `reps` calls. Rows: 4 rows of 1000 per call, copied in as the runner does —
 * one row at a time for a module with `<name>_row` (before blocks of rows), a block for `<name>_rows`.
 */
function time(m, [name, p, q], reps) {
  let flagged = 0;
  const start = process.cpuUsage();
  if (isRows(name)) {
    const { f32, row, exports } = m;
    if (exports[`${name}_rows`]) {
      const kernel = exports[`${name}_rows`];
      const block = exports.rowsAt(ROW) >> 2;
      for (let r = 0; r < reps; r++) {
        f32.set(x.subarray(0, 4 * ROW), block);
        flagged += kernel(4, ROW);
      }
    } else {
      const kernel = exports[`${name}_row`];
      for (let r = 0; r < reps; r++) {
        for (let k = 0; k < 4; k++) {
          f32.set(x.subarray(k * ROW, (k + 1) * ROW), row);
          f32.fill(-Infinity, row + ROW, row + ((ROW + 7) & ~7));
          flagged += kernel(ROW, p, q);
        }
      }
    }
  } else {
    const kernel = m.exports[name];
    for (let r = 0; r < reps; r++) flagged += kernel(N, p, q);
  }
  const used = process.cpuUsage(start);
  const elements = reps * (isRows(name) ? 4 * ROW : N);
  return { ns: ((used.user + used.system) * 1e3) / elements, flagged: flagged / reps };
}

const REPS = 250;
for (const m of modules) for (const k of SELECTED) time(m, k, 20); // warm up
const results = SELECTED.map(() => modules.map(() => []));
const flags = SELECTED.map(() => modules.map(() => 0));
for (let round = 0; round < rounds; round++) {
  SELECTED.forEach((k, ki) => {
    for (let j = 0; j < modules.length; j++) {
      const mi = (j + round) % modules.length;
      const { ns, flagged } = time(modules[mi], k, REPS);
      results[ki][mi].push(ns);
      flags[ki][mi] = flagged;
    }
  });
}
const median = (a) => { const s = a.slice().sort((u, v) => u - v); return s[s.length >> 1]; };
const pad = (s, n) => String(s).padStart(n);
console.log(`${'kernel'.padEnd(16)}${modules.map((m, i) => pad(`#${i} ns/el (flagged/call)`, 26)).join('')}${modules.length > 1 ? pad('#1/#0', 8) : ''}`);
SELECTED.forEach(([name], ki) => {
  const med = results[ki].map(median);
  const cells = med.map((ns, mi) => pad(`${ns.toFixed(3)} (${flags[ki][mi].toFixed(1)})`, 26)).join('');
  console.log(`${name.padEnd(16)}${cells}${modules.length > 1 ? pad((med[1] / med[0]).toFixed(3), 8) : ''}`);
});
files.forEach((f, i) => console.log(`#${i} ${f}`));
