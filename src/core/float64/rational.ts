// Exact rounding of rational values of doubles, for the float64 activations that are rational functions of
// their input (hard_silu, hard_sigmoid, sparse_plus, softsign, relu's general form): double-double leaves
// their result ambiguous when the exact value lies within ~2^-100 of a rounding midpoint (x(x + 3)/6 at
// x = 1 − 2^-53 is 2^-108 from one), and then BigInt arithmetic decides. Only on that rare path.
import { highWord, lowWord, powerOfTwo } from './exact';

/** x = mantissa·2^exponent exactly, for finite x (mantissa a signed integer below 2^53). */
export function rationalOf(x: number): [bigint, number] {
  const high = highWord(x);
  const field = (high >>> 20) & 0x7ff;
  let mantissa = BigInt(high & 0xfffff) * 4294967296n + BigInt(lowWord(x));
  if (field !== 0) mantissa += 1n << 52n;
  return [high >>> 31 ? -mantissa : mantissa, (field === 0 ? 1 : field) - 1075];
}

const bitLength = (n: bigint): number => (n === 0n ? 0 : n.toString(2).length);

/** numerator·2^exponent/denominator rounded to the nearest double (ties to even), subnormals included;
 *  denominator > 0. */
export function roundRational(numerator: bigint, exponent: number, denominator: bigint): number {
  if (numerator === 0n) return 0;
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  // the value lies in [2^(e−1), 2^(e+1)); keep 55 bits or, in the subnormals, two below 2^-1074
  const e = bitLength(n) - bitLength(denominator) + exponent;
  const shift = Math.min(55 - e, 1076);
  const k = exponent + shift;
  const top = k >= 0 ? n << BigInt(k) : n;
  const bottom = k >= 0 ? denominator : denominator << BigInt(-k);
  const q = top / bottom;
  const sticky = top % bottom !== 0n;
  const drop = Math.max(bitLength(q) - 53, shift - 1074);
  let mantissa = q >> BigInt(drop);
  if (drop > 0) {
    const rest = q & ((1n << BigInt(drop)) - 1n);
    const half = 1n << BigInt(drop - 1);
    if (rest > half || (rest === half && (sticky || (mantissa & 1n) === 1n))) mantissa += 1n;
  }
  const power = drop - shift;
  const value = Number(mantissa) * powerOfTwo(power >> 1) * powerOfTwo(power - (power >> 1)); // exact: power ≥ −1074
  return negative ? -value : value;
}
