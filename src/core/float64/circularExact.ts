// The slow path of sin, cos, tan and atan: the exact value in BigInt fixed point, rounded once. The fast
// paths (trig.ts, atan.ts) are accurate to about 2^-67 and hand over when their result could lie that close
// to a rounding midpoint (about 1 call in 10^4), or when the reduced argument is too small for their
// bound. Here the argument is reduced with 2/π to over 600 fraction bits, the functions are summed from
// their Taylor series with an error of a few units of 2^-W, and the result is accepted only when every
// value within that error rounds to the same double (Ziv's strategy: otherwise W grows). The hardest doubles
// to round for these functions need about 2^-120 relative; W starts at 256 bits.
import { rationalOf, roundRational } from './rational';
import { TWO_OVER_PI_24 } from './tables';

const START_BITS = 256;
/** Bits of 2/π in TWO_OVER_PI_24, and so the most W can grow to for the largest arguments. */
const TWO_OVER_PI_BITS = 24 * TWO_OVER_PI_24.length;
/** How many units of 2^-W the fixed-point sums may be off: generous (each series term truncates once). */
const ERROR_UNITS = 1n << 12n;

let twoOverPi = 0n; // 2/π·2^TWO_OVER_PI_BITS, truncated; built at first use
const halfPiCache = new Map<number, bigint>();

function twoOverPiBits(): bigint {
  if (twoOverPi === 0n) {
    for (const digit of TWO_OVER_PI_24) twoOverPi = (twoOverPi << 24n) | BigInt(digit);
  }
  return twoOverPi;
}

/** π/2·2^w, from 2/π (its 1680 bits give π/2 far beyond any w used). */
function halfPi(w: number): bigint {
  let value = halfPiCache.get(w);
  if (value === undefined) {
    value = (1n << BigInt(w + TWO_OVER_PI_BITS)) / twoOverPiBits();
    halfPiCache.set(w, value);
  }
  return value;
}

/** x = n·π/2 + r with |r| ≤ π/4: n mod 4, and r·2^w as an integer (within 4 units). */
let quadrant = 0;

function reduce(x: number, w: number): bigint {
  const [mantissa, exponent] = rationalOf(x);
  if (Math.abs(x) < 0.785) {
    quadrant = 0;
    return exponent + w >= 0 ? mantissa << BigInt(exponent + w) : mantissa >> BigInt(-exponent - w);
  }
  // x·2/π = mantissa·T·2^(exponent − B): its integer part mod 4 is the quadrant, its fraction f·π/2 is r.
  const fractionBits = TWO_OVER_PI_BITS - exponent;
  const product = mantissa * twoOverPiBits();
  let n = Number((product >> BigInt(fractionBits)) & 3n);
  let fraction = product & ((1n << BigInt(fractionBits)) - 1n);
  if (fraction >= 1n << BigInt(fractionBits - 1)) {
    fraction -= 1n << BigInt(fractionBits);
    n = (n + 1) & 3;
  }
  quadrant = n;
  // f to w bits (the truncated 2/π leaves its last ~53 bits wrong; fractionBits − w ≥ 600 − w of them remain)
  const f = fraction >> BigInt(fractionBits - w);
  return (f * halfPi(w)) >> BigInt(w);
}

/** sin r·2^w and cos r·2^w from r·2^w, |r| ≤ π/4, by their Taylor series. */
function sinFixed(r: bigint, w: number): bigint {
  const one = BigInt(w);
  const square = (r * r) >> one;
  let term = r;
  let sum = r;
  for (let k = 2n; term !== 0n; k += 2n) {
    term = -((term * square) >> one) / (k * (k + 1n));
    sum += term;
  }
  return sum;
}

function cosFixed(r: bigint, w: number): bigint {
  const one = BigInt(w);
  const square = (r * r) >> one;
  let term = 1n << one;
  let sum = term;
  for (let k = 1n; term !== 0n; k += 2n) {
    term = -((term * square) >> one) / (k * (k + 1n));
    sum += term;
  }
  return sum;
}

/**
 * Ziv's loop: `bounds(w)` encloses the exact value, times 2^w, in [low, high]; the double both ends round to,
 * trying w = 256, 512, … up to `widest`, where the lower end's rounding is taken (no double comes that close
 * to a midpoint of these functions: the loop ends long before).
 */
function roundEnclosed(bounds: (w: number) => readonly [bigint, bigint], widest: number): number {
  for (let w = Math.min(START_BITS, widest); ; w = Math.min(2 * w, widest)) {
    const [low, high] = bounds(w);
    const a = roundRational(low, -w, 1n);
    if (a === roundRational(high, -w, 1n) || w === widest) return a;
  }
}

/** sin x (which = 0), cos x (1) or tan x (2), correctly rounded, for finite x with |x| ≥ 2^-27. */
export function circularExactly(x: number, which: 0 | 1 | 2): number {
  // The fraction of x·2/π is known to about TWO_OVER_PI_BITS − log2|x| − 53 bits: W stays below that.
  const widest = TWO_OVER_PI_BITS - Math.max(0, Math.ceil(Math.log2(Math.abs(x)))) - 64;
  return roundEnclosed((w) => {
    const r = reduce(x, w);
    if (which === 2) return tanBounds(sinFixed(r, w), cosFixed(r, w), (quadrant & 1) === 1, w);
    // sin x = ±sin r or ±cos r by quadrant; cos x = sin(x + π/2)
    const m = (quadrant + which) & 3;
    const value = m & 1 ? cosFixed(r, w) : sinFixed(r, w);
    const signed = m & 2 ? -value : value;
    return [signed - ERROR_UNITS, signed + ERROR_UNITS];
  }, widest);
}

/** tan = s/c, or −c/s in an odd quadrant, from s and c known to ERROR_UNITS: the quotient's bounds. */
function tanBounds(s: bigint, c: bigint, odd: boolean, w: number): readonly [bigint, bigint] {
  const numerator = odd ? c : s;
  const denominator = odd ? s : c;
  const negative = (numerator < 0n) !== (denominator < 0n) !== odd;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  if (d <= 2n * ERROR_UNITS) return [0n, 1n << BigInt(2 * w)]; // r within the error of a pole: more bits
  const one = BigInt(w);
  const low = ((n - ERROR_UNITS) << one) / (d + ERROR_UNITS);
  const high = ((n + ERROR_UNITS) << one) / (d - ERROR_UNITS) + 1n;
  return negative ? [-high, -low] : [low, high];
}

/** ⌊√n⌋ for n ≥ 0: Newton's iteration down from a double estimate above the root. */
function squareRoot(n: bigint): bigint {
  if (n < 2n) return n;
  const shift = Math.max(0, n.toString(16).length * 4 - 100) & ~1;
  let y = BigInt(Math.floor(Math.sqrt(Number(n >> BigInt(shift)))) + 2) << BigInt(shift / 2);
  for (;;) {
    const next = (y + n / y) >> 1n;
    if (next >= y) return y;
    y = next;
  }
}

/** atan x correctly rounded, for finite x with 2^-27 ≤ |x| < 2^53. */
export function atanExactly(x: number): number {
  const [mantissa, exponent] = rationalOf(Math.abs(x));
  const reciprocal = Math.abs(x) > 1; // atan x = π/2 − atan(1/x)
  const result = roundEnclosed((w) => {
    const one = BigInt(w);
    const unit = 1n << one;
    let t = reciprocal
      ? (1n << BigInt(w - exponent)) / mantissa
      : exponent + w >= 0
        ? mantissa << BigInt(exponent + w)
        : mantissa >> BigInt(-exponent - w);
    // three halvings, atan t = 2·atan(t/(1 + √(1 + t²))), leave |t| ≤ tan(π/32) < 0.1 for the series
    for (let i = 0; i < 3; i++) t = (t << one) / (unit + squareRoot((unit << one) + t * t));
    const square = (t * t) >> one;
    let power = t;
    let sum = t;
    for (let k = 3n, sign = -1n; power !== 0n; k += 2n, sign = -sign) {
      power = (power * square) >> one;
      sum += (sign * power) / k;
    }
    const value = reciprocal ? halfPi(w) - 8n * sum : 8n * sum;
    return [value - 8n * ERROR_UNITS, value + 8n * ERROR_UNITS];
  }, 4096);
  return x < 0 ? -result : result;
}
