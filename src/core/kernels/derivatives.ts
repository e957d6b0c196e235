// Float32 derivatives f′(x) of the elementwise activations, for the plot's derivative curve: the same
// method and accuracy as the values (double evaluation of a cancellation-free form, one rounding).
//
// At a kink the derivative is the one TensorFlow's gradient gives for Keras' TensorFlow backend
// (ReluGrad uses x > 0, Relu6Grad 0 < x < 6, LeakyReluGrad x > 0, EluGrad and SeluGrad x ≥ 0 → right
// branch, tf.where picks the branch of its condition, clip_by_value passes the gradient at its bounds);
// `variant: 'tfjs'` uses tfjs' own gradients where they differ (relu6′(6) = 1, selu′(0) = λα).
// Where the function is differentiable the true derivative is returned, even where TF's tape gives an
// artefact (celu′(0) is 1; the tape's max/min gradients add up to 2). A NaN input gives NaN unless the
// function's value is not NaN there (threshold, shrinks), in which case the derivative of that branch: 0.
// docs/numerics.md lists every convention.
import erfcx from '@stdlib/math-base-special-erfcx';
import type { Flavour, ResolvedParams } from '../catalog';
import { exponential, num, sigmoid, sparseSigmoid, type ElementwiseKernel } from './elementwise';
import {
  DERIVATIVE_ROOTS,
  EXP_UNDERFLOW,
  GELU_TANH_CUBIC,
  GELU_TANH_SCALE,
  INV_SQRT_2PI,
  ROOT_RADIUS,
  SELU_SCALE,
  SELU_SCALE_ALPHA,
  SQRT1_2,
} from './constants';

type Root = (typeof DERIVATIVE_ROOTS)[keyof typeof DERIVATIVE_ROOTS];

/** f′(x) near its zero from the series in h = x − x0 (see DERIVATIVE_ROOTS). */
function nearRoot(v: number, root: Root): number {
  const h = v - root.hi - root.lo;
  const [c1, c2, c3, c4, c5, c6, c7, c8] = root.series;
  return h * (c1 + h * (c2 + h * (c3 + h * (c4 + h * (c5 + h * (c6 + h * (c7 + h * c8)))))));
}

/** Step 1 for x > 0, else 0; NaN stays NaN. */
function reluPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 ? 1 : v !== v ? v : 0;
  }
}

function leakyPrime(x: Float32Array, out: Float32Array, slope: number): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 ? 1 : v !== v ? v : slope;
  }
}

/**
 * Keras 3 relu with parameters, differentiated as TF does: the positive part's gradient is [x > θ]
 * (or ReluGrad), clip_by_value passes it on [0, max_value] (Relu6Grad, 0 < x < 6, when the
 * max_value = 6 fast path applies), and −slope·relu(θ − x) adds slope for x < θ.
 */
function reluGeneralPrime(x: Float32Array, out: Float32Array, params: ResolvedParams, variant: Flavour): void {
  const slope = num(params, 'negative_slope');
  const maxValue = params.max_value as number | null;
  const t = num(params, 'threshold');
  if (slope === 0 && maxValue === null && t === 0) return reluPrime(x, out);
  if (slope !== 0 && maxValue === null && t === 0) return leakyPrime(x, out, slope);
  // clip_by_value passes the gradient on [0, max_value]; with no cap nothing is clipped, so between a
  // negative θ and 0 the value is x and its derivative 1.
  const floor = maxValue === null ? -Infinity : 0;
  const cap = maxValue ?? Infinity;
  const relu6Path = t === 0 && maxValue === 6;
  const multiplies = variant === 'keras2' && t !== 0;
  // Keras 3 sends NaN to the "else 0" branch when θ ≠ 0, and NaN·slope makes it NaN again when slope ≠ 0.
  const atNaN = t !== 0 && !multiplies && slope === 0 ? 0 : NaN;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    if (v !== v) out[i] = atNaN;
    else if (multiplies && v === -Infinity) out[i] = NaN;
    else if (v > t) out[i] = relu6Path ? (v < 6 ? 1 : 0) : v < floor || v > cap ? 0 : 1;
    else out[i] = v < t ? slope : 0;
  }
}

function relu6Prime(x: Float32Array, out: Float32Array, _params: ResolvedParams, variant: Flavour): void {
  // tfjs' Relu6 gradient is [x ≤ 6]·step(x); TensorFlow's is 0 < x < 6.
  const atSix = variant === 'tfjs' ? 1 : 0;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 && v < 6 ? 1 : v === 6 ? atSix : v !== v ? v : 0;
  }
}

function leakyReluPrime(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  leakyPrime(x, out, num(params, 'negative_slope'));
}

function eluPrime(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const alpha = num(params, 'alpha');
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 ? 1 : alpha * Math.exp(v);
  }
}

function seluPrime(x: Float32Array, out: Float32Array, _params: ResolvedParams, variant: Flavour): void {
  // TensorFlow's SeluGrad takes the right branch at 0 (λ); tfjs' gradient the left one (λα·e⁰ = λα).
  const atZero = variant === 'tfjs' ? SELU_SCALE_ALPHA : SELU_SCALE;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 ? SELU_SCALE : v === 0 ? atZero : SELU_SCALE_ALPHA * Math.exp(v);
  }
}

/**
 * Φ(x) + x·φ(x) with Φ(−a) = ½·erfcx(a/√2)·e^(−a²/2), a = |x| (see gelu): below 0 it is
 * e^(−a²/2)·(½·erfcx(a/√2) − a/√(2π)), above 0 one minus that. The difference cancels only at GELU's
 * minimum (x ≈ −0.7518), where the derivative crosses 0 and its absolute error stays ~2^-53.
 */
function geluPrime(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  if (params.approximate === true) return geluTanhPrime(x, out);
  const root = DERIVATIVE_ROOTS.gelu;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const a = Math.abs(v);
    const w = Math.exp(-0.5 * v * v) * (0.5 * erfcx(a * SQRT1_2) - a * INV_SQRT_2PI);
    out[i] = v < -40 ? -0 : v > 40 ? 1 : Math.abs(v - root.hi) < ROOT_RADIUS ? nearRoot(v, root) : v < 0 ? w : 1 - w;
  }
}

/** d/dx x·σ(2u) = σ(2u)·(1 + 2x·σ(−2u)·u′), u′ = √(2/π)(1 + 3·0.044715x²). */
function geluTanhPrime(x: Float32Array, out: Float32Array): void {
  const slope3 = 3 * GELU_TANH_CUBIC;
  const root = DERIVATIVE_ROOTS.gelu_tanh;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const v2 = v * v;
    const z = 2 * GELU_TANH_SCALE * v * (1 + GELU_TANH_CUBIC * v2);
    const e = Math.exp(-Math.abs(z));
    const s = (z >= 0 ? 1 : e) / (1 + e);
    const c = (z >= 0 ? e : 1) / (1 + e);
    out[i] =
      v < -20 ? -0 : v > 20 ? 1 : Math.abs(v - root.hi) < ROOT_RADIUS ? nearRoot(v, root) : s * (1 + 2 * GELU_TANH_SCALE * v * c * (1 + slope3 * v2));
  }
}

/** σ(x)·(1 + x·σ(−x)), with σ(−x) computed directly rather than as 1 − σ(x). */
function siluPrime(x: Float32Array, out: Float32Array): void {
  const root = DERIVATIVE_ROOTS.silu;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const e = Math.exp(-Math.abs(v));
    const s = (v >= 0 ? 1 : e) / (1 + e);
    const c = (v >= 0 ? e : 1) / (1 + e);
    out[i] = v < EXP_UNDERFLOW ? -0 : v > -EXP_UNDERFLOW ? 1 : Math.abs(v - root.hi) < ROOT_RADIUS ? nearRoot(v, root) : s * (1 + v * c);
  }
}

/** TF: x·relu6(x + 3)/6 gives 0 at −3 and 1 at 3 (Relu6Grad is 0 at both ends). */
function hardSiluPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v <= -3 ? 0 : v >= 3 ? 1 : (2 * v + 3) / 6;
  }
}

/** σ(x)σ(−x) = e^−|x|/(1 + e^−|x|)². */
function sigmoidPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const e = Math.exp(-Math.abs(x[i]));
    out[i] = e / ((1 + e) * (1 + e));
  }
}

/** Keras 3 (relu6(x + 3)/6): 1/6 on the open interval. Keras 2 and tfjs (clip_by_value): 0.2 on the
 *  closed interval [−2.5, 2.5]. */
function hardSigmoidPrime(x: Float32Array, out: Float32Array, _params: ResolvedParams, variant: Flavour): void {
  if (variant === 'keras3') {
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i];
      out[i] = v > -3 && v < 3 ? 1 / 6 : v !== v ? v : 0;
    }
    return;
  }
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v >= -2.5 && v <= 2.5 ? 0.2 : v !== v ? v : 0;
  }
}

function sparseSigmoidPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > -1 && v < 1 ? 0.5 : v !== v ? v : 0;
  }
}

/** σ(−x). */
function logSigmoidPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const e = Math.exp(-Math.abs(v));
    out[i] = (v >= 0 ? e : 1) / (1 + e);
  }
}

function softsignPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const d = 1 + Math.abs(x[i]);
    out[i] = 1 / (d * d);
  }
}

/** sech²x = 4t/(1 + t)², t = e^−2|x|: 1 − tanh²x cancels as soon as tanh x is near 1. */
function tanhPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const t = Math.exp(-2 * Math.abs(x[i]));
    out[i] = (4 * t) / ((1 + t) * (1 + t));
  }
}

/** clip_by_value passes the gradient at ±1. */
function hardTanhPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v >= -1 && v <= 1 ? 1 : v !== v ? v : 0;
  }
}

/** tanh²x. */
function tanhShrinkPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const t = Math.tanh(x[i]);
    out[i] = t * t;
  }
}

/** 1 outside [−θ, θ], 0 inside and at ±θ (tf.where's else branch), 0 for NaN as the value is 0. */
function shrinkPrime(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const t = num(params, 'threshold');
  for (let i = 0, n = x.length; i < n; i++) out[i] = Math.abs(x[i]) > t ? 1 : 0;
}

/**
 * (1 + x/√(x² + b))/2; below 0 rearranged to b/(2s(s − x)), s = √(x² + b), as 1 + x/s cancels. Above 0
 * x/s is written 1/√(1 + b/x²) so that +∞ gives 1. b = 0 is relu (derivative 0 at 0).
 */
function squareplusPrime(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const b = num(params, 'b');
  if (b === 0) return reluPrime(x, out);
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const v2 = v * v;
    const s = Math.sqrt(v2 + b);
    out[i] = v >= 0 ? 0.5 * (1 + 1 / Math.sqrt(1 + b / v2)) : b / (2 * s * (s - v));
  }
}

/** 1 above 0, e^(x/α) below; both sides give 1 at 0. */
function celuPrime(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const alpha = num(params, 'alpha');
  if (alpha === 0) return reluPrime(x, out);
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 ? 1 : Math.exp(v / alpha);
  }
}

/**
 * With w = eˣ and δ = w² + 2w + 2: mish′(x) = w·ω/δ², ω = 4(x + 1) + w(4x + 6 + w(4 + w)) (the
 * expansion of tanh(sp) + x·σ(x)·sech²(sp), sp = softplus x). Only ω cancels, at mish's minimum.
 */
function mishPrime(x: Float32Array, out: Float32Array): void {
  const root = DERIVATIVE_ROOTS.mish;
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    const w = Math.exp(v);
    const delta = w * (w + 2) + 2;
    const omega = 4 * (v + 1) + w * (4 * v + 6 + w * (4 + w));
    out[i] = v > 30 ? 1 : v < EXP_UNDERFLOW ? -0 : Math.abs(v - root.hi) < ROOT_RADIUS ? nearRoot(v, root) : (w * omega) / (delta * delta);
  }
}

function linearPrime(x: Float32Array, out: Float32Array): void {
  for (let i = 0, n = x.length; i < n; i++) {
    const v = x[i];
    out[i] = v === v ? 1 : v;
  }
}

/** 1 above θ, 0 at and below it and for NaN (whose value is default_value). */
function thresholdPrime(x: Float32Array, out: Float32Array, params: ResolvedParams): void {
  const t = num(params, 'threshold');
  for (let i = 0, n = x.length; i < n; i++) out[i] = x[i] > t ? 1 : 0;
}

// softplus′ = σ, sparse_plus′ = sparse_sigmoid and exp′ = exp: their value kernels, NaN and ±∞ included.
export const DERIVATIVE_KERNELS: Readonly<Record<string, ElementwiseKernel>> = {
  relu: reluGeneralPrime,
  relu6: relu6Prime,
  leaky_relu: leakyReluPrime,
  elu: eluPrime,
  selu: seluPrime,
  gelu: geluPrime,
  silu: siluPrime,
  hard_silu: hardSiluPrime,
  sigmoid: sigmoidPrime,
  hard_sigmoid: hardSigmoidPrime,
  sparse_sigmoid: sparseSigmoidPrime,
  log_sigmoid: logSigmoidPrime,
  softplus: sigmoid,
  softsign: softsignPrime,
  tanh: tanhPrime,
  hard_tanh: hardTanhPrime,
  tanh_shrink: tanhShrinkPrime,
  soft_shrink: shrinkPrime,
  hard_shrink: shrinkPrime,
  sparse_plus: sparseSigmoid,
  squareplus: squareplusPrime,
  celu: celuPrime,
  mish: mishPrime,
  exponential,
  linear: linearPrime,
  threshold: thresholdPrime,
};
