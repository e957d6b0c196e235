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
// formulas, so their loops choose without branching: from the float's bits (relu), or by loading the
// chosen candidate from a small table indexed by comparisons (`pick`), each candidate computed exactly as
// before. The branches left are on rare cases (tiny inputs, infinities), which predict well.
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

/**
 * max(x, 0) with NaN kept and −0 sent to +0 (NumPy's maximum(−0., 0.) prints 0.), on the bits: a set sign
 * bit clears the word, unless it is a NaN's (magnitude above the infinity's).
 */
function relu(x: Float32Array, out: Float32Array): void {
  const bits = bitsOf(x);
  const result = bitsOf(out);
  for (let i = 0, n = bits.length; i < n; i++) {
    const w = bits[i];
    result[i] = w & (~(w >> 31) | ((0x7f800000 - (w & 0x7fffffff)) >> 31));
  }
}

/** v ≥ 0 ? v : slope·v as v times 1 or slope, chosen by the sign bit (−0 gives slope·−0 = −0, as v would). */
function leakyLoop(x: Float32Array, out: Float32Array, slope: number): void {
  const bits = bitsOf(x);
  for (let i = 0, n = x.length; i < n; i++) {
    const negative = bits[i] >>> 31;
    out[i] = x[i] * (1 - negative + negative * slope);
  }
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

/** 0 below 0 (−0 too), v, 6 from 6; NaN kept. */
function relu6(x: Float32Array, out: Float32Array): void {
  pick[0] = 0;
  pick[2] = 6;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    pick[1] = v;
    out[i] = pick[(+(v > 0) | +(v !== v)) + +(v >= 6)];
  }
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
  pick[0] = 0;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    pick[1] = Math.abs(v) < TINY ? tinyHalf(v) : (v * (v + 3)) / 6;
    pick[2] = v;
    out[i] = pick[1 - +(v <= -3) + +(v >= 3)];
  }
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
  pick[0] = 0;
  pick[2] = 1;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    pick[1] = (v + edge) / width;
    out[i] = pick[1 - +(v <= -edge) + +(v >= edge)];
  }
}

export function sparseSigmoid(x: Float32Array, out: Float32Array): void {
  pick[0] = 0;
  pick[2] = 1;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    pick[1] = (v + 1) * 0.5;
    out[i] = pick[1 - +(v <= -1) + +(v >= 1)];
  }
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
  pick[0] = -1;
  pick[2] = 1;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    pick[1] = v;
    out[i] = pick[1 - +(v < -1) + +(v > 1)];
  }
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
  pick[0] = 0;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    pick[1] = v - t;
    pick[2] = v + t;
    out[i] = pick[+(v > t) + 2 * +(v < -t)];
  }
}

function hardShrink(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const t = num(params, 'threshold');
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = Math.abs(v) > t ? v : 0;
  }
}

function sparsePlus(x: Float32Array, out: Float32Array): void {
  pick[0] = 0;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const u = v + 1;
    pick[1] = u * u * 0.25;
    pick[2] = v;
    out[i] = pick[1 - +(v <= -1) + +(v >= 1)];
  }
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
  pick[0] = num(params, 'default_value');
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    pick[1] = v;
    out[i] = pick[+(v > t)];
  }
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
