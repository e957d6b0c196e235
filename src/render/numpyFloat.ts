// Floats to decimal text exactly as NumPy prints them: a port of NumPy's Dragon4 (numpy/_core/src/multiarray/
// dragon4.c, itself after Steele & White / Burger & Dybvig / Ryan Juckett) for IEEE binary32, binary64 and binary16, with the
// positional and scientific layouts, trimming and padding of `np.format_float_positional` /
// `np.format_float_scientific`. Big integers are JS BigInts, so every digit is exact; there is no
// shortcut through float64 printing, whose shortest digits differ from float32's.

/** How trailing zeros and the decimal point are trimmed (NumPy's `trim` argument). */
export type Trim = 'k' | '.' | '0' | '-';

export type FloatBits = 16 | 32 | 64;

export interface Dragon4Options {
  /** Shortest digits that round-trip (true), or exact digits up to the cutoff (false). */
  readonly unique?: boolean;
  /** Positional: precision counts digits after the point (true) or significant digits (false). */
  readonly fractional?: boolean;
  /** Maximum digits (after the point, or significant); undefined for no cutoff. */
  readonly precision?: number;
  /** Minimum digits to print, generating exact digits past the unique point when needed. */
  readonly minDigits?: number;
  readonly trim?: Trim;
  /** Always print a sign. */
  readonly sign?: boolean;
  /** Pad with spaces to this many characters left of the point. */
  readonly padLeft?: number;
  /** Pad with spaces to this many characters right of the point (positional only). */
  readonly padRight?: number;
  /** Minimum exponent digits (scientific only). */
  readonly expDigits?: number;
  /** The value's width: float32 (the default), float64 (NumPy's default float) or float16; the value is rounded to it. */
  readonly bits?: FloatBits;
}

const BUFFER_SIZE = 16384;
const LOG10_2 = 0.30102999566398119521373889472449;

const scratch = new DataView(new ArrayBuffer(8));

/** The bits of a float32 (after rounding a JS number to float32). */
function float32Bits(value: number): number {
  scratch.setFloat32(0, value);
  return scratch.getUint32(0);
}

export function float32FromBits(bits: number): number {
  scratch.setUint32(0, bits >>> 0);
  return scratch.getFloat32(0);
}

interface Decomposed {
  readonly negative: boolean;
  /** 'finite', or the special value. */
  readonly kind: 'finite' | 'inf' | 'nan';
  readonly mantissa: bigint;
  readonly exponent: number;
  readonly mantissaBit: number;
  readonly unequalMargins: boolean;
}

/**
 * The fields of an IEEE binary float as Dragon4 takes them: `biased` exponent, stored `fraction`, its width in
 * bits, and the all-ones exponent that marks inf / nan. The same for binary16, binary32 and binary64.
 */
function fromFields(negative: boolean, biased: number, fraction: bigint, fractionBits: number, maxBiased: number): Decomposed {
  if (biased === maxBiased) {
    return { negative, kind: fraction === 0n ? 'inf' : 'nan', mantissa: 0n, exponent: 0, mantissaBit: 0, unequalMargins: false };
  }
  const bias = maxBiased >> 1;
  if (biased !== 0) {
    return {
      negative,
      kind: 'finite',
      mantissa: (1n << BigInt(fractionBits)) | fraction,
      exponent: biased - bias - fractionBits,
      mantissaBit: fractionBits,
      unequalMargins: biased !== 1 && fraction === 0n,
    };
  }
  return {
    negative,
    kind: 'finite',
    mantissa: fraction,
    exponent: 1 - bias - fractionBits,
    mantissaBit: fraction === 0n ? 0 : fraction.toString(2).length - 1,
    unequalMargins: false,
  };
}

/** The value rounded to the float width `bits` says, taken apart. */
function decompose(value: number, bits: FloatBits = 32): Decomposed {
  if (bits === 32) {
    const word = float32Bits(value);
    return fromFields(word >>> 31 !== 0, (word >>> 23) & 0xff, BigInt(word & 0x7fffff), 23, 0xff);
  }
  scratch.setFloat64(0, roundToWidth(value, bits));
  const high = scratch.getUint32(0);
  const negative = high >>> 31 !== 0;
  const biased = (high >>> 20) & 0x7ff;
  // float64, and inf / nan at any width (the whole fraction tells them apart).
  if (bits === 64 || biased === 0x7ff) return fromFields(negative, biased, (BigInt(high & 0xfffff) << 32n) | BigInt(scratch.getUint32(4)), 52, 0x7ff);
  // A float16 held by a double: a normal one keeps its 10 fraction bits at the top of the double's; a
  // subnormal one (or zero) is a whole number of float16's smallest step, 2^-24.
  const unbiased = biased - 1023;
  if (unbiased >= -14) return fromFields(negative, unbiased + 15, BigInt((high & 0xfffff) >>> 10), 10, 0x1f);
  return fromFields(negative, 0, BigInt(Math.abs(scratch.getFloat64(0)) * 2 ** 24), 10, 0x1f);
}

/** The float16 nearest a value (ties to even), as a double; ±inf past float16's range. */
export function roundToFloat16(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.abs(value);
  if (magnitude >= 65520) return value > 0 ? Infinity : -Infinity;
  // The spacing of float16 values around the magnitude (subnormals share the smallest one).
  const quantum = 2 ** (Math.max(Math.floor(Math.log2(magnitude)), -14) - 10);
  const scaled = magnitude / quantum; // exact: a division by a power of two
  let rounded = Math.round(scaled);
  if (rounded - scaled === 0.5 && rounded % 2 === 1) rounded -= 1;
  return Math.sign(value) * rounded * quantum;
}

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1] * 10n);
  return POW10[n];
}

interface Digits {
  /** Decimal digits, the first one non-zero unless the value is zero. */
  readonly digits: string;
  /** Base-10 exponent of the first digit. */
  readonly exponent: number;
}

/**
 * The Dragon4 digit generator. cutoffMax / cutoffMin are -1 when absent; `fraction` selects
 * CutoffMode_FractionLength (counts digits after the point) over TotalLength.
 */
function dragon4(
  d: Decomposed,
  unique: boolean,
  fraction: boolean,
  cutoffMax: number,
  cutoffMin: number,
  bufferSize: number,
): Digits {
  const { mantissa, exponent, mantissaBit, unequalMargins } = d;
  if (mantissa === 0n) return { digits: '0', exponent: 0 };
  const isEven = (mantissa & 1n) === 0n;

  let scale: bigint;
  let scaledValue: bigint;
  let marginLow: bigint;
  if (unequalMargins) {
    if (exponent > 0) {
      scaledValue = mantissa << BigInt(exponent + 2);
      scale = 4n;
      marginLow = 1n << BigInt(exponent);
    } else {
      scaledValue = mantissa << 2n;
      scale = 1n << BigInt(-exponent + 2);
      marginLow = 1n;
    }
  } else if (exponent > 0) {
    scaledValue = mantissa << BigInt(exponent + 1);
    scale = 2n;
    marginLow = 1n << BigInt(exponent);
  } else {
    scaledValue = mantissa << 1n;
    scale = 1n << BigInt(-exponent + 1);
    marginLow = 1n;
  }
  // The high margin is twice the low one at a power of two (the gap above is twice the gap below).
  const marginFactor = unequalMargins ? 2n : 1n;

  let digitExponent = Math.ceil((mantissaBit + exponent) * LOG10_2 - 0.69);
  if (cutoffMax >= 0 && fraction && digitExponent <= -cutoffMax) digitExponent = -cutoffMax + 1;

  if (digitExponent > 0) {
    scale *= pow10(digitExponent);
  } else if (digitExponent < 0) {
    const p = pow10(-digitExponent);
    scaledValue *= p;
    marginLow *= p;
  }

  if (scaledValue >= scale) {
    digitExponent += 1;
  } else {
    scaledValue *= 10n;
    marginLow *= 10n;
  }

  let cutoffMaxExponent = digitExponent - bufferSize;
  if (cutoffMax >= 0) {
    const desired = fraction ? -cutoffMax : digitExponent - cutoffMax;
    if (desired > cutoffMaxExponent) cutoffMaxExponent = desired;
  }
  let cutoffMinExponent = digitExponent;
  if (cutoffMin >= 0) {
    const desired = fraction ? -cutoffMin : digitExponent - cutoffMin;
    if (desired < cutoffMinExponent) cutoffMinExponent = desired;
  }
  let outExponent = digitExponent - 1;

  const out: number[] = [];
  let outputDigit: number;
  let low = false;
  let high = false;
  if (unique) {
    for (;;) {
      digitExponent -= 1;
      const q = scaledValue / scale;
      outputDigit = Number(q);
      scaledValue -= q * scale;
      const scaledValueHigh = scaledValue + marginLow * marginFactor;
      low = isEven ? scaledValue <= marginLow : scaledValue < marginLow;
      high = isEven ? scaledValueHigh >= scale : scaledValueHigh > scale;
      if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      scaledValue *= 10n;
      marginLow *= 10n;
    }
  } else {
    for (;;) {
      digitExponent -= 1;
      const q = scaledValue / scale;
      outputDigit = Number(q);
      scaledValue -= q * scale;
      if (scaledValue === 0n || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      scaledValue *= 10n;
    }
  }

  let roundDown = low;
  if (low === high) {
    const twice = scaledValue * 2n;
    roundDown = twice < scale;
    if (twice === scale) roundDown = (outputDigit & 1) === 0;
  }

  if (roundDown) {
    out.push(outputDigit);
  } else if (outputDigit === 9) {
    // Carry into the earlier digits; a run of nines becomes a 1 at the next exponent.
    for (;;) {
      if (out.length === 0) {
        out.push(1);
        outExponent += 1;
        break;
      }
      const last = out.pop() as number;
      if (last !== 9) {
        out.push(last + 1);
        break;
      }
    }
  } else {
    out.push(outputDigit + 1);
  }
  return { digits: out.join(''), exponent: outExponent };
}

function signOf(d: Decomposed, forceSign: boolean): string {
  if (d.negative) return '-';
  return forceSign ? '+' : '';
}

function infNan(d: Decomposed, forceSign: boolean): string {
  if (d.kind === 'nan') return 'nan';
  return `${signOf(d, forceSign)}inf`;
}

/** `np.format_float_positional` for a float32, or the float width `bits` says (NumPy's own defaults: unique, trim 'k'). */
export function formatPositional(value: number, options: Dragon4Options = {}): string {
  const d = decompose(value, options.bits);
  if (d.kind !== 'finite') return infNan(d, options.sign ?? false);
  const unique = options.unique ?? true;
  const fraction = options.fractional ?? true;
  const precision = options.precision ?? -1;
  const minDigits = options.minDigits ?? -1;
  const trim = options.trim ?? 'k';
  const padLeft = options.padLeft ?? -1;
  const padRight = options.padRight ?? -1;
  if (!unique && precision < 0) throw new Error('formatPositional: precision is required when unique is false');

  const sign = signOf(d, options.sign ?? false);
  const maxPrintLen = BUFFER_SIZE - 1;
  const { digits, exponent: printExponent } = dragon4(d, unique, fraction, precision, minDigits, maxPrintLen - sign.length);

  let text: string;
  let numWholeDigits: number;
  let numFractionDigits: number;
  if (printExponent >= 0) {
    numWholeDigits = printExponent + 1;
    if (digits.length <= numWholeDigits) {
      text = digits + '0'.repeat(numWholeDigits - digits.length);
      numFractionDigits = 0;
    } else {
      text = `${digits.slice(0, numWholeDigits)}.${digits.slice(numWholeDigits)}`;
      numFractionDigits = digits.length - numWholeDigits;
    }
  } else {
    const zeros = -(printExponent + 1);
    text = `0.${'0'.repeat(zeros)}${digits}`;
    numWholeDigits = 1;
    numFractionDigits = zeros + digits.length;
  }

  if (trim !== '-' && numFractionDigits === 0) text += '.';

  const addDigits = unique ? minDigits : precision;
  let desiredFractionalDigits = addDigits < 0 ? 0 : addDigits;
  if (!fraction) desiredFractionalDigits = addDigits - numWholeDigits;

  if (trim === '0') {
    if (numFractionDigits === 0) {
      text += '0';
      numFractionDigits += 1;
    }
  } else if (trim === 'k' && desiredFractionalDigits > numFractionDigits) {
    text += '0'.repeat(desiredFractionalDigits - numFractionDigits);
    numFractionDigits = desiredFractionalDigits;
  }

  if (trim !== 'k' && numFractionDigits > 0) {
    while (text.endsWith('0')) {
      text = text.slice(0, -1);
      numFractionDigits -= 1;
    }
    if (text.endsWith('.')) {
      if (trim === '0') {
        text += '0';
        numFractionDigits += 1;
      } else if (trim === '-') {
        text = text.slice(0, -1);
      }
    }
  }

  if (padRight >= numFractionDigits) {
    if (trim === '-' && numFractionDigits === 0) text += ' ';
    text += ' '.repeat(padRight - numFractionDigits);
  }
  text = sign + text;
  if (padLeft > numWholeDigits + sign.length) text = ' '.repeat(padLeft - (numWholeDigits + sign.length)) + text;
  return text;
}

/** `np.format_float_scientific` for a float32, or the float width `bits` says (NumPy's own defaults: unique, trim 'k'). */
export function formatScientific(value: number, options: Dragon4Options = {}): string {
  const d = decompose(value, options.bits);
  if (d.kind !== 'finite') return infNan(d, options.sign ?? false);
  const unique = options.unique ?? true;
  const precision = options.precision ?? -1;
  const minDigits = options.minDigits ?? -1;
  const trim = options.trim ?? 'k';
  const padLeft = options.padLeft ?? -1;
  let expDigits = options.expDigits ?? -1;
  if (!unique && precision < 0) throw new Error('formatScientific: precision is required when unique is false');

  const sign = signOf(d, options.sign ?? false);
  const leftChars = 1 + sign.length;
  let text = padLeft > leftChars ? ' '.repeat(padLeft - leftChars) : '';
  text += sign;
  const { digits, exponent } = dragon4(
    d,
    unique,
    false,
    precision < 0 ? -1 : precision + 1,
    minDigits < 0 ? -1 : minDigits + 1,
    BUFFER_SIZE - text.length,
  );
  text += digits[0];
  let fractionText = digits.slice(1);
  let numFractionDigits = fractionText.length;
  let body = numFractionDigits > 0 ? `.${fractionText}` : '';
  if (trim !== '-' && numFractionDigits === 0) body = '.';

  // The trimming below parallels formatPositional's on purpose: dragon4.c's FormatScientific repeats
  // FormatPositional's with small differences of its own, and both stay line for line with upstream.
  const addDigits = Math.max(unique ? minDigits : precision, 0);
  if (trim === '0') {
    if (numFractionDigits === 0) {
      body += '0';
      numFractionDigits += 1;
    }
  } else if (trim === 'k' && addDigits > numFractionDigits) {
    body += '0'.repeat(addDigits - numFractionDigits);
    numFractionDigits = addDigits;
  }
  if (trim !== 'k' && numFractionDigits > 0) {
    while (body.endsWith('0')) {
      body = body.slice(0, -1);
      numFractionDigits -= 1;
    }
    if (trim === '0' && body.endsWith('.')) {
      body += '0';
      numFractionDigits += 1;
    }
  }
  fractionText = body;

  if (expDigits > 5) expDigits = 5;
  if (expDigits < 0) expDigits = 2;
  const expSign = exponent >= 0 ? '+' : '-';
  const expText = String(Math.abs(exponent)).padStart(expDigits, '0');
  return `${text}${fractionText}e${expSign}${expText}`;
}

/** `np.finfo(dtype).precision`, the decimal digits each float width holds. */
export const FINFO_PRECISION: Readonly<Record<FloatBits, number>> = { 16: 3, 32: 6, 64: 15 };

/**
 * Where a NumPy scalar's `str` switches to scientific notation: 10**finfo(dtype).precision for float16 and float32
 * (NumPy 2.3+), Python's 1e16 for float64 (`np.float64` is a Python float).
 */
const MAX_POSITIONAL: Readonly<Record<FloatBits, number>> = { 16: 1e3, 32: 1e6, 64: 1e16 };

/** The value rounded to the float width (NumPy's dtype of that width). */
export function roundToWidth(value: number, bits: FloatBits): number {
  if (bits === 32) return Math.fround(value);
  return bits === 16 ? roundToFloat16(value) : value;
}

/**
 * `str(np.float32(x))`, or of the float width `bits` says (also the inside of NumPy 2's `repr`, `np.float32(...)`):
 * positional for 1e-4 <= |x| < MAX_POSITIONAL, nan and zero, scientific otherwise. The comparisons are in float64,
 * so float32(1e-4), just below 1e-4, prints as 1e-04.
 */
export function floatScalarStr(value: number, bits: FloatBits = 32): string {
  const rounded = roundToWidth(value, bits);
  const absolute = Math.abs(rounded);
  if (Number.isNaN(rounded) || absolute === 0 || (absolute >= 1e-4 && absolute < MAX_POSITIONAL[bits])) {
    return formatPositional(rounded, { trim: '0', bits });
  }
  return formatScientific(rounded, { trim: '-', bits });
}

/**
 * `repr(float(x))` in Python: the shortest float64 digits, positional for exponents -4 … 15, else
 * `1e-05` / `1.5e+16`; integers keep `.0`. (TensorFlow shows a rank-0 tensor's value this way.)
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= 0) {
      const whole = exponent + 1;
      return digits.length <= whole
        ? `${sign}${digits}${'0'.repeat(whole - digits.length)}.0`
        : `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${body}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * The shortest round-trip decimal in JSON-friendly spelling (JS number syntax): `0.7310586`, `2.0611537e-9`,
 * `-0`; non-finite values are the strings `"nan"`, `"inf"`, `"-inf"` (callers decide how to quote them).
 */
export function shortestDecimal(value: number): string {
  const d = decompose(value);
  if (d.kind !== 'finite') return infNan(d, false);
  const { digits, exponent } = dragon4(d, true, false, -1, -1, BUFFER_SIZE);
  const sign = d.negative ? '-' : '';
  if (digits === '0') return `${sign}0`;
  // Positional where JS would write it positionally, exponent form otherwise (as Number#toString does).
  if (exponent >= -7 && exponent < 21) {
    if (exponent >= 0) {
      const whole = exponent + 1;
      return digits.length <= whole
        ? sign + digits + '0'.repeat(whole - digits.length)
        : `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}e${exponent >= 0 ? '+' : '-'}${Math.abs(exponent)}`;
}
