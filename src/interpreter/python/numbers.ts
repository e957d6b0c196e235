// Python's numbers exactly: int is arbitrary precision (BigInt) with Python's `/` (correctly rounded), `//`
// and `%` (flooring), `**` (a float for a negative exponent); float is an IEEE double with CPython's
// floor division and modulo (floatobject.c `_float_div_mod`), its `**` special cases, and its errors; bool
// is an int. Comparisons between int and float are exact, as in CPython. `round` is Python's: ties to
// even, and `round(x, n)` correctly rounded on the exact binary value.
import { OverflowError, PyError, Refusal, ValueError, ZeroDivisionError, raise } from './errors';

export type PyNumber = boolean | bigint | number;

/** The largest int the interpreter holds, in bits (about 315,000 decimal digits). */
export const MAX_INT_BITS = 1 << 20;

/** CPython's limit on converting an int to or from decimal text (sys.get_int_max_str_digits()). */
export const INT_MAX_STR_DIGITS = 4300;

const TWO_53 = 2n ** 53n;

export const isNumber = (value: unknown): value is PyNumber => typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean';

export function asInt(value: boolean | bigint): bigint {
  return typeof value === 'bigint' ? value : value ? 1n : 0n;
}

export function bitLength(value: bigint): number {
  const magnitude = value < 0n ? -value : value;
  return magnitude === 0n ? 0 : magnitude.toString(2).length;
}

export function checkIntSize(value: bigint): bigint {
  if (bitLength(value) > MAX_INT_BITS) throw new Refusal(`an int of more than ${MAX_INT_BITS.toLocaleString('en-US')} bits is more than Activation Lens computes`, undefined, true);
  return value;
}

/** `float(int)`: correctly rounded (ties to even); too large is an OverflowError. */
export function intToFloat(value: bigint): number {
  const result = Number(value);
  if (!Number.isFinite(result)) raise(OverflowError, 'int too large to convert to float');
  return result;
}

/** `int(float)`: truncation toward zero. */
export function floatToInt(value: number): bigint {
  if (Number.isNaN(value)) raise(ValueError, 'cannot convert float NaN to integer');
  if (!Number.isFinite(value)) raise(OverflowError, 'cannot convert float infinity to integer');
  return BigInt(Math.trunc(value));
}

export function toFloat(value: PyNumber): number {
  return typeof value === 'number' ? value : typeof value === 'bigint' ? intToFloat(value) : value ? 1 : 0;
}

/** int / int, correctly rounded as CPython's long_true_divide. */
export function intTrueDivide(a: bigint, b: bigint): number {
  if (b === 0n) raise(ZeroDivisionError, 'division by zero');
  const negative = a < 0n !== b < 0n;
  let x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  if (x <= TWO_53 && y <= TWO_53) return Number(a) / Number(b);
  if (x === 0n) return negative ? -0 : 0;
  // Scale so the quotient has at least 55 bits, then round once with a sticky bit for the remainder.
  const shift = bitLength(y) - bitLength(x) + 55;
  let scaledY = y;
  if (shift > 0) x <<= BigInt(shift);
  else scaledY <<= BigInt(-shift);
  const quotient = x / scaledY;
  const sticky = x % scaledY === 0n ? 0n : 1n;
  const result = Number((quotient << 1n) | sticky) * 2 ** (-shift - 1);
  if (!Number.isFinite(result)) {
    // 2 ** (-shift - 1) alone may overflow while the product would not: scale in two steps.
    const twoStep = Number((quotient << 1n) | sticky) * 2 ** Math.floor((-shift - 1) / 2) * 2 ** Math.ceil((-shift - 1) / 2);
    if (!Number.isFinite(twoStep)) raise(OverflowError, 'integer division result too large for a float');
    return negative ? -twoStep : twoStep;
  }
  return negative ? -result : result;
}

export function intFloorDivide(a: bigint, b: bigint): bigint {
  if (b === 0n) raise(ZeroDivisionError, 'integer division or modulo by zero');
  const q = a / b;
  return (a % b !== 0n) && (a < 0n !== b < 0n) ? q - 1n : q;
}

export function intModulo(a: bigint, b: bigint, message = 'integer modulo by zero'): bigint {
  if (b === 0n) raise(ZeroDivisionError, message);
  const r = a % b;
  return r !== 0n && (r < 0n !== b < 0n) ? r + b : r;
}

/** CPython's `_float_div_mod`: (floor quotient, modulo) of two floats. */
export function floatDivMod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = wx < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = vx / wx < 0 || Object.is(vx / wx, -0) ? -0 : 0;
  }
  return [floordiv, mod];
}

export function floatFloorDivide(a: number, b: number): number {
  if (b === 0) raise(ZeroDivisionError, 'float floor division by zero');
  return floatDivMod(a, b)[0];
}

export function floatModulo(a: number, b: number): number {
  if (b === 0) raise(ZeroDivisionError, 'float modulo');
  return floatDivMod(a, b)[1];
}

const isOddInteger = (x: number): boolean => Number.isFinite(x) && Math.abs(x % 2) === 1;

/** `float ** float` as CPython's float_pow, with libm's pow for the general case. */
export function floatPower(iv: number, iw: number, pow: (x: number, y: number) => number): number {
  if (iw === 0) return 1.0;
  if (Number.isNaN(iv)) return iv;
  if (Number.isNaN(iw)) return iv === 1.0 ? 1.0 : iw;
  if (!Number.isFinite(iw)) {
    const magnitude = Math.abs(iv);
    if (magnitude === 1.0) return 1.0;
    return iw > 0 === magnitude > 1.0 ? Math.abs(iw) : 0.0;
  }
  if (!Number.isFinite(iv)) {
    const odd = isOddInteger(iw);
    if (iw > 0) return odd ? iv : Math.abs(iv);
    return odd ? (iv < 0 ? -0 : 0) : 0.0;
  }
  if (iv === 0.0) {
    const odd = isOddInteger(iw);
    if (iw < 0.0) raise(ZeroDivisionError, '0.0 cannot be raised to a negative power');
    return odd ? iv : 0.0;
  }
  let base = iv;
  let negate = false;
  if (base < 0.0) {
    if (iw !== Math.floor(iw)) throw new Refusal('a negative number raised to a fractional power is a complex number, which Activation Lens does not model');
    base = -base;
    negate = isOddInteger(iw);
  }
  if (base === 1.0) return negate ? -1.0 : 1.0;
  const result = pow(base, iw);
  if (!Number.isFinite(result)) throw new PyError(OverflowError, [34n, 'Numerical result out of range']);
  return negate ? -result : result;
}

export function intPower(base: bigint, exponent: bigint): bigint {
  if (exponent > BigInt(MAX_INT_BITS) || (base !== 0n && base !== 1n && base !== -1n && bitLength(base) * Number(exponent) > MAX_INT_BITS)) {
    throw new Refusal(`${base} ** ${exponent} has more than ${MAX_INT_BITS.toLocaleString('en-US')} bits, more than Activation Lens computes`, undefined, true);
  }
  return base ** exponent;
}

/** Exact comparison of an int and a float: negative, zero or positive; NaN for a NaN float. */
export function compareIntFloat(a: bigint, b: number): number {
  if (Number.isNaN(b)) return NaN;
  if (b === Infinity) return -1;
  if (b === -Infinity) return 1;
  const floor = Math.floor(b);
  const whole = BigInt(floor);
  if (a < whole) return -1;
  if (a > whole) return 1;
  return floor === b ? 0 : -1;
}

/** `str(int)` with CPython's limit on decimal digits. */
export function intToString(value: bigint): string {
  const text = value.toString();
  if (text.length - (value < 0n ? 1 : 0) > INT_MAX_STR_DIGITS) {
    raise(ValueError, `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`);
  }
  return text;
}

/** `round(x)` for a float: the nearest int, ties to even. */
export function roundFloatToInt(x: number): bigint {
  if (Number.isNaN(x)) raise(ValueError, 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) raise(OverflowError, 'cannot convert float infinity to integer');
  let rounded = Math.round(x);
  // Math.round rounds halves up; Python's round goes to the even neighbour.
  if (rounded - x === 0.5 && rounded % 2 !== 0) rounded -= 1;
  return BigInt(rounded);
}

/** The exact value of a finite double as numerator / 2^shift (shift ≥ 0), numerator an integer. */
export function exactRational(x: number): { numerator: bigint; shift: number } {
  if (Number.isInteger(x)) return { numerator: BigInt(x), shift: 0 };
  let shift = 0;
  let scaled = x;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    shift++;
  }
  return { numerator: BigInt(scaled), shift };
}

/** Divides by a power of two, rounding half to even. */
function roundShift(numerator: bigint, shift: number): bigint {
  if (shift <= 0) return numerator << BigInt(-shift);
  const divisor = 1n << BigInt(shift);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / divisor;
  const remainder = magnitude % divisor;
  const twice = remainder * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * `round(x, ndigits)` for a float as CPython's double_round: the exact binary value rounded half-even to
 * `ndigits` decimal places, read back as the nearest double.
 */
export function roundFloat(x: number, ndigits: bigint): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > 323n) return x;
  if (ndigits < -308n) return 0.0 * x;
  const n = Number(ndigits);
  const { numerator, shift } = exactRational(x);
  let digits: bigint;
  if (n >= 0) {
    digits = roundShift(numerator * 10n ** BigInt(n), shift);
  } else {
    // round(x / 10^-n) with the division exact: numerator / (2^shift · 10^-n).
    const divisor = (1n << BigInt(shift)) * 10n ** BigInt(-n);
    const negative = numerator < 0n;
    const magnitude = negative ? -numerator : numerator;
    let quotient = magnitude / divisor;
    const twice = (magnitude % divisor) * 2n;
    if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n;
    digits = negative ? -quotient : quotient;
  }
  const text = n >= 0 ? `${digits}e-${n}` : `${digits}e${-n}`;
  const result = Number(text);
  if (!Number.isFinite(result)) raise(OverflowError, 'rounded value too large to represent');
  // Keep the sign of a zero result (round(-0.4) is -0.0).
  return result === 0 ? (x < 0 ? -0 : 0) : result;
}

/** `round(int, ndigits)`: ints stay ints; a negative ndigits rounds to tens, hundreds, … half to even. */
export function roundInt(value: bigint, ndigits: bigint): bigint {
  if (ndigits >= 0n) return value;
  const unit = 10n ** -ndigits;
  const quotient = intFloorDivide(value, unit);
  const remainder = value - quotient * unit;
  const twice = remainder * 2n;
  const up = twice > unit || (twice === unit && quotient % 2n !== 0n);
  return (up ? quotient + 1n : quotient) * unit;
}

/** `float('…')` of a string: Python's spellings (underscores between digits, inf, nan), else undefined. */
export function parseFloatText(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^[+-]?(inf|infinity)$/i.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(trimmed)) return NaN;
  if (!/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(/_/g, ''));
}

/** `int('…', base)` of a string, or undefined when it is not one. */
export function parseIntText(text: string, base: number): bigint | undefined {
  let trimmed = text.trim().replace(/_(?=[0-9a-zA-Z])/g, (match, at: number, all: string) => (at > 0 && /[0-9a-zA-Z]/.test(all[at - 1]) ? '' : match));
  let negative = false;
  if (trimmed.startsWith('-') || trimmed.startsWith('+')) {
    negative = trimmed.startsWith('-');
    trimmed = trimmed.slice(1);
  }
  let radix = base;
  const prefix = /^0([xob])/i.exec(trimmed)?.[1]?.toLowerCase();
  if (prefix && (base === 0 || base === { x: 16, o: 8, b: 2 }[prefix])) {
    radix = { x: 16, o: 8, b: 2 }[prefix] as number;
    trimmed = trimmed.slice(2).replace(/^_/, '');
  } else if (base === 0) {
    if (/^0+$/.test(trimmed)) return 0n;
    if (/^0/.test(trimmed)) return undefined;
    radix = 10;
  }
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  if (!trimmed || ![...trimmed.toLowerCase()].every((c) => alphabet.includes(c))) return undefined;
  if (radix === 10 && trimmed.length > INT_MAX_STR_DIGITS) {
    raise(ValueError, `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${trimmed.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
  }
  let value = 0n;
  const big = BigInt(radix);
  for (const c of trimmed.toLowerCase()) value = value * big + BigInt(alphabet.indexOf(c));
  return negative ? -value : value;
}
