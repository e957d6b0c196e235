// x = n·π/2 + r with |r| ≤ π/4 in double-double, for the fast paths of sin, cos and tan. Two methods, both
// textbook: below 2^20 the subtraction of n·π/2 with π/2 in five parts (Cody and Waite), the first three
// short enough that their products with n are exact; above, the fraction of x·2/π from only the 24-bit digits
// of 2/π that reach it (Payne and Hanek), every partial product exact. The result carries a bound on its
// error, which the callers' rounding test takes into account: when r is tiny (x next to a multiple of π/2)
// the bound is large relative to r, the test fails, and the exact path (circularExact.ts) decides.
import { highWord, powerOfTwo, productError, sumError } from './exact';
import { INV_PIO2, PIO2_1, PIO2_2, PIO2_3, PIO2_4, PIO2_5, PIO2_HI, PIO2_LO, TWO_OVER_PI_24 } from './tables';

/** The last reduction: n mod 4, r = hi + lo, and a bound on |r − (hi + lo)|. */
export const reduced = { n: 0, hi: 0, lo: 0, error: 0 };

/** The largest double below π/4: arguments up to it need no reduction. */
export const QUARTER_PI_BELOW = 0.7853981633974483;

const SHIFT = 1.5 * 2 ** 52; // adding it rounds a double below 2^51 to an integer
const CODY_WAITE_LIMIT = 2 ** 20;

/** Reduces a finite x with |x| > QUARTER_PI_BELOW into `reduced`. */
export function reduceHalfPi(x: number): void {
  if (Math.abs(x) < CODY_WAITE_LIMIT) codyWaite(x);
  else payneHanek(x);
}

function codyWaite(x: number): void {
  const n = x * INV_PIO2 + SHIFT - SHIFT; // any nearest-enough integer: |r| stays within π/4 + 2^-30
  // |n| < 2^20 and PIO2_1..3 have 33 bits: these products are exact. x − n·PIO2_1 is exact too (both are
  // multiples of 2^-53 and the difference is below 1); the later differences carry their rounding errors.
  const a = x - n * PIO2_1;
  let p = n * PIO2_2;
  const b = a - p;
  let low = sumError(a, -p, b);
  p = n * PIO2_3;
  const c = b - p;
  low += sumError(b, -p, c);
  p = n * PIO2_4;
  const d = c - p;
  low += sumError(c, -p, d) - productError(n, PIO2_4, p) - n * PIO2_5;
  const hi = d + low;
  reduced.n = n & 3;
  reduced.hi = hi;
  reduced.lo = sumError(d, low, hi);
  // The additions into `low` round at 2^-53 of terms that are themselves below 2^-52·(|r| + 2^-46).
  reduced.error = Math.abs(hi) * 2 ** -100 + 2 ** -145;
}

/** 2^26: the mantissa split into halves whose products with a 24-bit digit are exact. */
const HALF = 2 ** 26;
const SPAN = 8; // digits kept: the ones after them add less than 2^-114 to the fraction

function payneHanek(x: number): void {
  const a = Math.abs(x);
  const e = ((highWord(a) >>> 20) & 0x7ff) - 1075; // a = m·2^e, m an integer in [2^52, 2^53)
  const m = a * powerOfTwo(-e);
  const mHigh = Math.floor(m / HALF) * HALF;
  const mLow = m - mHigh;
  // x·2/π = m·Σ D_j·2^(e − 24(j + 1)): digits whose weight is at least 4 give multiples of 4 and are skipped.
  const first = Math.max(0, Math.ceil((e - 25) / 24));
  let whole = 0; // the integer part, mod 4
  let hi = 0; // the fraction, hi + lo, kept in [0, 1)
  let lo = 0;
  for (let j = first; j < first + SPAN; j++) {
    const digit = TWO_OVER_PI_24[j] * powerOfTwo(e - 24 * (j + 1)); // exact
    for (let part = 0; part < 2; part++) {
      let t = (part === 0 ? mHigh : mLow) * digit; // exact: 27 + 24 bits at most
      if (t >= 1) {
        const integer = Math.floor(t);
        t -= integer;
        whole += integer - 4 * Math.floor(integer / 4);
      }
      const s = hi + t;
      lo += sumError(hi, t, s);
      hi = s;
      if (hi >= 1) {
        hi -= 1;
        whole += 1;
      }
    }
  }
  // The fraction to [−1/2, 1/2), then r = fraction·π/2.
  if (hi > 0.5 || (hi === 0.5 && lo > 0)) {
    hi -= 1;
    whole += 1;
  }
  const f = hi + lo;
  const fl = sumError(hi, lo, f);
  const r = f * PIO2_HI;
  const rl = productError(f, PIO2_HI, r) + (f * PIO2_LO + fl * PIO2_HI);
  const rh = r + rl;
  const n = whole & 3;
  const negative = x < 0;
  reduced.n = negative ? (4 - n) & 3 : n;
  reduced.hi = negative ? -rh : rh;
  reduced.lo = negative ? -sumError(r, rl, rh) : sumError(r, rl, rh);
  // 16 roundings into `lo` of terms below 2^-52, the digits left out, and the product's rounding.
  reduced.error = 2 ** -96 + Math.abs(rh) * 2 ** -100;
}
