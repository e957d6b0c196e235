// What Python prints for the values the snippet evaluator knows: `print(x)` shows str(x), a notebook's bare
// expression and the items of a list or tuple show repr(x). NumPy arrays and TensorFlow tensors in their own
// dtype (src/render/numpy.ts); Python lists, tuples, numbers, strings, bools and None as CPython does.
import { numpyStr, numpyValueRepr, pythonScalarRepr, tfTensorRepr, tfTensorStr } from '../render/numpy';
import { pythonFloatRepr } from '../render/numpyFloat';
import { EvaluationError, describeValue, makeArray, toNdArray, type ArrayValue, type Value } from './values';
import type { Span } from './valuesParser';

/** `str(value)`, what `print` shows; a value Python would print as an address (a function, a module) is refused at `span`. */
export function pythonStr(value: Value, span: Span): string {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'array' && value.container !== 'list') {
    const array = toNdArray(value);
    return value.container === 'tensor' ? tfTensorStr(array) : numpyStr(array);
  }
  return pythonRepr(value, span);
}

/** `repr(value)`, what a notebook shows for a bare expression. */
export function pythonRepr(value: Value, span: Span): string {
  switch (value.kind) {
    case 'array':
      return arrayRepr(value);
    case 'sequence':
      return bracketed(value.items.map((item) => pythonRepr(item, span)), value.tuple);
    case 'number':
      return value.integer ? String(value.value) : pythonFloatRepr(value.value);
    case 'string':
      return stringRepr(value.value);
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    default:
      throw new EvaluationError(`Python would print ${describeValue(value)} by its address; Activation Lens shows values only`, span.start, span.end);
  }
}

function arrayRepr(value: ArrayValue): string {
  const array = toNdArray(value);
  if (value.container === 'tensor') return tfTensorRepr(array);
  // An ndarray, or a NumPy scalar (`np.float32(0.5)`) when 0-d.
  if (value.container !== 'list') return numpyValueRepr(array);
  return listRepr(value);
}

/** A Python list or tuple of numbers (`[1.0, 2.5]`, `(2, 3)`), or of an array's rows after `list(x)`. */
function listRepr(value: ArrayValue): string {
  const { shape, data, rowsOf } = value;
  if (shape.length === 0) return pythonScalarRepr(data[0], value.dtype);
  const rowSize = shape.slice(1).reduce((a, b) => a * b, 1);
  const items: string[] = [];
  for (let i = 0; i < shape[0]; i++) {
    const row = data.subarray(i * rowSize, (i + 1) * rowSize);
    // Rows of an ndarray or tensor keep its type (NumPy scalars, 0-d tensors); nested list items are lists.
    const item = makeArray(rowsOf ?? 'list', value.dtype, shape.slice(1), row);
    items.push(rowsOf ? arrayRepr(item) : listRepr(item));
  }
  return bracketed(items, value.tuple === true);
}

function bracketed(items: readonly string[], tuple: boolean): string {
  if (!tuple) return `[${items.join(', ')}]`;
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** CPython's repr of a str: single quotes unless the text has one and no double quote. */
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] as string);
  return quote + (quote === "'" ? escaped.replaceAll("'", "\\'") : escaped) + quote;
}
