// x^y as glibc 2.36 computes it on x86-64 with FMA (CPython's math.pow and float ** float call it). The
// method is Arm's (optimized-routines, MIT: THIRD_PARTY_NOTICES.md): x^y = e^(y·log x) with log x carried
// as a double-double to about 68 bits — x = 2^k·z, a table point c of z's subinterval (pow's own 128-entry
// table, whose 1/c, log c and its tail tables.py computes by Arm's rule), log x = k·ln2 + log c + r −
// r²/2 + r³·P(r) with r = z/c − 1 exact and P Arm's polynomial, the leading terms summed with their
// rounding errors kept — then y·log x as a double-double, and exp with that low part (exp.ts). glibc's
// result depends on its order of operations and on the multiply-adds its compiler fused
// (__ieee754_pow_fma), which the exact path below performs.
//
// Fast path: the log unfused, with r exact; if its rounded head is glibc's (it is, unless the double-double
// sum is within a few units of 2^-66 of a rounding boundary), y times it is glibc's too and only the low
// part differs, by far less than the exp fast path's tolerance.
import { expExactly, expFast } from './exp';
import { fma, highWord, productError, roundsTo, sumError } from './exact';
import { reduceFrom, reduction } from './log';
import { POW_INVC, LN2_HI, LN2_LO, POW_LOGC, POW_LOGCTAIL, POW_LOG_POLY } from './tables';

const [A0, A1, A2, A3, A4, A5, A6] = POW_LOG_POLY;

/** High word of glibc's OFF = 0x3fe6955500000000: z = x/2^k lies in [OFF, 2·OFF). */
const OFF_HIGH = 0x3fe69555;

/** The low part of logExactly's last result. */
let logTail = 0;

/**
 * x^y, CPython's value for finite x > 0 and the IEEE (C99 Annex F) value everywhere else: pow(x, ±0) = 1,
 * pow(1, y) = 1, a negative x with an integer y takes the sign of (−1)^y, a negative x with a non-integer
 * y is NaN, overflow +∞, underflow 0. (CPython raises where C sets errno; its interpreter does that.)
 */
export function pow(x: number, y: number): number {
  let high = highWord(x);
  let shift = 0; // |x| = x·2^-shift after normalising a subnormal
  const yHigh = highWord(y);
  const yTop = (yHigh >>> 20) & 0x7ff;
  let negative = false;
  const xTop = high >>> 20;
  if ((xTop - 1) >>> 0 >= 0x7fe || (yTop - 0x3be) >>> 0 >= 0x80) {
    // x negative, zero, subnormal, ±∞ or NaN; or |y| < 2^-65, |y| ≥ 2^63, ±∞ or NaN
    if (y === 0 || y !== y || y - y !== 0) return specialY(x, y);
    if (x === 0 || x !== x || x - x !== 0) return specialX(x, y);
    if (x < 0) {
      const parity = integerParity(y);
      if (parity === 0) return NaN;
      negative = parity === 1;
      high &= 0x7fffffff;
      x = -x;
    }
    if ((yTop - 0x3be) >>> 0 >= 0x80) {
      if (x === 1) return 1;
      // |y| < 2^-65: x^y ~ 1 + y·log x rounds to 1 ± y; |y| ≥ 2^63: overflow or underflow
      if (yTop < 0x3be) return x > 1 ? 1 + y : 1 - y;
      return x > 1 === y > 0 ? Infinity : 0;
    }
    if (high < 0x00100000) {
      x *= 2 ** 52;
      shift = 52;
      high = highWord(x) - (52 << 20);
    }
  }
  const result = powFast(x, shift, high, y);
  const value = result === result ? result : powExactly(x, shift, high, y);
  return negative ? -value : value;
}

/** pow for a zero, infinite or NaN y (x anything). */
function specialY(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 1) return 1;
  if (x !== x || y !== y) return x + y;
  const ax = Math.abs(x);
  if (ax === 1) return 1;
  return ax < 1 === y > 0 ? 0 : y * y;
}

/** pow for a zero, infinite or NaN x and a finite non-zero y. */
function specialX(x: number, y: number): number {
  let x2 = x * x;
  if (x2 !== x2) return x2;
  if ((x < 0 || Object.is(x, -0)) && integerParity(y) === 1) x2 = -x2;
  return y < 0 ? 1 / x2 : x2;
}

/** 0 when the finite non-zero y is not an integer, 1 when it is odd, 2 when even. */
function integerParity(y: number): number {
  if (!Number.isInteger(y)) return 0;
  return Math.abs(y) < 2 ** 53 && Math.abs(y) % 2 === 1 ? 1 : 2;
}

function powFast(base: number, shift: number, high: number, y: number): number {
  reduceFrom(base, shift, high, OFF_HIGH);
  const { k, z } = reduction;
  const i = (reduction.tmp >> 13) & 127;
  const invc = POW_INVC[i];
  const zc = z * invc;
  const r = zc - 1 + productError(z, invc, zc); // exact: 1/c has 8 bits and |z/c − 1| < 1/128
  const lead = k * LN2_HI + POW_LOGC[i];
  const withR = lead + r;
  const leadLow = k * LN2_LO + POW_LOGCTAIL[i];
  const rError = lead - withR + r;
  const minusHalfR = A0 * r;
  const square = r * minusHalfR;
  const cubic = r * square;
  const hi = withR + square;
  const squareError = productError(minusHalfR, r, square);
  const headError = withR - hi + square;
  const p = cubic * (A1 + r * A2 + square * (A3 + r * A4 + square * (A5 + r * A6)));
  const lo = leadLow + rError + squareError + headError + p;
  const head = hi + lo;
  // glibc's lo differs by a few units of 2^-53·|lo| (|lo| ≤ 2^-7 here) and of leadLow's fused rounding.
  const loError = (Math.abs(lo) + Math.abs(leadLow)) * 2 ** -50;
  const tail = sumError(hi, lo, head);
  if (!roundsTo(head, tail, loError)) return NaN;
  const ehi = y * head;
  const elo = y * tail + productError(y, head, ehi);
  const top = (highWord(ehi) >>> 20) & 0x7ff;
  if (top - 0x3c9 >>> 0 >= 0x3f) return NaN; // tiny or large y·log x: the exact path handles them
  return expFast(ehi, elo, Math.abs(y) * (loError + Math.abs(tail) * 2 ** -52) + Math.abs(elo) * 2 ** -52);
}

/** log x as the returned head plus `logTail`, with glibc's fused steps: k·ln2 + log c, then + r, then
 *  − r²/2, each sum's rounding error collected into the low part with the polynomial. */
function logExactly(base: number, shift: number, high: number): number {
  reduceFrom(base, shift, high, OFF_HIGH);
  const { k, z } = reduction;
  const i = (reduction.tmp >> 13) & 127;
  const r = fma(z, POW_INVC[i], -1);
  const lead = fma(k, LN2_HI, POW_LOGC[i]);
  const leadLow = fma(k, LN2_LO, POW_LOGCTAIL[i]);
  const withR = r + lead;
  const rError = lead - withR + r;
  const minusHalfR = r * A0;
  const square = r * minusHalfR;
  const cubic = r * square;
  const squareError = fma(minusHalfR, r, -square);
  const hi = withR + square;
  const headError = withR - hi + square;
  const q = fma(square, fma(fma(r, A6, A5), square, fma(r, A4, A3)), fma(r, A2, A1));
  const lo = fma(cubic, q, leadLow + rError + squareError + headError);
  const head = hi + lo;
  logTail = hi - head + lo;
  return head;
}

function powExactly(base: number, shift: number, high: number, y: number): number {
  const hi = logExactly(base, shift, high);
  const ehi = y * hi;
  const elo = fma(y, logTail, fma(hi, y, -ehi));
  const top = (highWord(ehi) >>> 20) & 0x7ff;
  if (top < 0x3c9) return 1 + ehi;
  if (top >= 0x409) return ehi < 0 ? 0 : Infinity;
  return expExactly(ehi, elo);
}
