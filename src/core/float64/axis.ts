// The float64 activations along an axis (softmax, log_softmax, glu, sparsemax), as the float32 kernels
// define them (src/core/kernels/axis.ts: the same NaN and ±∞ rows), evaluated in double-double and
// rounded once. A row of `size` entries starts at `start` with stride `inner`.
import { EXPONENT, LO, ddAdd, ddDiv, ddExpScaled, ddLog1p, ddMul, finish as finishScaled, scaleDd, sigmoidScaled } from './doubleDouble';
import { sumError } from './exact';

export type AxisKernel64 = (x: Float64Array, out: Float64Array, outer: number, size: number, inner: number) => void;

/** The row's maximum when it is to be computed; otherwise NaN after writing the row's limit or NaN. */
function finiteMax(x: Float64Array, out: Float64Array, start: number, size: number, stride: number, atInfinity: number, elsewhere: number): number {
  let max = -Infinity;
  let infinities = 0;
  for (let k = 0, p = start; k < size; k++, p += stride) {
    const v = x[p];
    if (v > max) max = v;
    else if (v !== v) return fillRow(out, start, size, stride, NaN);
    if (v === Infinity) infinities++;
  }
  if (infinities === 1) {
    for (let k = 0, p = start; k < size; k++, p += stride) out[p] = x[p] === Infinity ? atInfinity : elsewhere;
    return NaN;
  }
  return infinities > 1 || max === -Infinity ? fillRow(out, start, size, stride, NaN) : max;
}

function fillRow(out: Float64Array, start: number, size: number, stride: number, value: number): number {
  for (let k = 0, p = start; k < size; k++, p += stride) out[p] = value;
  return NaN;
}

/** Scratch for a row's terms e^(x − max) as scaled double-doubles. */
let termsHi = new Float64Array(0);
let termsLo = new Float64Array(0);
let termsExp = new Int32Array(0);

function ensureScratch(size: number): void {
  if (termsHi.length >= size) return;
  termsHi = new Float64Array(size);
  termsLo = new Float64Array(size);
  termsExp = new Int32Array(size);
}

/** Σ e^(x − max) over the row into termsHi/Lo/Exp, returning the sum's high part (its low part in LO). */
function rowSum(x: Float64Array, start: number, size: number, stride: number, max: number, skipOneMax: boolean): number {
  let sh = 0;
  let sl = 0;
  let skipped = !skipOneMax;
  for (let k = 0, p = start; k < size; k++, p += stride) {
    const v = x[p];
    const d = v - max;
    const dl = d - d === 0 ? sumError(v, -max, d) : 0;
    let h: number;
    let l: number;
    if (d < -1e6 || d !== d) {
      h = 0;
      l = 0;
      termsExp[k] = 0;
    } else {
      h = ddExpScaled(d, dl);
      l = LO[0];
      termsExp[k] = EXPONENT[0];
    }
    termsHi[k] = h;
    termsLo[k] = l;
    if (!skipped && v === max) {
      skipped = true;
      continue;
    }
    if (termsExp[k] < -1100) continue; // below 2^-1100: nothing to the sum
    const th = scaleDd(h, l, termsExp[k]);
    sh = ddAdd(sh, sl, th, LO[0]);
    sl = LO[0];
  }
  LO[0] = sl;
  return sh;
}

/** e^(x − max)/Σ e^(x − max), each term kept in double-double with its scale, one rounding each. */
function softmax(x: Float64Array, out: Float64Array, outer: number, size: number, inner: number): void {
  ensureScratch(size);
  for (let o = 0; o < outer; o++) {
    for (let j = 0, start = o * size * inner; j < inner; j++, start++) {
      const max = finiteMax(x, out, start, size, inner, NaN, NaN);
      if (max !== max) continue;
      const sh = rowSum(x, start, size, inner, max, false);
      const sl = LO[0];
      for (let k = 0, p = start; k < size; k++, p += inner) {
        const q = ddDiv(termsHi[k], termsLo[k], sh, sl);
        out[p] = finishScaled(q, LO[0], termsExp[k]);
      }
    }
  }
}

/** (x − max) − log1p(r), r the sum over all entries but one maximal. */
function logSoftmax(x: Float64Array, out: Float64Array, outer: number, size: number, inner: number): void {
  ensureScratch(size);
  for (let o = 0; o < outer; o++) {
    for (let j = 0, start = o * size * inner; j < inner; j++, start++) {
      const max = finiteMax(x, out, start, size, inner, NaN, NaN);
      if (max !== max) continue;
      const rh = rowSum(x, start, size, inner, max, true);
      const lh = ddLog1p(rh, LO[0]);
      const ll = LO[0];
      for (let k = 0, p = start; k < size; k++, p += inner) {
        const v = x[p];
        const d = v - max;
        if (d - d !== 0) {
          out[p] = d; // −∞
          continue;
        }
        out[p] = ddAdd(d, sumError(v, -max, d), -lh, -ll);
      }
    }
  }
}

/** a·σ(b) over the two halves of the axis. */
function glu(x: Float64Array, out: Float64Array, outer: number, size: number, inner: number): void {
  const half = (size / 2) * inner;
  for (let o = 0; o < outer; o++) {
    const a0 = o * size * inner;
    const b0 = a0 + half;
    const out0 = o * half;
    for (let k = 0; k < half; k++) out[out0 + k] = gated(x[a0 + k], x[b0 + k]);
  }
}

function gated(a: number, b: number): number {
  if (b !== b || a !== a) return NaN;
  if (b === Infinity) return a;
  if (b === -Infinity || b < -1e6) return a - a === 0 ? a * 0 : NaN;
  const s = b > 1e6 ? 1 : sigmoidScaled(b, 0);
  const sl = b > 1e6 ? 0 : LO[0];
  const e = b > 1e6 ? 0 : EXPONENT[0];
  if (a - a !== 0) return a * s;
  const big = Math.abs(a) > 2 ** 900 ? 2 ** -200 : 1; // the product's error term needs |a| < 2^995
  const h = ddMul(a * big, 0, s, sl);
  return finishScaled(h, LO[0], big === 1 ? e : e + 200);
}

/**
 * The Euclidean projection onto the simplex (as src/core/kernels/sparsemax.ts), in double-double on the
 * row shifted by its maximum (the projection commutes with shifts, and entries more than 1 below the
 * maximum are outside the support, so their rounded or overflowed difference never matters).
 */
function sparsemax(x: Float64Array, out: Float64Array, outer: number, size: number, inner: number): void {
  const sorted = new Float64Array(size);
  for (let o = 0; o < outer; o++) {
    for (let j = 0, start = o * size * inner; j < inner; j++, start++) {
      const max = finiteMax(x, out, start, size, inner, 1, 0);
      if (max !== max) continue;
      for (let k = 0, p = start; k < size; k++, p += inner) sorted[k] = x[p];
      sorted.sort();
      // S_j = the sum of the j largest (shifted), k = the largest j with 1 + j·d_(j) > S_j
      let sh = 0;
      let sl = 0;
      let support = 0;
      let supportHi = 0;
      let supportLo = 0;
      for (let n = 1; n <= size; n++) {
        const z = sorted[size - n];
        const d = z - max;
        if (!(d > -2)) break; // −∞, an overflowed difference, or far below: outside the support
        const dl = sumError(z, -max, d);
        sh = ddAdd(sh, sl, d, dl);
        sl = LO[0];
        const nd = ddMul(n, 0, d, dl);
        const test = ddAdd(nd, LO[0], 1, 0);
        const difference = ddAdd(test, LO[0], -sh, -sl);
        if (!(difference > 0 || (difference === 0 && LO[0] > 0))) break;
        support = n;
        supportHi = sh;
        supportLo = sl;
      }
      // p_i = (k·d_i − (S_k − 1))/k
      const th = ddAdd(supportHi, supportLo, -1, 0);
      const tl = LO[0];
      for (let k = 0, p = start; k < size; k++, p += inner) {
        const d = x[p] - max;
        if (!(d > -2)) {
          out[p] = 0;
          continue;
        }
        const kd = ddMul(support, 0, d, sumError(x[p], -max, d));
        const numerator = ddAdd(kd, LO[0], -th, -tl);
        const nl = LO[0];
        out[p] = numerator > 0 ? ddDiv(numerator, nl, support, 0) : 0;
      }
    }
  }
}

export const AXIS_KERNELS: Readonly<Record<string, AxisKernel64>> = {
  softmax,
  log_softmax: logSoftmax,
  glu,
  sparsemax,
};
