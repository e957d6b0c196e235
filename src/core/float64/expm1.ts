// expm1, and the hyperbolic functions built on it, as glibc 2.36 computes them (CPython's math.expm1,
// tanh, sinh, cosh). glibc's expm1 is fdlibm's (Sun, 1993): x = k·ln2 + r, expm1(r) from a rational
// approximation in r²/2, then 2^k·(1 + expm1(r)) − 1 rearranged per k. On x86-64 with FMA glibc runs
// that C code compiled with fused multiply-adds (__expm1_fma); the fused steps are those of its machine
// code. tanh, sinh and cosh are fdlibm's too, in plain arithmetic (no FMA build of them), calling that
// expm1 and glibc's exp. Method and constants: fdlibm 5.3 (s_expm1.c, s_tanh.c, e_sinh.c, e_cosh.c;
// Sun's permission notice in THIRD_PARTY_NOTICES.md).
//
// Fast path: plain arithmetic up to the correction term e, which glibc combines with x in one fused
// step whose rounding reaches the result directly; that step is rounded exactly (fmaWithin), with the
// plain e's uncertainty as its margin, and what follows is the same plain arithmetic as glibc's.
import { exp } from './exp';
import { fma, fmaWithin, highWord, powerOfTwo, roundsTo, sumError } from './exact';

// fdlibm's constants (s_expm1.c, Sun: THIRD_PARTY_NOTICES.md).
const LN2_HI = 6.93147180369123816490e-1; // ln2 split: k·LN2_HI is exact for the k used here
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const OVERFLOW_THRESHOLD = 7.09782712893383973096e2;
/** expm1's rational approximation: R1(r²/2) = 1 + Q1·hxs + Q2·hxs² + … (fdlibm's scaled coefficients). */
const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;
/** The largest x with sinh x and cosh x finite (fdlibm's 0x408633ce8fb9f87d). */
const SINH_OVERFLOW = 710.4758600739439;

/** e^x − 1, CPython's math.expm1 value (IEEE: +∞ above 709.78, −1 at −∞, NaN for NaN). */
export function expm1(x: number): number {
  const high = highWord(x);
  const negative = high >= 0x80000000;
  const ax = high & 0x7fffffff;
  if (ax >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (ax >= 0x40862e42) {
      if (ax >= 0x7ff00000) return x !== x ? x + x : negative ? -1 : x;
      if (x > OVERFLOW_THRESHOLD) return Infinity;
    }
    if (negative) return 1e-300 - 1;
  }
  let k: number;
  let hi: number;
  let lo: number;
  if (ax > 0x3fd62e42) {
    // |x| > ln2/2: reduce to r = hi − lo, with c the rounding error of that difference
    if (ax < 0x3ff0a2b2) {
      k = negative ? -1 : 1;
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI; // exact (fused in glibc, exact either way)
      lo = k * LN2_LO;
    }
  } else if (ax < 0x3c900000) {
    return x; // |x| < 2^-54 (glibc: x − ((huge + x) − (huge + x)), which is x)
  } else {
    return expm1Small(x);
  }
  const r = hi - lo;
  const c = hi - r - lo;
  let e = correction(r);
  // glibc: e = fma(e − c, r, −c) − hxs
  let e2 = e === e ? fmaWithin(e - c, r, -c, 0) : NaN;
  if (e2 !== e2) {
    e = correctionExactly(r);
    e2 = fma(e - c, r, -c);
  }
  return combine(r, e2 - 0.5 * r * r, k);
}

/**
 * glibc's correction e of the rational approximation (expm1(r) = r + r²/2 + … − e terms), with its fused
 * steps rounded as fma rounds them; NaN when one of them is too close to a tie to be sure (rare). Where
 * glibc fuses a product far below the sum's last bit (R1, r1's sums) a plain rounding plus a check does;
 * where the product reaches the sum's last bits (t, the denominator) it is made exact.
 */
function correction(r: number): number {
  const hfx = 0.5 * r;
  const hxs = r * hfx;
  const h2 = hxs * hxs;
  const p1 = hxs * Q1;
  const r1a = 1 + p1;
  const p2 = h2 * (Q2 + hxs * Q3); // glibc's Q2 + hxs·Q3 is fused: ≤ 2^-62 apart, times h2 ≤ 2^-8
  const r1b = r1a + p2;
  const p3 = h2 * h2 * (Q4 + hxs * Q5);
  const r1 = r1b + p3;
  if (
    !roundsTo(r1a, sumError(1, p1, r1a), Math.abs(p1) * 2 ** -53) ||
    !roundsTo(r1b, sumError(r1a, p2, r1b), Math.abs(p2) * 2 ** -52 + h2 * 2 ** -61) ||
    !roundsTo(r1, sumError(r1b, p3, r1), Math.abs(p3) * 2 ** -52)
  ) {
    return NaN;
  }
  const t = fmaWithin(-r1, hfx, 3, 0);
  return ((r1 - t) / fmaWithin(-r, t, 6, 0)) * hxs; // NaN passes through
}

/** The same with every fused step of __expm1_fma emulated. */
function correctionExactly(r: number): number {
  const hfx = r * 0.5;
  const hxs = r * hfx;
  const h2 = hxs * hxs;
  const r1 = fma(h2 * h2, fma(hxs, Q5, Q4), fma(h2, fma(hxs, Q3, Q2), fma(hxs, Q1, 1)));
  const t = fma(-r1, hfx, 3);
  return ((r1 - t) / fma(-r, t, 6)) * hxs;
}

/** |x| ≤ ln2/2: k = 0 and expm1(x) = x − (x·e − hxs), the last product fused. */
function expm1Small(x: number): number {
  const hxs = x * (0.5 * x);
  const e = correction(x);
  let d = e === e ? fmaWithin(e, x, -hxs, 0) : NaN;
  if (d !== d) d = fma(correctionExactly(x), x, -hxs);
  return x - d;
}

/** expm1(x) = 2^k·(1 + expm1(r)) − 1 from r and e = r·(e − c) − c − hxs, as fdlibm arranges it per k. */
function combine(r: number, e: number, k: number): number {
  if (k === -1) return 0.5 * (r - e) - 0.5;
  if (k === 1) return r < -0.25 ? -2 * (e - (r + 0.5)) : 1 + 2 * (r - e);
  if (k <= -2 || k > 56) {
    // 2^k·(1 − (e − r)) − 1, the power added to the exponent field
    const y = 1 - (e - r);
    return addToExponent(y, k) - 1;
  }
  if (k < 20) {
    const t = 1 - powerOfTwo(-k);
    return addToExponent(t - (e - r), k);
  }
  const t = powerOfTwo(-k);
  return addToExponent(r - (e + t) + 1, k);
}

/** y·2^k (fdlibm adds k to the exponent field: the same where the result is normal, as it is here;
 *  2^1024 itself is out of range, hence the two factors). */
function addToExponent(y: number, k: number): number {
  return y * powerOfTwo(k >> 1) * powerOfTwo(k - (k >> 1));
}

/** tanh x, CPython's math.tanh value: fdlibm's, from expm1(±2|x|); ±1 from |x| ≥ 22. */
export function tanh(x: number): number {
  const high = highWord(x);
  const ax = high & 0x7fffffff;
  if (ax >= 0x7ff00000) return x !== x ? x + x : x > 0 ? 1 : -1;
  let z: number;
  if (ax < 0x40360000) {
    if (x === 0) return x;
    if (ax < 0x3c800000) return x * (1 + x); // |x| < 2^-55
    const a = Math.abs(x);
    if (ax >= 0x3ff00000) {
      z = 1 - 2 / (expm1(2 * a) + 2);
    } else {
      const t = expm1(-2 * a);
      z = -t / (t + 2);
    }
  } else {
    z = 1 - 1e-300;
  }
  return high < 0x80000000 ? z : -z;
}

/** sinh x, CPython's math.sinh value (IEEE: ±∞ on overflow): fdlibm's, from expm1 and exp. */
export function sinh(x: number): number {
  const high = highWord(x);
  const ax = high & 0x7fffffff;
  if (ax >= 0x7ff00000) return x + x;
  const h = high >= 0x80000000 ? -0.5 : 0.5;
  const a = Math.abs(x);
  if (ax < 0x40360000) {
    if (ax < 0x3e300000) return x; // |x| < 2^-28
    const t = expm1(a);
    if (ax < 0x3ff00000) return h * (2 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ax < 0x40862e42) return h * exp(a);
  if (a <= SINH_OVERFLOW) {
    // up to the overflow threshold: e^(|x|/2) twice, so the intermediate does not overflow
    const w = exp(0.5 * a);
    return h * w * w;
  }
  return x * 1e307;
}

/** cosh x, CPython's math.cosh value (IEEE: +∞ on overflow): fdlibm's, from expm1 and exp. */
export function cosh(x: number): number {
  const ax = highWord(x) & 0x7fffffff;
  const a = Math.abs(x);
  if (ax < 0x40360000) {
    if (ax < 0x3fd62e43) {
      if (ax < 0x3c800000) return 1;
      const t = expm1(a);
      const w = 1 + t;
      return 1 + (t * t) / (w + w);
    }
    const t = exp(a);
    return 0.5 * t + 0.5 / t;
  }
  if (ax < 0x40862e42) return 0.5 * exp(a);
  if (a <= SINH_OVERFLOW) {
    const w = exp(0.5 * a);
    return 0.5 * w * w;
  }
  return ax >= 0x7ff00000 ? x * x : Infinity;
}
