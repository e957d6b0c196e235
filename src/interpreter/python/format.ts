// Python's text formatting: the format-spec mini-language (`format(x, '.4f')`, f-strings, `str.format`) and
// printf-style `'%.3f' % x`, for ints, floats, bools, strings and None, as CPython formats them. The
// digits of a float come from numpyFloat's Dragon4 in its exact (non-unique) mode, which rounds the exact
// binary value half to even, as CPython's dtoa does; a float with no precision prints as its repr.
import { formatPositional, formatScientific, pythonFloatRepr } from '../../render/numpyFloat';
import { TypeError, ValueError, raise } from './errors';
import { intToString, intToFloat, roundFloatToInt } from './numbers';
import { PyDict, PyTuple } from './objects';
import { PyObject, type PyValue, type Runtime } from './types';
import { getitem, hashKey, typeName } from './ops';
import { repr, str } from './printing';

interface Spec {
  fill: string;
  align: '<' | '>' | '=' | '^' | undefined;
  sign: '+' | '-' | ' ' | undefined;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: ',' | '_' | undefined;
  precision: number | undefined;
  type: string | undefined;
}

function parseSpec(spec: string): Spec {
  const match = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su.exec(spec);
  if (!match) raise(ValueError, 'Invalid format specifier');
  const [, fill, align, sign, , alternate, zero, width, grouping, precision, type] = match;
  return {
    fill: fill ?? (zero && !align ? '0' : ' '),
    align: (align as Spec['align']) ?? (zero ? '=' : undefined),
    sign: sign as Spec['sign'],
    alternate: alternate !== undefined,
    zero: zero !== undefined,
    width: width ? Number(width) : 0,
    grouping: grouping as Spec['grouping'],
    precision: precision !== undefined ? Number(precision) : undefined,
    type,
  };
}

function pad(body: string, spec: Spec, defaultAlign: '<' | '>', signPart = ''): string {
  const length = [...signPart].length + [...body].length;
  const missing = spec.width - length;
  if (missing <= 0) return signPart + body;
  const fill = spec.fill.repeat(missing);
  switch (spec.align ?? defaultAlign) {
    case '<':
      return signPart + body + fill;
    case '^': {
      const left = Math.floor(missing / 2);
      return spec.fill.repeat(left) + signPart + body + spec.fill.repeat(missing - left);
    }
    case '=':
      return signPart + fill + body;
    default:
      return fill + signPart + body;
  }
}

/** Thousands separators in the integer part of a digit string. */
function group(digits: string, separator: string | undefined, every = 3): string {
  if (!separator) return digits;
  const point = digits.search(/[.eE%]/);
  const whole = point === -1 ? digits : digits.slice(0, point);
  const rest = point === -1 ? '' : digits.slice(point);
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % every === 0) out += separator;
    out += whole[i];
  }
  return out + rest;
}

function signOf(negative: boolean, spec: Spec): string {
  if (negative) return '-';
  return spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
}

/** The digits of |x| for a float presentation type; x is finite. */
function floatDigits(x: number, type: string, precision: number | undefined, alternate: boolean): string {
  const magnitude = Math.abs(x);
  switch (type) {
    case 'f':
    case 'F':
    case '%': {
      const p = precision ?? 6;
      const text = formatPositional(type === '%' ? magnitude * 100 : magnitude, { unique: false, precision: p, fractional: true, bits: 64, trim: 'k' });
      return (p === 0 && !alternate ? text.replace(/\.$/, '') : text) + (type === '%' ? '%' : '');
    }
    case 'e':
    case 'E': {
      const p = precision ?? 6;
      const text = formatScientific(magnitude, { unique: false, precision: p, bits: 64, trim: 'k' });
      const fixed = p === 0 && !alternate ? text.replace('.e', 'e') : text;
      return type === 'E' ? fixed.toUpperCase() : fixed;
    }
    default: {
      // 'g', 'G', 'n', and no type with a precision.
      const p = precision === undefined ? 6 : Math.max(precision, 1);
      if (magnitude === 0) return alternate ? `0.${'0'.repeat(p - 1)}` : type === 'none' ? '0.0' : '0';
      const scientific = formatScientific(magnitude, { unique: false, precision: p - 1, bits: 64, trim: 'k' });
      const exponent = Number(scientific.slice(scientific.indexOf('e') + 1));
      let text: string;
      if (exponent >= -4 && exponent < p) {
        text = formatPositional(magnitude, { unique: false, precision: p - 1 - exponent, fractional: true, bits: 64, trim: 'k' });
        if (!alternate) text = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, type === 'none' ? '.0' : '') : text;
        else if (!text.includes('.')) text += '.';
      } else {
        const [mantissa, exp] = scientific.split('e');
        const trimmed = alternate ? (mantissa.includes('.') ? mantissa : `${mantissa}.`) : mantissa.replace(/\.?0+$/, '').replace(/\.$/, '');
        text = `${trimmed}e${exp}`;
      }
      return type === 'G' ? text.toUpperCase() : text;
    }
  }
}

function formatFloat(x: number, spec: Spec): string {
  const type = spec.type === 'n' ? 'g' : spec.type;
  if (type !== undefined && !'eEfFgG%'.includes(type)) raise(ValueError, `Unknown format code '${spec.type}' for object of type 'float'`);
  const negative = x < 0 || Object.is(x, -0);
  let body: string;
  if (Number.isNaN(x)) body = 'nan';
  else if (!Number.isFinite(x)) body = 'inf';
  else if (type === undefined && spec.precision === undefined) body = pythonFloatRepr(Math.abs(x));
  else body = floatDigits(x, type ?? 'none', spec.precision, spec.alternate);
  if (!Number.isFinite(x)) {
    if (type === 'F' || type === 'E' || type === 'G') body = body.toUpperCase();
    if (type === '%') body += '%';
  }
  body = group(body, spec.grouping);
  return pad(body, spec, '>', signOf(negative && !Number.isNaN(x), spec));
}

function formatInt(value: bigint, spec: Spec): string {
  const type = spec.type ?? 'd';
  if ('eEfFgG%'.includes(type)) return formatFloat(intToFloat(value), spec);
  if (spec.precision !== undefined) raise(ValueError, 'Precision not allowed in integer format specifier');
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  let body: string;
  let prefix = '';
  switch (type) {
    case 'd':
    case 'n':
      body = group(intToString(magnitude), spec.grouping);
      break;
    case 'b':
      body = group(magnitude.toString(2), spec.grouping === '_' ? '_' : undefined, 4);
      prefix = spec.alternate ? '0b' : '';
      break;
    case 'o':
      body = group(magnitude.toString(8), spec.grouping === '_' ? '_' : undefined, 4);
      prefix = spec.alternate ? '0o' : '';
      break;
    case 'x':
    case 'X':
      body = group(magnitude.toString(16), spec.grouping === '_' ? '_' : undefined, 4);
      if (type === 'X') body = body.toUpperCase();
      prefix = spec.alternate ? (type === 'X' ? '0X' : '0x') : '';
      break;
    case 'c':
      body = String.fromCodePoint(Number(value));
      break;
    default:
      raise(ValueError, `Unknown format code '${type}' for object of type 'int'`);
  }
  return pad(body, spec, '>', signOf(negative, spec) + prefix);
}

function formatString(text: string, spec: Spec): string {
  if (spec.type !== undefined && spec.type !== 's') raise(ValueError, `Unknown format code '${spec.type}' for object of type 'str'`);
  if (spec.sign) raise(ValueError, 'Sign not allowed in string format specifier');
  if (spec.align === '=') raise(ValueError, "'=' alignment not allowed in string format specifier");
  const body = spec.precision !== undefined ? [...text].slice(0, spec.precision).join('') : text;
  return pad(body, spec, '<');
}

/** `format(value, spec)`, the text of an f-string field. */
export function formatValue(rt: Runtime, value: PyValue, specText: string): string {
  if (specText === '') return str(rt, value);
  if (typeof value === 'string') return formatString(value, parseSpec(specText));
  if (typeof value === 'bigint' || typeof value === 'boolean') {
    const spec = parseSpec(specText);
    // A bool with no type formats as its name (str), with a numeric type as its int.
    if (typeof value === 'boolean' && spec.type === undefined) return formatString(value ? 'True' : 'False', spec);
    return formatInt(typeof value === 'bigint' ? value : value ? 1n : 0n, spec);
  }
  if (typeof value === 'number') return formatFloat(value, parseSpec(specText));
  if (value instanceof PyObject && value.toFloat && !value.toIndex) return formatFloat(value.toFloat(), parseSpec(specText));
  if (value instanceof PyObject && value.toIndex) return formatInt(value.toIndex(), parseSpec(specText));
  raise(TypeError, `unsupported format string passed to ${typeName(value)}.__format__`);
}

// -- printf-style formatting -----------------------------------------------------------------------------

/** `text % values`: printf-style conversions with flags, width (`*` too), precision and `%(name)s`. */
export function formatPercent(rt: Runtime, text: string, values: PyValue): string {
  const mapping = values instanceof PyDict ? values : undefined;
  const items = values instanceof PyTuple ? values.items : mapping ? [] : [values];
  let next = 0;
  const take = (): PyValue => {
    if (next >= items.length) raise(TypeError, 'not enough arguments for format string');
    return items[next++];
  };
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    let key: string | undefined;
    if (text[i] === '(') {
      const close = text.indexOf(')', i);
      if (close === -1) raise(ValueError, 'incomplete format key');
      key = text.slice(i + 1, close);
      i = close + 1;
    }
    const flags = /^[-+ #0]*/.exec(text.slice(i))?.[0] ?? '';
    i += flags.length;
    let width = 0;
    if (text[i] === '*') {
      width = Number(take());
      i++;
    } else {
      const digits = /^\d*/.exec(text.slice(i))?.[0] ?? '';
      width = digits ? Number(digits) : 0;
      i += digits.length;
    }
    let precision: number | undefined;
    if (text[i] === '.') {
      i++;
      if (text[i] === '*') {
        precision = Number(take());
        i++;
      } else {
        const digits = /^\d*/.exec(text.slice(i))?.[0] ?? '';
        precision = digits ? Number(digits) : 0;
        i += digits.length;
      }
    }
    // Length modifiers are accepted and ignored, as in CPython.
    while (text[i] === 'l' || text[i] === 'h' || text[i] === 'L') i++;
    const conversion = text[i];
    i++;
    if (conversion === undefined) raise(ValueError, 'incomplete format');
    if (conversion === '%') {
      out += '%';
      continue;
    }
    const value = key !== undefined ? (mapping ? lookup(rt, mapping, key) : raise(TypeError, 'format requires a mapping')) : take();
    const spec: Spec = {
      fill: flags.includes('0') && !flags.includes('-') && !'sra'.includes(conversion) ? '0' : ' ',
      align: flags.includes('-') ? '<' : flags.includes('0') && !'sra'.includes(conversion) ? '=' : '>',
      sign: flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : undefined,
      alternate: flags.includes('#'),
      zero: false,
      width,
      grouping: undefined,
      precision,
      type: undefined,
    };
    out += percentConversion(rt, conversion, value, spec);
  }
  if (next < items.length && !mapping) raise(TypeError, 'not all arguments converted during string formatting');
  return out;
}

function lookup(rt: Runtime, mapping: PyDict, key: string): PyValue {
  if (!mapping.entries.has(hashKey(key))) return getitem(rt, mapping, key);
  return (mapping.entries.get(hashKey(key)) as [PyValue, PyValue])[1];
}

function percentConversion(rt: Runtime, conversion: string, value: PyValue, spec: Spec): string {
  switch (conversion) {
    case 's':
    case 'r':
    case 'a': {
      const text = conversion === 's' ? str(rt, value) : repr(rt, value);
      return pad(spec.precision !== undefined ? text.slice(0, spec.precision) : text, { ...spec, precision: undefined }, '>');
    }
    case 'd':
    case 'i':
    case 'u': {
      const number = percentNumber(value, conversion);
      const whole = typeof number === 'number' ? (Number.isFinite(number) ? BigInt(Math.trunc(number)) : roundFloatToInt(number)) : number;
      return formatInt(whole, { ...spec, type: 'd', precision: undefined });
    }
    case 'x':
    case 'X':
    case 'o': {
      const number = percentNumber(value, conversion);
      if (typeof number === 'number') raise(TypeError, `%${conversion} format: an integer is required, not float`);
      return formatInt(number, { ...spec, type: conversion, precision: undefined });
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const number = percentNumber(value, conversion);
      const x = typeof number === 'bigint' ? intToFloat(number) : number;
      return formatFloat(x, { ...spec, type: conversion, precision: spec.precision ?? 6 });
    }
    case 'c':
      return pad(typeof value === 'string' ? value : String.fromCodePoint(Number(percentNumber(value, 'c'))), spec, '>');
    default:
      raise(ValueError, `unsupported format character '${conversion}' (0x${conversion.charCodeAt(0).toString(16)}) at index 0`);
  }
}

function percentNumber(value: PyValue, conversion: string): bigint | number {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number') return value;
  if (value instanceof PyObject && value.toIndex) return value.toIndex();
  if (value instanceof PyObject && value.toFloat) return value.toFloat();
  const kind = 'diu'.includes(conversion) ? 'a real number' : 'xXo'.includes(conversion) ? 'an integer' : 'a real number';
  raise(TypeError, `%${conversion} format: ${kind} is required, not ${typeName(value)}`);
}
