// Exact double arithmetic for the CPython-compatible functions: the bit pattern of a double as two 32-bit
// words, error-free sums and products, and a correctly rounded fused multiply-add. glibc's libm on an FMA
// machine fuses many a·b + c into one rounding; reproducing its results bit for bit needs that rounding,
// which JavaScript does not have. Nothing here allocates: one module-level scratch buffer carries the words.

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** Index of the low and high 32-bit word of a double in `words` (little-endian on every platform we run on,
 *  but checked rather than assumed). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/** 2^(i − 1074), i = 0 … 2097: every power of two a double holds, built by exact doubling. Reading a
 *  power from here is several times faster than assembling it from words (a store-forwarding stall). */
const POWERS_OF_TWO = new Float64Array(2098);
POWERS_OF_TWO[0] = 2 ** -1074;
for (let i = 1; i < POWERS_OF_TWO.length; i++) POWERS_OF_TWO[i] = POWERS_OF_TWO[i - 1] * 2;

/** 2^n for an integer n, −1074 ≤ n ≤ 1023, exactly. */
export const powerOfTwo = (n: number): number => POWERS_OF_TWO[n + 1074];

/** The high word of x: sign, 11 exponent bits and the top 20 mantissa bits (fdlibm's GET_HIGH_WORD). */
export function highWord(x: number): number {
  scratch[0] = x;
  return words[HI];
}

/** The low 32 mantissa bits of x. */
export function lowWord(x: number): number {
  scratch[0] = x;
  return words[LO];
}

/** The double whose bit pattern is hi·2^32 + lo (both taken as unsigned 32-bit words). */
export function fromWords(hi: number, lo: number): number {
  words[HI] = hi;
  words[LO] = lo;
  return scratch[0];
}

/** x with its low word replaced (fdlibm's SET_LOW_WORD, used to cut a double to its top bits). */
export function withLowWord(x: number, lo: number): number {
  scratch[0] = x;
  words[LO] = lo;
  return scratch[0];
}

/** Veltkamp's splitting constant 2^27 + 1: x·SPLIT − (x·SPLIT − x) keeps x's top 26 bits. */
const SPLIT = 134217729;

/**
 * The rounding error of the product a·b = p (p = a·b rounded), exactly: a·b = p + productError(a, b, p).
 * Dekker's algorithm; exact when |a|, |b| < 2^995 and a·b does not underflow (|p| ≥ 2^-969).
 */
export function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLIT * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
}

/** The rounding error of s = a + b (rounded), exactly: a + b = s + sumError(a, b, s) (Knuth's TwoSum). */
export function sumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/**
 * The odd neighbour of s in the direction of e: s rounded to odd, given that s + e is exact, s = RN(s + e)
 * and e ≠ 0. Rounding to odd keeps the information that the exact value is not s, so a second rounding to
 * nearest cannot hit a false tie (Boldo & Melquiond). The step is added rather than written into the
 * bits: a double read back after a 32-bit write stalls the processor (store forwarding).
 */
function toOdd(s: number, e: number): number {
  scratch[0] = s;
  if ((words[LO] & 1) === 1) return s;
  const high = words[HI];
  const field = (high >>> 20) & 0x7ff;
  let step = POWERS_OF_TWO[field === 0 ? 0 : field - 1]; // the spacing of doubles at s
  // Toward zero from a power of two the spacing halves.
  if (e > 0 !== s > 0 && (high & 0xfffff) === 0 && words[LO] === 0 && field > 1) step *= 0.5;
  return s + (e > 0 ? step : -step);
}

/**
 * a·b + c rounded once to nearest (ties to even), as the FMA instruction gives it. Emulated with an exact
 * product, two TwoSums and a rounding to odd (Boldo & Melquiond, "Emulation of FMA and correctly rounded
 * sums", IEEE TC 2008). Exact for the finite arguments the libm ports give it: |a|, |b| < 2^995, |a·b| and
 * |c| below 2^1020, and a·b either 0 or above 2^-969 in magnitude (tested against exact rationals).
 */
export function fma(a: number, b: number, c: number): number {
  const uh = a * b;
  if (uh === 0 || c !== c || uh - uh !== 0 || c - c !== 0) return uh + c;
  // The steps are written out rather than called: inlined, the function is cheap enough for every caller.
  let t = SPLIT * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLIT * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  const ul = aHi * bHi - uh + aHi * bLo + aLo * bHi + aLo * bLo; // a·b = uh + ul
  const th = c + ul;
  let bb = th - c;
  const tl = c - (th - bb) + (ul - bb); // c + ul = th + tl
  const vh = uh + th;
  bb = vh - uh;
  const vl = uh - (vh - bb) + (th - bb); // uh + th = vh + vl
  const w = tl + vl;
  bb = w - tl;
  const we = tl - (w - bb) + (vl - bb); // tl + vl = w + we
  return vh + (we === 0 ? w : toOdd(w, we));
}

/**
 * Whether the double s is the rounding to nearest of s + e + δ for every |δ| ≤ margin, where s + e is a
 * computed value (e its exact remainder) and δ bounds how far the reference computation may be from it.
 * The test of every fast path: when it fails, the caller redoes the reference computation exactly.
 * Pure arithmetic (no bit access): s absorbs a step w on both sides exactly when w is below half the
 * spacing of doubles there, and w exceeds |e| + margin by a factor 1 + 2^-30, so ties are refused.
 */
export function roundsTo(s: number, e: number, margin: number): boolean {
  const w = (Math.abs(e) + margin) * (1 + 2 ** -30);
  return s + w === s && s - w === s;
}

/**
 * a·b + c rounded once, when the reference's a·b + c may differ from this one by up to `margin` (its
 * inputs were computed less exactly): that rounding, or NaN when a value within `margin` of a·b + c could
 * round otherwise. Cheaper than fma, and with margin 0 equal to it except at near-ties (NaN there).
 */
export function fmaWithin(a: number, b: number, c: number, margin: number): number {
  const ph = a * b;
  if (ph === 0 && (a === 0 || b === 0) && margin === 0) return c + ph; // an exact zero product
  const sh = ph + c;
  const sl = sumError(ph, c, sh) + productError(a, b, ph);
  const d = sh + sl;
  // NaN and infinite arguments, and products too small for productError, fail the test (d or the step
  // is NaN, or the step is absorbed nowhere): the caller's exact path handles them.
  return roundsTo(d, sumError(sh, sl, d), margin + Math.abs(sl) * 2 ** -53) && Math.abs(ph) > 2 ** -960 ? d : NaN;
}

/** fma(a, b, c) by the cheaper fmaWithin, the full emulation only at near-ties. */
export function fmaFast(a: number, b: number, c: number): number {
  const d = fmaWithin(a, b, c, 0);
  return d === d ? d : fma(a, b, c);
}
