// atan correctly rounded (CPython's math.atan calls glibc's IBM-derived atan, which is nearly but not always
// correctly rounded: docs/numerics.md gives how often the two differ). Our own method, from the
// mathematics: v = |x| or 1/|x| (as a double-double) in [0, 1], c = k/128 the nearest table point, and
//   atan v = atan c + atan t,  t = (v − c)/(1 + v·c),  |t| ≤ 2^-8,
// with atan c a double-double from the table (computed by mpmath), t a double-double quotient and atan t
// from its Taylor series; above 1, atan x = π/2 − atan(1/x). That is accurate to about 2^-70; the result is
// returned when every value within 2^-67 of it rounds the same, else the exact path decides (circularExact.ts).
import { atanExactly } from './circularExact';
import { LO, ddDiv } from './doubleDouble';
import { productError, roundsTo, sumError } from './exact';
import { ATAN_TABLE, PIO2_HI, PIO2_LO } from './tables';

const RELATIVE_MARGIN = 2 ** -67;
// atan t = t + t³(A3 + t²(A5 + t²(A7 + t²·A9))) for |t| ≤ 2^-8, the next term below 2^-80 of t
const A3 = -1 / 3;
const A5 = 1 / 5;
const A7 = -1 / 7;
const A9 = 1 / 9;

/**
 * atan x correctly rounded: ±π/2 rounded at ±∞ (and from 2^53, where π/2 − 1/x rounds to it), NaN for NaN.
 */
export function atan(x: number): number {
  const a = Math.abs(x);
  if (!(a >= 2 ** -27)) return x; // x − x³/3 rounds to x (also ±0, subnormals and NaN)
  if (a >= 2 ** 53) return x > 0 ? PIO2_HI : -PIO2_HI;
  let vh = a;
  let vl = 0;
  if (a > 1) {
    vh = 1 / a;
    const p = a * vh;
    vl = (1 - p - productError(a, vh, p)) / a; // 1 − p is exact: p is within 2^-52 of 1
  }
  const k = Math.round(vh * 128);
  let th = vh;
  let tl = vl;
  if (k > 0) {
    const c = k / 128;
    const d = vh - c; // exact (Sterbenz: vh is within 1/256 of c)
    const nh = d + vl;
    const nl = sumError(d, vl, nh);
    const p = vh * c;
    const dh = 1 + p;
    const dl = sumError(1, p, dh) + productError(vh, c, p) + vl * c;
    th = ddDiv(nh, nl, dh, dl);
    tl = LO[0];
  }
  const t2 = th * th;
  const head = ATAN_TABLE[2 * k];
  const s = head + th;
  const low = sumError(head, th, s) + ATAN_TABLE[2 * k + 1] + tl + th * (t2 * (A3 + t2 * (A5 + t2 * (A7 + t2 * A9))));
  let y = s + low;
  let yLow = low - (y - s);
  if (a > 1) {
    // π/2 − atan(1/|x|) ≥ π/4: no cancellation
    const z = PIO2_HI - y;
    const zl = sumError(PIO2_HI, -y, z) + PIO2_LO - yLow;
    y = z + zl;
    yLow = zl - (y - z);
  }
  if (!roundsTo(y, yLow, y * RELATIVE_MARGIN)) return atanExactly(x);
  return x < 0 ? -y : y;
}
