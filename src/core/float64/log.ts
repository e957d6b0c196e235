// log and log2 as glibc 2.36 computes them on x86-64 with FMA (CPython's math.log, math.log2), and log10
// over them. The method of log and log2 is Arm's (optimized-routines, MIT: THIRD_PARTY_NOTICES.md): write
// x = 2^k·z with z in [0x1.6p-1, 0x1.6p0), pick the table point c of z's subinterval (128 for log, 64 for
// log2), and log x = k·ln2 + log c + log1p(z/c − 1), the last from a short polynomial in r = z·(1/c) − 1;
// near 1, where that sum would cancel, a longer polynomial in x − 1 instead. The 1/c points and the
// polynomials are Arm's published choices, log c is computed (tables.ts). glibc's results depend on its
// order of operations and on the multiply-adds its compiler fused (__ieee754_log_fma, __log2_fma), which
// the exact paths below perform. log10 is fdlibm's (e_log10.c, Sun: THIRD_PARTY_NOTICES.md) over that log.
//
// Fast path: r = z·(1/c) − 1 exactly (its product is exact in double-double, and glibc fuses it), the rest
// unfused, which moves the unrounded sum by far less than the final addition's rounding quantum; when that
// sum lies too close to a rounding boundary the fused computation decides.
import { fma, highWord, powerOfTwo, productError, roundsTo, sumError } from './exact';
import { LOG2_INV_LN2_HI, LOG2_INV_LN2_LO, LOG2_INVC, LOG2_LOGC, LOG2_POLY, LOG2_POLY1, LOG_INVC, LN2_HI, LN2_LO, LOG_LOGC, LOG_POLY, LOG_POLY1 } from './tables';

const [A0, A1, A2, A3, A4] = LOG_POLY;
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = LOG_POLY1;

/** High word of 0x1.6p-1: z = x/2^k lies in [that, twice that). */
const OFF_HIGH = 0x3fe60000;
/** x within [1 − 2^-4, 1 + 0x1.09p-4): the polynomial in x − 1. */
const NEAR_ONE_LOW = 0x3fee0000;
const NEAR_ONE_HIGH = 0x3ff10900;

/** x = 2^k·z with z in [OFF, 2·OFF), as glibc forms them (`tmp` = high word − OFF's, for the table index). */
export const reduction = { k: 0, z: 0, tmp: 0 };

/**
 * glibc's reduction for log, log2 and pow: base·2^-shift = 2^k·z with base a normal double whose high word,
 * less shift in the exponent field, is `high`, and `offHigh` the high word of OFF; z is exact.
 */
export function reduceFrom(base: number, shift: number, high: number, offHigh: number): void {
  const tmp = (high - offHigh) | 0;
  reduction.tmp = tmp;
  reduction.k = tmp >> 20;
  reduction.z = base * powerOfTwo(-reduction.k - shift); // glibc subtracts k from the exponent field
}

/** Reduces a positive finite x (subnormals scaled up first); false for 0, negative, +∞ and NaN. */
function splitRegular(x: number, high: number): boolean {
  if (high - 0x00100000 >>> 0 < 0x7fe00000) {
    reduceFrom(x, 0, high, OFF_HIGH);
    return true;
  }
  if (!(x > 0) || x === Infinity) return false; // x < 2^-1022 but not subnormal, +∞ or NaN
  const normal = x * 2 ** 52;
  reduceFrom(normal, 52, highWord(normal) - (52 << 20), OFF_HIGH);
  return true;
}

/** log and log2 where x is not a positive finite number: −∞ at ±0, +∞ at +∞, NaN below 0 and for NaN. */
const special = (x: number): number => (x === 0 ? -Infinity : x === Infinity ? x : NaN);

/** log x, CPython's math.log value for x > 0 (IEEE otherwise: −∞ at ±0, NaN below 0, +∞ at +∞). */
export function log(x: number): number {
  const high = highWord(x);
  if (high >= NEAR_ONE_LOW && high < NEAR_ONE_HIGH) return x === 1 ? 0 : nearOne(x);
  if (!splitRegular(x, high)) return special(x);
  const { k, z } = reduction;
  const i = (reduction.tmp >> 13) & 127;
  const invc = LOG_INVC[i];
  // r = fma(z, invc, −1): z·invc is within 2^-8 of 1, so p − 1 is exact and adding p's error rounds once.
  const p = z * invc;
  const r = p - 1 + productError(z, invc, p);
  const w = k * LN2_HI + LOG_LOGC[i]; // exact by the table's construction
  const hi = w + r;
  const lo = w - hi + r + k * LN2_LO;
  const r2 = r * r;
  const y = lo + r2 * A0 + r * r2 * (A1 + r * A2 + r2 * (A3 + r * A4));
  const s = hi + y;
  // glibc's y differs from this one by a few units of 2^-70 (r² ≤ 2^-16); |log x| ≥ 2^-5 here.
  return roundsTo(s, sumError(hi, y, s), 2 ** -66) ? s : generalExactly(r, k, i);
}

/** The general path with every fused step of __ieee754_log_fma. */
function generalExactly(r: number, k: number, i: number): number {
  const w = fma(k, LN2_HI, LOG_LOGC[i]);
  const hi = r + w;
  const lo = fma(k, LN2_LO, w - hi + r);
  const r2 = r * r;
  const q = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, q, fma(r2, A0, lo)) + hi;
}

/**
 * x within 2^-4 of 1: r = x − 1 (exact), log1p(r) = r − r²/2 + r³·P(r), with r − r²/2 as hi + lo (r split
 * at 2^27 so its square is exact).
 */
function nearOne(x: number): number {
  const r = x - 1;
  const r2 = r * r;
  const r3 = r * r2;
  const poly = B1 + r * B2 + r2 * B3 + r3 * (B4 + r * B5 + r2 * B6 + r3 * (B7 + r * B8 + r2 * B9 + r3 * B10));
  const rhi = r + r * 2 ** 27 - r * 2 ** 27;
  const rlo = r - rhi;
  const w = rhi * rhi * B0; // exact: rhi has 26 bits and B0 = −1/2
  const hi = r + w;
  const head = r - hi + w; // the same rounding as glibc's fused one, w being exact
  const y = r3 * poly + (head + B0 * rlo * (rhi + r));
  const s = hi + y;
  // glibc's y differs by a few ulps of r³·P (P < 1/2) and of the last correction term.
  const margin = Math.abs(r3) * 2 ** -52 + r2 * 2 ** -80;
  return roundsTo(s, sumError(hi, y, s), margin) ? s : nearOneExactly(r, rhi, hi, head);
}

function nearOneExactly(r: number, rhi: number, hi: number, head: number): number {
  const r2 = r * r;
  const r3 = r * r2;
  const inner = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
  const middle = fma(inner, r3, fma(r2, B6, fma(r, B5, B4)));
  const poly = fma(middle, r3, fma(r2, B3, fma(r, B2, B1)));
  const lo = fma(B0 * (r - rhi), rhi + r, head);
  return hi + fma(poly, r3, lo);
}

const [C0, C1, C2, C3, C4, C5] = LOG2_POLY;
const [D0, D1, D2, D3, D4, D5, D6, D7, D8, D9] = LOG2_POLY1;

/** x within [1 − 0x1.5b51p-5, 1 + 0x1.6ab2p-5): log2's polynomial in x − 1. */
const LOG2_NEAR_ONE_LOW = 0x3feea4af; // high words of 1 − 0x1.5b51p-5 and 1 + 0x1.6ab2p-5 (low words 0)
const LOG2_NEAR_ONE_HIGH = 0x3ff0b559;

/**
 * log2 x, CPython's math.log2 value for x > 0 (IEEE otherwise): the same scheme as log with 64
 * subintervals, r/ln2 carried as t1 + t2 (t1 = r·InvLn2hi rounded, t2 its exact error plus r·InvLn2lo),
 * glibc's __log2_fma.
 */
export function log2(x: number): number {
  const high = highWord(x);
  if (high >= LOG2_NEAR_ONE_LOW && high < LOG2_NEAR_ONE_HIGH) return x === 1 ? 0 : log2NearOne(x);
  if (!splitRegular(x, high)) return special(x);
  const { k: kd, z } = reduction;
  const i = (reduction.tmp >> 14) & 63;
  const invc = LOG2_INVC[i];
  const p = z * invc;
  const r = p - 1 + productError(z, invc, p);
  const t1 = r * LOG2_INV_LN2_HI;
  const t1Error = productError(r, LOG2_INV_LN2_HI, t1);
  const t3 = kd + LOG2_LOGC[i];
  const hi = t3 + t1;
  const head = t3 - hi + t1;
  const lo = head + (r * LOG2_INV_LN2_LO + t1Error);
  const r2 = r * r;
  const r4 = r2 * r2;
  const poly = C0 + r * C1 + r2 * (C2 + r * C3) + r4 * (C4 + r * C5);
  const tail = lo + r2 * poly;
  const s = tail + hi;
  if (roundsTo(s, sumError(tail, hi, s), (Math.abs(lo) + r2) * 2 ** -49)) return s;
  // glibc fuses r·(1/ln2)'s low part with t1's error, and the polynomial's steps.
  const polyExact = fma(fma(r, C5, C4), r4, fma(fma(r, C3, C2), r2, fma(r, C1, C0)));
  return fma(r2, polyExact, head + fma(r, LOG2_INV_LN2_LO, t1Error)) + hi;
}

function log2NearOne(x: number): number {
  const r = x - 1;
  const hi = r * LOG2_INV_LN2_HI;
  const error = productError(r, LOG2_INV_LN2_HI, hi);
  const r2 = r * r;
  const r4 = r2 * r2;
  const p = r2 * (D0 + r * D1);
  const y = hi + p;
  const rest = D2 + r * D3 + r2 * (D4 + r * D5) + r4 * (D6 + r * D7 + r2 * (D8 + r * D9));
  const tail = hi - y + p + (r * LOG2_INV_LN2_LO + error) + r4 * rest;
  const s = y + tail;
  // p is rounded here (fused in glibc): its error, the roundings of the tail and the unfused polynomial.
  if (roundsTo(s, sumError(y, tail, s), (Math.abs(tail) + Math.abs(p) + r4) * 2 ** -50)) return s;
  // glibc fuses the head's sum with p and its remainder, r·(1/ln2)'s low part with the error, and the
  // polynomial's steps.
  const q = fma(r, D1, D0);
  const yExact = fma(q, r2, hi);
  const lo = fma(q, r2, hi - yExact) + fma(r, LOG2_INV_LN2_LO, error);
  const restExact = fma(fma(fma(r, D9, D8), r2, fma(r, D7, D6)), r4, fma(fma(r, D5, D4), r2, fma(r, D3, D2)));
  return yExact + fma(restExact, r4, lo);
}

// fdlibm's constants (e_log10.c): log10(2) split so that LOG10_2_HI has 33 bits, and 1/ln 10.
const LOG10_2_HI = 3.01029995663611771306e-1;
const LOG10_2_LO = 3.69423907715893078616e-13;
const INV_LN10 = 4.34294481903251816668e-1;

/**
 * log10 x, CPython's math.log10 value for x > 0 (IEEE otherwise): glibc's fdlibm-derived
 * __ieee754_log10 (plain arithmetic): x = 2^k·m with m in [1, 2) (in [1/2, 1) when k < 0), then
 * k·log10(2)lo + log(m)/ln 10 + k·log10(2)hi, with glibc's own log.
 */
export function log10(x: number): number {
  let high = highWord(x);
  let k = 0;
  if (high < 0x00100000 || high >= 0x80000000) {
    if (x === 0) return -Infinity;
    if (x < 0 || x !== x) return NaN;
    k = -54;
    x *= 2 ** 54;
    high = highWord(x);
  }
  if (high >= 0x7ff00000) return x + x;
  k += (high >>> 20) - 1023;
  const negative = k < 0 ? 1 : 0;
  const m = x * powerOfTwo(1023 - (high >>> 20) - negative); // x's mantissa with exponent 0 (or −1)
  const y = k + negative;
  return y * LOG10_2_LO + INV_LN10 * log(m) + y * LOG10_2_HI;
}
