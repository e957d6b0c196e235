// The activations that work along an axis of an n-d array: softmax, log_softmax, glu and sparsemax.
// An array of shape [..., size, ...] is seen as `outer` blocks of `size` × `inner` elements (row-major),
// so the entries of one row along the axis are `inner` apart. Same method as the elementwise kernels:
// double evaluation with stable formulas, one rounding to float32.
//
// Rows with NaN give NaN, and so do rows with a +∞ in softmax and log_softmax (∞ − ∞, as Keras and NumPy
// print: the evaluator promises Keras' output) and rows of −∞ only. Sparsemax gives a row with one +∞ its
// limit (1 there, 0 elsewhere) and two or more a NaN row (docs/numerics.md).
import { sparsemaxRow } from './sparsemax';

/** A row-major array seen along one axis. */
export interface AxisLayout {
  readonly outer: number;
  readonly size: number;
  readonly inner: number;
}

/** Writes the function of every row of `x` along the axis to `out` (glu: `out` has half the size). */
export type AxisKernel = (x: Float32Array, out: Float32Array, layout: AxisLayout) => void;

/**
 * The maximum of the row x[start + k·stride], k < size, when the kernel's arithmetic is to compute the row;
 * otherwise NaN, after writing the row: NaN throughout when it has a NaN, a +∞ (two or more when `limit`
 * is given) or only −∞ entries; with `limit`, [at the +∞, around it] when it has exactly one +∞.
 * Each kernel walks its rows itself, so its row function is called from a call site of its own: one
 * shared walk calling back per row made log_softmax 5% slower (bench/core.ts).
 */
function finiteMax(x: Float32Array, out: Float32Array, start: number, size: number, stride: number, limit?: readonly [number, number]): number {
  // v·0 is 0 for a finite v and NaN for NaN and ±∞: one test after the loop instead of two per entry. Four
  // probes, as one chain of additions cost its latency (3 cycles) per entry, which the maximum does not.
  let max = -Infinity;
  let probe0 = 0, probe1 = 0, probe2 = 0, probe3 = 0;
  let k = 0;
  let p = start;
  for (; k + 3 < size; k += 4, p += 4 * stride) {
    const v0 = x[p];
    const v1 = x[p + stride];
    const v2 = x[p + 2 * stride];
    const v3 = x[p + 3 * stride];
    if (v0 > max) max = v0;
    if (v1 > max) max = v1;
    if (v2 > max) max = v2;
    if (v3 > max) max = v3;
    probe0 += v0 * 0;
    probe1 += v1 * 0;
    probe2 += v2 * 0;
    probe3 += v3 * 0;
  }
  for (; k < size; k++, p += stride) {
    const v = x[p];
    if (v > max) max = v;
    probe0 += v * 0;
  }
  return probe0 + probe1 + probe2 + probe3 === 0 && max > -Infinity ? max : specialRowMax(x, out, start, size, stride, limit);
}

/** finiteMax for a row with a NaN or an infinity in it, or none at all. */
function specialRowMax(x: Float32Array, out: Float32Array, start: number, size: number, stride: number, limit?: readonly [number, number]): number {
  let max = -Infinity;
  let infinities = 0;
  for (let k = 0, p = start; k < size; k++, p += stride) {
    const v = x[p];
    if (v > max) max = v;
    else if (v !== v) return nanRow(out, start, size, stride);
    if (v === Infinity) infinities++;
  }
  if (infinities === 1 && limit) {
    for (let k = 0, p = start; k < size; k++, p += stride) out[p] = x[p] === Infinity ? limit[0] : limit[1];
    return NaN;
  }
  return infinities > 0 || max === -Infinity ? nanRow(out, start, size, stride) : max;
}

function nanRow(out: Float32Array, start: number, size: number, stride: number): number {
  for (let k = 0, p = start; k < size; k++, p += stride) out[p] = NaN;
  return NaN;
}

/**
 * exp(x − max)/Σ exp(x − max). The terms (≤ 1, one of them 1) are kept in double in `terms` and summed
 * with Kahan compensation (`exponentialSum`), so the sum's error does not grow with the row length; each
 * output is then one division. Terms that underflow double are below 2^-1074 and their float32 result is
 * 0 anyway.
 */
export function softmax(x: Float32Array, out: Float32Array, layout: AxisLayout): void {
  const { outer, size, inner } = layout;
  const terms = new Float64Array(size);
  for (let o = 0; o < outer; o++) {
    for (let j = 0, start = o * size * inner; j < inner; j++, start++) {
      const max = finiteMax(x, out, start, size, inner);
      if (max === max) softmaxRow(x, out, start, size, inner, max, terms);
    }
  }
}

function softmaxRow(x: Float32Array, out: Float32Array, start: number, size: number, stride: number, max: number, terms: Float64Array): void {
  const sum = exponentialSum(x, start, size, stride, max, terms, false);
  for (let k = 0, p = start; k < size; k++, p += stride) out[p] = terms[k] / sum;
}

/** How many entries of the row last summed by exponentialSum equal its maximum. */
let maxima = 0;

/**
 * Σ exp(x_k − max) over the row, each term also written to terms[k] (0 for the entries equal to the
 * maximum when `dropMaxima`, which are counted in `maxima` either way), with Kahan compensation in four
 * accumulators over interleaved entries: one compensated chain is four dependent operations per entry,
 * and four independent chains overlap (the single chain made softmax 1.4× slower than a plain sum).
 * Summed as they are computed, not in a pass of their own over `terms`: that pass cost log_softmax 8%.
 */
function exponentialSum(x: Float32Array, start: number, size: number, stride: number, max: number, terms: Float64Array, dropMaxima: boolean): number {
  // exp(0) is 1 exactly: the maxima's term, unless dropped.
  const top = dropMaxima ? 0 : 1;
  let count = 0;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  let k = 0;
  for (; k + 3 < size; k += 4) {
    const p = start + k * stride;
    const v0 = x[p];
    const v1 = x[p + stride];
    const v2 = x[p + 2 * stride];
    const v3 = x[p + 3 * stride];
    count += +(v0 === max) + +(v1 === max) + +(v2 === max) + +(v3 === max);
    const e0 = (terms[k] = v0 === max ? top : Math.exp(v0 - max));
    const e1 = (terms[k + 1] = v1 === max ? top : Math.exp(v1 - max));
    const e2 = (terms[k + 2] = v2 === max ? top : Math.exp(v2 - max));
    const e3 = (terms[k + 3] = v3 === max ? top : Math.exp(v3 - max));
    const y0 = e0 - c0;
    const y1 = e1 - c1;
    const y2 = e2 - c2;
    const y3 = e3 - c3;
    const t0 = s0 + y0;
    const t1 = s1 + y1;
    const t2 = s2 + y2;
    const t3 = s3 + y3;
    c0 = t0 - s0 - y0;
    c1 = t1 - s1 - y1;
    c2 = t2 - s2 - y2;
    c3 = t3 - s3 - y3;
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
  }
  for (; k < size; k++) {
    const v = x[start + k * stride];
    count += +(v === max);
    const y = (terms[k] = v === max ? top : Math.exp(v - max)) - c0;
    const t = s0 + y;
    c0 = t - s0 - y;
    s0 = t;
  }
  maxima = count;
  return s0 + s1 + (s2 + s3) - (c0 + c1 + (c2 + c3));
}

/**
 * (x − max) − log1p(r), r = Σ exp(x_j − max) over every entry but one maximal one. log(Σ) with Σ ≈ 1
 * would lose the dominant entry's relative accuracy (−log Σ ≈ −r is tiny); log1p of r keeps it, and the
 * two terms have the same sign, so nothing cancels.
 */
export function logSoftmax(x: Float32Array, out: Float32Array, layout: AxisLayout): void {
  const { outer, size, inner } = layout;
  const terms = new Float64Array(size);
  for (let o = 0; o < outer; o++) {
    for (let j = 0, start = o * size * inner; j < inner; j++, start++) {
      const max = finiteMax(x, out, start, size, inner);
      if (max === max) logSoftmaxRow(x, out, start, size, inner, max, terms);
    }
  }
}

function logSoftmaxRow(x: Float32Array, out: Float32Array, start: number, size: number, stride: number, max: number, terms: Float64Array): void {
  // Entries equal to the maximum contribute exactly 1 each; all but one of them belong in r.
  const sum = exponentialSum(x, start, size, stride, max, terms, true);
  const logSum = Math.log1p(sum + (maxima - 1));
  for (let k = 0, p = start; k < size; k++, p += stride) out[p] = x[p] - max - logSum;
}

/**
 * a·σ(b) = a/(1 + e^−b), with [a, b] the two halves of the axis (e^−b overflows double only where a·σ(b)
 * is 0 in float32). The halves of one block are contiguous runs of
 * size/2 × inner elements, so the loop streams through both.
 */
export function glu(x: Float32Array, out: Float32Array, layout: AxisLayout): void {
  const { outer, size, inner } = layout;
  const half = (size / 2) * inner;
  for (let o = 0; o < outer; o++) {
    const a0 = o * size * inner;
    const b0 = a0 + half;
    const out0 = o * half;
    for (let k = 0; k < half; k++) out[out0 + k] = x[a0 + k] / (1 + Math.exp(-x[b0 + k]));
  }
}

const SPARSEMAX_LIMIT = [1, 0] as const;

/** The Euclidean projection of each row onto the probability simplex (see sparsemax.ts). */
export function sparsemax(x: Float32Array, out: Float32Array, layout: AxisLayout): void {
  const { outer, size, inner } = layout;
  const sorted = new Float64Array(size);
  for (let o = 0; o < outer; o++) {
    for (let j = 0, start = o * size * inner; j < inner; j++, start++) {
      const max = finiteMax(x, out, start, size, inner, SPARSEMAX_LIMIT);
      if (max === max) sparsemaxRow(x, out, start, size, inner, sorted);
    }
  }
}

export const AXIS_KERNELS: Readonly<Record<string, AxisKernel>> = {
  softmax,
  log_softmax: logSoftmax,
  glu,
  sparsemax,
};
