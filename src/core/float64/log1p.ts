// log1p as glibc 2.36 computes it on x86-64 with FMA (CPython's math.log1p): fdlibm's (Sun, 1993),
// 1 + x = 2^k·(1 + f) with √2/2 ≤ 1 + f < √2 and a correction c for the rounding of 1 + x, then
// log(1 + f) = f − s·(f − R) with s = f/(2 + f) and R a polynomial in s², compiled with fused
// multiply-adds (__log1p_fma, whose machine code gives the fused steps). Method and constants: fdlibm 5.3
// (s_log1p.c; Sun's permission notice in THIRD_PARTY_NOTICES.md).
//
// Fast path: the polynomial R is the one value glibc computes with fused steps that reach the result;
// its three outer fused steps are rounded exactly (fmaWithin), the inner coefficients in plain arithmetic
// with their difference as margin; every later step is glibc's plain arithmetic on the same values.
import { fma, fmaFast, fmaWithin, highWord, powerOfTwo, roundsTo, sumError } from './exact';

// fdlibm's constants (s_log1p.c, Sun: THIRD_PARTY_NOTICES.md).
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LP1 = 6.666666666666735130e-1;
const LP2 = 3.999999999940941908e-1;
const LP3 = 2.857142874366239149e-1;
const LP4 = 2.222219843214978396e-1;
const LP5 = 1.818357216161805012e-1;
const LP6 = 1.531383769920937332e-1;
const LP7 = 1.479819860511658591e-1;
const TWO_THIRDS = 0.66666666666666666;

/** log(1 + x), CPython's math.log1p value for x > −1 (IEEE otherwise: −∞ at −1, NaN below). */
export function log1p(x: number): number {
  const hx = highWord(x) | 0;
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    // x < 0.41422
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x ≤ −1 (and NaN with the sign bit)
    if (ax < 0x3e200000) return ax < 0x3c900000 ? x : x - x * x * 0.5; // |x| < 2^-29
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      // −0.2929 < x < 0.41422: no reduction
      k = 0;
      f = x;
      hu = 1;
    }
  } else if (hx >= 0x7ff00000) {
    return x + x;
  }
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = (k > 0 ? 1 - (u - x) : x - (u - 1)) / u; // the rounding error of 1 + x, relative
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
    }
    hu &= 0xfffff;
    // u/2^k in [1, 2), or u/2^(k+1) in [1/2, 1) above √2 (fdlibm sets the exponent field instead)
    if (hu >= 0x6a09e) {
      k += 1;
      hu = (0x00100000 - hu) >> 2;
    }
    u *= powerOfTwo(-k);
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + fmaFast(k, LN2_LO, c);
    const r = fmaFast(-f, TWO_THIRDS, 1) * hfsq;
    return k === 0 ? f - r : k * LN2_HI - (r - fmaFast(k, LN2_LO, c) - f);
  }
  const s = f / (2 + f);
  const p = s * (hfsq + polynomial(s * s));
  // k·LN2_HI is exact, so glibc's fused k·LN2_HI − (…) is this subtraction.
  return k === 0 ? f - (hfsq - p) : k * LN2_HI - (hfsq - (p + fmaFast(k, LN2_LO, c)) - f);
}

/** glibc's R(z) = z·LP1 + z²·(LP2 + z·LP3) + z⁴·(LP4 + z·LP5) + z⁶·(LP6 + z·LP7), fused as __log1p_fma. */
function polynomial(z: number): number {
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z2 * z4;
  // The inner LP + z·LP are fused in glibc and off by at most an ulp here (< 2^-53): the margins. The first
  // product reaches t1's last bit, so that step is rounded exactly; the later ones add terms below t1's
  // last bit (z⁴ ≤ 2^-10·z), so a plain sum whose rounding is certain is glibc's.
  const t1 = fmaWithin(z, LP1, z2 * (LP2 + z * LP3), z2 * 2 ** -52);
  const p2 = z4 * (LP4 + z * LP5);
  const t2 = p2 + t1;
  const p3 = z6 * (LP6 + z * LP7);
  const r = p3 + t2;
  if (roundsTo(t2, sumError(p2, t1, t2), Math.abs(p2) * 2 ** -51) && roundsTo(r, sumError(p3, t2, r), Math.abs(p3) * 2 ** -51)) return r;
  return fma(z6, fma(z, LP7, LP6), fma(z4, fma(z, LP5, LP4), fma(z, LP1, z2 * fma(z, LP3, LP2))));
}
