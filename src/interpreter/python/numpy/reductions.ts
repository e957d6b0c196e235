// NumPy's reductions with their exact arithmetic: `sum` adds pairwise (numpy's pairwise_sum: eight running
// sums, blocks of 128, halves beyond) over the whole array or its last axis, and in order along any other
// axis, starting from 0 like NumPy; `mean` divides that sum by the count; `var` / `std` follow numpy's
// _var (the mean subtracted, squared, summed the same way); `max` / `min` propagate NaN; integer sums go to
// int64. Reductions take `axis` (an int, a tuple or None) and `keepdims`.
import { sizeOf } from '../../../render/numpy';
import { ValueError, raise } from '../errors';
import { PyTuple } from '../objects';
import type { PyValue, Runtime } from '../types';
import { castValue, isFloat, type DType } from './dtypes';
import { NdArray, NpScalar, normaliseAxis } from './ndarray';
import { wrapResult } from './ufuncs';

export type ReductionKind = 'sum' | 'prod' | 'max' | 'min' | 'mean' | 'var' | 'std' | 'any' | 'all' | 'argmax' | 'argmin';

const NUMPY_NAMES: Readonly<Record<string, string>> = { max: 'maximum', min: 'minimum', argmax: 'argmax', argmin: 'argmin' };

/** numpy's pairwise_sum over values[start, start + n), rounding each addition to `round`. */
export function pairwiseSum(values: Float64Array, start: number, n: number, round: (x: number) => number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = round(res + values[start + i]);
    return res;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < 8; j++) r[j] = values[start + j];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = round(r[j] + values[start + i + j]);
    let res = round(round(round(r[0] + r[1]) + round(r[2] + r[3])) + round(round(r[4] + r[5]) + round(r[6] + r[7])));
    for (; i < n; i++) res = round(res + values[start + i]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return round(pairwiseSum(values, start, n2, round) + pairwiseSum(values, start + n2, n - n2, round));
}

/** The axes to reduce, from an axis argument (None: all). */
export function reductionAxes(axis: PyValue | undefined, ndim: number): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = axis instanceof PyTuple ? axis.items : [axis];
  const axes = list.map((item) => normaliseAxis(item, ndim));
  if (new Set(axes).size !== axes.length) raise(ValueError, 'duplicate value in \'axis\'');
  return axes.sort((a, b) => a - b);
}

/** The values of `array` grouped per output element: each group the reduced axes' values in order. */
function groups(array: NdArray, axes: readonly number[]): { outShape: number[]; keptShape: number[]; groups: Float64Array[]; innermost: boolean } {
  const shape = array.shape;
  const values = array.values();
  const ndim = shape.length;
  const reduced = new Set(axes);
  const keptAxes = shape.map((_, axis) => axis).filter((axis) => !reduced.has(axis));
  const outShape = keptAxes.map((axis) => shape[axis]);
  const keptShape = shape.map((length, axis) => (reduced.has(axis) ? 1 : length));
  const groupSize = axes.reduce((product, axis) => product * shape[axis], 1);
  const outSize = sizeOf(outShape);
  const strides = new Array<number>(ndim);
  for (let axis = ndim - 1, stride = 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  const result: Float64Array[] = [];
  for (let o = 0; o < outSize; o++) {
    // The offset of this output's first element.
    let base = 0;
    let rest = o;
    for (let k = keptAxes.length - 1; k >= 0; k--) {
      const axis = keptAxes[k];
      const coordinate = rest % shape[axis];
      rest = (rest - coordinate) / shape[axis];
      base += coordinate * strides[axis];
    }
    const group = new Float64Array(groupSize);
    for (let g = 0; g < groupSize; g++) {
      let offset = base;
      let r = g;
      for (let k = axes.length - 1; k >= 0; k--) {
        const axis = axes[k];
        const coordinate = r % shape[axis];
        r = (r - coordinate) / shape[axis];
        offset += coordinate * strides[axis];
      }
      group[g] = values[offset];
    }
    result.push(group);
  }
  // Pairwise summation applies when the reduced values are contiguous in memory: the trailing axes.
  const innermost = axes.length > 0 && axes.every((axis, i) => axis === ndim - axes.length + i);
  return { outShape, keptShape, groups: result, innermost };
}

function sumGroup(group: Float64Array, dtype: DType, pairwise: boolean): number {
  const round = (x: number): number => castValue(x, dtype);
  if (!isFloat(dtype)) {
    let total = 0;
    for (const v of group) total += v;
    return castValue(total, dtype);
  }
  if (pairwise) return pairwiseSum(group, 0, group.length, round);
  let total = 0;
  for (const v of group) total = round(total + v);
  return total;
}

/** The dtype a sum or product accumulates in: int64 for ints and bools, the float itself otherwise. */
export function accumulatorOf(dtype: DType): DType {
  return isFloat(dtype) ? dtype : 'int64';
}

export interface ReductionOptions {
  readonly axis?: PyValue;
  readonly keepdims?: boolean;
  readonly ddof?: number;
  readonly dtype?: DType;
}

export function reduce(rt: Runtime, array: NdArray, kind: ReductionKind, options: ReductionOptions = {}): NdArray | NpScalar {
  const axes = reductionAxes(options.axis, array.shape.length);
  rt.step(array.size / 256);
  const { outShape, keptShape, groups: parts, innermost } = groups(array, axes);
  const count = axes.reduce((product, axis) => product * array.shape[axis], 1);
  let dtype: DType;
  let out: Float64Array;
  switch (kind) {
    case 'sum':
    case 'prod': {
      dtype = options.dtype ?? accumulatorOf(array.dtype);
      out = Float64Array.from(parts, (group) => {
        const cast = dtype === array.dtype ? group : group.map((v) => castValue(v, dtype));
        if (kind === 'sum') return sumGroup(cast, dtype, innermost);
        let total = 1;
        for (const v of cast) total = castValue(total * v, dtype);
        return total;
      });
      break;
    }
    case 'max':
    case 'min': {
      if (count === 0) raise(ValueError, `zero-size array to reduction operation ${NUMPY_NAMES[kind]} which has no identity`);
      dtype = array.dtype;
      out = Float64Array.from(parts, (group) => {
        let best = group[0];
        for (const v of group) {
          if (Number.isNaN(v)) return NaN;
          if (kind === 'max' ? v > best : v < best) best = v;
        }
        return best;
      });
      break;
    }
    case 'argmax':
    case 'argmin': {
      if (count === 0) raise(ValueError, `attempt to get ${kind} of an empty sequence`);
      dtype = 'int64';
      out = Float64Array.from(parts, (group) => {
        let best = 0;
        for (let i = 0; i < group.length; i++) {
          if (Number.isNaN(group[i])) return i;
          if (kind === 'argmax' ? group[i] > group[best] : group[i] < group[best]) best = i;
        }
        return best;
      });
      break;
    }
    case 'any':
    case 'all':
      dtype = 'bool';
      out = Float64Array.from(parts, (group) => (kind === 'any' ? (group.some((v) => v !== 0) ? 1 : 0) : group.every((v) => v !== 0) ? 1 : 0));
      break;
    default: {
      // mean, var, std: in float64 for ints, in the float dtype itself otherwise.
      dtype = options.dtype ?? (isFloat(array.dtype) ? array.dtype : 'float64');
      const round = (x: number): number => castValue(x, dtype);
      if (count === 0) rt.warn('RuntimeWarning', kind === 'mean' ? 'Mean of empty slice' : 'Degrees of freedom <= 0 for slice');
      out = Float64Array.from(parts, (group) => {
        const cast = group.map(round);
        const mean = round(sumGroup(cast, dtype, innermost) / count);
        if (kind === 'mean') return mean;
        const squares = cast.map((v) => round(round(v - mean) * round(v - mean)));
        const divisor = Math.max(count - (options.ddof ?? 0), 0);
        const variance = round(sumGroup(squares, dtype, innermost) / divisor);
        return kind === 'var' ? variance : round(Math.sqrt(variance));
      });
      if (count === 0) rt.warn('RuntimeWarning', 'invalid value encountered in scalar divide');
    }
  }
  const shape = options.keepdims ? keptShape : outShape;
  return wrapResult(out, shape, dtype, array.origin);
}

/** cumsum / cumprod along an axis (None: flattened), in order. */
export function accumulate(rt: Runtime, array: NdArray, kind: 'cumsum' | 'cumprod', axisValue: PyValue | undefined): NdArray {
  const dtype = accumulatorOf(array.dtype);
  const values = array.values();
  rt.step(values.length / 256);
  if (axisValue === undefined || axisValue === null) {
    const out = new Float64Array(values.length);
    let total = kind === 'cumsum' ? 0 : 1;
    values.forEach((v, i) => {
      total = castValue(kind === 'cumsum' ? total + v : total * v, dtype);
      out[i] = total;
    });
    return new NdArray(out, [values.length], dtype);
  }
  const axis = normaliseAxis(axisValue, array.shape.length);
  const shape = array.shape;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const length = shape[axis];
  const outer = values.length / Math.max(length * inner, 1);
  const out = new Float64Array(values.length);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let total = kind === 'cumsum' ? 0 : 1;
      for (let i = 0; i < length; i++) {
        const at = (o * length + i) * inner + k;
        total = castValue(kind === 'cumsum' ? total + values[at] : total * values[at], dtype);
        out[at] = total;
      }
    }
  }
  return new NdArray(out, shape, dtype);
}

