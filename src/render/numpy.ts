// NumPy-style text for float32 arrays, character for character as NumPy 2 prints them with its default
// print options (precision 8, floatmode 'maxprec', linewidth 75, threshold 1000, edgeitems 3): `repr`
// (`array([...], dtype=float32)`), `str` (`print(a)`), and the two TensorFlow wrappers around them,
// `tf.Tensor(..., shape=(5,), dtype=float32)` (print) and `<tf.Tensor: shape=(5,), ...>` (a notebook's
// display of a bare tensor). A port of numpy/_core/arrayprint.py (FloatingFormat, _formatArray,
// _array_repr_implementation); the digits come from numpyFloat.ts (Dragon4 for binary32).
import { float32ScalarRepr, float32ScalarStr, formatPositional, formatScientific, pythonFloatRepr } from './numpyFloat';

/** A dense row-major float32 array. `shape` [] is a 0-d array (one value). */
export interface Float32NdArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface PrintOptions {
  readonly precision: number;
  readonly linewidth: number;
  readonly threshold: number;
  readonly edgeitems: number;
}

export const DEFAULT_PRINT_OPTIONS: PrintOptions = { precision: 8, linewidth: 75, threshold: 1000, edgeitems: 3 };

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

  constructor(values: readonly number[], precision: number) {
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
      // Under NEP 50 the Python literals become float32 in these comparisons, and `max / min` is a
      // float32 division.
      this.expFormat = max >= 1e6 || min < Math.fround(0.0001) || Math.fround(max / min) > 1000;
    }

    // The fields start as fillFormat leaves them when no value is finite; expFormat implies some are.
    if (this.expFormat) {
      let intWidth = 0;
      let fracWidth = 0;
      let expWidth = 0;
      for (const value of finite) {
        const text = formatScientific(value, { precision: this.precision, unique: true, trim: '.' });
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
        const text = formatPositional(value, { precision: this.precision, fractional: true, unique: true, trim: '.' });
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
    });
  }
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/** The values NumPy looks at to choose the format of a summarised array: the n-d corners. */
function leadingTrailing(array: Float32NdArray, edgeitems: number): number[] {
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
  array: Float32NdArray,
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

function checkArray(array: Float32NdArray): void {
  if (sizeOf(array.shape) !== array.data.length) {
    throw new Error(`shape ${formatShape(array.shape)} does not match ${array.data.length} values`);
  }
}

/** np.array2string with the given separator, prefix and suffix (the body of repr and str). */
export function array2string(
  array: Float32NdArray,
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
  const format = new FloatingFormat(formatData, options.precision);
  const nextLinePrefix = ' ' + ' '.repeat(prefix.length);
  return formatArray(array, (value) => format.format(value), lineWidth, nextLinePrefix, separator, options.edgeitems, summarise);
}

/** `repr(a)` of a float32 ndarray: `array([0.5, 1. ], dtype=float32)`. */
export function numpyRepr(array: Float32NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  checkArray(array);
  const prefix = 'array(';
  const body = array2string(array, ', ', prefix, ')', options);
  const extras: string[] = [];
  const size = array.data.length;
  if ((size === 0 && !(array.shape.length === 1 && array.shape[0] === 0)) || size > options.threshold) {
    extras.push(`shape=${formatShape(array.shape)}`);
  }
  extras.push('dtype=float32');
  const arrayText = `${prefix}${body},`;
  const extraText = `${extras.join(', ')})`;
  const lastLineLength = arrayText.length - (arrayText.lastIndexOf('\n') + 1);
  const spacer = lastLineLength + extraText.length + 1 > options.linewidth ? `\n${' '.repeat(prefix.length)}` : ' ';
  return arrayText + spacer + extraText;
}

/** `str(a)` of a float32 ndarray (what `print(a)` shows): `[0.5 1. ]`; a 0-d array prints as its scalar. */
export function numpyStr(array: Float32NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  checkArray(array);
  if (array.shape.length === 0) return float32ScalarStr(array.data[0]);
  return array2string(array, ' ', '', '', options);
}

/** `repr` of what `.numpy()` returns: an ndarray, or for a 0-d tensor the scalar `np.float32(…)`. */
export function numpyValueRepr(array: Float32NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  if (array.shape.length === 0) return float32ScalarRepr(array.data[0]);
  return numpyRepr(array, options);
}

/** TensorFlow's numpy_text: a multi-line array text starts on its own line. */
function tensorNumpyText(text: string): string {
  return text.includes('\n') ? `\n${text}` : text;
}

/** `str(t)` / `print(t)` of a float32 tf.Tensor: `tf.Tensor([0.5 1. ], shape=(2,), dtype=float32)`. */
export function tfTensorStr(array: Float32NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  return `tf.Tensor(${tensorNumpyText(numpyStr(array, options))}, shape=${formatShape(array.shape)}, dtype=float32)`;
}

/** `repr(t)` of a float32 tf.Tensor (a notebook's display of a bare tensor). */
export function tfTensorRepr(array: Float32NdArray, options: PrintOptions = DEFAULT_PRINT_OPTIONS): string {
  // Recent TensorFlow shows a rank-0 value as the Python float (`.item()`), an array by its repr.
  const inner = array.shape.length === 0 ? pythonFloatRepr(array.data[0]) : numpyRepr(array, options);
  return `<tf.Tensor: shape=${formatShape(array.shape)}, dtype=float32, numpy=${tensorNumpyText(inner)}>`;
}
