// Compiles the WebAssembly SIMD kernels (src/core/wasm/assembly/, AssemblyScript) and writes them to
// src/generated/kernels-wasm.ts as base64, so every bundle and the unit tests embed the module and
// instantiate it synchronously, without fs or fetch. Run by scripts/generated.cjs when a source changed.
import asc from 'assemblyscript/asc';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const output = join(root, 'src/generated/kernels-wasm.ts');

/**
 * 2^(j/size), j = 0..size − 1, correctly rounded to double, as bit patterns less j << (52 − log2 size): exp's
 * table (kernels.ts adds k << (52 − log2 size) for k = size·q + j, which puts q in the exponent field and takes
 * the j back out, with no mask). Integer arithmetic only: m = round(2^(52 + j/size)) is the integer with
 * (2m − 1)^size < 2^(53·size + j) ≤ (2m + 1)^size (no tie: 2^(j/size) is irrational for j > 0), found by
 * bisection on m^size ≤ 2^(52·size + j).
 */
function exp2Table(size) {
  const n = BigInt(size);
  const shift = 52n - BigInt(Math.log2(size));
  const rows = [];
  for (let j = 0n; j < n; j++) {
    const target = 1n << (52n * n + j);
    let lo = 1n << 52n;
    let hi = 1n << 53n;
    while (hi - lo > 1n) {
      const mid = (lo + hi) >> 1n;
      if (mid ** n <= target) lo = mid;
      else hi = mid;
    }
    const m = (2n * lo + 1n) ** n <= 1n << (53n * n + j) ? lo + 1n : lo;
    const bits = (1023n << 52n) + (m - (1n << 52n)) - (j << shift);
    rows.push(`  0x${bits.toString(16)}`);
  }
  return rows.join(',\n');
}

/** The table's size: x = (k/EXP_N)·ln 2 + r, |r| ≤ ln 2/(2·EXP_N). */
const EXP_N = 128;

const bitLength = (v) => v.toString(2).length;

/** num/den (positive integers) rounded to the nearest double (normal range, ties to even). */
function toDouble(num, den) {
  let e = bitLength(num) - bitLength(den) - 53;
  for (;;) {
    const q = e >= 0 ? num / (den << BigInt(e)) : (num << BigInt(-e)) / den;
    if (q >= 1n << 53n) e++;
    else if (q < 1n << 52n) e--;
    else {
      const scaledDen = e >= 0 ? den << BigInt(e) : den;
      const scaledNum = e >= 0 ? num : num << BigInt(-e);
      const twice = 2n * (scaledNum - q * scaledDen);
      const m = twice > scaledDen || (twice === scaledDen && (q & 1n) === 1n) ? q + 1n : q;
      return Number(m) * 2 ** e; // m ≤ 2^53 and a power of two: exact
    }
  }
}

/**
 * ln 2 between lo/2^P and (lo + 2)/2^P: Σ 1/(k·2^k), each term truncated with 16 guard bits (the terms'
 * truncations and the dropped tail together stay below 2^-P).
 */
function ln2Bounds(P) {
  const guard = 16n;
  const bits = BigInt(P) + guard;
  let sum = 0n;
  for (let k = 1n; k <= bits; k++) sum += (1n << (bits - k)) / k;
  const lo = sum >> guard;
  return [lo, lo + 2n];
}

/**
 * The u-form constants of kernels.ts' exp, each correctly rounded: EXP_N/ln 2 and c_k = (ln 2/EXP_N)^k/k!, k = 1..4,
 * so that e^z = 2^(k/EXP_N)·(1 + Σ c_k·u^k), u = z·EXP_N/ln 2 − k. Each is rounded at both ends of ln 2's interval,
 * which must agree: then it is the correctly rounded value.
 */
function expConstants() {
  const P = 320;
  const [lo, hi] = ln2Bounds(P);
  const unit = 1n << BigInt(P);
  const n = BigInt(EXP_N);
  const certain = (label, a, b) => {
    if (a !== b) throw new Error(`${label}: ln 2 is not known finely enough to round it`);
    return a;
  };
  const constants = { EXP_C: certain('EXP_N/ln 2', toDouble(n * unit, hi), toDouble(n * unit, lo)) };
  let factorial = 1n;
  for (let k = 1n; k <= 4n; k++) {
    factorial *= k;
    const at = (ln2) => toDouble(ln2 ** k, (n * unit) ** k * factorial);
    constants[`EXP_U${k}`] = certain(`c${k}`, at(lo), at(hi));
  }
  return constants;
}

/** kernels.ts imports './exp-constants', which exists only here: the compiler reads it from this build, not from disk. */
const EXP_CONSTANTS_FILE = 'src/core/wasm/assembly/exp-constants.ts';
const expConstantsSource =
  `// From scripts/build-wasm.mjs (exact integer arithmetic): exp's table of 2^(j/${EXP_N}), j = 0..${EXP_N - 1}, correctly\n` +
  `// rounded (double bits, less j << EXP_SHIFT_BITS), and the u-form's constants, correctly rounded.\n` +
  `export const EXP_N: i32 = ${EXP_N};\n` +
  `export const EXP_SHIFT_BITS: i32 = ${52 - Math.log2(EXP_N)};\n` +
  `export const EXP2_TABLE_AT = memory.data<i64>([\n${exp2Table(EXP_N)},\n]);\n` +
  Object.entries(expConstants())
    .map(([name, value]) => `export const ${name}: f64 = ${value};\n`)
    .join('');

let binary;
const { error, stderr } = await asc.main(
  [
    'src/core/wasm/assembly/kernels.ts',
    '--enable', 'simd',
    '--runtime', 'stub',
    '-O3', '--noAssert',
    // No imports: an abort would need the host's `env.abort`, and the kernels never abort.
    '--use', 'abort=',
    '--outFile', 'kernels.wasm',
  ],
  {
    baseDir: root,
    readFile(name, baseDir) {
      const file = join(root, baseDir, name);
      if (file === join(root, EXP_CONSTANTS_FILE)) return expConstantsSource;
      return existsSync(file) ? readFileSync(file, 'utf8') : null;
    },
    writeFile(name, contents) {
      if (name.endsWith('.wasm')) binary = contents;
    },
  },
);
if (error) {
  console.error(stderr.toString());
  throw error;
}
mkdirSync(dirname(output), { recursive: true });
writeFileSync(
  output,
  `// Generated by scripts/build-wasm.mjs from src/core/wasm/assembly/: do not edit.\n` +
    `export const KERNELS_WASM: string = '${Buffer.from(binary).toString('base64')}';\n`,
);
