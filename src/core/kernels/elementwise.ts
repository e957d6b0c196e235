// Float32 values of the elementwise activations: one specialised loop per function (and per parameter
// regime), parameters read once before the loop, nothing allocated inside it.
//
// Method, shared by every kernel: the float32 input is exact in double; the function is evaluated in
// double with a formula that neither cancels nor overflows in that range (expm1/log1p, two-branch
// sigmoid and softplus, erfcx for GELU, a series for tanh_shrink, a rearranged squareplus), and the
// Float32Array store rounds the result once, correctly, subnormals included. A double result a few
// double ulps (2^-53 relative) off the exact value rounds to the wrong float32 only when the exact value
// lies within that distance of a float32 midpoint: results are always within 1 ulp and correctly rounded
// except about once in 10^8 inputs. Measured per function against mpmath: test/unit/core/accuracy.test.ts.
//
// Speed: a select on the sign of random data mispredicts half the time, which costs more than these cheap
// formulas, so their loops choose without branching: from the float's bits (relu, relu6, hard_tanh,
// hard_shrink), by branch-free formulas that are exact where they are used (the clip functions' |x ± e|,
// soft_shrink's relus), or by loading the chosen candidate from a small table indexed by comparisons
// (`pick`), each candidate computed exactly as before. The branches left are on rare cases (NaN, tiny or
// huge inputs, infinities, squareplus' rounding test), which predict well; `warmUp` gives V8 their feedback. The cheap loops also take four elements per trip: after each back-edge V8 checks its
// interrupt flag, then re-checks every typed array's map and reloads its length and data pointer, which
// costs more than a relu; one trip per four elements pays that once (relu6 1.9× → 0.9× of a plain loop,
// bench/core.ts). Module-level tables and constants are read into locals first, for the same reason.
//
// NaN and ±∞ follow Keras' NumPy backend, except where Keras' NaN is an accident of its formula (−∞·0,
// ∞ − ∞, ∞/∞, 0/0) and the limit exists: then the limit. docs/numerics.md has the table.
import erfcx from '@stdlib/math-base-special-erfcx';
import type { Flavour, ResolvedParams } from '../catalog';
import {
  EXP_UNDERFLOW,
  GELU_TANH_CUBIC,
  HALF_ABOVE,
  HALF_BELOW,
  GELU_TANH_SCALE,
  SELU_SCALE,
  SELU_SCALE_ALPHA,
  SQRT1_2,
  TANH_SHRINK_SERIES,
  TANH_SHRINK_SERIES_CUTOFF,
  TINY,
  TOWARD_ZERO,
} from './constants';

/** Writes f(x[i]) to out[i] for i < x.length; `out` may be `x` itself. */
export type ElementwiseKernel = (x: Float32Array, out: Float32Array, params: ResolvedParams, variant: Flavour) => void;

/** A numeric parameter, already validated and rounded to float32 by the catalog's resolveParams. */
export const num = (params: ResolvedParams, name: string): number => params[name] as number;

/** x/2 for |x| < TINY (gelu, silu, hard_silu), moved off a float32 midpoint toward their x² term. */
const tinyHalf = (v: number): number => v * (v > 0 ? HALF_ABOVE : HALF_BELOW);

export const bitsOf = (x: Float32Array): Int32Array => new Int32Array(x.buffer, x.byteOffset, x.length);

/** A table of candidates for branch-free selects: out[i] = pick[index from comparisons]. */
const pick = new Float64Array(3);

/** min(bits, cap) for two non-negative int32s without a branch; on non-negative floats' bits that is min of the floats. */
function capBits(bits: number, cap: number): number {
  const over = bits - cap;
  return cap + (over & (over >> 31));
}

/**
 * max(x, 0) with NaN kept and −0 sent to +0 (NumPy's maximum(−0., 0.) prints 0.), on the bits: a set sign
 * bit clears the word, unless it is a NaN's (magnitude above the infinity's).
 */
function relu(x: Float32Array, out: Float32Array): void {
  const bits = bitsOf(x);
  const result = bitsOf(out);
  const n = bits.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    result[i] = reluBits(bits[i]);
    result[i + 1] = reluBits(bits[i + 1]);
    result[i + 2] = reluBits(bits[i + 2]);
    result[i + 3] = reluBits(bits[i + 3]);
  }
  for (; i < n; i++) result[i] = reluBits(bits[i]);
}

function reluBits(w: number): number {
  return w & (~(w >> 31) | ((0x7f800000 - (w & 0x7fffffff)) >> 31));
}

/**
 * v ≥ 0 ? v : slope·v as v times 1 or slope, chosen by the sign bit (−0 gets slope·−0). For a finite
 * slope > 0, slope·−0 = −0 = 1·−0, so `v < 0` can choose instead, from the value alone.
 */
function leakyLoop(x: Float32Array, out: Float32Array, slope: number): void {
  if (slope > 0 && slope < Infinity) return leakyPositiveSlope(x, out, slope);
  const bits = bitsOf(x);
  for (let i = 0, n = x.length; i < n; i++) {
    const negative = bits[i] >>> 31;
    out[i] = x[i] * (1 - negative + negative * slope);
  }
}

function leakyPositiveSlope(x: Float32Array, out: Float32Array, slope: number): void {
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = leaky(x[i], slope);
    out[i + 1] = leaky(x[i + 1], slope);
    out[i + 2] = leaky(x[i + 2], slope);
    out[i + 3] = leaky(x[i + 3], slope);
  }
  for (; i < n; i++) out[i] = leaky(x[i], slope);
}

/** 1 − 0 + 0·slope = 1 and 1 − 1 + slope = slope, both exact. */
function leaky(v: number, slope: number): number {
  const negative = +(v < 0);
  return v * (1 - negative + negative * slope);
}

/**
 * Keras 3 `relu(x, negative_slope, max_value, threshold)`: pos = (x > θ ? x : 0) (θ ≠ 0) or max(x, 0),
 * clipped to [0, max_value], minus slope·max(θ − x, 0). Keras 2's threshold path is x·[x > θ], which
 * turns NaN and −∞ into NaN.
 */
function reluGeneral(x: Float32Array, out: Float32Array, params: ResolvedParams, variant: Flavour): void {
  const slope = num(params, 'negative_slope');
  const maxValue = params.max_value as number | null;
  const t = num(params, 'threshold');
  if (slope === 0 && maxValue === null && t === 0) return relu(x, out);
  if (slope !== 0 && maxValue === null && t === 0) return leakyLoop(x, out, slope);
  const hasMax = maxValue !== null;
  const cap = hasMax ? maxValue : Infinity;
  const multiplies = variant === 'keras2' && t !== 0;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    let pos: number;
    if (t !== 0) pos = v > t ? v : multiplies && (v !== v || v === -Infinity) ? NaN : 0;
    else pos = v > 0 || v !== v ? v : 0;
    if (hasMax) pos = pos < 0 ? 0 : pos > cap ? cap : pos;
    // slope·max(θ − x, 0): NaN when x is NaN, as NumPy's maximum propagates it.
    out[i] = slope === 0 ? pos : v < t ? pos - slope * (t - v) : v !== v ? NaN : pos;
  }
}

function relu6(x: Float32Array, out: Float32Array): void {
  const bits = bitsOf(x);
  const result = bitsOf(out);
  const n = bits.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    result[i] = relu6Bits(bits[i]);
    result[i + 1] = relu6Bits(bits[i + 1]);
    result[i + 2] = relu6Bits(bits[i + 2]);
    result[i + 3] = relu6Bits(bits[i + 3]);
  }
  for (; i < n; i++) result[i] = relu6Bits(bits[i]);
}

/** 0 below 0 (−0 too: a set sign bit clears the word), v, 6 from 6 (0x40c00000); NaN kept. */
function relu6Bits(w: number): number {
  return (w & 0x7fffffff) > 0x7f800000 ? w : capBits(w & ~(w >> 31), 0x40c00000);
}

function leakyRelu(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const slope = num(params, 'negative_slope');
  // slope·(−∞) would be NaN for slope 0; the function is 0 on the whole negative axis.
  if (slope === 0) return relu(x, out);
  leakyLoop(x, out, slope);
}

/** α·expm1(x) below 0: exp(x) − 1 (TensorFlow's kernel) loses every digit near 0. */
function elu(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const alpha = num(params, 'alpha');
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 ? v : v > -TINY ? alpha * v * TOWARD_ZERO : alpha * Math.expm1(v);
  }
}

function selu(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 ? SELU_SCALE * v : SELU_SCALE_ALPHA * Math.expm1(v);
  }
}

/**
 * x·Φ(x). 0.5·x·(1 + erf(x/√2)) is 0 in float32 below x ≈ −5.5 (and thousands of ulps off from −4);
 * instead the normal tail a·Φ(−a), a = |x|, comes from the scaled complementary error function:
 * Φ(−a) = ½·erfcx(a/√2)·e^(−a²/2), where a²/2 is exact in double so the exponential adds no argument
 * error (erfc(a/√2) would amplify the rounding of a/√2 by 2·a²/2). Then gelu(x) = −a·Φ(−a) below 0
 * and x − x·Φ(−x) above, which loses at most one bit. stdlib's erfcx (Chebyshev fits, one Math.exp
 * here) is 1.5× faster than its erfc (two calls to a JavaScript exp). Above 6 the result rounds to x.
 */
function gelu(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  if (params.approximate === true) return geluTanh(x, out);
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const a = Math.abs(v);
    // The rare cases first, so the common one pays for erfcx alone (NaN falls through to it and stays NaN).
    if (v >= 6) out[i] = v;
    else if (v < -40) out[i] = -0;
    else if (a < TINY) out[i] = tinyHalf(v);
    else {
      const tail = 0.5 * a * erfcx(a * SQRT1_2) * Math.exp(-0.5 * v * v);
      // max(v, 0) − tail: v − tail above 0, −tail below (v is finite here).
      out[i] = (v + a) * 0.5 - tail;
    }
  }
}

/** 0.5·x·(1 + tanh(u)) = x·σ(2u), u = √(2/π)(x + 0.044715x³): no 1 + tanh cancellation for x < 0. */
function geluTanh(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const z = 2 * GELU_TANH_SCALE * (v + GELU_TANH_CUBIC * v * v * v);
    out[i] = v < -20 ? -0 : Math.abs(v) < TINY ? tinyHalf(v) : v / (1 + Math.exp(-z));
  }
}

/** x/(1 + e^−x): in double e^−x overflows only below −709, where x·σ(x) is −0 in float32 anyway (−∞ gets the limit). */
function silu(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v < EXP_UNDERFLOW ? -0 : Math.abs(v) < TINY ? tinyHalf(v) : v / (1 + Math.exp(-v));
  }
}

/**
 * x(x + 3)/6, divided last: x/6 + 1/2 rounds away the small result near −3 in relative terms. Branch-free
 * as x·(|x + 3| − |x − 3| + 6)/12 (bench/core.ts' honest loop), which is the same arithmetic wherever x ± 3
 * is exact (CLIP_EXACT): 0 from −3 (+ 0 turns x·0 = −0 into +0; no other result is 0 there), 2(x + 3)
 * between (x·2(x + 3) is twice x(x + 3), so the quotient by 12 is the same), 12x/12 = x from 3. Beyond,
 * and for tiny inputs, NaN and ±∞, the select (hardSiluAt).
 */
function hardSilu(x: Float32Array, out: Float32Array): void {
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = hardSiluOf(x[i]);
    out[i + 1] = hardSiluOf(x[i + 1]);
    out[i + 2] = hardSiluOf(x[i + 2]);
    out[i + 3] = hardSiluOf(x[i + 3]);
  }
  for (; i < n; i++) out[i] = hardSiluOf(x[i]);
}

function hardSiluOf(v: number): number {
  const a = Math.abs(v + 3);
  return a < CLIP_EXACT && Math.abs(v) >= TINY ? (v * (a - Math.abs(v - 3) + 6)) / 12 + 0 : hardSiluAt(v);
}

function hardSiluAt(v: number): number {
  return v <= -3 ? 0 : v >= 3 ? v : Math.abs(v) < TINY ? tinyHalf(v) : (v * (v + 3)) / 6;
}

/** 1/(1 + e^−x), no cancellation; in double e^−x overflows only below −709, where σ is 0 in float32 anyway. */
export function sigmoid(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
}

/**
 * Below 2^50 in magnitude, x ± e is exact in double for a float32 x, so clip(x, −e, e) + e, the honest
 * loop's branch-free (|x + e| − |x − e| + 2e)/2, is exact: clip functions evaluate it there and the select
 * beyond (and for NaN and ±∞, which fail the test).
 */
const CLIP_EXACT = 2 ** 50;

/** Keras 3: clip(x/6 + 1/2, 0, 1) computed as (x + 3)/6 (exact sum, one rounding); Keras 2 and tfjs:
 *  clip(0.2x + 0.5, 0, 1) = (x + 2.5)/5. Branch-free as 2(clip(x, −e, e) + e)/4e: 0, 2(x + e)/4e, 1. */
function hardSigmoid(x: Float32Array, out: Float32Array, _params: ResolvedParams, variant: Flavour): void {
  const edge = variant === 'keras3' ? 3 : 2.5;
  const width = 2 * edge;
  const twice = 2 * width;
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = hardSigmoidOf(x[i], edge, width, twice);
    out[i + 1] = hardSigmoidOf(x[i + 1], edge, width, twice);
    out[i + 2] = hardSigmoidOf(x[i + 2], edge, width, twice);
    out[i + 3] = hardSigmoidOf(x[i + 3], edge, width, twice);
  }
  for (; i < n; i++) out[i] = hardSigmoidOf(x[i], edge, width, twice);
}

function hardSigmoidOf(v: number, edge: number, width: number, twice: number): number {
  const a = Math.abs(v + edge);
  return a < CLIP_EXACT ? (a - Math.abs(v - edge) + width) / twice : hardSigmoidAt(v, edge, width);
}

/** 0 up to −edge, 1 from edge, NaN kept. */
function hardSigmoidAt(v: number, edge: number, width: number): number {
  return v <= -edge ? 0 : v >= edge ? 1 : (v + edge) / width;
}

/** clip((x + 1)/2, 0, 1), halved by a product (a division costs this loop a quarter of its time);
 *  branch-free as (clip(x, −1, 1) + 1)/2, see CLIP_EXACT. */
export function sparseSigmoid(x: Float32Array, out: Float32Array): void {
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = sparseSigmoidOf(x[i]);
    out[i + 1] = sparseSigmoidOf(x[i + 1]);
    out[i + 2] = sparseSigmoidOf(x[i + 2]);
    out[i + 3] = sparseSigmoidOf(x[i + 3]);
  }
  for (; i < n; i++) out[i] = sparseSigmoidOf(x[i]);
}

function sparseSigmoidOf(v: number): number {
  const a = Math.abs(v + 1);
  return a < CLIP_EXACT ? (a - Math.abs(v - 1) + 2) * 0.25 : sparseSigmoidAt(v);
}

function sparseSigmoidAt(v: number): number {
  return v <= -1 ? 0 : v >= 1 ? 1 : (v + 1) * 0.5;
}

/** −softplus(−x) = min(x, 0) − log1p(e^−|x|): two terms of the same sign. */
function logSigmoid(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = (v < 0 ? v : 0) - Math.log1p(Math.exp(-Math.abs(v)));
  }
}

/** max(x, 0) + log1p(e^−|x|): never overflows, never cancels. */
function softplus(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = (v > 0 ? v : 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }
}

/** ±∞/∞ is NaN in Keras; the limit is ±1. The test for it costs a quarter of this short,
 *  division-bound loop, which unrolling by two wins back (measured: bench/core.ts). */
function softsign(x: Float32Array, out: Float32Array): void {
  const n = x.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const v = x[i];
    const w = x[i + 1];
    const a = Math.abs(v);
    const b = Math.abs(w);
    out[i] = a > 3.4028234663852886e38 ? (v > 0 ? 1 : -1) : v / (1 + a);
    out[i + 1] = b > 3.4028234663852886e38 ? (w > 0 ? 1 : -1) : w / (1 + b);
  }
  if (i < n) {
    const v = x[i];
    const a = Math.abs(v);
    out[i] = a > 3.4028234663852886e38 ? (v > 0 ? 1 : -1) : v / (1 + a);
  }
}

function tanh(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) out[i] = Math.tanh(x[i]);
}

function hardTanh(x: Float32Array, out: Float32Array): void {
  const bits = bitsOf(x);
  const result = bitsOf(out);
  const n = bits.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    result[i] = hardTanhBits(bits[i]);
    result[i + 1] = hardTanhBits(bits[i + 1]);
    result[i + 2] = hardTanhBits(bits[i + 2]);
    result[i + 3] = hardTanhBits(bits[i + 3]);
  }
  for (; i < n; i++) result[i] = hardTanhBits(bits[i]);
}

/** clip(x, −1, 1) on the bits: the magnitude capped at 1's (0x3f800000), the sign kept (−0 too); NaN kept. */
function hardTanhBits(w: number): number {
  const magnitude = w & 0x7fffffff;
  return magnitude > 0x7f800000 ? w : (w ^ magnitude) | capBits(magnitude, 0x3f800000);
}

function tanhShrink(x: Float32Array, out: Float32Array): void {
  const [c1, c2, c3, c4, c5, c6, c7, c8] = TANH_SHRINK_SERIES;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    if (Math.abs(v) < TANH_SHRINK_SERIES_CUTOFF) {
      const s = v * v;
      out[i] = v * s * (c1 + s * (c2 + s * (c3 + s * (c4 + s * (c5 + s * (c6 + s * (c7 + s * c8)))))));
    } else {
      out[i] = v - Math.tanh(v);
    }
  }
}

/** NaN falls in the "else 0" branch, as in Keras. */
function softShrink(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const t = num(params, 'threshold');
  if (t >= 0) return softShrinkBand(x, out, t);
  // t < 0 (or NaN): both x > t and x < −t may hold, and the first wins, as in Keras' nested where.
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > t ? v - t : v < -t ? v + t : 0;
  }
}

/**
 * With 0 ≤ t < ∞, x > t and x < −t fall on either side of 0: the result is relu(x − t) − relu(−t − x),
 * each relu as (d + |d|)/2, exact (d + |d| is 2d or +0): x − t above t, −(−t − x) = x + t below −t (the
 * same roundings as before), 0 − 0 = +0 between, without a select. ±∞ make it ∞ − ∞ and NaN stays NaN,
 * so a NaN result sends the input to the select (softShrinkAt).
 */
function softShrinkBand(x: Float32Array, out: Float32Array, t: number): void {
  if (t === Infinity) {
    out.fill(0);
    return;
  }
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = softShrinkOf(x[i], t);
    out[i + 1] = softShrinkOf(x[i + 1], t);
    out[i + 2] = softShrinkOf(x[i + 2], t);
    out[i + 3] = softShrinkOf(x[i + 3], t);
  }
  for (; i < n; i++) out[i] = softShrinkOf(x[i], t);
}

function softShrinkOf(v: number, t: number): number {
  const above = v - t;
  const below = -t - v;
  const r = (above + Math.abs(above) - (below + Math.abs(below))) * 0.5;
  return r === r ? r : softShrinkAt(v, t);
}

/** t·(1 − 2·[x < 0]) is ±t exactly, so the candidate is x − t or x + t; NaN gives 0 as in Keras. */
function softShrinkAt(v: number, t: number): number {
  return Math.abs(v) > t ? v - t * (1 - 2 * +(v < 0)) : 0;
}

/**
 * x where |x| > t, else +0 (NaN too, as in Keras). For t ≥ 0 on the bits: |x| > t compares the magnitudes'
 * bits as integers, NaN's magnitude is above the infinity's, and the word is kept or cleared by a mask.
 */
function hardShrink(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const t = num(params, 'threshold');
  if (t >= 0) return hardShrinkBits(x, out, bitsOf(new Float32Array([t]))[0] & 0x7fffffff);
  // t < 0 or NaN: every number but NaN, or nothing.
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = Math.abs(v) > t ? v : 0;
  }
}

function hardShrinkBits(x: Float32Array, out: Float32Array, limit: number): void {
  const bits = bitsOf(x);
  const result = bitsOf(out);
  const n = bits.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    result[i] = hardShrinkWord(bits[i], limit);
    result[i + 1] = hardShrinkWord(bits[i + 1], limit);
    result[i + 2] = hardShrinkWord(bits[i + 2], limit);
    result[i + 3] = hardShrinkWord(bits[i + 3], limit);
  }
  for (; i < n; i++) result[i] = hardShrinkWord(bits[i], limit);
}

/** limit − magnitude is negative when |x| > t, magnitude − 0x7f800001 when x is not NaN (no overflow either way). */
function hardShrinkWord(w: number, limit: number): number {
  const magnitude = w & 0x7fffffff;
  return w & (((limit - magnitude) & (magnitude - 0x7f800001)) >> 31);
}

/** 0 up to −1, (x + 1)²/4, x from 1; branch-free as c²/4 + relu(x − 1), c = clip(x, −1, 1) + 1 (see
 *  CLIP_EXACT): c is x + 1 as before between, 0 or 2 outside, and relu(x − 1) = (d + |d|)/2 is exact. */
function sparsePlus(x: Float32Array, out: Float32Array): void {
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = sparsePlusOf(x[i]);
    out[i + 1] = sparsePlusOf(x[i + 1]);
    out[i + 2] = sparsePlusOf(x[i + 2]);
    out[i + 3] = sparsePlusOf(x[i + 3]);
  }
  for (; i < n; i++) out[i] = sparsePlusOf(x[i]);
}

function sparsePlusOf(v: number): number {
  const a = Math.abs(v + 1);
  const d = v - 1;
  const c = (a - Math.abs(d)) * 0.5 + 1;
  return a < CLIP_EXACT ? c * c * 0.25 + (d + Math.abs(d)) * 0.5 : sparsePlusAt(v);
}

function sparsePlusAt(v: number): number {
  const u = v + 1;
  return v <= -1 ? 0 : v >= 1 ? v : u * u * 0.25;
}

/**
 * (x + √(x² + b))/2, rearranged to b/(2(√(x² + b) − x)) below 0 where the sum cancels. x² cannot
 * overflow in double for a float32 x. With b = 0 this is relu (and 0/0 is avoided at x = 0).
 *
 * The division shares the divider with the square root and doubled the loop's time, so for b > 0 the
 * sum is taken down to x = −√(K·b) (K = SQUAREPLUS_BAND) as well, and its float32 rounding is used
 * when it is certain (Ziv's test): there the sum is within (3K + 4)·2^-53 of the exact value relative
 * (the cancellation amplifies √'s 1.5·2^-53 by 2(1 + x²/b)), the quotient within 3.5·2^-53, so when
 * y·(1 − e) and y·(1 + e) round to the same float32, with e covering both and the products' own
 * roundings, the quotient rounds to it too. Otherwise (about one input in 10^5, and x < −√(K·b), NaN,
 * −∞) the quotient is computed as before. The same bits as the quotient on all 2^32 float32 inputs
 * (docs/compute-core.md).
 */
function squareplus(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const b = num(params, 'b');
  if (b > 0 && b < Infinity) return squareplusBand(x, out, b);
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const root = Math.sqrt(v * v + b);
    pick[0] = b / (2 * (root - v));
    pick[1] = (v + root) * 0.5;
    out[i] = pick[+(v >= 0)];
  }
}

const SQUAREPLUS_BAND = 1024;
/** Relative distance of the sum from the quotient, bounded as above (K + 1 covers the bound's rounding), and margins. */
const SQUAREPLUS_ERROR = (3 * (SQUAREPLUS_BAND + 1) + 12) * 2 ** -53;

function squareplusBand(x: Float32Array, out: Float32Array, b: number): void {
  const lowest = -Math.sqrt(SQUAREPLUS_BAND * b);
  const below = 1 - SQUAREPLUS_ERROR;
  const above = 1 + SQUAREPLUS_ERROR;
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = squareplusOf(x[i], b, lowest, below, above);
    out[i + 1] = squareplusOf(x[i + 1], b, lowest, below, above);
    out[i + 2] = squareplusOf(x[i + 2], b, lowest, below, above);
    out[i + 3] = squareplusOf(x[i + 3], b, lowest, below, above);
  }
  for (; i < n; i++) out[i] = squareplusOf(x[i], b, lowest, below, above);
}

function squareplusOf(v: number, b: number, lowest: number, below: number, above: number): number {
  const y = (v + Math.sqrt(v * v + b)) * 0.5;
  const rounded = Math.fround(y * below);
  return v >= lowest && rounded === Math.fround(y * above) ? rounded : squareplusQuotient(v, b);
}

/** The sum at x ≥ 0 (where it is y above exactly), the quotient below. */
function squareplusQuotient(v: number, b: number): number {
  const root = Math.sqrt(v * v + b);
  return v >= 0 ? (v + root) * 0.5 : b / (2 * (root - v));
}

function celu(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const alpha = num(params, 'alpha');
  // α → 0 is relu; Keras' 0·expm1(0/0) makes it NaN at x = 0.
  if (alpha === 0) return relu(x, out);
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 ? v : alpha * Math.expm1(v / alpha);
  }
}

/**
 * x·tanh(softplus(x)) = x·n/(n + 2) with n = eˣ(eˣ + 2): one exp, no cancellation for x ≪ 0 where
 * tanh(log1p(eˣ)) ≈ eˣ. Above 20 the factor is 1 − 2e^−2x, which is 1 in double.
 */
function mish(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const w = Math.exp(v);
    const m = w * (w + 2);
    out[i] = v > 20 ? v : v < EXP_UNDERFLOW ? -0 : (v * m) / (m + 2);
  }
}

export function exponential(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) out[i] = Math.exp(x[i]);
}

function linear(x: Float32Array, out: Float32Array): void {
  if (out !== x) out.set(x);
}

/** NaN fails x > θ and takes default_value, as in Keras. */
function threshold(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const t = num(params, 'threshold');
  const table = pick;
  table[0] = num(params, 'default_value');
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = thresholdOf(x[i], t, table);
    out[i + 1] = thresholdOf(x[i + 1], t, table);
    out[i + 2] = thresholdOf(x[i + 2], t, table);
    out[i + 3] = thresholdOf(x[i + 3], t, table);
  }
  for (; i < n; i++) out[i] = thresholdOf(x[i], t, table);
}

function thresholdOf(v: number, t: number, table: Float64Array): number {
  table[1] = v;
  return table[+(v > t)];
}

/**
 * The branch-free kernels run at load, a few dozen times on a short array of ordinary and special values,
 * so that V8 has type feedback for all of their code when it optimizes them: a function gets its feedback
 * only after several calls, and optimized code reaching an operation without feedback deoptimizes. The
 * rare exits (NaN, ±∞, tiny or huge inputs, squareplus' rounding test) and the loop for the last
 * length mod 4 elements otherwise lack it: squareplus' loop, meeting its rounding-test exit about 10
 * times in 10^6 inputs, stayed 2.5× slower, and the others deoptimized at the end of every call.
 */
function warmUp(): void {
  const x = Float32Array.of(NaN, Infinity, -Infinity, 1e30, -1e30, 1e-40, -1e-40, 0, -0, 5, -5, 0.25, -0.25);
  const out = new Float32Array(x.length);
  const none = {} as ResolvedParams;
  for (let round = 0; round < 24; round++) {
    relu(x, out);
    relu6(x, out);
    hardTanh(x, out);
    leakyPositiveSlope(x, out, 0.2);
    hardSilu(x, out);
    hardSigmoid(x, out, none, 'keras3');
    sparseSigmoid(x, out);
    sparsePlus(x, out);
    softShrinkBand(x, out, 0.5);
    hardShrinkBits(x, out, 0x3f000000);
    squareplusBand(x, out, 4);
    // The rounding test's exit at x ≥ 0 too: bounds that never agree.
    for (let i = 0; i < x.length; i++) squareplusOf(x[i], 4, -Infinity, 0.5, 2);
  }
}
warmUp();

export const VALUE_KERNELS: Readonly<Record<string, ElementwiseKernel>> = {
  relu: reluGeneral,
  relu6,
  leaky_relu: leakyRelu,
  elu,
  selu,
  gelu,
  silu,
  hard_silu: hardSilu,
  sigmoid,
  hard_sigmoid: hardSigmoid,
  sparse_sigmoid: sparseSigmoid,
  log_sigmoid: logSigmoid,
  softplus,
  softsign,
  tanh,
  hard_tanh: hardTanh,
  tanh_shrink: tanhShrink,
  soft_shrink: softShrink,
  hard_shrink: hardShrink,
  sparse_plus: sparsePlus,
  squareplus,
  celu,
  mish,
  exponential,
  linear,
  threshold,
};
