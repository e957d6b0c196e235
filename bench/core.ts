// Benchmark section "core": our `evaluate` for every activation against TensorFlow.js' CPU backend (its
// op where it has one, else a composition of its ops, as tfjs-layers does) and against the fastest bare
// loop we can write for the same formula (hand-inlined, same erfcx, no validation, no NaN/∞ guards),
// on 1e6 float32 values in [−6, 6] (functions along an axis: shape [1000, 1000], last axis).
// Ours writes into a preallocated `out`, as the plot does; tfjs is timed from a Float32Array to a
// Float32Array (tensor creation, the op, dataSync, dispose).
import erfcx from '@stdlib/math-base-special-erfcx';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { evaluate, outputShape, type EvaluateOptions } from '../src/core';
import { SELU_SCALE, SELU_SCALE_ALPHA, SQRT1_2, TANH_SHRINK_SERIES, TANH_SHRINK_SERIES_CUTOFF } from '../src/core/kernels/constants';
import { formatTable, timeInterleaved } from './harness';

const N = 1_000_000;
const ROWS = 1000;

type Loop = (x: Float32Array, out: Float32Array) => void;
type TfOp = (x: tf.Tensor) => tf.Tensor;

interface Entry {
  readonly name: string;
  readonly options?: EvaluateOptions;
  /** Functions along an axis run on [ROWS, N / ROWS]. */
  readonly rows?: boolean;
  readonly bare: Loop;
  readonly tfjs: TfOp;
}

const half = (t: tf.Tensor): tf.Tensor => tf.mul(t, 0.5);

function bareSoftmax(x: Float32Array, out: Float32Array): void {
  const size = N / ROWS;
  const terms = new Float64Array(size);
  for (let start = 0; start < N; start += size) {
    let max = -Infinity;
    for (let k = 0; k < size; k++) if (x[start + k] > max) max = x[start + k];
    let sum = 0;
    for (let k = 0; k < size; k++) sum += terms[k] = Math.exp(x[start + k] - max);
    for (let k = 0; k < size; k++) out[start + k] = terms[k] / sum;
  }
}

function bareLogSoftmax(x: Float32Array, out: Float32Array): void {
  const size = N / ROWS;
  for (let start = 0; start < N; start += size) {
    let max = -Infinity;
    for (let k = 0; k < size; k++) if (x[start + k] > max) max = x[start + k];
    let sum = 0;
    for (let k = 0; k < size; k++) sum += Math.exp(x[start + k] - max);
    const logSum = Math.log(sum);
    for (let k = 0; k < size; k++) out[start + k] = x[start + k] - max - logSum;
  }
}

function bareGlu(x: Float32Array, out: Float32Array): void {
  const size = N / ROWS;
  const h = size / 2;
  for (let o = 0; o < ROWS; o++) {
    for (let k = 0; k < h; k++) {
      const b = x[o * size + h + k];
      const e = Math.exp(-Math.abs(b));
      out[o * h + k] = (x[o * size + k] * (b >= 0 ? 1 : e)) / (1 + e);
    }
  }
}

/** Sort each row, find the support with plain double sums (no double-double), clip. */
function bareSparsemax(x: Float32Array, out: Float32Array): void {
  const size = N / ROWS;
  const sorted = new Float64Array(size);
  for (let start = 0; start < N; start += size) {
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
      out[start + k] = p > 0 ? p : 0;
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

const [c1, c2, c3, c4, c5, c6, c7, c8] = TANH_SHRINK_SERIES;

const ENTRIES: readonly Entry[] = [
  {
    name: 'relu',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v > 0 ? v : 0; } },
    tfjs: (t) => tf.relu(t),
  },
  {
    name: 'relu6',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v > 0 ? (v < 6 ? v : 6) : 0; } },
    tfjs: (t) => tf.relu6(t),
  },
  {
    name: 'leaky_relu',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v >= 0 ? v : 0.2 * v; } },
    tfjs: (t) => tf.leakyRelu(t, 0.2),
  },
  {
    name: 'elu',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v > 0 ? v : Math.expm1(v); } },
    tfjs: (t) => tf.elu(t),
  },
  {
    name: 'selu',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v > 0 ? SELU_SCALE * v : SELU_SCALE_ALPHA * Math.expm1(v); } },
    tfjs: (t) => tf.selu(t),
  },
  {
    name: 'gelu',
    bare: (x, out) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        const a = Math.abs(v);
        const tail = 0.5 * a * erfcx(a * SQRT1_2) * Math.exp(-0.5 * v * v);
        out[i] = v >= 0 ? v - tail : -tail;
      }
    },
    // tfjs-layers' GeLU: x·0.5·(1 + erf(x/√2)), erf from Abramowitz–Stegun 7.1.26.
    tfjs: (t) => tf.mul(t, tf.mul(0.5, tf.add(1, tf.erf(tf.div(t, Math.SQRT2))))),
  },
  {
    name: 'silu',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; const e = Math.exp(-Math.abs(v)); out[i] = (v * (v >= 0 ? 1 : e)) / (1 + e); } },
    tfjs: (t) => tf.mul(t, tf.sigmoid(t)),
  },
  {
    name: 'hard_silu',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v <= -3 ? 0 : v >= 3 ? v : (v * (v + 3)) / 6; } },
    tfjs: (t) => tf.mul(t, tf.div(tf.relu6(tf.add(t, 3)), 6)),
  },
  {
    name: 'sigmoid',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; const e = Math.exp(-Math.abs(v)); out[i] = (v >= 0 ? 1 : e) / (1 + e); } },
    tfjs: (t) => tf.sigmoid(t),
  },
  {
    name: 'hard_sigmoid',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v <= -3 ? 0 : v >= 3 ? 1 : (v + 3) / 6; } },
    tfjs: (t) => tf.clipByValue(tf.add(tf.div(t, 6), 0.5), 0, 1),
  },
  {
    name: 'sparse_sigmoid',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v <= -1 ? 0 : v >= 1 ? 1 : (v + 1) * 0.5; } },
    tfjs: (t) => tf.clipByValue(half(tf.add(t, 1)), 0, 1),
  },
  {
    name: 'log_sigmoid',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = (v < 0 ? v : 0) - Math.log1p(Math.exp(-Math.abs(v))); } },
    tfjs: (t) => tf.logSigmoid(t),
  },
  {
    name: 'softplus',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = (v > 0 ? v : 0) + Math.log1p(Math.exp(-Math.abs(v))); } },
    tfjs: (t) => tf.softplus(t),
  },
  {
    name: 'softsign',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v / (1 + Math.abs(v)); } },
    tfjs: (t) => tf.div(t, tf.add(tf.abs(t), 1)),
  },
  {
    name: 'tanh',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]); },
    tfjs: (t) => tf.tanh(t),
  },
  {
    name: 'hard_tanh',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v < -1 ? -1 : v > 1 ? 1 : v; } },
    tfjs: (t) => tf.clipByValue(t, -1, 1),
  },
  {
    name: 'tanh_shrink',
    bare: (x, out) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        if (Math.abs(v) < TANH_SHRINK_SERIES_CUTOFF) {
          const s = v * v;
          out[i] = v * s * (c1 + s * (c2 + s * (c3 + s * (c4 + s * (c5 + s * (c6 + s * (c7 + s * c8)))))));
        } else out[i] = v - Math.tanh(v);
      }
    },
    tfjs: (t) => tf.sub(t, tf.tanh(t)),
  },
  {
    name: 'soft_shrink',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v > 0.5 ? v - 0.5 : v < -0.5 ? v + 0.5 : 0; } },
    tfjs: (t) => tf.mul(tf.sign(t), tf.relu(tf.sub(tf.abs(t), 0.5))),
  },
  {
    name: 'hard_shrink',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = Math.abs(v) > 0.5 ? v : 0; } },
    tfjs: (t) => tf.where(tf.greater(tf.abs(t), 0.5), t, tf.zerosLike(t)),
  },
  {
    name: 'sparse_plus',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; const u = v + 1; out[i] = v <= -1 ? 0 : v >= 1 ? v : u * u * 0.25; } },
    tfjs: (t) => tf.where(tf.lessEqual(t, -1), tf.zerosLike(t), tf.where(tf.greaterEqual(t, 1), t, tf.mul(tf.square(tf.add(t, 1)), 0.25))),
  },
  {
    name: 'squareplus',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; const root = Math.sqrt(v * v + 4); out[i] = v >= 0 ? (v + root) * 0.5 : 4 / (2 * (root - v)); } },
    tfjs: (t) => half(tf.add(t, tf.sqrt(tf.add(tf.square(t), 4)))),
  },
  {
    name: 'celu',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v > 0 ? v : Math.expm1(v); } },
    tfjs: (t) => tf.add(tf.relu(t), tf.expm1(tf.minimum(t, 0))),
  },
  {
    name: 'mish',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; const w = Math.exp(v); const m = w * (w + 2); out[i] = v > 20 ? v : (v * m) / (m + 2); } },
    tfjs: (t) => tf.mul(t, tf.tanh(tf.softplus(t))),
  },
  {
    name: 'exponential',
    bare: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]); },
    tfjs: (t) => tf.exp(t),
  },
  {
    name: 'linear',
    bare: (x, out) => out.set(x),
    tfjs: (t) => tf.clone(t),
  },
  {
    name: 'threshold',
    options: { threshold: 0.5, default_value: -1 },
    bare: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v > 0.5 ? v : -1; } },
    tfjs: (t) => tf.where(tf.greater(t, 0.5), t, tf.fill(t.shape, -1)),
  },
  { name: 'softmax', rows: true, bare: bareSoftmax, tfjs: (t) => tf.softmax(t) },
  { name: 'log_softmax', rows: true, bare: bareLogSoftmax, tfjs: (t) => tf.logSoftmax(t) },
  {
    name: 'glu',
    rows: true,
    bare: bareGlu,
    tfjs: (t) => {
      const [a, b] = tf.split(t, 2, -1);
      return tf.mul(a, tf.sigmoid(b));
    },
  },
  { name: 'sparsemax', rows: true, bare: bareSparsemax, tfjs: tfSparsemax },
];

export interface CoreResult {
  readonly name: string;
  readonly oursNs: number;
  readonly bareNs: number;
  readonly tfjsNs: number;
}

/** Deterministic values in [−6, 6] (a linear congruential generator, so runs compare). */
function inputs(): Float32Array {
  const x = new Float32Array(N);
  let state = 12345;
  for (let i = 0; i < N; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    x[i] = (state / 2 ** 32) * 12 - 6;
  }
  return x;
}

export async function runCoreBench(filter: readonly string[] = []): Promise<CoreResult[]> {
  await tf.setBackend('cpu');
  await tf.ready();
  const x = inputs();
  const results: CoreResult[] = [];
  for (const entry of ENTRIES) {
    if (filter.length && !filter.includes(entry.name)) continue;
    const shape = entry.rows ? [ROWS, N / ROWS] : [N];
    const outLength = outputShape(entry.name, shape, entry.options).reduce((product, dim) => product * dim, 1);
    const ours = new Float32Array(outLength);
    const bare = new Float32Array(outLength);
    // linear returns its input like Keras' (and tfjs' clone shares the data): nothing to write.
    const out = entry.name === 'linear' ? {} : { out: ours };
    const options: EvaluateOptions = { ...entry.options, ...(entry.rows ? { shape } : {}), ...out };
    let fromTfjs: Float32Array = new Float32Array(0);
    let fromOurs: Float32Array = ours;
    const [oursMs, bareMs, tfjsMs] = timeInterleaved([
      { name: 'ours', run: () => (fromOurs = evaluate(entry.name, x, options)) },
      { name: 'bare', run: () => entry.bare(x, bare) },
      {
        name: 'tfjs',
        run: () => {
          const y = tf.tidy(() => entry.tfjs(tf.tensor(x, shape)));
          fromTfjs = y.dataSync() as Float32Array;
          y.dispose();
        },
      },
    ]);
    checkAgreement(entry.name, fromOurs, bare, fromTfjs);
    results.push({ name: entry.name, oursNs: (oursMs * 1e6) / N, bareNs: (bareMs * 1e6) / N, tfjsNs: (tfjsMs * 1e6) / N });
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return results;
}

/** The contenders must compute the same thing: ours and the bare loop agree to an ulp or so, tfjs to 1e-3. */
function checkAgreement(name: string, ours: Float32Array, bare: Float32Array, tfjs: Float32Array): void {
  let worstBare = 0;
  let worstTfjs = 0;
  for (let i = 0; i < ours.length; i++) {
    const scale = Math.max(Math.abs(ours[i]), 1e-30);
    worstBare = Math.max(worstBare, Math.abs(ours[i] - bare[i]) / scale);
    worstTfjs = Math.max(worstTfjs, Math.abs(ours[i] - tfjs[i]) / Math.max(scale, 1e-3));
  }
  if (worstBare > 2 ** -22) console.warn(`  ${name}: bare loop differs from ours by ${worstBare.toExponential(2)} (relative)`);
  if (worstTfjs > 1e-3) console.warn(`  ${name}: TensorFlow.js differs from ours by ${worstTfjs.toExponential(2)} (relative)`);
}

export function formatCoreResults(results: readonly CoreResult[]): string {
  const rows = results.map((r) => [
    r.name,
    r.oursNs.toFixed(2),
    r.bareNs.toFixed(2),
    r.tfjsNs.toFixed(2),
    (r.oursNs / r.bareNs).toFixed(2),
    (r.tfjsNs / r.oursNs).toFixed(1),
  ]);
  return formatTable(['function', 'ours ns/el', 'bare ns/el', 'tfjs ns/el', 'ours/bare', 'tfjs/ours'], rows);
}
