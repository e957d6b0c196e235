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
// formulas, so their loops choose without branching: from the float's bits (relu, relu6, hard_tanh), or
// by loading the chosen candidate from a small table indexed by comparisons (`pick`), each candidate
// computed exactly as before. The branches left are on rare cases (NaN, tiny inputs, infinities), which
// predict well. The cheap loops also take four elements per trip: after each back-edge V8 checks its
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

/** x(x + 3)/6, divided last: x/6 + 1/2 rounds away the small result near −3 in relative terms. */
function hardSilu(x: Float32Array, out: Float32Array): void {
  const table = pick;
  const tiny = TINY;
  table[0] = 0;
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = hardSiluOf(x[i], table, tiny);
    out[i + 1] = hardSiluOf(x[i + 1], table, tiny);
    out[i + 2] = hardSiluOf(x[i + 2], table, tiny);
    out[i + 3] = hardSiluOf(x[i + 3], table, tiny);
  }
  for (; i < n; i++) out[i] = hardSiluOf(x[i], table, tiny);
}

function hardSiluOf(v: number, table: Float64Array, tiny: number): number {
  table[1] = Math.abs(v) < tiny ? tinyHalf(v) : (v * (v + 3)) / 6;
  table[2] = v;
  return table[1 - +(v <= -3) + +(v >= 3)];
}

/** 1/(1 + e^−x), no cancellation; in double e^−x overflows only below −709, where σ is 0 in float32 anyway. */
export function sigmoid(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
}

/** Keras 3: clip(x/6 + 1/2, 0, 1) computed as (x + 3)/6 (exact sum, one rounding); Keras 2 and tfjs:
 *  clip(0.2x + 0.5, 0, 1) = (x + 2.5)/5. */
function hardSigmoid(x: Float32Array, out: Float32Array, _params: ResolvedParams, variant: Flavour): void {
  const edge = variant === 'keras3' ? 3 : 2.5;
  const width = 2 * edge;
  const table = pick;
  table[0] = 0;
  table[2] = 1;
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = hardSigmoidOf(x[i], edge, width, table);
    out[i + 1] = hardSigmoidOf(x[i + 1], edge, width, table);
    out[i + 2] = hardSigmoidOf(x[i + 2], edge, width, table);
    out[i + 3] = hardSigmoidOf(x[i + 3], edge, width, table);
  }
  for (; i < n; i++) out[i] = hardSigmoidOf(x[i], edge, width, table);
}

/** 0 up to −edge, 1 from edge, NaN kept. */
function hardSigmoidOf(v: number, edge: number, width: number, table: Float64Array): number {
  table[1] = (v + edge) / width;
  return table[1 - +(v <= -edge) + +(v >= edge)];
}

/** clip((x + 1)/2, 0, 1), halved by a product: a division costs this loop a quarter of its time. */
export function sparseSigmoid(x: Float32Array, out: Float32Array): void {
  const table = pick;
  table[0] = 0;
  table[2] = 1;
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = sparseSigmoidOf(x[i], table);
    out[i + 1] = sparseSigmoidOf(x[i + 1], table);
    out[i + 2] = sparseSigmoidOf(x[i + 2], table);
    out[i + 3] = sparseSigmoidOf(x[i + 3], table);
  }
  for (; i < n; i++) out[i] = sparseSigmoidOf(x[i], table);
}

function sparseSigmoidOf(v: number, table: Float64Array): number {
  table[1] = (v + 1) * 0.5;
  return table[1 - +(v <= -1) + +(v >= 1)];
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

/** With t ≥ 0, x > t and x < −t fall on either side of 0: one candidate x − t·sign(x), kept where |x| > t. */
function softShrinkBand(x: Float32Array, out: Float32Array, t: number): void {
  const table = pick;
  table[0] = 0;
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = softShrinkOf(x[i], t, table);
    out[i + 1] = softShrinkOf(x[i + 1], t, table);
    out[i + 2] = softShrinkOf(x[i + 2], t, table);
    out[i + 3] = softShrinkOf(x[i + 3], t, table);
  }
  for (; i < n; i++) out[i] = softShrinkOf(x[i], t, table);
}

/** t·(1 − 2·[x < 0]) is ±t exactly, so the candidate is x − t or x + t as before. */
function softShrinkOf(v: number, t: number, table: Float64Array): number {
  table[1] = v - t * (1 - 2 * +(v < 0));
  return table[+(Math.abs(v) > t)];
}

function hardShrink(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const t = num(params, 'threshold');
  const table = pick;
  table[0] = 0;
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = hardShrinkOf(x[i], t, table);
    out[i + 1] = hardShrinkOf(x[i + 1], t, table);
    out[i + 2] = hardShrinkOf(x[i + 2], t, table);
    out[i + 3] = hardShrinkOf(x[i + 3], t, table);
  }
  for (; i < n; i++) out[i] = hardShrinkOf(x[i], t, table);
}

function hardShrinkOf(v: number, t: number, table: Float64Array): number {
  table[1] = v;
  return table[+(Math.abs(v) > t)];
}

function sparsePlus(x: Float32Array, out: Float32Array): void {
  const table = pick;
  table[0] = 0;
  const n = x.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[i] = sparsePlusOf(x[i], table);
    out[i + 1] = sparsePlusOf(x[i + 1], table);
    out[i + 2] = sparsePlusOf(x[i + 2], table);
    out[i + 3] = sparsePlusOf(x[i + 3], table);
  }
  for (; i < n; i++) out[i] = sparsePlusOf(x[i], table);
}

/** 0 up to −1, (x + 1)²/4, x from 1. */
function sparsePlusOf(v: number, table: Float64Array): number {
  const u = v + 1;
  table[1] = u * u * 0.25;
  table[2] = v;
  return table[1 - +(v <= -1) + +(v >= 1)];
}

/** (x + √(x² + b))/2, rearranged to b/(2(√(x² + b) − x)) below 0 where the sum cancels. x² cannot
 *  overflow in double for a float32 x. With b = 0 this is relu (and 0/0 is avoided at x = 0). */
function squareplus(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const b = num(params, 'b');
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const root = Math.sqrt(v * v + b);
    pick[0] = b / (2 * (root - v));
    pick[1] = (v + root) * 0.5;
    out[i] = pick[+(v >= 0)];
  }
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
