// Keras activations on float64 values, as Keras computes them for a float64 input (and returns float64):
// the exact mathematical function at each double, with the parameters as given (double, not rounded to
// float32), rounded once to double — within 1 ulp always and correctly rounded except when the exact
// value lies within ~2^-75 of a midpoint. The same definitions, names, parameters, variants and NaN/±∞/±0
// behaviour as the float32 kernels (docs/numerics.md): the call is parsed by the same code.
//
// Method: where one rounding of a double expression is the answer (relu, leaky_relu, the clips) it is
// that expression; elsewhere the function is evaluated in double-double (doubleDouble.ts: e^x, e^x − 1,
// log(1 + y), √y and the normal tail to ~2^-100, ~2^-75 for the tail) in a form that neither cancels nor
// overflows, and rounded once by `finish`, which also rounds correctly into the subnormal range (results
// near 2^-1074 are carried with a power-of-two scale, and the sign of the neglected terms breaks ties).
import { ActivationError, resolveParams, type ActivationSpec, type Flavour, type ResolvedParams } from '../catalog';
import type { EvaluateOptions } from '../kernels';
import { layoutAlong, parseCall, parseShape } from '../kernels/request';
import { AXIS_KERNELS } from './axis';
import { productError, roundsTo, sumError } from './exact';
import { rationalOf, roundRational } from './rational';
import { EXPONENT, LO, ddAdd, ddConstant, ddDiv, ddExpScaled, ddExpm1, ddLog1p, ddMul, ddSqrt, finish, scaleDd, sigmoidScaled } from './doubleDouble';
import { normalTail } from './normalTail';

/** Options of evaluateFloat64: evaluate's, with `out` a Float64Array. */
export type EvaluateFloat64Options = Omit<EvaluateOptions, 'out'> & { readonly out?: Float64Array };

/**
 * f(values) in double for a Keras activation `name` (alias, layer-free identifier of a variant: the same
 * names as `evaluate`), as Keras computes it for a float64 input. Parameters keep their double values.
 * Elementwise functions map every value; softmax, log_softmax, glu and sparsemax work along `axis` of
 * `shape` (glu halves it). `linear` returns a Float64Array input itself unless `out` is given.
 *
 * @example evaluateFloat64('sigmoid', [0.1, -2]) // Float64Array [0.52497918747894, 0.11920292202211755]
 */
export function evaluateFloat64(name: string, values: Float64Array | readonly number[], options?: EvaluateFloat64Options): Float64Array {
  const call = parseCall(name, options);
  const { spec, variant, given } = call;
  const x = toFloat64(values);
  const shape = parseShape(given.shape, x.length);
  const params = doubleParams(spec, variant, given, call.params);
  const out = given.out;
  if (out !== undefined && !(out instanceof Float64Array)) {
    throw new ActivationError(`option 'out' must be a Float64Array for float64 values, got ${out === null ? 'None (null)' : typeof out}`);
  }
  if (spec.name === 'linear' && out === undefined) return x;
  if (spec.elementwise) {
    const result = outputArray(out, x.length, spec.name);
    const kernel = KERNELS[spec.name];
    for (let i = 0; i < x.length; i++) result[i] = kernel(x[i], params, variant);
    return result;
  }
  const layout = layoutAlong({ spec, variant, params, shape });
  const result = outputArray(out, spec.name === 'glu' ? x.length / 2 : x.length, spec.name);
  const input = spec.name === 'glu' && result.buffer === x.buffer ? x.slice() : x;
  AXIS_KERNELS[spec.name](input, result, layout.outer, layout.size, layout.inner);
  return result;
}

/** The parameters under their Keras 3 names, numbers kept double; booleans (and what an identifier such as
 *  tfjs 'gelu_new' fixes) from the validated float32 call. */
function doubleParams(spec: ActivationSpec, variant: Flavour, given: Readonly<Record<string, unknown>>, validated: ResolvedParams): ResolvedParams {
  const keywordArgs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) if (key !== 'shape' && key !== 'variant' && key !== 'out') keywordArgs[key] = value;
  const params: Record<string, unknown> = { ...resolveParams(spec, keywordArgs, variant, 'float64') };
  for (const param of spec.params) if (param.type === 'boolean') params[param.name] = validated[param.name];
  return params as ResolvedParams;
}

function toFloat64(values: unknown): Float64Array {
  if (values instanceof Float64Array) return values;
  if (!Array.isArray(values)) {
    throw new ActivationError(`values must be a Float64Array or an array of numbers, got ${values === null ? 'None (null)' : typeof values}`);
  }
  const array = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    if (typeof value !== 'number') throw new ActivationError(`values must be numbers; element ${i} is ${typeof value} ${String(value)}`);
    array[i] = value;
  }
  return array;
}

function outputArray(out: Float64Array | undefined, length: number, name: string): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length !== length) throw new ActivationError(`option 'out' has ${out.length} elements but ${name} returns ${length}`);
  return out;
}

/** Double-double results closer than this (relative) to a rounding midpoint are decided exactly. */
const NEAR_TIE = 2 ** -98;

/** Below this |x|, x·(c + x·d) keeps only c·x (and the sign of the rest): scale x up to keep bits. */
const TINY = 2 ** -900;
const UP = 600;

/** c·x + (d·x², neglected: only its sign, which breaks ties) for |x| < TINY: c = ch + cl. */
function tinyLinear(ch: number, cl: number, x: number, correctionSign: number): number {
  const h = ddMul(ch, cl, x * 2 ** UP, 0);
  return finish(h, LO[0] === 0 ? correctionSign * Math.abs(h) * 2 ** -200 : LO[0], -UP);
}

// ---------------------------------------------------------------- constants ---------------------------

/** SELU's λ and λα as double-doubles (the real constants, as the float32 kernels and their reference;
 *  the low parts from mpmath). */
const [SELU_SCALE_HI, SELU_SCALE_LO] = [1.0507009873554805, 3.9874847667154144e-17];
const [SELU_SCALE_ALPHA_HI, SELU_SCALE_ALPHA_LO] = [1.7580993408473768, 1.41535193800845e-17];
/** √(2/π) (mpmath) and 0.044715, the tanh form of GELU, as double-doubles. */
const [GELU_SCALE_HI, GELU_SCALE_LO] = [0.7978845608028654, -4.98465440455546e-17];
const [GELU_CUBIC_HI, GELU_CUBIC_LO] = ddConstant(44715, 1000000);
/** tanh(ln 2) = 3/5: mish(x) ≈ 0.6·x near 0. */
const [THREE_FIFTHS_HI, THREE_FIFTHS_LO] = ddConstant(3, 5);

// ---------------------------------------------------------------- pieces ------------------------------

/** log(1 + e^−|x|) as a double-double times 2^EXPONENT[0]. */
function softplusTailScaled(a: number): number {
  const m = ddExpScaled(-a, 0);
  const ml = LO[0];
  const e = EXPONENT[0];
  if (e < -60) {
    // log1p(y) = y·(1 − y/2 + …): y·(1 − y/2) at y's own scale (y < 2^-58)
    const y = scaleDd(m, ml, e);
    const h = ddMul(m, ml, 1 - 0.5 * y, 0);
    EXPONENT[0] = e;
    return h;
  }
  const y = scaleDd(m, ml, e);
  const h = ddLog1p(y, LO[0]);
  EXPONENT[0] = 0;
  return h;
}

/** tanh(x) as a double-double for finite x: e^(2|x|) − 1 over itself plus 2, or ±1 from |x| ≥ 40. */
function ddTanh(x: number): number {
  const a = Math.abs(x);
  if (a >= 40) {
    LO[0] = 0;
    return x < 0 ? -1 : 1;
  }
  const em = ddExpm1(2 * a, 0);
  const eml = LO[0];
  const den = ddAdd(em, eml, 2, 0);
  const t = ddDiv(em, eml, den, LO[0]);
  if (x < 0) {
    LO[0] = -LO[0];
    return -t;
  }
  return t;
}

// ---------------------------------------------------------------- elementwise -------------------------

type Kernel = (x: number, params: ResolvedParams, variant: Flavour) => number;
const num = (params: ResolvedParams, name: string): number => params[name] as number;

/** max(x, 0), NaN kept, −0 to +0. */
const reluPlain = (v: number): number => (v > 0 || v !== v ? v : 0);

function relu(v: number, params: ResolvedParams, variant: Flavour): number {
  const slope = num(params, 'negative_slope');
  const maxValue = params.max_value as number | null;
  const t = num(params, 'threshold');
  if (slope === 0 && maxValue === null && t === 0) return reluPlain(v);
  if (slope !== 0 && maxValue === null && t === 0) return v >= 0 ? v : slope * v;
  let pos: number;
  if (t !== 0) pos = v > t ? v : variant === 'keras2' && (v !== v || v === -Infinity) ? NaN : 0;
  else pos = reluPlain(v);
  if (maxValue !== null) pos = pos < 0 ? 0 : pos > maxValue ? maxValue : pos;
  if (slope === 0) return pos;
  if (v !== v) return NaN;
  if (!(v < t)) return pos;
  // pos is 0 here: −slope·(t − v), with t − v exact as a double-double (scaled when huge)
  const d = t - v;
  if (d - d !== 0) return pos - slope * d;
  const big = Math.abs(d) > 2 ** 900 ? 2 ** -200 : 1;
  const p = ddMul(slope, 0, d * big, sumError(t, -v, d) * big);
  const pl = LO[0];
  if (big !== 1 || roundsTo(p, pl, Math.abs(p) * NEAR_TIE) || Math.abs(p) < 2 ** -1000) return finish(-p, -pl, big === 1 ? 0 : 200);
  // −slope·(t − v) exactly: all three are dyadic
  const [ms, es] = rationalOf(slope);
  const [mt, et] = rationalOf(t);
  const [mv, ev] = rationalOf(v);
  const low = Math.min(et, ev);
  const difference = (mt << BigInt(et - low)) - (mv << BigInt(ev - low));
  return roundRational(-ms * difference, es + low, 1n);
}

const relu6 = (v: number): number => (v > 0 ? (v < 6 ? v : 6) : v !== v ? v : 0);

function leakyRelu(v: number, params: ResolvedParams): number {
  const slope = num(params, 'negative_slope');
  if (slope === 0) return reluPlain(v);
  return v >= 0 ? v : slope * v;
}

/** α·(e^x − 1) below 0. */
function elu(v: number, params: ResolvedParams): number {
  if (!(v <= 0)) return v; // positive and NaN
  const alpha = num(params, 'alpha');
  if (v > -TINY) return v === 0 ? alpha * v : tinyLinear(alpha, 0, v, alpha > 0 ? 1 : -1);
  const e = ddExpm1(v, 0);
  return ddMul(alpha, 0, e, LO[0]);
}

function selu(v: number): number {
  if (v !== v) return v;
  if (v > 0) {
    if (v === Infinity) return v;
    if (v < TINY) return tinyLinear(SELU_SCALE_HI, SELU_SCALE_LO, v, 0);
    const h = ddMul(SELU_SCALE_HI, SELU_SCALE_LO, v * 2 ** -100, 0); // scaled: the product's error term
    return finish(h, LO[0], 100); //                                   needs |v| < 2^995
  }
  if (v > -TINY) return v === 0 ? v : tinyLinear(SELU_SCALE_ALPHA_HI, SELU_SCALE_ALPHA_LO, v, 1);
  const e = ddExpm1(v, 0);
  return ddMul(SELU_SCALE_ALPHA_HI, SELU_SCALE_ALPHA_LO, e, LO[0]);
}

/** x·Φ(x): −a·Φ(−a) below 0 and x − x·Φ(−x) above, Φ's tail in double-double (normalTail.ts). */
function gelu(v: number, params: ResolvedParams): number {
  if (params.approximate === true) return geluTanh(v);
  if (v !== v) return v;
  if (v >= 40) return v;
  if (v < -40) return -0;
  if (Math.abs(v) < TINY) return v === 0 ? v : tinyLinear(0.5, 0, v, 1);
  const a = Math.abs(v);
  const tail = normalTail(a); // Φ(−a) = (tail + LO)·2^E
  const tl = LO[0];
  const e = EXPONENT[0];
  if (v < 0) {
    const h = ddMul(v, 0, tail, tl);
    return finish(h, LO[0], e);
  }
  const s = scaleDd(tail, tl, e);
  const one = ddAdd(1, 0, -s, -LO[0]);
  return ddMul(v, 0, one, LO[0]);
}

/** x·σ(2u), u = √(2/π)(x + 0.044715x³): 0.5x(1 + tanh u) without the cancellation of 1 + tanh u. */
function geluTanh(v: number): number {
  if (v !== v) return v;
  if (v >= 10) return v;
  if (v < -30) return -0;
  if (Math.abs(v) < TINY) return v === 0 ? v : tinyLinear(0.5, 0, v, 1);
  const x2 = v * v;
  const x3 = ddMul(x2, productError(v, v, x2), v, 0);
  const k = ddMul(GELU_CUBIC_HI, GELU_CUBIC_LO, x3, LO[0]);
  const inner = ddAdd(k, LO[0], v, 0);
  const u = ddMul(GELU_SCALE_HI, GELU_SCALE_LO, inner, LO[0]);
  const ul = LO[0];
  const s = sigmoidScaled(2 * u, 2 * ul);
  const sl = LO[0];
  const e = EXPONENT[0];
  const h = ddMul(v, 0, s, sl);
  return finish(h, LO[0], e);
}

function silu(v: number): number {
  if (v !== v || v > 40) return v; // x(1 − e^−x) rounds to x
  if (v < -800) return -0;
  if (Math.abs(v) < TINY) return v === 0 ? v : tinyLinear(0.5, 0, v, 1);
  const s = sigmoidScaled(v, 0);
  const sl = LO[0];
  const e = EXPONENT[0];
  const h = ddMul(v, 0, s, sl);
  return finish(h, LO[0], e);
}

/** x(x + 3)/6 between −3 and 3. */
function hardSilu(v: number): number {
  if (v <= -3) return 0;
  if (v >= 3 || v !== v) return v;
  if (Math.abs(v) < TINY) return v === 0 ? v : tinyLinear(0.5, 0, v, 1);
  const s = v + 3;
  const p = ddMul(v, 0, s, sumError(v, 3, s));
  const q = ddDiv(p, LO[0], 6, 0);
  if (roundsTo(q, LO[0], Math.abs(q) * NEAR_TIE)) return q;
  const [m, e] = rationalOf(v); // x(x + 3)/6 = m(m + 3·2^-e)·2^2e/6, e < 0 here
  return roundRational(m * (m + (3n << BigInt(-e))), 2 * e, 6n);
}

function sigmoid(v: number): number {
  if (v !== v) return v;
  if (v > 40) return 1; // 1 − e^−x rounds to 1
  if (v < -746) return 0;
  const s = sigmoidScaled(v, 0);
  return finish(s, LO[0], EXPONENT[0]);
}

/** Keras 3: (x + 3)/6 clipped; Keras 2 and tfjs: (x + 2.5)/5. */
function hardSigmoid(v: number, _params: ResolvedParams, variant: Flavour): number {
  const edge = variant === 'keras3' ? 3 : 2.5;
  if (v <= -edge) return 0;
  if (v >= edge) return 1;
  if (v !== v) return v;
  const s = v + edge;
  const q = ddDiv(s, sumError(v, edge, s), 2 * edge, 0);
  if (roundsTo(q, LO[0], Math.abs(q) * NEAR_TIE)) return q;
  const [m, e] = rationalOf(v); // (2x + 2·edge)/(4·edge), 2·edge an integer (6 or 5)
  return roundRational(2n * m + (BigInt(2 * edge) << BigInt(-e)), e, BigInt(4 * edge));
}

function sparseSigmoid(v: number): number {
  return v <= -1 ? 0 : v >= 1 ? 1 : (v + 1) * 0.5; // v + 1 and the halving: one rounding
}

/** −softplus(−x) = min(x, 0) − log1p(e^−|x|). */
function logSigmoid(v: number): number {
  if (v !== v) return v;
  if (v < -800) return v; // x − log1p(eˣ): eˣ below 2^-1154
  if (v > 800) return v === Infinity ? 0 : -0; // −e^−x rounds to −0 (at +∞ the limit 0, as in float32)
  const t = softplusTailScaled(Math.abs(v));
  const tl = LO[0];
  const e = EXPONENT[0];
  if (v >= 0) return -finish(t, tl, e);
  const s = scaleDd(t, tl, e);
  return ddAdd(v, 0, -s, -LO[0]);
}

/** max(x, 0) + log1p(e^−|x|). */
function softplus(v: number): number {
  if (v !== v || v > 800) return v;
  if (v < -800) return 0;
  const t = softplusTailScaled(Math.abs(v));
  const tl = LO[0];
  const e = EXPONENT[0];
  if (v <= 0) return finish(t, tl, e);
  const s = scaleDd(t, tl, e);
  return ddAdd(v, 0, s, LO[0]);
}

function softsign(v: number): number {
  if (v !== v) return v;
  const a = Math.abs(v);
  if (a > 2 ** 60) return v > 0 ? 1 : -1; // 1 − 1/|x| rounds to 1 (and ∞/∞ has the limit)
  if (v === 0) return v;
  const d = 1 + a;
  const q = ddDiv(v, 0, d, sumError(1, a, d));
  if (roundsTo(q, LO[0], Math.abs(q) * NEAR_TIE) || Math.abs(q) < 2 ** -1000) return q;
  const [m, e] = rationalOf(v); // m/(2^-e + |m|) for e < 0; m·2^e/(1 + |m|·2^e) otherwise
  const absolute = m < 0n ? -m : m;
  return e < 0 ? roundRational(m, 0, (1n << BigInt(-e)) + absolute) : roundRational(m << BigInt(e), 0, 1n + (absolute << BigInt(e)));
}

function tanh(v: number): number {
  if (v !== v) return v;
  if (v === 0) return v;
  if (Math.abs(v) < 2 ** -30) return v; // x − x³/3: no tie (x is a double)
  return ddTanh(v);
}

const hardTanh = (v: number): number => (v < -1 ? -1 : v > 1 ? 1 : v);

/** x − tanh x: the series x³/3 − 2x⁵/15 + … below 2^-4, the double-double difference above. */
function tanhShrink(v: number): number {
  if (v !== v || v - v !== 0 || v === 0) return v;
  const a = Math.abs(v);
  if (a >= 2 ** -4) {
    const t = ddTanh(v);
    return ddAdd(v, 0, -t, -LO[0]);
  }
  // x³·(1/3 + x²·rest): rest (≤ 2^-9 of 1/3) in double; x scaled up where x³ would leave the normal range
  const scale = a < 2 ** -300 ? 2 ** 300 : 1;
  const s = v * scale;
  const x2 = s * s;
  const x2l = productError(s, s, x2);
  const u2 = v * v;
  const rest = u2 * (-2 / 15 + u2 * (17 / 315 + u2 * (-62 / 2835 + u2 * (1382 / 155925 + u2 * (-21844 / 6081075)))));
  const bracket = ddAdd(THIRD_HI, THIRD_LO, rest, 0);
  const bracketLow = LO[0];
  const cube = ddMul(x2, x2l, s, 0);
  const h = ddMul(cube, LO[0], bracket, bracketLow);
  return finish(h, LO[0] === 0 ? -Math.sign(v) * Math.abs(h) * 2 ** -200 : LO[0], scale === 1 ? 0 : -900);
}
const [THIRD_HI, THIRD_LO] = ddConstant(1, 3);

function softShrink(v: number, params: ResolvedParams): number {
  const t = num(params, 'threshold');
  return v > t ? v - t : v < -t ? v + t : 0;
}

function hardShrink(v: number, params: ResolvedParams): number {
  return Math.abs(v) > num(params, 'threshold') ? v : 0;
}

/** (x + 1)²/4 between −1 and 1. */
function sparsePlus(v: number): number {
  if (v <= -1) return 0;
  if (v >= 1 || v !== v) return v;
  const u = v + 1;
  const ul = sumError(v, 1, u);
  const q = 0.25 * ddMul(u, ul, u, ul);
  if (roundsTo(q, 0.25 * LO[0], Math.abs(q) * NEAR_TIE)) return q;
  const [m, e] = rationalOf(v); // (m + 2^-e)²·2^2e/4
  const w = m + (1n << BigInt(-e));
  return roundRational(w * w, 2 * e - 2, 1n);
}

/** (x + √(x² + b))/2, as b/(2(√(x² + b) − x)) below 0. */
function squareplus(v: number, params: ResolvedParams): number {
  if (v !== v) return v;
  const b = num(params, 'b');
  if (b === 0) return reluPlain(v); // (x + |x|)/2, which x² would lose below 1e-154
  if (v === Infinity) return v;
  if (v === -Infinity) return 0;
  const x2 = v * v;
  if (x2 === Infinity) return v > 0 ? v : (0.25 * b) / -v; // |x| > 1.3e154: √(x² + b) = |x|(1 + b/2x²)
  const sq = ddAdd(x2, productError(v, v, x2), b, 0);
  const root = ddSqrt(sq, LO[0]);
  const rootLow = LO[0];
  if (v >= 0) return 0.5 * ddAdd(v, 0, root, rootLow);
  if (b === 0) return 0;
  const d = ddAdd(root, rootLow, -v, 0);
  return 0.5 * ddDiv(b, 0, d, LO[0]);
}

/** max(x, 0) + α(e^(min(x, 0)/α) − 1). */
function celu(v: number, params: ResolvedParams): number {
  const alpha = num(params, 'alpha');
  if (alpha === 0) return reluPlain(v);
  if (!(v <= 0)) return v;
  if (v === 0) return v;
  if (v > -TINY) return v; // x + x²/2α: x itself, never a tie
  if (v / alpha < -40) return -alpha; // α(e^(x/α) − 1) rounds to −α
  const q = ddDiv(v, 0, alpha, 0);
  const e = ddExpm1(q, LO[0]);
  return ddMul(alpha, 0, e, LO[0]);
}

/** x·n/(n + 2), n = eˣ(eˣ + 2) (= x·tanh(log1p(eˣ))). */
function mish(v: number): number {
  if (v !== v || v === Infinity) return v;
  if (v >= 40) return v;
  if (v < -800) return -0;
  if (Math.abs(v) < TINY) return v === 0 ? v : tinyLinear(THREE_FIFTHS_HI, THREE_FIFTHS_LO, v, 1);
  const w = ddExpScaled(v, 0); // eˣ = (w + LO)·2^E
  const wl = LO[0];
  const e = EXPONENT[0];
  const ex = e < -110 ? 0 : scaleDd(w, wl, e);
  const exl = e < -110 ? 0 : LO[0];
  // n/(n + 2) = eˣ(eˣ + 2)/(eˣ(eˣ + 2) + 2), with eˣ kept at its own scale: eˣ·(eˣ + 2)/(eˣ(eˣ + 2) + 2)
  const plus2 = ddAdd(ex, exl, 2, 0);
  const plus2l = LO[0];
  const n = ddMul(ex, exl, plus2, plus2l);
  const den = ddAdd(n, LO[0], 2, 0);
  const denl = LO[0];
  const scaledN = ddMul(w, wl, plus2, plus2l); // n·2^-E
  const ratio = ddDiv(scaledN, LO[0], den, denl);
  const h = ddMul(v, 0, ratio, LO[0]);
  return finish(h, LO[0], e);
}

function exponential(v: number): number {
  if (v !== v) return v;
  if (v > 710) return Infinity;
  if (v < -746) return 0;
  const m = ddExpScaled(v, 0);
  return finish(m, LO[0], EXPONENT[0]);
}

const linear = (v: number): number => v;

function threshold(v: number, params: ResolvedParams): number {
  return v > num(params, 'threshold') ? v : num(params, 'default_value');
}

const KERNELS: Readonly<Record<string, Kernel>> = {
  relu,
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
