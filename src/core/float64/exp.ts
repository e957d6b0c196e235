// e^x as glibc 2.36 computes it on x86-64 with FMA (the libm CPython's math.exp calls). The method is Arm's
// (optimized-routines, MIT: THIRD_PARTY_NOTICES.md): with k the integer nearest x·128/ln 2 and
// r = x − k·ln2/128, e^x = 2^(k div 128)·2^((k mod 128)/128)·e^r, the middle factor from a 128-entry table
// (a double and a relative tail, computed by tables.py) and e^r − 1 from a degree-5 polynomial (Arm's
// coefficients). glibc's result depends on the order of its operations and on which of them the compiler
// fused into multiply-adds (read from the machine code of __exp_fma), so the exact path below performs
// the same operations, fused where glibc's are. The result is within 0.51 ulp, not correctly rounded
// (0.1% of results differ from the correctly rounded value), but it is CPython's, bit for bit. pow ends in
// the same computation with a low part added to the argument, so it is shared.
//
// Fast path: the same operations unfused. Only the fused roundings differ, by a few units of 2^-61
// relative to the result, so unless the final sum lies that close to a rounding boundary its rounding is
// glibc's; the rare ambiguous cases (about 1 in 60) take the exact path.
import { fma, highWord, lowWord, powerOfTwo } from './exact';
import { EXP_C2, EXP_C3, EXP_C4, EXP_C5, EXP_INV_LN2_N, EXP_NEG_LN2_HI_N, EXP_NEG_LN2_LO_N, EXP_SCALE, EXP_SHIFT, EXP_TAIL } from './tables';

/** e^x, CPython's math.exp value (IEEE: +∞ on overflow, 0 on underflow, NaN for NaN). */
export function exp(x: number): number {
  const top = (highWord(x) >>> 20) & 0x7ff;
  if (top < 0x3c9) return 1 + x; // |x| < 2^-54 (and ±0)
  if (top >= 0x409) {
    // |x| ≥ 1024, ±∞, NaN
    if (x === -Infinity) return 0;
    if (top === 0x7ff) return 1 + x;
    return x < 0 ? 0 : Infinity;
  }
  if (top < 0x408) {
    const fast = expFast(x, 0, 0);
    if (fast === fast) return fast;
  }
  return expExactly(x, 0);
}

/**
 * The fast path's tolerance, relative to the table value H (1 ≤ H < 2): its tmp is glibc's to within
 * 2^-61 (identical in 99.97% of points; measured over 2·10^6) and H·tmp is rounded once more than fma
 * rounds it (≤ 2^-60), so a result is certain when the sum is farther than 2^-59 from a rounding boundary.
 */
const MARGIN = 2 ** -59;

/**
 * e^(x + tail) for 2^-54 ≤ |x| < 512 by glibc's steps in plain arithmetic, where `tail` (|tail| ≤ 2^-15,
 * pow's low part) may differ from glibc's by `tailError`; NaN when the result could round otherwise than
 * glibc's (the caller then takes the exact path).
 */
export function expFast(x: number, tail: number, tailError: number): number {
  // k = round(x·N/ln2): the product rounded first could cross a half-integer the fused one does not.
  const z = x * EXP_INV_LN2_N;
  const shifted = z + EXP_SHIFT;
  const kd = shifted - EXP_SHIFT;
  if (Math.abs(Math.abs(z - kd) - 0.5) < 2 ** -34) return NaN;
  // k·hi is exact for |k| < 2^17 (hi has 36 bits), and x + k·hi is exact, as in glibc.
  const r = x + kd * EXP_NEG_LN2_HI_N + kd * EXP_NEG_LN2_LO_N + tail;
  const k = lowWord(shifted) | 0;
  const index = k & 127;
  const r2 = r * r;
  const tmp = EXP_TAIL[index] + r + r2 * (EXP_C2 + r * EXP_C3) + r2 * r2 * (EXP_C4 + r * EXP_C5);
  // H·(1 + tmp) rounded once, at the scale of H (the power 2^(k div 128) is applied exactly after).
  const h = EXP_SCALE[index];
  const p = h * tmp;
  const s = h + p;
  const error = h - s + p; // exact: |p| < h
  // Half the spacing of doubles at s, toward the error's side: s lies within 2^-7 of [1, 2).
  const room = s > 2 || (s === 2 && error > 0) ? 2 ** -52 : s > 1 || (s === 1 && error > 0) ? 2 ** -53 : 2 ** -54;
  if (Math.abs(error) + MARGIN + 2 * tailError >= room) return NaN;
  return s * powerOfTwo(k >> 7);
}

/**
 * e^(x + tail) for 2^-54 ≤ |x| < 1024 with every fused step emulated (exp has tail = 0). From |x| ≥ 512 the
 * power 2^(k div 128) alone may overflow or be subnormal, so the product is formed 2^1009 lower (or 2^1022
 * higher) and scaled back; a result below the normal range is then first rounded to its own precision by
 * adding and removing 1, which gives the same bits as glibc's computation.
 */
export function expExactly(x: number, tail: number): number {
  // k = round(x·N/ln2) as fma(x, N/ln2, 1.5·2^52) rounds it, r = x − k·ln2/N in two fused steps.
  const k = fma(x, EXP_INV_LN2_N, EXP_SHIFT) - EXP_SHIFT;
  const r = tail + fma(k, EXP_NEG_LN2_LO_N, fma(k, EXP_NEG_LN2_HI_N, x));
  const index = k & 127;
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, EXP_C5, EXP_C4), fma(fma(r, EXP_C3, EXP_C2), r2, EXP_TAIL[index] + r));
  const e = k >> 7; // floor(k/128)
  const h = EXP_SCALE[index];
  if (Math.abs(x) < 512) {
    const scale = h * powerOfTwo(e);
    return fma(scale, tmp, scale);
  }
  if (k >= 0) {
    const scale = h * powerOfTwo(e - 1009);
    return 2 ** 1009 * fma(scale, tmp, scale);
  }
  const scale = h * powerOfTwo(e + 1022);
  const scaled = scale * tmp;
  const y = scale + scaled;
  if (y >= 1) return 2 ** -1022 * y;
  // y·2^-1022 is subnormal: 1 + y rounds y to the subnormal grid; the exact remainders of y and of that sum
  // are carried so the one rounding that counts happens there.
  const yError = scale - y + scaled;
  const onePlus = 1 + y;
  const carried = 1 - onePlus + y + yError;
  return 2 ** -1022 * (onePlus + carried - 1);
}
