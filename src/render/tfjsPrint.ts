// TensorFlow.js' text for a float32 tensor, as `t.print()` / `t.toString()` write it: a port of
// tfjs-core's tensor_format.ts (7 decimals through toFixed, columns padded to the widest value of each,
// `...` past 20 items per axis); and what Node's console.log shows for `t.dataSync()` / `await t.data()`
// (a Float32Array) and `t.arraySync()` (nested arrays) — through node-inspect-extracted, Node's own
// util.inspect without Node, so the text is the same in the web worker extension host.
import { inspect } from 'node-inspect-extracted';
import { sizeOf, type Float32NdArray, type NdArray } from './numpy';

const FORMAT_LIMIT_NUM_VALS = 20;
const FORMAT_NUM_FIRST_LAST_VALS = 3;
const FORMAT_NUM_SIG_DIGITS = 7;

/** The dtypes of TensorFlow.js tensors of real numbers. */
export type TfjsDType = 'float32' | 'int32' | 'bool';

/** `tensor.toString(verbose)`, the text `tensor.print(verbose)` logs (values as float32: ints are exact to 2^24). */
export function tfjsTensorString(array: Float32NdArray, verbose = false, dtype: TfjsDType = 'float32'): string {
  const { shape, data } = array;
  const strides = computeStrides(shape);
  const padPerCol = computeMaxSizePerColumn(data, shape, dtype, strides);
  const rank = shape.length;
  const valsLines = subTensorToString(data, shape, dtype, strides, padPerCol);
  const lines = ['Tensor'];
  if (verbose) {
    lines.push(`  dtype: ${dtype}`);
    lines.push(`  rank: ${rank}`);
    lines.push(`  shape: [${shape.join(',')}]`);
    lines.push('  values:');
  }
  lines.push(valsLines.map((line) => `    ${line}`).join('\n'));
  return lines.join('\n');
}

function computeStrides(shape: readonly number[]): number[] {
  const rank = shape.length;
  if (rank < 2) return [];
  const strides = new Array<number>(rank - 1);
  strides[rank - 2] = shape[rank - 1];
  for (let i = rank - 3; i >= 0; --i) strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

function computeMaxSizePerColumn(vals: Float32Array, shape: readonly number[], dtype: TfjsDType, strides: readonly number[]): number[] {
  const n = sizeOf(shape);
  const numCols = strides[strides.length - 1];
  const padPerCol = new Array<number>(numCols ?? 0).fill(0);
  if (shape.length > 1) {
    for (let row = 0; row < n / numCols; row++) {
      const offset = row * numCols;
      for (let j = 0; j < numCols; j++) padPerCol[j] = Math.max(padPerCol[j], valToString(vals[offset + j], 0, dtype).length);
    }
  }
  return padPerCol;
}

function valToString(value: number, pad: number, dtype: TfjsDType): string {
  // A bool tensor holds 0 and 1 and prints them as words (tfjs' boolNumToString).
  const text = dtype === 'bool' ? (value === 0 ? 'false' : 'true') : parseFloat(value.toFixed(FORMAT_NUM_SIG_DIGITS)).toString();
  return text.padEnd(pad);
}

function subTensorToString(vals: Float32Array, shape: readonly number[], dtype: TfjsDType, strides: readonly number[], padPerCol: readonly number[], isLast = true): string[] {
  const size = shape[0];
  const rank = shape.length;
  if (rank === 0) return [dtype === 'bool' ? valToString(vals[0], 0, dtype) : vals[0].toString()];
  if (rank === 1) {
    if (size > FORMAT_LIMIT_NUM_VALS) {
      const firstVals = Array.from(vals.slice(0, FORMAT_NUM_FIRST_LAST_VALS));
      const lastVals = Array.from(vals.slice(size - FORMAT_NUM_FIRST_LAST_VALS, size));
      return [
        `[${firstVals.map((x, i) => valToString(x, padPerCol[i], dtype)).join(', ')}, ..., ${lastVals
          .map((x, i) => valToString(x, padPerCol[size - FORMAT_NUM_FIRST_LAST_VALS + i], dtype))
          .join(', ')}]`,
      ];
    }
    return [`[${Array.from(vals).map((x, i) => valToString(x, padPerCol[i], dtype)).join(', ')}]`];
  }
  const subshape = shape.slice(1);
  const substrides = strides.slice(1);
  const stride = strides[0];
  const lines: string[] = [];
  const row = (i: number, last: boolean): void => {
    lines.push(...subTensorToString(vals.slice(i * stride, (i + 1) * stride), subshape, dtype, substrides, padPerCol, last));
  };
  if (size > FORMAT_LIMIT_NUM_VALS) {
    for (let i = 0; i < FORMAT_NUM_FIRST_LAST_VALS; i++) row(i, false);
    lines.push('...');
    for (let i = size - FORMAT_NUM_FIRST_LAST_VALS; i < size; i++) row(i, i === size - 1);
  } else {
    for (let i = 0; i < size; i++) row(i, i === size - 1);
  }
  const sep = rank === 2 ? ',' : '';
  lines[0] = `[${size > 0 ? lines[0] + sep : ''}`;
  for (let i = 1; i < lines.length - 1; i++) lines[i] = ` ${lines[i]}${sep}`;
  let newLineSep = ',\n';
  for (let i = 2; i < rank; i++) newLineSep += '\n';
  lines[lines.length - 1] = ` ${lines[lines.length - 1]}]${isLast ? '' : newLineSep}`;
  return lines;
}

/** What Node's console.log prints for `tensor.dataSync()`: a Float32Array, an Int32Array (int32) or a Uint8Array (bool). */
export function typedArrayText(data: Float32Array | Float64Array | Int32Array | Uint8Array): string {
  return inspect(data, { breakLength: 80, maxArrayLength: 100 });
}

/** What Node's console.log prints for `tensor.arraySync()` (nested arrays of numbers). */
export function nestedArrayText(array: NdArray): string {
  return inspect(toNested(array), { breakLength: 80, maxArrayLength: 100, depth: null });
}

function toNested(array: NdArray): unknown {
  const { shape, data } = array;
  if (shape.length === 0) return data[0];
  const build = (axis: number, offset: number, stride: number): unknown[] => {
    const length = shape[axis];
    const inner = stride / length;
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      out.push(axis === shape.length - 1 ? data[offset + i] : build(axis + 1, offset + i * inner, inner));
    }
    return out;
  };
  return build(0, 0, data.length);
}
