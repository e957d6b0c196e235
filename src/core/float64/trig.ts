// sin, cos and tan correctly rounded (CPython's math calls glibc, whose IBM-derived functions are nearly but
// not always correctly rounded: docs/numerics.md gives how often the two differ). Our own method, from the
// mathematics: x = n·π/2 + r (halfPiReduction.ts), then r = a + h with a = k/128 the nearest table point and
// |h| ≤ 1/256, and the addition theorems
//   sin(a + h) = sin a + (cos a·sin h + sin a·(cos h − 1)),  cos(a + h) = cos a + (cos a·(cos h − 1) − sin a·sin h)
// with sin a, cos a as double-doubles from the table (computed by mpmath) and sin h, cos h − 1 from their
// Taylor series, the leading products exact. That is accurate to about 2^-70; the result is returned when
// every value within 2^-67 (and the reduction's error) rounds to it, else the exact path decides
// (circularExact.ts, about 1 call in 10^4). tan is the double-double quotient of the two.
import { circularExactly } from './circularExact';
import { LO, ddDiv } from './doubleDouble';
import { productError, roundsTo, sumError } from './exact';
import { QUARTER_PI_BELOW, reduceHalfPi, reduced } from './halfPiReduction';
import { SIN_COS_TABLE } from './tables';

/** The fast paths' relative error bound, with a safety factor of 8 over the analysis. */
const RELATIVE_MARGIN = 2 ** -67;

// Taylor coefficients of sin h = h + h³(S3 + h²(S5 + …)) and cos h − 1 = −h²/2 + h⁴(C4 + h²(C6 + …)), to
// |h| ≤ 2^-8 with the next terms below 2^-100 of the result.
const S3 = -1 / 6;
const S5 = 1 / 120;
const S7 = -1 / 5040;
const S9 = 1 / 362880;
const C4 = 1 / 24;
const C6 = -1 / 720;
const C8 = 1 / 40320;

// split's results and the low part of the last sinOrCosOf result, in a typed array: a double written to a
// module variable would be boxed (allocated) on every call.
const state = new Float64Array(5);
const H_HIGH = 0; // h = |r| − k/128 + the low part of r (sign-adjusted), k/128 the table point nearest |r|
const SIN_TAIL = 1; // sin h − h from h's high part, plus h's low part
const COS_HALF = 2; // cos h − 1 = COS_HALF + COS_REST, COS_HALF = −(h² rounded)/2 exactly
const COS_REST = 3;
const RESULT_LOW = 4;

/** Sets `state` for r = rh + rl and returns the table index of k/128 (4 doubles per k). */
function split(rh: number, rl: number): number {
  const a = Math.abs(rh);
  const k = Math.round(a * 128);
  const hHigh = a - k / 128; // exact (Sterbenz: a is within 1/256 of k/128)
  const hLow = rh < 0 ? -rl : rl;
  const h2 = hHigh * hHigh;
  state[H_HIGH] = hHigh;
  state[SIN_TAIL] = hLow + hHigh * (h2 * (S3 + h2 * (S5 + h2 * (S7 + h2 * S9))));
  state[COS_HALF] = -0.5 * h2;
  state[COS_REST] = -0.5 * productError(hHigh, hHigh, h2) - hHigh * hLow + h2 * h2 * (C4 + h2 * (C6 + h2 * C8));
  return 4 * k;
}

/**
 * sin(rh + rl), or with `cosine` cos(rh + rl), for |rh| ≤ π/4 + 2^-30: the returned double plus
 * state[RESULT_LOW].
 */
function sinOrCosOf(rh: number, rl: number, cosine: boolean): number {
  const index = split(rh, rl);
  const hHigh = state[H_HIGH];
  const sinTail = state[SIN_TAIL];
  const cosHalf = state[COS_HALF];
  const cosRest = state[COS_REST];
  const sh = SIN_COS_TABLE[index];
  const sl = SIN_COS_TABLE[index + 1];
  const ch = SIN_COS_TABLE[index + 2];
  const cl = SIN_COS_TABLE[index + 3];
  let v: number;
  let low: number;
  if (cosine) {
    // cos a + (cos a·(cos h − 1) − sin a·sin h)
    const p = sh * hHigh;
    const q = ch * cosHalf;
    const u = q - p;
    v = ch + u;
    low = cl + productError(ch, cosHalf, q) - productError(sh, hHigh, p) + sumError(q, -p, u) + sumError(ch, u, v) +
      (ch * cosRest + cl * cosHalf - sh * sinTail - sl * hHigh);
  } else {
    // sin a + (cos a·sin h + sin a·(cos h − 1)), of |r|: sin is odd
    const p = ch * hHigh;
    const q = sh * cosHalf;
    const u = p + q;
    v = sh + u;
    low = sl + productError(ch, hHigh, p) + productError(sh, cosHalf, q) + sumError(p, q, u) + sumError(sh, u, v) +
      (ch * sinTail + cl * hHigh + sh * cosRest + sl * cosHalf);
  }
  const y = v + low;
  const yLow = low - (y - v);
  const negate = !cosine && rh < 0;
  state[RESULT_LOW] = negate ? -yLow : yLow;
  return negate ? -y : y;
}

/** sin x correctly rounded (NaN for ±∞ and NaN). */
export function sin(x: number): number {
  const a = Math.abs(x);
  if (a < 2 ** -26) return x; // sin x = x(1 − x²/6 + …) rounds to x (also ±0 and subnormals)
  if (!(a < Infinity)) return x - x;
  return sinOrCos(x, 0);
}

/** cos x correctly rounded (NaN for ±∞ and NaN). */
export function cos(x: number): number {
  const a = Math.abs(x);
  if (a < 2 ** -27) return 1; // 1 − x²/2 rounds to 1
  if (!(a < Infinity)) return x - x;
  return sinOrCos(x, 1);
}

/** sin x (shift 0) or cos x = sin(x + π/2) (shift 1) for finite |x| ≥ 2^-27. */
function sinOrCos(x: number, shift: 0 | 1): number {
  let n: number = shift;
  let rh = x;
  let rl = 0;
  let error = 0;
  if (Math.abs(x) > QUARTER_PI_BELOW) {
    reduceHalfPi(x);
    n = (reduced.n + shift) & 3;
    rh = reduced.hi;
    rl = reduced.lo;
    error = reduced.error;
  }
  // sin x = sin r, cos r, −sin r, −cos r for n = 0, 1, 2, 3 (mod 4)
  const y = sinOrCosOf(rh, rl, (n & 1) === 1);
  if (roundsTo(y, state[RESULT_LOW], Math.abs(y) * RELATIVE_MARGIN + error)) return n & 2 ? -y : y;
  return circularExactly(x, shift);
}

/** tan x correctly rounded (NaN for ±∞ and NaN). */
export function tan(x: number): number {
  const a = Math.abs(x);
  if (a < 2 ** -27) return x; // x + x³/3 rounds to x
  if (!(a < Infinity)) return x - x;
  let odd = false;
  let rh = x;
  let rl = 0;
  let error = 0;
  if (a > QUARTER_PI_BELOW) {
    reduceHalfPi(x);
    odd = (reduced.n & 1) === 1;
    rh = reduced.hi;
    rl = reduced.lo;
    error = reduced.error;
  }
  // tan x = tan r, or −cot r in an odd quadrant
  const s = sinOrCosOf(rh, rl, false);
  const sLow = state[RESULT_LOW];
  const c = sinOrCosOf(rh, rl, true);
  const cLow = state[RESULT_LOW];
  const q = odd ? -ddDiv(c, cLow, s, sLow) : ddDiv(s, sLow, c, cLow);
  const qLow = odd ? -LO[0] : LO[0];
  // an error δ in r moves tan r (or cot r) by δ·(1 + q²)
  if (roundsTo(q, qLow, Math.abs(q) * 2 * RELATIVE_MARGIN + error * (1 + q * q) * 1.01)) return q;
  return circularExactly(x, 2);
}
