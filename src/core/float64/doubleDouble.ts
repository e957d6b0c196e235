// Double-double arithmetic for the float64 activations: a value is hi + lo with |lo| ≤ ulp(hi)/2, about
// 106 bits. Each operation returns hi and leaves lo in LO[0] (a typed array, so nothing is allocated); read
// it at once, before the next operation. The elementary functions here (e^x, e^x − 1, log(1 + y), √y and the
// normal tail Φ(−a)) are accurate to about 2^-100 relative (the normal tail to 2^-75), so a result rounded
// once from them is the correctly rounded double except when the exact value lies that close to a midpoint.
//
// These are not CPython's functions (those are the glibc ports beside this file): they serve activations
// defined as exact functions rounded to double.
import { powerOfTwo, productError, sumError } from './exact';
import { log1p } from './log1p';
import { EXP_INV_LN2_N, EXP_NEG_LN2_HI_N, EXP_NEG_LN2_LO_N, EXP_NEG_LN2_REST_N, EXP_SCALE as TABLE_HI, EXP_SHIFT, EXP_TAIL as TABLE_TAIL } from './tables';

/** The low part of the last double-double result. */
export const LO = new Float64Array(1);

/** hi + lo renormalised (|lo| ≤ ulp(hi)/2), for |hi| ≥ |lo|. */
function fastSum(hi: number, lo: number): number {
  const s = hi + lo;
  LO[0] = lo - (s - hi);
  return s;
}

/** (ah + al) + (bh + bl), with the error of both high and both low parts carried (accurate addition). */
export function ddAdd(ah: number, al: number, bh: number, bl: number): number {
  const s = ah + bh;
  const se = sumError(ah, bh, s);
  const t = al + bl;
  const te = sumError(al, bl, t);
  const h = fastSum(s, se + t);
  return fastSum(h, LO[0] + te);
}

/** (ah + al)·(bh + bl). */
export function ddMul(ah: number, al: number, bh: number, bl: number): number {
  const p = ah * bh;
  return fastSum(p, productError(ah, bh, p) + (ah * bl + al * bh));
}

/** (ah + al)/(bh + bl): a quotient, its remainder computed exactly, and a correction. */
export function ddDiv(ah: number, al: number, bh: number, bl: number): number {
  const q = ah / bh;
  const ph = ddMul(q, 0, bh, bl);
  const pl = LO[0];
  const remainder = ah - ph - pl + al; // ah − ph is exact (Sterbenz)
  return fastSum(q, remainder / bh);
}

/** √(ah + al) for ah ≥ 0: the double root and one Newton correction in double-double. */
export function ddSqrt(ah: number, al: number): number {
  if (ah <= 0) {
    LO[0] = 0;
    return ah === 0 ? 0 : NaN;
  }
  const s = Math.sqrt(ah);
  const square = s * s;
  const residual = ah - square - productError(s, s, square) + al;
  return fastSum(s, residual / (2 * s));
}

/** A double-double constant from a rational p/q of doubles (p/q rounded, plus its remainder over q). */
export function ddConstant(p: number, q: number): [number, number] {
  const hi = p / q;
  const product = hi * q;
  return [hi, (p - product - productError(hi, q, product)) / q];
}

// ---------------------------------------------------------------- e^x -------------------------------

// −ln2/128 = EXP_NEG_LN2_HI_N + EXP_NEG_LN2_LO_N + EXP_NEG_LN2_REST_N (the first times any k < 2^17 is
// exact), and 2^(i/128) = TABLE_HI[i]·(1 + TABLE_TAIL[i]) to 2^-106: tables.ts.

const [SIXTH_HI, SIXTH_LO] = ddConstant(1, 6);
const [TWENTY_FOURTH_HI, TWENTY_FOURTH_LO] = ddConstant(1, 24);
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;
const C8 = 1 / 40320;
const C9 = 1 / 362880;

/** Set by ddExpScaled: e^x = (returned hi + LO[0])·2^EXPONENT[0]. */
export const EXPONENT = new Int32Array(1);

/**
 * e^(xh + xl) as a double-double times 2^EXPONENT[0], the double-double in [2^-1, 2^2): no overflow or
 * underflow however large |x| (below 2^30), so callers scale once at the end. NaN gives NaN.
 */
export function ddExpScaled(xh: number, xl: number): number {
  const kd = xh * EXP_INV_LN2_N + EXP_SHIFT - EXP_SHIFT;
  const k = kd | 0;
  // r = x − k·ln2/128: the first product is exact and cancels exactly; the others are carried.
  const rh0 = xh + kd * EXP_NEG_LN2_HI_N;
  const p = kd * EXP_NEG_LN2_LO_N;
  const pe = productError(kd, EXP_NEG_LN2_LO_N, p);
  const s = rh0 + p;
  const rl0 = sumError(rh0, p, s) + pe + kd * EXP_NEG_LN2_REST_N + xl;
  const rh = s + rl0;
  const rl = rl0 - (rh - s);
  const em1 = expm1Reduced(rh, rl);
  const eml = LO[0];
  // 2^(k/128)·(1 + em1) with 2^(k/128) = H(1 + T): H + H·T + H·(1 + T)·em1
  const index = k & 127;
  const h = TABLE_HI[index];
  const ht = h * TABLE_TAIL[index];
  const lead = ddMul(h, ht, em1, eml);
  const y = ddAdd(h, ht, lead, LO[0]);
  EXPONENT[0] = k >> 7;
  return y;
}

/** e^r − 1 for |r| ≤ 0.0028 (r = rh + rl): r + r²/2 + r³/6 + r⁴/24 in double-double, the rest in double. */
function expm1Reduced(rh: number, rl: number): number {
  const tail = C5 + rh * (C6 + rh * (C7 + rh * (C8 + rh * C9)));
  let h = ddMul(rh, rl, tail, 0);
  h = ddAdd(h, LO[0], TWENTY_FOURTH_HI, TWENTY_FOURTH_LO);
  h = ddMul(h, LO[0], rh, rl);
  h = ddAdd(h, LO[0], SIXTH_HI, SIXTH_LO);
  h = ddMul(h, LO[0], rh, rl);
  h = ddAdd(h, LO[0], 0.5, 0);
  h = ddMul(h, LO[0], rh, rl);
  h = ddAdd(h, LO[0], 1, 0);
  return ddMul(h, LO[0], rh, rl);
}

/** e^(xh + xl) as a double-double (0 below −745.2, +∞ above 709.8; |lo| meaningless once subnormal). */
export function ddExp(xh: number, xl: number): number {
  if (xh > 709.8) {
    LO[0] = 0;
    return xh === xh ? Infinity : xh;
  }
  if (xh < -745.2) {
    LO[0] = 0;
    return 0;
  }
  const hi = ddExpScaled(xh, xl);
  return scaleDd(hi, LO[0], EXPONENT[0]);
}

/** (hi + lo)·2^e as a double-double (lo rounded away if the result is subnormal). */
export function scaleDd(hi: number, lo: number, e: number): number {
  const half = e >> 1;
  const a = powerOfTwo(half);
  const b = powerOfTwo(e - half);
  LO[0] = lo * a * b;
  return hi * a * b;
}

/** e^(xh + xl) − 1 as a double-double, relative accuracy ~2^-100 (the reduction is exact for |x| < 0.0027). */
export function ddExpm1(xh: number, xl: number): number {
  if (Math.abs(xh) < 0.0027) return expm1Reduced(xh, xl);
  if (xh < -40) {
    LO[0] = 0;
    return -1; // e^x < 2^-57: −1 + e^x rounds to −1, and no activation here keeps the difference
  }
  const e = ddExp(xh, xl);
  return ddAdd(e, LO[0], -1, 0);
}

// ---------------------------------------------------------------- log(1 + y) -------------------------

const [THIRD_HI, THIRD_LO] = ddConstant(1, 3);

/**
 * log(1 + y) for y = yh + yl > −1: for small y its series in double-double; otherwise one Newton step
 * from glibc's log1p: l = l0 + ((1 + y)·e^(−l0) − 1), which squares the ~2^-52 error of l0.
 */
export function ddLog1p(yh: number, yl: number): number {
  if (Math.abs(yh) < 2 ** -10) {
    // y·(1 + y·(−1/2 + y·(1/3 + y·q))): q (the y⁴ terms on, ≤ 2^-32 of the result) in double
    const q = -0.25 + yh * (0.2 + yh * (-1 / 6 + yh * (1 / 7 - yh * 0.125)));
    let h = ddAdd(THIRD_HI, THIRD_LO, yh * q, 0);
    h = ddMul(h, LO[0], yh, yl);
    h = ddAdd(h, LO[0], -0.5, 0);
    h = ddMul(h, LO[0], yh, yl);
    h = ddAdd(h, LO[0], 1, 0);
    return ddMul(h, LO[0], yh, yl);
  }
  const l0 = log1p(yh);
  const e = ddExp(-l0, 0);
  const el = LO[0];
  const one = 1 + yh;
  const oneLow = sumError(1, yh, one) + yl;
  const w = ddMul(one, oneLow, e, el);
  const correction = ddAdd(w, LO[0], -1, 0);
  return ddAdd(l0, 0, correction, LO[0]);
}

// ---------------------------------------------------------------- results -----------------------------

/**
 * (hi + lo)·2^e rounded once to double, subnormals included: a double-double hi + lo (normalised, so hi
 * is its rounding) scaled by a power of two. Below 2^-1022 the quantum is 2^-1074: the scaled value is
 * rounded to an integer multiple of it, with lo (which may carry only a sign: the neglected terms) deciding
 * a tie of hi.
 */
export function finish(hi: number, lo: number, e: number): number {
  if (e < -2140) return hi < 0 || Object.is(hi, -0) ? -0 : 0; // |hi| < 8: far below 2^-1074
  if (e > 2100) return hi * Infinity;
  const a = hi * powerOfTwo(e >> 1) * powerOfTwo(e - (e >> 1));
  if (!(Math.abs(a) < 2 ** -1022) || a !== a) {
    // Normal (or zero, infinite, NaN): hi is already the rounding, and the scaling is exact.
    return a;
  }
  // In units of 2^-1074: q = (hi + lo)·2^(e + 1074), |q| < 2^52.
  const shift = e + 1074;
  const q = hi * powerOfTwo(shift >> 1) * powerOfTwo(shift - (shift >> 1));
  const ql = lo * powerOfTwo(shift >> 1) * powerOfTwo(shift - (shift >> 1));
  // q to the nearest integer, ties to even (|q| < 2^52, so adding 2^52 leaves unit spacing)
  let n = q >= 0 ? q + 2 ** 52 - 2 ** 52 : q - 2 ** 52 + 2 ** 52;
  const fraction = q - n;
  if (fraction === 0.5 || fraction === -0.5) {
    // hi is a tie between two subnormals: lo says which side the exact value is on
    if (ql > 0) n = Math.floor(q) + 1;
    else if (ql < 0) n = Math.ceil(q) - 1;
  }
  const result = n * 2 ** -1074;
  return result === 0 && (hi < 0 || Object.is(hi, -0)) ? -0 : result;
}

/** σ(z) = 1/(1 + e^−z) for a double-double z (|z| ≤ 10^6), as a double-double times 2^EXPONENT[0]: the
 *  scale carries e^z for z ≪ 0, where σ(z) ≈ e^z would underflow. */
export function sigmoidScaled(zh: number, zl: number): number {
  const negative = zh < 0;
  const m = negative ? ddExpScaled(zh, zl) : ddExpScaled(-zh, -zl); // e^−|z| = (m + LO)·2^E
  const ml = LO[0];
  const e = EXPONENT[0];
  // 1 + e^−|z| (when e^−|z| < 2^-110 it is 1 to our accuracy and its scale must not underflow)
  const t = e < -110 ? 0 : scaleDd(m, ml, e);
  const tl = e < -110 ? 0 : LO[0];
  const den = ddAdd(1, 0, t, tl);
  const denLow = LO[0];
  if (!negative) {
    EXPONENT[0] = 0;
    return ddDiv(1, 0, den, denLow);
  }
  const q = ddDiv(m, ml, den, denLow); // e^z/(1 + e^z), keeping e^z's scale
  EXPONENT[0] = e;
  return q;
}
