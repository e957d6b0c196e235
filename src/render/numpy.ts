// NumPy-style text for arrays, character for character as NumPy 2 prints them with its default print options
// (precision 8, floatmode 'maxprec', linewidth 75, threshold 1000, edgeitems 3): `repr`
// (`array([...], dtype=float32)`), `str` (`print(a)`), and the two TensorFlow wrappers around them,
// `tf.Tensor(..., shape=(5,), dtype=float32)` (print) and `<tf.Tensor: shape=(5,), ...>` (a notebook's
// display of a bare tensor). Float32 (every activation's output) by default; float64, float16, the integer
// types and bool too. A port of numpy/_core/arrayprint.py (FloatingFormat, IntegerFormat, BoolFormat,
// _formatArray, _array_repr_implementation); the digits come from numpyFloat.ts (Dragon4).
import { FINFO_PRECISION, floatScalarStr, formatPositional, formatScientific, pythonFloatRepr, roundToWidth, type FloatBits } from './numpyFloat';

/** A dense row-major float32 array. `shape` [] is a 0-d array (one value). */
export interface Float32NdArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** The dtypes printed here, by NumPy's and TensorFlow's names for them. */
export type NumpyDType = 'float16' | 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'bool';

/** A dense row-major array of any of those dtypes (values already rounded to it); float32 when `dtype` is absent. */
export interface NdArray {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
  readonly dtype?: NumpyDType;
}

export interface PrintOptions {
  readonly precision: number;
  readonly linewidth: number;
  readonly threshold: number;
  readonly edgeitems: number;
}

export const DEFAULT_PRINT_OPTIONS: PrintOptions = { precision: 8, linewidth: 75, threshold: 1000, edgeitems: 3 };

const FLOAT_BITS: Readonly<Partial<Record<NumpyDType, FloatBits>>> = { float16: 16, float32: 32, float64: 64 };

/** The dtypes whose repr leaves `dtype=` out (`np.array([1, 2])`, `np.array([0.5])`, `np.array([True])`). */
const IMPLIED_DTYPES: ReadonlySet<NumpyDType> = new Set(['float64', 'int64', 'bool']);

const dtypeOf = (array: NdArray): NumpyDType => array.dtype ?? 'float32';

/** A shape as Python prints a tuple: `(5,)`, `(2, 3)`, `()`. */
export function formatShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** NumPy's FloatingFormat in 'maxprec' mode with sign '-' and suppress_small off. */
class FloatingFormat {
  private expFormat = false;
  private padLeft = 0;
  private padRight = 0;
  private precision: number;
  private minDigits = -1;
  private trim: '.' | 'k' = '.';
  private expSize = -1;

  constructor(
    values: readonly number[],
    precision: number,
    private readonly bits: FloatBits,
  ) {
    this.precision = precision;
    const finite = values.filter((value) => Number.isFinite(value));
    const absNonZero = finite.filter((value) => value !== 0).map(Math.abs);
    if (absNonZero.length) {
      let max = absNonZero[0];
      let min = absNonZero[0];
      for (const value of absNonZero) {
        if (value > max) max = value;
        if (value < min) min = value;
      }
      // NumPy 2.3+: the cutoff follows the dtype's decimal precision, 10**min(8, 6) = 1e6 for float32.
      // Under NEP 50 the Python literals take the array's dtype in these comparisons, and `max / min` is
      // a division in that dtype.
      this.expFormat =
        max >= 10 ** Math.min(8, FINFO_PRECISION[bits]) || min < roundToWidth(0.0001, bits) || roundToWidth(max / min, bits) > 1000;
    }

    // The fields start as fillFormat leaves them when no value is finite; expFormat implies some are.
    if (this.expFormat) {
      let intWidth = 0;
      let fracWidth = 0;
      let expWidth = 0;
      for (const value of finite) {
        const text = formatScientific(value, { precision: this.precision, unique: true, trim: '.', bits });
        const e = text.indexOf('e');
        const dot = text.indexOf('.');
        intWidth = Math.max(intWidth, dot);
        fracWidth = Math.max(fracWidth, e - dot - 1);
        expWidth = Math.max(expWidth, text.length - e - 1);
      }
      this.expSize = expWidth - 1;
      this.trim = 'k';
      this.precision = fracWidth;
      this.minDigits = fracWidth;
      this.padLeft = intWidth;
      this.padRight = this.expSize + 2 + this.precision;
    } else if (finite.length) {
      let intWidth = 0;
      let fracWidth = 0;
      for (const value of finite) {
        const text = formatPositional(value, { precision: this.precision, fractional: true, unique: true, trim: '.', bits });
        const dot = text.indexOf('.');
        intWidth = Math.max(intWidth, dot);
        fracWidth = Math.max(fracWidth, text.length - dot - 1);
      }
      this.padLeft = intWidth;
      this.padRight = fracWidth;
      this.minDigits = 0;
    }

    if (finite.length !== values.length) {
      const negativeInfinity = values.some((value) => value === -Infinity);
      const offset = this.padRight + 1;
      this.padLeft = Math.max(this.padLeft, 3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset);
    }
  }

  format(value: number): string {
    if (!Number.isFinite(value)) {
      const text = Number.isNaN(value) ? 'nan' : value < 0 ? '-inf' : 'inf';
      return ' '.repeat(Math.max(0, this.padLeft + this.padRight + 1 - text.length)) + text;
    }
    if (this.expFormat) {
      return formatScientific(value, {
        precision: this.precision,
        minDigits: this.minDigits,
        unique: true,
        trim: this.trim,
        padLeft: this.padLeft,
        expDigits: this.expSize,
        bits: this.bits,
      });
    }
    return formatPositional(value, {
      precision: this.precision,
      minDigits: this.minDigits,
      unique: true,
      fractional: true,
      trim: this.trim,
      padLeft: this.padLeft,
      padRight: this.padRight,
      bits: this.bits,
    });
  }
}

/** The element format NumPy picks for a dtype, fitted to the values it looks at. */
function elementFormat(values: readonly number[], dtype: NumpyDType, precision: number): (value: number) => string {
  const bits = FLOAT_BITS[dtype];
  if (bits) {
    const format = new FloatingFormat(values, precision, bits);
    return (value) => format.format(value);
  }
  // BoolFormat: " True" pads to the width of "False".
  if (dtype === 'bool') return (value) => (value ? ' True' : 'False');
  // IntegerFormat: right-aligned to the wider of the largest and the smallest.
  let width = 0;
  if (values.length) width = Math.max(String(Math.max(...values)).length, String(Math.min(...values)).length);
  return (value) => String(value).padStart(width);
}

/** `str` of one value of a dtype, as NumPy prints its scalar. */
function scalarStr(value: number, dtype: NumpyDType): string {
  const bits = FLOAT_BITS[dtype];
  if (bits) return floatScalarStr(value, bits);
  if (dtype === 'bool') return value ? 'True' : 'False';
  return String(value);
}

/** Row-major (C-contiguous) strides, in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/** The values NumPy looks at to choose the format of a summarised array: the n-d corners. */
function leadingTrailing(array: NdArray, edgeitems: number): number[] {
  const { shape, data } = array;
  const strides = stridesOf(shape);
  const out: number[] = [];
  const visit = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      out.push(data[offset]);
      return;
    }
    const length = shape[axis];
    const indices: number[] = [];
    if (length > 2 * edgeitems) {
      for (let i = 0; i < edgeitems; i++) indices.push(i);
      for (let i = length - edgeitems; i < length; i++) indices.push(i);
    } else {
      for (let i = 0; i < length; i++) indices.push(i);
    }
    for (const index of indices) visit(axis + 1, offset + index * strides[axis]);
  };
  visit(0, 0);
  return out;
}

function extendLine(s: string, line: string, word: string, lineWidth: number, nextLinePrefix: string): [string, string] {
  let needsWrap = line.length + word.length > lineWidth;
  if (line.length <= nextLinePrefix.length) needsWrap = false;
  if (needsWrap) {
    s += `${line.trimEnd()}\n`;
    line = nextLinePrefix;
  }
  return [s, line + word];
}

function extendLinePretty(s: string, line: string, word: string, lineWidth: number, nextLinePrefix: string): [string, string] {
  const words = word.split('\n');
  if (words.length === 1) return extendLine(s, line, word, lineWidth, nextLinePrefix);
  const maxWordLength = Math.max(...words.map((w) => w.length));
  let indent: string;
  if (line.length + maxWordLength > lineWidth && line.length > nextLinePrefix.length) {
    s += `${line.trimEnd()}\n`;
    line = nextLinePrefix + words[0];
    indent = nextLinePrefix;
  } else {
    indent = ' '.repeat(line.length);
    line += words[0];
  }
  for (const w of words.slice(1)) {
    s += `${line.trimEnd()}\n`;
    line = indent + w;
  }
  line += ' '.repeat(maxWordLength - words[words.length - 1].length);
  return [s, line];
}

/** _formatArray: the nested brackets, wrapping and summarisation. */
function formatArray(
  array: NdArray,
  formatValue: (value: number) => string,
  lineWidth: number,
  nextLinePrefix: string,
  separator: string,
  edgeItems: number,
  summarise: boolean,
): string {
  const { shape, data } = array;
  const strides = stridesOf(shape);
  const ndim = shape.length;
  const summaryInsert = '...';

  const recurse = (axis: number, offset: number, hangingIndent: string, currWidth: number): string => {
    const axesLeft = ndim - axis;
    if (axesLeft === 0) return formatValue(data[offset]);
    const nextHangingIndent = `${hangingIndent} `;
    const nextWidth = currWidth - 1;
    const length = shape[axis];
    const showSummary = summarise && 2 * edgeItems < length;
    const leadingItems = showSummary ? edgeItems : 0;
    const trailingItems = showSummary ? edgeItems : length;
    const at = (index: number): number => offset + (index < 0 ? length + index : index) * strides[axis];

    let s = '';
    if (axesLeft === 1) {
      const elemWidth = currWidth - Math.max(separator.trimEnd().length, 1);
      let line = hangingIndent;
      for (let i = 0; i < leadingItems; i++) {
        const word = recurse(axis + 1, at(i), nextHangingIndent, nextWidth);
        [s, line] = extendLinePretty(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      if (showSummary) {
        [s, line] = extendLine(s, line, summaryInsert, elemWidth, hangingIndent);
        line += separator;
      }
      for (let i = trailingItems; i > 1; i--) {
        const word = recurse(axis + 1, at(-i), nextHangingIndent, nextWidth);
        [s, line] = extendLinePretty(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      const word = recurse(axis + 1, at(-1), nextHangingIndent, nextWidth);
      [s, line] = extendLinePretty(s, line, word, elemWidth, hangingIndent);
      s += line;
    } else {
      const lineSep = separator.trimEnd() + '\n'.repeat(axesLeft - 1);
      for (let i = 0; i < leadingItems; i++) {
        s += hangingIndent + recurse(axis + 1, at(i), nextHangingIndent, nextWidth) + lineSep;
      }
      if (showSummary) s += hangingIndent + summaryInsert + lineSep;
      for (let i = trailingItems; i > 1; i--) {
        s += hangingIndent + recurse(axis + 1, at(-i), nextHangingIndent, nextWidth) + lineSep;
      }
      s += hangingIndent + recurse(axis + 1, at(-1), nextHangingIndent, nextWidth);
    }
    return `[${s.slice(hangingIndent.length)}]`;
  };
  return recurse(0, 0, nextLinePrefix, lineWidth);
}

/** The number of values an array of this shape holds (1 for a 0-d array). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, length) => product * length, 1);
}

function checkArray(array: NdArray): void {
  if (sizeOf(array.shape) !== array.data.length) {
    throw new Error(`shape ${formatShape(array.shape)} does not match ${array.data.length} values`);
  }
}

/** np.array2string with the given separator, prefix and suffix (the body of repr and str). */
export function array2string(
  array: NdArray,
  separator: string,
  prefix: string,
  suffix: string,
  options: PrintOptions = DEFAULT_PRINT_OPTIONS,
): string {
  checkArray(array);
  const lineWidth = options.linewidth - suffix.length;
  if (array.data.length === 0) return '[]';
  const summarise = array.data.length > options.threshold;
  const formatData = summarise ? leadingTrailing(array, options.edgeitems) : Array.from(array.data);
  const dtype = dtypeOf(array);
  // A 0-d bool prints "True" unpadded (BoolFormat); every other dtype formats it as an element.
  const format = dtype === 'bool' && array.shape.length === 0 ? (value: number) => scalarStr(value, dtype) : elementFormat(formatData, dtype, options.precision);
  const nextLinePrefix = ' ' + ' '.repeat(prefix.length);
  return formatArray(array, format, lineWidth, nextLinePrefix, separator, options.edgeitems, summarise);
}

/** `repr(a)` of an ndarray: `array([0.5, 1. ], dtype=float32)`, `array([1, 2])`. */
export function numpyRepr(array: NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  checkArray(array);
  const prefix = 'array(';
  const body = array2string(array, ', ', prefix, ')', options);
  const extras: string[] = [];
  const size = array.data.length;
  if ((size === 0 && !(array.shape.length === 1 && array.shape[0] === 0)) || size > options.threshold) {
    extras.push(`shape=${formatShape(array.shape)}`);
  }
  if (!IMPLIED_DTYPES.has(dtypeOf(array)) || size === 0) extras.push(`dtype=${dtypeOf(array)}`);
  if (!extras.length) return `${prefix}${body})`;
  const arrayText = `${prefix}${body},`;
  const extraText = `${extras.join(', ')})`;
  const lastLineLength = arrayText.length - (arrayText.lastIndexOf('\n') + 1);
  const spacer = lastLineLength + extraText.length + 1 > options.linewidth ? `\n${' '.repeat(prefix.length)}` : ' ';
  return arrayText + spacer + extraText;
}

/** `str(a)` of an ndarray (what `print(a)` shows): `[0.5 1. ]`; a 0-d array prints as its scalar. */
export function numpyStr(array: NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  checkArray(array);
  if (array.shape.length === 0) return scalarStr(array.data[0], dtypeOf(array));
  return array2string(array, ' ', '', '', options);
}

/** `repr` of a NumPy scalar in NumPy 2: `np.float32(0.7310586)`, `np.int64(3)`, `np.True_`. */
function numpyScalarRepr(value: number, dtype: NumpyDType): string {
  if (dtype === 'bool') return value ? 'np.True_' : 'np.False_';
  return `np.${dtype}(${scalarStr(value, dtype)})`;
}

/** `repr` of what `.numpy()` returns: an ndarray, or for a 0-d tensor the scalar `np.float32(…)`. */
export function numpyValueRepr(array: NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  if (array.shape.length === 0) return numpyScalarRepr(array.data[0], dtypeOf(array));
  return numpyRepr(array, options);
}

/** TensorFlow's numpy_text: a multi-line array text starts on its own line. */
function tensorNumpyText(text: string): string {
  return text.includes('\n') ? `\n${text}` : text;
}

/** `str(t)` / `print(t)` of a tf.Tensor: `tf.Tensor([0.5 1. ], shape=(2,), dtype=float32)`. */
export function tfTensorStr(array: NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  return `tf.Tensor(${tensorNumpyText(numpyStr(array, options))}, shape=${formatShape(array.shape)}, dtype=${dtypeOf(array)})`;
}

/** `repr(t)` of a tf.Tensor (a notebook's display of a bare tensor). */
export function tfTensorRepr(array: NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  // Recent TensorFlow shows a rank-0 value as the Python scalar (`.item()`), an array by its repr.
  const dtype = dtypeOf(array);
  const inner = array.shape.length === 0 ? pythonScalarRepr(array.data[0], dtype) : numpyRepr(array, options);
  return `<tf.Tensor: shape=${formatShape(array.shape)}, dtype=${dtype}, numpy=${tensorNumpyText(inner)}>`;
}

/** `repr(x.item())`: a Python float, int or bool. */
export function pythonScalarRepr(value: number, dtype: NumpyDType): string {
  if (FLOAT_BITS[dtype]) return pythonFloatRepr(value);
  return dtype === 'bool' ? (value ? 'True' : 'False') : String(value);
}
