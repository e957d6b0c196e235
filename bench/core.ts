// Benchmark section "core": per activation at 1e6 float32 values (uniform in [−8, 8]; functions along an
// axis: shape [1000, 1000], last axis), in one process, interleaved:
// - ours: `evaluate` with the WebAssembly kernels (the default), and with the JS kernels only;
// - honest: the fastest plain JavaScript loop of the textbook formula: branch-free (|x| arithmetic instead
//   of selects, whose mispredictions cost more than the formula), monomorphic, no call per element other
//   than Math's, no guards for NaN, ±∞ or cancellation;
// - TensorFlow.js' CPU backend and its WebAssembly backend (XNNPACK, SIMD, one thread), timed from a
//   Float32Array to a Float32Array (tensor creation, the op — the op where tfjs has one, else the
//   composition tfjs-layers uses —, dataSync, dispose), as ours writes into a preallocated `out`.
// Beside each speed, the contender's worst error in float32 ulps on the mpmath fixtures (the default-
// parameter case; '*' when it also gets a NaN, ±∞ or ±0 wrong there), and ours' distance from the
// memory-copy limit (Float32Array.set of the same values).
import erfcx from '@stdlib/math-base-special-erfcx';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate, kernelEngine, outputShape, setKernelEngine, type EvaluateOptions, type KernelEngine } from '../src/core';
import { SELU_SCALE, SELU_SCALE_ALPHA, SQRT1_2 } from '../src/core/kernels/constants';
import { fromBits, ulpAt, type AxisCase, type ElementwiseCase, type Reference } from '../test/unit/core/fixtures';
import { formatTable, median, timeInterleaved } from './harness';

const N = 1_000_000;
const ROWS = 1000;
const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'core');

/** out = f(x); functions along an axis get the row length. */
type Loop = (x: Float32Array, out: Float32Array, size: number) => void;
type TfOp = (x: tf.Tensor) => tf.Tensor;

interface Entry {
  readonly name: string;
  readonly options?: EvaluateOptions;
  /** Functions along an axis run on [ROWS, N / ROWS]. */
  readonly rows?: boolean;
  readonly honest: Loop;
  readonly tfjs: TfOp;
}

const half = (t: tf.Tensor): tf.Tensor => tf.mul(t, 0.5);

function honestSoftmax(x: Float32Array, out: Float32Array, size: number): void {
  for (let start = 0; start < x.length; start += size) {
    let max = -Infinity;
    for (let k = start; k < start + size; k++) max = x[k] > max ? x[k] : max;
    let sum = 0;
    for (let k = start; k < start + size; k++) sum += out[k] = Math.exp(x[k] - max);
    const scale = 1 / sum;
    for (let k = start; k < start + size; k++) out[k] *= scale;
  }
}

function honestLogSoftmax(x: Float32Array, out: Float32Array, size: number): void {
  for (let start = 0; start < x.length; start += size) {
    let max = -Infinity;
    for (let k = start; k < start + size; k++) max = x[k] > max ? x[k] : max;
    let sum = 0;
    for (let k = start; k < start + size; k++) sum += Math.exp(x[k] - max);
    const shift = max + Math.log(sum);
    for (let k = start; k < start + size; k++) out[k] = x[k] - shift;
  }
}

function honestGlu(x: Float32Array, out: Float32Array, size: number): void {
  const h = size / 2;
  for (let o = 0, rows = x.length / size; o < rows; o++) {
    for (let k = 0; k < h; k++) out[o * h + k] = x[o * size + k] / (1 + Math.exp(-x[o * size + h + k]));
  }
}

/** Sort each row, find the support with plain double sums, clip. */
function honestSparsemax(x: Float32Array, out: Float32Array, size: number): void {
  const sorted = new Float64Array(size);
  for (let start = 0; start < x.length; start += size) {
    for (let k = 0; k < size; k++) sorted[k] = x[start + k];
    sorted.sort();
    let sum = 0;
    let support = 0;
    let supportSum = 0;
    for (let j = 1; j <= size; j++) {
      const z = sorted[size - j];
      sum += z;
      if (1 + j * z > sum) {
        support = j;
        supportSum = sum;
      } else break;
    }
    const tau = (supportSum - 1) / support;
    for (let k = 0; k < size; k++) {
      const p = x[start + k] - tau;
      out[start + k] = (p + Math.abs(p)) * 0.5;
    }
  }
}

/** Keras' algorithm in tfjs ops, with the support sum taken correctly. */
function tfSparsemax(t: tf.Tensor): tf.Tensor {
  const size = t.shape[t.shape.length - 1];
  const sorted = tf.topk(t, size).values;
  const cumulative = tf.cumsum(sorted, t.rank - 1); // tfjs cumsum takes no negative axis
  const r = tf.range(1, size + 1);
  const support = tf.greater(tf.add(1, tf.mul(r, sorted)), cumulative);
  const k = tf.sum(tf.cast(support, 'float32'), -1, true);
  const supportSum = tf.sum(tf.where(support, sorted, tf.zerosLike(sorted)), -1, true);
  const tau = tf.div(tf.sub(supportSum, 1), k);
  return tf.relu(tf.sub(t, tau));
}

// Branch-free pieces: max(v, 0) = (v + |v|)/2, min(v, 0) = (v − |v|)/2, clip(v, lo, hi) = (|v − lo| − |v − hi| + lo + hi)/2.
const ENTRIES: readonly Entry[] = [
  {
    name: 'relu',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = (v + Math.abs(v)) * 0.5; } },
    tfjs: (t) => tf.relu(t),
  },
  {
    name: 'relu6',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = (Math.abs(v) - Math.abs(v - 6) + 6) * 0.5; } },
    tfjs: (t) => tf.relu6(t),
  },
  {
    name: 'leaky_relu',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = 0.6 * v + 0.4 * Math.abs(v); } },
    tfjs: (t) => tf.leakyRelu(t, 0.2),
  },
  {
    name: 'elu',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; const a = Math.abs(v); out[i] = (v + a) * 0.5 + Math.expm1((v - a) * 0.5); } },
    tfjs: (t) => tf.elu(t),
  },
  {
    name: 'selu',
    honest: (x, out) => {
      for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; const a = Math.abs(v); out[i] = SELU_SCALE * (v + a) * 0.5 + SELU_SCALE_ALPHA * Math.expm1((v - a) * 0.5); }
    },
    tfjs: (t) => tf.selu(t),
  },
  {
    name: 'gelu',
    honest: (x, out) => {
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        const a = Math.abs(v);
        out[i] = (v + a) * 0.5 - 0.5 * a * erfcx(a * SQRT1_2) * Math.exp(-0.5 * v * v);
      }
    },
    // tfjs-layers' GeLU: x·0.5·(1 + erf(x/√2)), erf from Abramowitz–Stegun 7.1.26.
    tfjs: (t) => tf.mul(t, tf.mul(0.5, tf.add(1, tf.erf(tf.div(t, Math.SQRT2))))),
  },
  {
    name: 'silu',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = v / (1 + Math.exp(-v)); } },
    tfjs: (t) => tf.mul(t, tf.sigmoid(t)),
  },
  {
    name: 'hard_silu',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = (v * (Math.abs(v + 3) - Math.abs(v - 3) + 6)) / 12; } },
    tfjs: (t) => tf.mul(t, tf.div(tf.relu6(tf.add(t, 3)), 6)),
  },
  {
    name: 'sigmoid',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i])); },
    tfjs: (t) => tf.sigmoid(t),
  },
  {
    name: 'hard_sigmoid',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = (Math.abs(v + 3) - Math.abs(v - 3) + 6) / 12; } },
    tfjs: (t) => tf.clipByValue(tf.add(tf.div(t, 6), 0.5), 0, 1),
  },
  {
    name: 'sparse_sigmoid',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = (Math.abs(v + 1) - Math.abs(v - 1) + 2) * 0.25; } },
    tfjs: (t) => tf.clipByValue(half(tf.add(t, 1)), 0, 1),
  },
  {
    name: 'log_sigmoid',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; const a = Math.abs(v); out[i] = (v - a) * 0.5 - Math.log1p(Math.exp(-a)); } },
    tfjs: (t) => tf.logSigmoid(t),
  },
  {
    name: 'softplus',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; const a = Math.abs(v); out[i] = (v + a) * 0.5 + Math.log1p(Math.exp(-a)); } },
    tfjs: (t) => tf.softplus(t),
  },
  {
    name: 'softsign',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = v / (1 + Math.abs(v)); } },
    tfjs: (t) => tf.div(t, tf.add(tf.abs(t), 1)),
  },
  {
    name: 'tanh',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) out[i] = Math.tanh(x[i]); },
    tfjs: (t) => tf.tanh(t),
  },
  {
    name: 'hard_tanh',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = (Math.abs(v + 1) - Math.abs(v - 1)) * 0.5; } },
    tfjs: (t) => tf.clipByValue(t, -1, 1),
  },
  {
    name: 'tanh_shrink',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = v - Math.tanh(v); } },
    tfjs: (t) => tf.sub(t, tf.tanh(t)),
  },
  {
    name: 'soft_shrink',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = v - (Math.abs(v + 0.5) - Math.abs(v - 0.5)) * 0.5; } },
    tfjs: (t) => tf.mul(tf.sign(t), tf.relu(tf.sub(tf.abs(t), 0.5))),
  },
  {
    name: 'hard_shrink',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = v * +(Math.abs(v) > 0.5); } },
    tfjs: (t) => tf.where(tf.greater(tf.abs(t), 0.5), t, tf.zerosLike(t)),
  },
  {
    name: 'sparse_plus',
    honest: (x, out) => {
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        const c = (Math.abs(v + 1) - Math.abs(v - 1)) * 0.5 + 1;
        out[i] = c * c * 0.25 + (v - 1 + Math.abs(v - 1)) * 0.5;
      }
    },
    tfjs: (t) => tf.where(tf.lessEqual(t, -1), tf.zerosLike(t), tf.where(tf.greaterEqual(t, 1), t, tf.mul(tf.square(tf.add(t, 1)), 0.25))),
  },
  {
    name: 'squareplus',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = (v + Math.sqrt(v * v + 4)) * 0.5; } },
    tfjs: (t) => half(tf.add(t, tf.sqrt(tf.add(tf.square(t), 4)))),
  },
  {
    name: 'celu',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; const a = Math.abs(v); out[i] = (v + a) * 0.5 + Math.expm1((v - a) * 0.5); } },
    tfjs: (t) => tf.add(tf.relu(t), tf.expm1(tf.minimum(t, 0))),
  },
  {
    name: 'mish',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; const w = Math.exp(v); const m = w * (w + 2); out[i] = (v * m) / (m + 2); } },
    tfjs: (t) => tf.mul(t, tf.tanh(tf.softplus(t))),
  },
  {
    name: 'exponential',
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) out[i] = Math.exp(x[i]); },
    tfjs: (t) => tf.exp(t),
  },
  {
    name: 'linear',
    honest: (x, out) => out.set(x),
    tfjs: (t) => tf.clone(t),
  },
  {
    name: 'threshold',
    options: { threshold: 0.5, default_value: -1 },
    honest: (x, out) => { for (let i = 0, n = x.length; i < n; i++) { const v = x[i]; out[i] = (v + 1) * +(v > 0.5) - 1; } },
    tfjs: (t) => tf.where(tf.greater(t, 0.5), t, tf.fill(t.shape, -1)),
  },
  { name: 'softmax', rows: true, honest: honestSoftmax, tfjs: (t) => tf.softmax(t) },
  { name: 'log_softmax', rows: true, honest: honestLogSoftmax, tfjs: (t) => tf.logSoftmax(t) },
  {
    name: 'glu',
    rows: true,
    honest: honestGlu,
    tfjs: (t) => {
      const [a, b] = tf.split(t, 2, -1);
      return tf.mul(a, tf.sigmoid(b));
    },
  },
  { name: 'sparsemax', rows: true, honest: honestSparsemax, tfjs: tfSparsemax },
];

const CONTENDERS = ['wasm', 'js', 'honest', 'tfjs-cpu', 'tfjs-wasm'] as const;
type Contender = (typeof CONTENDERS)[number];

/** One contender's way of computing an entry on given values and shape. */
type Compute = (x: Float32Array, shape: readonly number[], out: Float32Array) => Float32Array;

function computeWith(entry: Entry, contender: Contender): Compute {
  const ours = (engine: KernelEngine): Compute => (x, shape, out) => {
    setKernelEngine(engine);
    // linear returns its input like Keras' (and tfjs' clone shares the data): nothing to write.
    return evaluate(entry.name, x, { ...entry.options, shape, ...(entry.name === 'linear' ? {} : { out }) });
  };
  const tfjs = (backend: string): Compute => (x, shape) => {
    void tf.setBackend(backend); // synchronous once the backend is initialised
    const y = tf.tidy(() => entry.tfjs(tf.tensor(x, shape as number[])));
    const data = y.dataSync() as Float32Array;
    y.dispose();
    return data;
  };
  switch (contender) {
    case 'wasm':
      return ours('wasm');
    case 'js':
      return ours('js');
    case 'honest':
      return (x, shape, out) => {
        entry.honest(x, out, shape[shape.length - 1]);
        return out;
      };
    case 'tfjs-cpu':
      return tfjs('cpu');
    case 'tfjs-wasm':
      return tfjs('wasm');
  }
}

export interface CoreResult {
  readonly name: string;
  /** ns per element and worst fixture ulp ('*': a special value wrong), per contender. */
  readonly ns: Readonly<Record<Contender, number>>;
  readonly ulp: Readonly<Record<Contender, string>>;
}

/** Deterministic values in [−8, 8] (a linear congruential generator, so runs compare). */
function inputs(): Float32Array {
  const x = new Float32Array(N);
  let state = 12345;
  for (let i = 0; i < N; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    x[i] = (state / 2 ** 32) * 16 - 8;
  }
  return x;
}

/** The fixture cases an entry is scored on: its default-parameter case, or its rows along the last axis. */
function fixtureCases(entry: Entry): { x: Float32Array; shape: number[]; reference: Reference }[] {
  if (entry.rows) {
    const { cases } = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'axis.json'), 'utf8')) as { cases: AxisCase[] };
    return cases
      .filter((c) => c.function === entry.name && (c.axis === -1 || c.axis === c.shape.length - 1))
      .map((c) => ({ x: fromBits(c.x), shape: c.shape, reference: c }));
  }
  const file = path.join(FIXTURES, 'elementwise', `${entry.name}.json`);
  const { cases } = JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: ElementwiseCase[] };
  const wanted = Object.entries(entry.options ?? {});
  const match = cases.find((c) => c.variant === 'keras3' && wanted.every(([key, value]) => c.params[key] === Math.fround(value as number))) ?? cases[0];
  return [{ x: fromBits(match.x), shape: [match.x.length], reference: match.value }];
}

/** Worst error in ulps over the cases; '*' when a NaN, ±∞ or the sign of a zero is also wrong somewhere. */
function worstUlp(compute: Compute, cases: ReturnType<typeof fixtureCases>): string {
  let worst = 0;
  let special = false;
  for (const { x, shape, reference } of cases) {
    const got = compute(x, shape, new Float32Array(reference.f32.length)).slice();
    const expected = fromBits(reference.f32);
    for (let i = 0; i < expected.length; i++) {
      const exact = Number(reference.exact[i]);
      if (Number.isFinite(expected[i]) && expected[i] !== 0) {
        if (Number.isNaN(got[i])) special = true;
        else worst = Math.max(worst, Math.abs(got[i] - exact) / ulpAt(exact));
      }
      else if (!(Object.is(got[i], expected[i]) || (Number.isNaN(got[i]) && Number.isNaN(expected[i])))) {
        if (Number.isFinite(got[i]) && expected[i] === 0) worst = Math.max(worst, Math.abs(got[i]) / ulpAt(0));
        if (!Number.isFinite(got[i]) || !Number.isFinite(expected[i]) || got[i] !== 0) special = true;
      }
    }
  }
  const text = worst === 0 ? '0' : worst === Infinity ? '∞' : worst < 10 ? worst.toFixed(2) : worst.toExponential(0);
  return `${text}${special ? '*' : ''}`;
}

async function setUpTfjs(): Promise<void> {
  setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}${path.sep}`);
  await tf.setBackend('wasm');
  await tf.ready();
  if (!tf.env().getBool('WASM_HAS_SIMD_SUPPORT')) console.warn('  tfjs-backend-wasm runs without SIMD');
  await tf.setBackend('cpu');
  await tf.ready();
}

export interface CoreReport {
  readonly results: CoreResult[];
  /** ns per element of Float32Array.set over the same values: the memory-copy limit. */
  readonly copyNs: number;
}

export async function runCoreBench(filter: readonly string[] = []): Promise<CoreReport> {
  await setUpTfjs();
  const engine = kernelEngine();
  const x = inputs();
  const copy = new Float32Array(N);
  const copyNs = (median(Array.from({ length: 3 }, () => timeInterleaved([{ name: 'copy', run: () => copy.set(x) }])[0])) * 1e6) / N;
  const results: CoreResult[] = [];
  for (const entry of ENTRIES) {
    if (filter.length && !filter.includes(entry.name)) continue;
    const shape = entry.rows ? [ROWS, N / ROWS] : [N];
    const outLength = outputShape(entry.name, shape, entry.options).reduce((product, dim) => product * dim, 1);
    const computes = CONTENDERS.map((contender) => computeWith(entry, contender));
    const outs = CONTENDERS.map(() => new Float32Array(outLength));
    const results0: Float32Array[] = outs.slice();
    const ms = timeInterleaved(CONTENDERS.map((name, k) => ({ name, run: () => (results0[k] = computes[k](x, shape, outs[k])) })));
    checkAgreement(entry.name, results0);
    const cases = fixtureCases(entry);
    const ns = Object.fromEntries(CONTENDERS.map((c, k) => [c, (ms[k] * 1e6) / N])) as Record<Contender, number>;
    const ulp = Object.fromEntries(CONTENDERS.map((c, k) => [c, worstUlp(computes[k], cases)])) as Record<Contender, string>;
    results.push({ name: entry.name, ns, ulp });
    process.stderr.write('.');
  }
  setKernelEngine(engine);
  process.stderr.write('\n');
  return { results, copyNs };
}

/** The contenders must compute the same thing: within 2^-20 relative of ours (tfjs: 1e-3) on the bench's values. */
function checkAgreement(name: string, outputs: readonly Float32Array[]): void {
  const [ours] = outputs;
  outputs.forEach((other, k) => {
    let worst = 0;
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - other[i]) / Math.max(Math.abs(ours[i]), 1e-3));
    const allowed = CONTENDERS[k].startsWith('tfjs') ? 1e-3 : 2 ** -20;
    if (!(worst <= allowed)) console.warn(`  ${name}: ${CONTENDERS[k]} differs from ours by ${worst.toExponential(2)} (relative)`);
  });
}

export function formatCoreResults({ results, copyNs }: CoreReport): string {
  const rows = results.map((r) => [
    r.name,
    ...CONTENDERS.map((c) => `${r.ns[c].toFixed(2)} ${r.ulp[c].padStart(6)}`),
    (r.ns['tfjs-wasm'] / r.ns.wasm).toFixed(2),
    (r.ns.js / r.ns.honest).toFixed(2),
    (r.ns.wasm / copyNs).toFixed(0),
  ]);
  const header = ['function', ...CONTENDERS.map((c) => `${c} ns  ulp`), 'tfjs-wasm/wasm', 'js/honest', 'wasm/copy'];
  return `memory-copy limit (Float32Array.set): ${copyNs.toFixed(3)} ns/element\n\n${formatTable(header, rows)}`;
}
