// The `numpy` module of the subset: array creation (`array`, `asarray`, `linspace`, `arange`, `zeros`, `ones`,
// `full`, `*_like`, `eye`), the ufuncs as functions (`exp`, `maximum`, `where`, `clip`, …), reductions,
// `dot` / `matmul`, shape functions, the scalar types and dtypes, and the constants; plus the methods and
// attributes of arrays and scalars (`.sum()`, `.astype()`, `.shape`, `.T`, …). `linspace` and `arange`
// compute their values the way NumPy does, so the doubles are NumPy's bit for bit. Names of NumPy that the
// subset does not model are refused, never reported as missing.
import { sizeOf } from '../../../render/numpy';
import { AttributeError, IndexError, OverflowError, Refusal, TypeError, ValueError, ZeroDivisionError, raise } from '../errors';
import { PyBuiltin, PyDict, PyList, PyModule, PyTuple, type BuiltinImplementation } from '../objects';
import { collect, toFloatArgument, toIndex, truthy, typeName } from '../ops';
import { PyObject, PyType, type Kwargs, type PyValue, type Runtime } from '../types';
import { ABSTRACT_TYPES, DTypeObject, SCALAR_TYPES, castValue, checkPythonInt, dtypeFrom, isFloat, isInteger, promote, type DType } from './dtypes';
import {
  NDARRAY,
  NdArray,
  NpScalar,
  behaviour,
  checkElements,
  normaliseAxis,
  registerListConversion,
  registerValueConversion,
  shapeText,
} from './ndarray';
import { accumulate, reduce, type ReductionKind } from './reductions';
import {
  BINARY,
  UNARY,
  applyBinary,
  applyUnary,
  arrayBinary,
  commonDType,
  arrayCompare,
  arrayUnary,
  broadcastShapes,
  isArrayLike,
  registerMatmul,
  registerSequenceConversion,
  requireOperand,
  roundArray,
  toOperand,
  wrapResult,
  type Operand,
} from './ufuncs';

// -- arguments ---------------------------------------------------------------------------------------------

/** Binds a call to a Python-style signature: `['a', 'axis', …]`, the first `required` mandatory. */
export function bindArguments(name: string, params: readonly string[], args: readonly PyValue[], kwargs: Kwargs, required = 1): (PyValue | undefined)[] {
  if (args.length > params.length) {
    raise(TypeError, `${name}() takes ${required === params.length ? `${params.length}` : `from ${required} to ${params.length}`} positional argument${params.length === 1 ? '' : 's'} but ${args.length} were given`);
  }
  const bound: (PyValue | undefined)[] = params.map((_, i) => args[i]);
  for (const [key, value] of kwargs ?? []) {
    const index = params.indexOf(key);
    if (index === -1) raise(TypeError, `${name}() got an unexpected keyword argument '${key}'`);
    if (bound[index] !== undefined) raise(TypeError, `${name}() got multiple values for argument '${key}'`);
    bound[index] = value;
  }
  const missing = params.slice(0, required).filter((_, i) => bound[i] === undefined);
  if (missing.length) raise(TypeError, `${name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${missing.map((p) => `'${p}'`).join(' and ')}`);
  return bound;
}

const unsupportedKeyword = (name: string, key: string): never => {
  throw new Refusal(`\`np.${name}(…, ${key}=…)\` is outside what Activation Lens models`);
};

// -- conversion --------------------------------------------------------------------------------------------

interface Discovered {
  shape: number[];
  values: number[];
  dtype: DType | undefined;
}

/** The dtype NumPy gives a Python scalar inside an array literal (not weak there: `[np.int8(1), 300]` is int64). */
function scalarDType(value: PyValue): DType | undefined {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int64';
  if (typeof value === 'number') return 'float64';
  if (value instanceof NpScalar) return value.dtype;
  return undefined;
}

/** NumPy 2's NPY_MAXDIMS. */
const MAX_DIMENSIONS = 64;

function discover(rt: Runtime, value: PyValue, depth: number): Discovered {
  if (depth > MAX_DIMENSIONS) raise(ValueError, `setting an array element with a sequence. The requested array would exceed the maximum number of dimension of ${MAX_DIMENSIONS}.`);
  const scalar = scalarDType(value);
  if (scalar) {
    if (typeof value === 'bigint') {
      if (value > 2n ** 63n - 1n || value < -(2n ** 63n)) raise(OverflowError, 'Python int too large to convert to C long');
      return { shape: [], values: [castValue(Number(value), 'int64')], dtype: 'int64' };
    }
    return { shape: [], values: [value instanceof NpScalar ? value.value : typeof value === 'boolean' ? (value ? 1 : 0) : (value as number)], dtype: scalar };
  }
  if (value instanceof NdArray) return { shape: [...value.shape], values: Array.from(value.values()), dtype: value.dtype };
  if (isArrayLike(value)) {
    const array = value.toNdArray();
    return { shape: [...array.shape], values: Array.from(array.values()), dtype: array.dtype };
  }
  if (value instanceof PyList || value instanceof PyTuple) {
    const items = value.items;
    checkElements(items.length);
    if (items.length === 0) return { shape: [0], values: [], dtype: undefined };
    const parts = items.map((item) => discover(rt, item, depth + 1));
    const first = parts[0].shape;
    for (const part of parts) {
      if (part.shape.length !== first.length || part.shape.some((length, axis) => length !== first[axis])) {
        const common: number[] = [items.length];
        for (let axis = 0; axis < first.length; axis++) {
          if (parts.every((p) => p.shape.length > axis && p.shape[axis] === first[axis])) common.push(first[axis]);
          else break;
        }
        raise(ValueError, `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${common.length} dimensions. The detected shape was ${pyShape(common)} + inhomogeneous part.`);
      }
    }
    const values: number[] = [];
    let dtype: DType | undefined;
    for (const part of parts) {
      for (const v of part.values) values.push(v);
      if (part.dtype) dtype = dtype ? promote(dtype, part.dtype) : part.dtype;
      checkElements(values.length);
    }
    return { shape: [items.length, ...first], values, dtype };
  }
  if (typeof value === 'string') throw new Refusal('arrays of strings are outside what Activation Lens models');
  if (value === null) throw new Refusal('arrays of objects (None) are outside what Activation Lens models');
  if (value instanceof PyObject && value.iterate && !(value instanceof PyDict)) {
    throw new Refusal(`np.array of ${typeName(value)} (an iterator) is an object array in NumPy, outside what Activation Lens models; make a list first`);
  }
  throw new Refusal(`${describeObject(value)} is not a number; Activation Lens computes with arrays of numbers`);
}

/** How a non-number is named in a refusal: `the function f`, `a dict`. */
function describeObject(value: PyValue): string {
  const name = (value as { name?: unknown } | null)?.name;
  const type = typeName(value);
  return typeof name === 'string' ? `the ${type === 'function' ? 'function' : type} \`${name}\`` : `a ${type}`;
}

function pyShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** np.array(value, dtype): a new array (copied), its dtype discovered or given. */
export function arrayFrom(rt: Runtime, value: PyValue, dtype?: DType): NdArray {
  const found = discover(rt, value, 0);
  const chosen = dtype ?? found.dtype ?? 'float64';
  if (dtype && isInteger(dtype)) {
    // An explicit integer dtype still refuses Python ints that do not fit.
    const check = (item: PyValue): void => {
      if (typeof item === 'bigint') checkPythonInt(item, dtype);
      else if (item instanceof PyList || item instanceof PyTuple) item.items.forEach(check);
    };
    check(value);
  }
  const values = new Float64Array(found.values.length);
  for (let i = 0; i < values.length; i++) values[i] = castValue(found.values[i], chosen);
  const array = new NdArray(values, found.shape, chosen);
  if (value instanceof NdArray) array.origin = value.origin;
  else if (isArrayLike(value)) array.origin = value.toNdArray().origin;
  return array;
}

/** np.asarray: the array itself when it already is one of the dtype. */
export function asArray(rt: Runtime, value: PyValue, dtype?: DType): NdArray {
  if (value instanceof NdArray && (dtype === undefined || dtype === value.dtype)) return value;
  if (value instanceof NpScalar && dtype === undefined) return value.asArray();
  return arrayFrom(rt, value, dtype);
}

registerListConversion((rt, list) => arrayFrom(rt, list));
registerSequenceConversion((rt, value) => arrayFrom(rt, value));
registerValueConversion((rt, value, dtype) => {
  const array = arrayFrom(rt, value);
  const values = array.values().map((v) => castValue(v, dtype));
  return { shape: array.shape, values };
});

function dtypeArgument(value: PyValue | undefined): DType | undefined {
  return value === undefined || value === null ? undefined : dtypeFrom(value);
}

function shapeArgument(value: PyValue | undefined, name: string): number[] {
  if (value === undefined) raise(TypeError, `${name}() missing required argument 'shape' (pos 1)`);
  const items = value instanceof PyTuple || value instanceof PyList ? value.items : [value];
  const shape = items.map((item) => {
    if (typeof item === 'number') raise(TypeError, "'float' object cannot be interpreted as an integer");
    const length = Number(toIndex(item));
    if (length < 0) raise(ValueError, 'negative dimensions are not allowed');
    return length;
  });
  checkElements(sizeOf(shape));
  return shape;
}

// -- creation ----------------------------------------------------------------------------------------------

function filled(name: string, fill: number): BuiltinImplementation {
  return (_rt, args, kwargs) => {
    const [shape, dtype] = bindArguments(name, ['shape', 'dtype', 'order', 'device', 'like'], args, kwargs);
    const chosen = dtypeArgument(dtype) ?? 'float64';
    return new NdArray(new Float64Array(sizeOf(shapeArgument(shape, name))).fill(castValue(fill, chosen)), shapeArgument(shape, name), chosen);
  };
}

function like(name: string, fill: number | undefined): BuiltinImplementation {
  return (rt, args, kwargs) => {
    const params = fill === undefined ? ['a', 'fill_value', 'dtype', 'order', 'subok', 'shape', 'device'] : ['a', 'dtype', 'order', 'subok', 'shape', 'device'];
    const bound = bindArguments(name, params, args, kwargs, fill === undefined ? 2 : 1);
    const source = asArray(rt, bound[0] as PyValue);
    const fillValue = fill ?? toFloatArgument(bound[1] as PyValue);
    const dtype = dtypeArgument(bound[fill === undefined ? 2 : 1]) ?? source.dtype;
    return new NdArray(new Float64Array(source.size).fill(castValue(fillValue, dtype)), source.shape, dtype);
  };
}

function scalarNumber(value: PyValue | undefined, what: string): number {
  if (value === undefined) raise(TypeError, `${what} is missing`);
  if (value instanceof NdArray && value.size !== 1) throw new Refusal(`array bounds for np.linspace / np.arange are outside what Activation Lens models; give numbers`);
  return toFloatArgument(value instanceof NdArray ? value.values()[0] : value);
}

/** np.linspace, computed as numpy's function_base.linspace: i * step + start, the endpoint set exactly. */
function linspace(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  const [startValue, stopValue, numValue, endpointValue, retstep, dtypeValue, axis] = bindArguments('linspace', ['start', 'stop', 'num', 'endpoint', 'retstep', 'dtype', 'axis', 'device'], args, kwargs, 2);
  if (axis !== undefined && axis !== 0n) unsupportedKeyword('linspace', 'axis');
  const start = scalarNumber(startValue, 'start');
  const stop = scalarNumber(stopValue, 'stop');
  if (typeof numValue === 'number') raise(TypeError, "'float' object cannot be interpreted as an integer");
  const num = numValue === undefined ? 50 : Number(toIndex(numValue));
  if (num < 0) raise(ValueError, `Number of samples, ${num}, must be non-negative.`);
  checkElements(num, 'this linspace');
  const endpoint = endpointValue === undefined ? true : truthy(rt, endpointValue);
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const step = delta / div;
  const data = new Float64Array(num);
  for (let i = 0; i < num; i++) data[i] = div > 0 ? (step === 0 ? (i / div) * delta + start : i * step + start) : i * delta + start;
  if (endpoint && num > 1) data[num - 1] = stop;
  const dtype = dtypeArgument(dtypeValue) ?? 'float64';
  if (isInteger(dtype)) for (let i = 0; i < num; i++) data[i] = Math.floor(data[i]);
  const array = new NdArray(data.map((v) => castValue(v, dtype)), [num], dtype);
  if (retstep !== undefined && truthy(rt, retstep)) return new PyTuple([array, new NpScalar('float64', div > 0 ? step : NaN)]);
  return array;
}

/** np.arange, as NumPy fills it: the first two values, then x[i] = x[0] + i·(x[1] − x[0]). */
function arange(_rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  const [a, b, c, dtypeValue] = bindArguments('arange', ['start', 'stop', 'step', 'dtype', 'device', 'like'], args, kwargs, 0);
  if (a === undefined) raise(TypeError, "arange() requires stop to be specified.");
  const given = [a, b, c].filter((value): value is PyValue => value !== undefined && value !== null);
  const integer = given.every((value) => typeof value === 'bigint' || typeof value === 'boolean' || (value instanceof NpScalar && isInteger(value.dtype)));
  const [start, stop, step] = b === undefined || b === null ? [0, scalarNumber(a, 'stop'), c === undefined || c === null ? 1 : scalarNumber(c, 'step')] : [scalarNumber(a, 'start'), scalarNumber(b, 'stop'), c === undefined || c === null ? 1 : scalarNumber(c, 'step')];
  if (step === 0) raise(ZeroDivisionError, 'division by zero');
  const length = Math.max(0, Math.ceil((stop - start) / step));
  checkElements(length, 'this range');
  const data = new Float64Array(length);
  const delta = start + step - start;
  for (let i = 0; i < length; i++) data[i] = i === 1 ? start + step : start + i * delta;
  const dtype = dtypeArgument(dtypeValue) ?? (integer ? 'int64' : 'float64');
  return new NdArray(data.map((v) => castValue(v, dtype)), [length], dtype);
}

function eye(_rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  const [nValue, mValue, kValue, dtypeValue] = bindArguments('eye', ['N', 'M', 'k', 'dtype', 'order', 'device', 'like'], args, kwargs);
  const n = Number(toIndex(nValue as PyValue));
  const m = mValue === undefined || mValue === null ? n : Number(toIndex(mValue));
  const k = kValue === undefined ? 0 : Number(toIndex(kValue));
  checkElements(n * m);
  const dtype = dtypeArgument(dtypeValue) ?? 'float64';
  const data = new Float64Array(n * m);
  for (let i = 0; i < n; i++) if (i + k >= 0 && i + k < m) data[i * m + i + k] = 1;
  return new NdArray(data, [n, m], dtype);
}

// -- ufuncs as functions -------------------------------------------------------------------------------------

const UFUNC_KEYWORDS = new Set(['out', 'where', 'casting', 'order', 'dtype', 'subok', 'signature']);

function checkUfuncKeywords(name: string, kwargs: Kwargs): void {
  for (const key of kwargs?.keys() ?? []) {
    if (UFUNC_KEYWORDS.has(key)) unsupportedKeyword(name, key);
    raise(TypeError, `${name}() got an unexpected keyword argument '${key}'`);
  }
}

function unaryFunction(name: string, spec = UNARY[name]): BuiltinImplementation {
  return (rt, args, kwargs) => {
    checkUfuncKeywords(name, kwargs);
    if (args.length !== 1) raise(TypeError, `${name}() takes from 1 to 2 positional arguments but ${args.length} were given`);
    return applyUnary(rt, spec, requireOperand(rt, args[0], name));
  };
}

function binaryFunction(name: string): BuiltinImplementation {
  return (rt, args, kwargs) => {
    checkUfuncKeywords(name, kwargs);
    if (args.length !== 2) raise(TypeError, `${name}() takes from 2 to 3 positional arguments but ${args.length} were given`);
    return applyBinary(rt, BINARY[name], requireOperand(rt, args[0], name), requireOperand(rt, args[1], name));
  };
}

export function where(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  if (kwargs?.size) raise(TypeError, 'where() takes no keyword arguments');
  if (args.length === 1) {
    const condition = asArray(rt, args[0]);
    const values = condition.values();
    const strides = condition.shape.map((_, axis) => condition.shape.slice(axis + 1).reduce((a, b) => a * b, 1));
    const indices: number[][] = condition.shape.map(() => []);
    values.forEach((v, flat) => {
      if (!v) return;
      condition.shape.forEach((length, axis) => indices[axis].push(Math.floor(flat / strides[axis]) % length));
    });
    return new PyTuple(indices.map((list) => new NdArray(Float64Array.from(list), [list.length], 'int64')));
  }
  if (args.length !== 3) raise(ValueError, 'either both or neither of x and y should be given');
  const condition = requireOperand(rt, args[0], 'where');
  const x = requireOperand(rt, args[1], 'where');
  const y = requireOperand(rt, args[2], 'where');
  const shape = broadcastShapes([condition.shape, x.shape, y.shape]);
  const size = sizeOf(shape);
  checkElements(size);
  // The values' dtype as NumPy's where finds it: NEP 50 between x and y.
  const probe = applyBinary(rt, BINARY.add, { ...x, values: x.values.subarray(0, Math.min(1, x.values.length)), shape: x.values.length ? [] : x.shape }, { ...y, values: y.values.subarray(0, Math.min(1, y.values.length)), shape: y.values.length ? [] : y.shape });
  const dtype = x.dtype === 'bool' && y.dtype === 'bool' ? 'bool' : (probe instanceof NdArray ? probe.dtype : probe.dtype);
  const spread = (operand: Operand): Float64Array => broadcastValues(operand, shape);
  const c = spread(condition);
  const xs = spread(x);
  const ys = spread(y);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = castValue(c[i] ? xs[i] : ys[i], dtype);
  return wrapResult(out, shape, dtype, x.origin ?? y.origin);
}

function broadcastValues(operand: Operand, shape: readonly number[]): Float64Array {
  const size = sizeOf(shape);
  if (operand.values.length === size) return operand.values;
  if (operand.values.length === 1) return new Float64Array(size).fill(operand.values[0]);
  const padded = [...new Array<number>(shape.length - operand.shape.length).fill(1), ...operand.shape];
  const strides = padded.map((length, axis) => (length === 1 ? 0 : padded.slice(axis + 1).reduce((a, b) => a * b, 1)));
  const view = new NdArray(operand.values, shape, 'float64', strides, 0);
  return view.values();
}

function clip(rt: Runtime, value: PyValue, low: PyValue | undefined, high: PyValue | undefined): PyValue {
  let result: PyValue = value;
  const lowGiven = low !== undefined && low !== null;
  const highGiven = high !== undefined && high !== null;
  if (!lowGiven && !highGiven) raise(ValueError, 'One of max or min must be given');
  if (lowGiven) result = applyBinary(rt, BINARY.maximum, requireOperand(rt, result, 'clip'), requireOperand(rt, low, 'clip'));
  if (highGiven) result = applyBinary(rt, BINARY.minimum, requireOperand(rt, result, 'clip'), requireOperand(rt, high, 'clip'));
  return result;
}

/** dot / matmul for vectors and matrices: sums of products in order (BLAS may order them differently). */
function matmul(rt: Runtime, a: Operand, b: Operand, name = 'matmul'): PyValue {
  if (a.shape.length === 0 || b.shape.length === 0) {
    if (name === 'matmul') raise(ValueError, "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)");
    return applyBinary(rt, BINARY.multiply, a, b);
  }
  if (a.shape.length > 2 || b.shape.length > 2) throw new Refusal(`${name} of arrays with more than two dimensions is outside what Activation Lens models`);
  const dtype = promote(a.dtype, b.dtype);
  const [n, k] = a.shape.length === 1 ? [1, a.shape[0]] : [a.shape[0], a.shape[1]];
  const [k2, m] = b.shape.length === 1 ? [b.shape[0], 1] : [b.shape[0], b.shape[1]];
  if (k !== k2) {
    raise(ValueError, name === 'dot' ? `shapes ${shapeText(a.shape)} and ${shapeText(b.shape)} not aligned: ${k} (dim ${a.shape.length - 1}) != ${k2} (dim 0)` : `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size ${k2} is different from ${k})`);
  }
  checkElements(n * m);
  rt.step((n * m * k) / 256);
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let total = 0;
      for (let p = 0; p < k; p++) total = castValue(total + castValue(castValue(a.values[i * k + p], dtype) * castValue(b.values[p * m + j], dtype), dtype), dtype);
      out[i * m + j] = total;
    }
  }
  const shape = a.shape.length === 1 && b.shape.length === 1 ? [] : a.shape.length === 1 ? [m] : b.shape.length === 1 ? [n] : [n, m];
  return wrapResult(out, shape, dtype, a.origin ?? b.origin);
}

registerMatmul((rt, a, b) => matmul(rt, a, b));

// -- reductions as functions and methods ---------------------------------------------------------------------

const REDUCTION_PARAMS: Readonly<Record<ReductionKind, readonly string[]>> = {
  sum: ['axis', 'dtype', 'out', 'keepdims', 'initial', 'where'],
  prod: ['axis', 'dtype', 'out', 'keepdims', 'initial', 'where'],
  max: ['axis', 'out', 'keepdims', 'initial', 'where'],
  min: ['axis', 'out', 'keepdims', 'initial', 'where'],
  mean: ['axis', 'dtype', 'out', 'keepdims', 'where'],
  var: ['axis', 'dtype', 'out', 'ddof', 'keepdims', 'where'],
  std: ['axis', 'dtype', 'out', 'ddof', 'keepdims', 'where'],
  any: ['axis', 'out', 'keepdims', 'where'],
  all: ['axis', 'out', 'keepdims', 'where'],
  argmax: ['axis', 'out', 'keepdims'],
  argmin: ['axis', 'out', 'keepdims'],
};

function reduction(rt: Runtime, kind: ReductionKind, name: string, array: NdArray, rest: readonly PyValue[], kwargs: Kwargs): PyValue {
  const params = REDUCTION_PARAMS[kind];
  const bound = bindArguments(name, params, rest, kwargs, 0);
  const get = (key: string): PyValue | undefined => bound[params.indexOf(key)];
  for (const key of ['out', 'initial', 'where']) if (get(key) !== undefined && params.includes(key)) unsupportedKeyword(name, key);
  const keepdims = get('keepdims');
  const ddof = get('ddof');
  const dtype = dtypeArgument(get('dtype'));
  if (kind === 'argmax' || kind === 'argmin') {
    const axis = get('axis');
    if (axis === undefined || axis === null) return reduce(rt, array.reshaped([array.size]), kind, {});
  }
  return reduce(rt, array, kind, {
    ...(get('axis') !== undefined ? { axis: get('axis') } : {}),
    keepdims: keepdims !== undefined && truthy(rt, keepdims),
    ...(ddof !== undefined ? { ddof: toFloatArgument(ddof) } : {}),
    ...(dtype ? { dtype } : {}),
  });
}

function reductionFunction(kind: ReductionKind, name: string): BuiltinImplementation {
  return (rt, args, kwargs) => {
    if (args.length === 0 && !kwargs?.has('a')) raise(TypeError, `${name}() missing 1 required positional argument: 'a'`);
    const [first, ...rest] = args.length ? args : [kwargs?.get('a') as PyValue];
    const others = new Map(kwargs ?? []);
    others.delete('a');
    return reduction(rt, kind, name, asArray(rt, first), rest, others.size ? others : undefined);
  };
}

// -- shapes --------------------------------------------------------------------------------------------------

function reshapeTo(array: NdArray, requested: readonly number[]): NdArray {
  const unknown = requested.filter((length) => length === -1).length;
  if (unknown > 1) raise(ValueError, 'can only specify one unknown dimension');
  const known = requested.filter((length) => length !== -1).reduce((a, b) => a * b, 1);
  const shape = requested.map((length) => (length === -1 ? (known === 0 ? 0 : array.size / known) : length));
  if (shape.some((length) => !Number.isInteger(length) || length < 0) || sizeOf(shape) !== array.size) {
    raise(ValueError, `cannot reshape array of size ${array.size} into shape ${shapeText(requested)}`);
  }
  return array.reshaped(shape);
}

function shapeFromArguments(args: readonly PyValue[]): number[] {
  const items = args.length === 1 && (args[0] instanceof PyTuple || args[0] instanceof PyList) ? (args[0] as PyTuple).items : args;
  return items.map((item) => Number(toIndex(item)));
}

function transpose(array: NdArray, axes?: readonly number[]): NdArray {
  const order = axes ?? array.shape.map((_, i) => array.shape.length - 1 - i);
  const view = new NdArray(array.buffer, order.map((axis) => array.shape[axis]), array.dtype, order.map((axis) => array.strides[axis]), array.offset);
  view.origin = array.origin;
  return view;
}

function concatenate(rt: Runtime, arrays: readonly NdArray[], axisValue: PyValue | undefined): NdArray {
  if (!arrays.length) raise(ValueError, 'need at least one array to concatenate');
  if (axisValue === null) return concatenate(rt, arrays.map((array) => array.reshaped([array.size])), 0n);
  const first = arrays[0];
  if (first.shape.length === 0) raise(ValueError, 'zero-dimensional arrays cannot be concatenated');
  const axis = normaliseAxis(axisValue ?? 0n, first.shape.length);
  for (const array of arrays) {
    if (array.shape.length !== first.shape.length) {
      raise(ValueError, `all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has ${first.shape.length} dimension(s) and the array at index 1 has ${array.shape.length} dimension(s)`);
    }
  }
  const dtype = arrays.map((array) => array.dtype).reduce(promote);
  const outShape = [...first.shape];
  outShape[axis] = arrays.reduce((total, array) => total + array.shape[axis], 0);
  checkElements(sizeOf(outShape));
  const outer = first.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const array of arrays) {
      const values = array.values();
      const chunk = array.shape.slice(axis).reduce((a, b) => a * b, 1);
      for (let i = 0; i < chunk; i++) out.push(castValue(values[o * chunk + i], dtype));
    }
  }
  return new NdArray(Float64Array.from(out), outShape, dtype);
}

// -- attributes and methods of arrays and scalars ------------------------------------------------------------

type Method = (rt: Runtime, self: NdArray, args: readonly PyValue[], kwargs: Kwargs) => PyValue;

const REDUCTION_METHODS: readonly ReductionKind[] = ['sum', 'prod', 'max', 'min', 'mean', 'var', 'std', 'any', 'all', 'argmax', 'argmin'];

const ARRAY_METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ...REDUCTION_METHODS.map((kind): [string, Method] => [kind, (rt, self, args, kwargs) => reduction(rt, kind, kind, self, args, kwargs)]),
  ['astype', (rt, self, args, kwargs) => {
    const [dtype] = bindArguments('astype', ['dtype', 'order', 'casting', 'subok', 'copy'], args, kwargs);
    const target = dtypeFrom(dtype as PyValue) as DType;
    const copy = self.copy(target);
    copy.origin = self.origin;
    // A finite float too large for a narrower float becomes inf, with NumPy's warning.
    if (isFloat(target) && isFloat(self.dtype)) {
      const before = self.values();
      if (copy.values().some((v, i) => !Number.isFinite(v) && Number.isFinite(before[i]))) rt.warn('RuntimeWarning', 'overflow encountered in cast');
    }
    return copy;
  }],
  ['reshape', (_rt, self, args, kwargs) => {
    if (kwargs?.size) {
      const shape = kwargs.get('shape');
      if (shape === undefined) raise(TypeError, `reshape() got an unexpected keyword argument '${[...kwargs.keys()][0]}'`);
      return reshapeTo(self, shapeFromArguments([shape]));
    }
    return reshapeTo(self, shapeFromArguments(args));
  }],
  ['tolist', (_rt, self) => toList(self)],
  ['item', (_rt, self, args) => {
    if (args.length) {
      const index = Number(toIndex(args[0]));
      const values = self.values();
      const k = index < 0 ? index + values.length : index;
      if (k < 0 || k >= values.length) raise(IndexError, `index ${index} is out of bounds for size ${values.length}`);
      return new NpScalar(self.dtype, values[k]).toPython();
    }
    if (self.size !== 1) raise(ValueError, 'can only convert an array of size 1 to a Python scalar');
    return new NpScalar(self.dtype, self.values()[0]).toPython();
  }],
  ['copy', (_rt, self) => {
    const copy = self.copy();
    copy.origin = self.origin;
    return copy;
  }],
  ['flatten', (_rt, self) => {
    const copy = self.copy().reshaped([self.size]);
    copy.origin = self.origin;
    return copy;
  }],
  ['ravel', (_rt, self) => self.reshaped([self.size])],
  ['transpose', (_rt, self, args) => transpose(self, args.length ? shapeFromArguments(args).map((axis) => normaliseAxis(BigInt(axis), self.shape.length)) : undefined)],
  ['squeeze', (_rt, self) => self.reshaped(self.shape.filter((length) => length !== 1))],
  ['clip', (rt, self, args, kwargs) => {
    const [low, high] = bindArguments('clip', ['min', 'max', 'out'], args, kwargs, 0);
    return clip(rt, self, low, high);
  }],
  ['round', (rt, self, args, kwargs) => {
    const [decimals] = bindArguments('round', ['decimals', 'out'], args, kwargs, 0);
    return roundArray(rt, self, decimals === undefined ? 0n : toIndex(decimals));
  }],
  ['cumsum', (rt, self, args, kwargs) => accumulate(rt, self, 'cumsum', bindArguments('cumsum', ['axis', 'dtype', 'out'], args, kwargs, 0)[0])],
  ['cumprod', (rt, self, args, kwargs) => accumulate(rt, self, 'cumprod', bindArguments('cumprod', ['axis', 'dtype', 'out'], args, kwargs, 0)[0])],
  ['dot', (rt, self, args) => matmul(rt, requireOperand(rt, self, 'dot'), requireOperand(rt, args[0], 'dot'), 'dot')],
  ['fill', (_rt, self, args) => {
    const value = castValue(toFloatArgument(args[0]), self.dtype);
    self.forEachOffset((at) => {
      self.buffer[at] = value;
    });
    return null;
  }],
  ['nonzero', (rt, self) => where(rt, [self], undefined)],
]);

function toList(array: NdArray): PyValue {
  const values = array.values();
  const build = (axis: number, offset: number): PyValue => {
    if (axis === array.shape.length) return new NpScalar(array.dtype, values[offset]).toPython();
    const inner = array.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const items: PyValue[] = [];
    for (let i = 0; i < array.shape[axis]; i++) items.push(build(axis + 1, offset + i * inner));
    return new PyList(items);
  };
  return build(0, 0);
}

function arrayAttribute(_rt: Runtime, self: NdArray | NpScalar, name: string): PyValue | undefined {
  const array = self instanceof NdArray ? self : self.asArray();
  switch (name) {
    case 'shape':
      return new PyTuple(array.shape.map((length) => BigInt(length)));
    case 'dtype':
      return DTypeObject.of(array.dtype);
    case 'ndim':
      return BigInt(array.shape.length);
    case 'size':
      return BigInt(array.size);
    case 'itemsize':
      return BigInt(DTYPE_SIZES[array.dtype]);
    case 'nbytes':
      return BigInt(DTYPE_SIZES[array.dtype] * array.size);
    case 'T':
      return self instanceof NdArray ? transpose(self) : self;
    case 'real':
      return self;
    default:
      break;
  }
  const method = ARRAY_METHODS.get(name);
  if (method) {
    return new PyBuiltin(name, (runtime, args, kwargs) => {
      const result = method(runtime, array, args, kwargs);
      // A scalar's methods give scalars (np.float64(2).astype(np.float32) is np.float32(2.0)).
      if (self instanceof NpScalar && result instanceof NdArray && result.shape.length === 0) return new NpScalar(result.dtype, result.values()[0]);
      return result;
    }, 'numpy.ndarray');
  }
  if (self instanceof NpScalar && name === 'is_integer' && isFloat(self.dtype)) return new PyBuiltin(name, () => Number.isInteger(self.value), 'numpy');
  return undefined;
}

const DTYPE_SIZES: Readonly<Record<DType, number>> = { bool: 1, int8: 1, int16: 2, int32: 4, int64: 8, uint8: 1, float16: 2, float32: 4, float64: 8 };

behaviour.current = {
  binary: arrayBinary,
  compare: arrayCompare,
  unary: arrayUnary,
  absolute: (rt, value) => applyUnary(rt, UNARY.absolute, toOperand(rt, value) as Operand),
  round: (rt, value, decimals) => roundArray(rt, value, decimals),
  attribute: arrayAttribute,
};

// -- the module ----------------------------------------------------------------------------------------------

/** NumPy 2 removed these aliases: its AttributeError says what to use. */
const REMOVED: Readonly<Record<string, string>> = { float_: 'np.float64', Inf: 'np.inf', Infinity: 'np.inf', infty: 'np.inf', PINF: 'np.inf', NINF: '-np.inf', NaN: 'np.nan', NAN: 'np.nan', complex_: 'np.complex128', string_: 'np.bytes_', unicode_: 'np.str_' };

/** Names NumPy has that the subset does not model: refused by name. */
const UNMODELLED = [
  'random', 'linalg', 'fft', 'polynomial', 'ma', 'char', 'vectorize', 'frompyfunc', 'errstate', 'seterr', 'geterr', 'set_printoptions', 'printoptions',
  'get_printoptions', 'load', 'save', 'loadtxt', 'savetxt', 'genfromtxt', 'fromfile', 'empty', 'empty_like', 'meshgrid', 'histogram', 'sort',
  'argsort', 'unique', 'einsum', 'tensordot', 'outer', 'cross', 'convolve', 'interp', 'gradient', 'trapz', 'trapezoid', 'polyfit', 'polyval',
  'exp2', 'cbrt', 'arcsin', 'arccos', 'arctan2', 'arcsinh', 'arccosh', 'arctanh', 'hypot', 'deg2rad', 'rad2deg', 'degrees', 'radians',
  'complex64', 'complex128', 'uint16', 'uint32', 'uint64', 'str_', 'bytes_', 'object_', 'datetime64', 'timedelta64', 'memmap', 'matrix',
  'nanmax', 'nanmin', 'nansum', 'nanmean', 'median', 'percentile', 'quantile', 'average', 'cov', 'corrcoef', 'diff', 'tile', 'repeat',
  'split', 'array_split', 'flip', 'roll', 'pad', 'isclose', 'allclose', 'array_equal', 'count_nonzero', 'finfo', 'iinfo', 'frombuffer', 'logspace', 'geomspace',
];

export function createNumpyModule(): PyModule {
  const module = new PyModule('numpy', new Set(UNMODELLED));
  const set = (name: string, value: PyValue): void => {
    module.attributes.set(name, value);
  };
  const fn = (name: string, implementation: BuiltinImplementation): void => set(name, new PyBuiltin(name, implementation, 'numpy'));

  fn('array', (rt, args, kwargs) => {
    const [object, dtype, , , , ndmin] = bindArguments('array', ['object', 'dtype', 'copy', 'order', 'subok', 'ndmin', 'like'], args, kwargs);
    const array = arrayFrom(rt, object as PyValue, dtypeArgument(dtype));
    const minimum = ndmin === undefined ? 0 : Number(toIndex(ndmin));
    return minimum > array.shape.length ? array.reshaped([...new Array<number>(minimum - array.shape.length).fill(1), ...array.shape]) : array;
  });
  const asarray: BuiltinImplementation = (rt, args, kwargs) => {
    const [a, dtype] = bindArguments('asarray', ['a', 'dtype', 'order', 'device', 'copy', 'like'], args, kwargs);
    return asArray(rt, a as PyValue, dtypeArgument(dtype));
  };
  fn('asarray', asarray);
  fn('asanyarray', asarray);
  fn('linspace', linspace);
  fn('arange', arange);
  fn('zeros', filled('zeros', 0));
  fn('ones', filled('ones', 1));
  fn('full', (rt, args, kwargs) => {
    const [shape, fillValue, dtype] = bindArguments('full', ['shape', 'fill_value', 'dtype', 'order', 'device', 'like'], args, kwargs, 2);
    const fill = arrayFrom(rt, fillValue as PyValue);
    const chosen = dtypeArgument(dtype) ?? fill.dtype;
    const dims = shapeArgument(shape, 'full');
    return new NdArray(new Float64Array(sizeOf(dims)).fill(castValue(fill.values()[0], chosen)), dims, chosen);
  });
  fn('zeros_like', like('zeros_like', 0));
  fn('ones_like', like('ones_like', 1));
  fn('full_like', like('full_like', undefined));
  fn('eye', eye);
  fn('identity', (rt, args, kwargs) => eye(rt, [args[0]], kwargs));

  for (const name of Object.keys(UNARY)) fn(name, unaryFunction(name));
  fn('abs', unaryFunction('absolute'));
  fn('fabs', unaryFunction('fabs', { ...UNARY.absolute, name: 'fabs', rule: 'inexact' }));
  fn('arctan', unaryFunction('arctan'));
  for (const name of Object.keys(BINARY)) fn(name, binaryFunction(name));
  fn('true_divide', binaryFunction('divide'));
  fn('mod', binaryFunction('remainder'));
  fn('round', (rt, args, kwargs) => {
    const [a, decimals] = bindArguments('round', ['a', 'decimals', 'out'], args, kwargs);
    return roundArray(rt, a as PyValue, decimals === undefined ? 0n : toIndex(decimals));
  });
  module.attributes.set('around', module.attributes.get('round') as PyValue);
  fn('where', where);
  fn('clip', (rt, args, kwargs) => {
    const [a, low, high] = bindArguments('clip', ['a', 'a_min', 'a_max', 'out'], args, kwargs);
    return clip(rt, a as PyValue, low, high);
  });
  fn('dot', (rt, args) => {
    if (args.length !== 2) raise(TypeError, `dot() takes from 2 to 3 positional arguments but ${args.length} were given`);
    return matmul(rt, requireOperand(rt, args[0], 'dot'), requireOperand(rt, args[1], 'dot'), 'dot');
  });
  fn('matmul', (rt, args) => {
    if (args.length !== 2) raise(TypeError, `matmul() takes from 2 to 3 positional arguments but ${args.length} were given`);
    return matmul(rt, requireOperand(rt, args[0], 'matmul'), requireOperand(rt, args[1], 'matmul'));
  });
  for (const kind of REDUCTION_METHODS) fn(kind, reductionFunction(kind, kind));
  fn('amax', reductionFunction('max', 'amax'));
  fn('amin', reductionFunction('min', 'amin'));
  fn('cumsum', (rt, args, kwargs) => accumulate(rt, asArray(rt, args[0]), 'cumsum', bindArguments('cumsum', ['a', 'axis', 'dtype', 'out'], args, kwargs)[1]));
  fn('cumprod', (rt, args, kwargs) => accumulate(rt, asArray(rt, args[0]), 'cumprod', bindArguments('cumprod', ['a', 'axis', 'dtype', 'out'], args, kwargs)[1]));
  fn('reshape', (rt, args, kwargs) => {
    const [a, shape] = bindArguments('reshape', ['a', 'shape', 'order', 'newshape', 'copy'], args, kwargs, 1);
    return reshapeTo(asArray(rt, a as PyValue), shapeFromArguments([shape ?? (kwargs?.get('newshape') as PyValue)]));
  });
  fn('transpose', (rt, args) => transpose(asArray(rt, args[0])));
  fn('ravel', (rt, args) => {
    const array = asArray(rt, args[0]);
    return array.reshaped([array.size]);
  });
  fn('squeeze', (rt, args) => {
    const array = asArray(rt, args[0]);
    return array.reshaped(array.shape.filter((length) => length !== 1));
  });
  fn('expand_dims', (rt, args) => {
    const array = asArray(rt, args[0]);
    const axis = Number(toIndex(args[1]));
    const at = axis < 0 ? array.shape.length + 1 + axis : axis;
    return array.reshaped([...array.shape.slice(0, at), 1, ...array.shape.slice(at)]);
  });
  fn('shape', (rt, args) => new PyTuple(asArray(rt, args[0]).shape.map((length) => BigInt(length))));
  fn('ndim', (rt, args) => BigInt(asArray(rt, args[0]).shape.length));
  fn('size', (rt, args) => BigInt(asArray(rt, args[0]).size));
  fn('concatenate', (rt, args, kwargs) => {
    const [arrays, axis] = bindArguments('concatenate', ['arrays', 'axis', 'out', 'dtype', 'casting'], args, kwargs);
    return concatenate(rt, collect(rt, arrays as PyValue).map((item) => asArray(rt, item)), axis);
  });
  fn('stack', (rt, args, kwargs) => {
    const [arrays, axisValue] = bindArguments('stack', ['arrays', 'axis', 'out', 'dtype', 'casting'], args, kwargs);
    const items = collect(rt, arrays as PyValue).map((item) => asArray(rt, item));
    if (!items.length) raise(ValueError, 'need at least one array to stack');
    const axis = normaliseAxis(axisValue ?? 0n, items[0].shape.length + 1);
    if (items.some((item) => item.shape.join() !== items[0].shape.join())) raise(ValueError, 'all input arrays must have the same shape');
    return concatenate(rt, items.map((item) => item.reshaped([...item.shape.slice(0, axis), 1, ...item.shape.slice(axis)])), BigInt(axis));
  });
  fn('copy', (rt, args) => asArray(rt, args[0]).copy());
  fn('isscalar', (_rt, args) => {
    const [x] = args;
    return typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean' || typeof x === 'string' || x instanceof NpScalar;
  });
  fn('result_type', (rt, args) => {
    const operands = args.map((arg) => (arg instanceof PyType || typeof arg === 'string' || arg instanceof DTypeObject ? { values: new Float64Array(0), shape: [0], dtype: dtypeFrom(arg) as DType } : requireOperand(rt, arg, 'result_type')));
    return DTypeObject.of(commonDType(operands));
  });
  fn('dtype', (_rt, args) => DTypeObject.of(dtypeFrom(args[0]) as DType));

  for (const [dtype, type] of Object.entries(SCALAR_TYPES) as [DType, PyType][]) {
    type.construct = (rt, args) => {
      if (args.length > 1) raise(TypeError, `${dtype}() takes at most 1 argument (${args.length} given)`);
      if (args.length === 0) return new NpScalar(dtype, 0);
      const [value] = args;
      if (typeof value === 'string') {
        const parsed = Number(value.trim().replace(/_/g, ''));
        if (Number.isNaN(parsed) && !/^\s*[+-]?nan\s*$/i.test(value)) raise(ValueError, `could not convert string to float: ${rt.repr(value)}`);
        return new NpScalar(dtype, castValue(parsed, dtype));
      }
      if (typeof value === 'bigint') checkPythonInt(value, dtype);
      const array = arrayFrom(rt, value, dtype);
      if (array.shape.length === 0) return new NpScalar(dtype, array.values()[0]);
      return array;
    };
    set(dtype === 'bool' ? 'bool' : dtype, type);
  }
  set('bool_', SCALAR_TYPES.bool);
  set('int_', SCALAR_TYPES.int64);
  set('intp', SCALAR_TYPES.int64);
  set('double', SCALAR_TYPES.float64);
  set('single', SCALAR_TYPES.float32);
  set('half', SCALAR_TYPES.float16);
  set('byte', SCALAR_TYPES.int8);
  set('ubyte', SCALAR_TYPES.uint8);
  set('short', SCALAR_TYPES.int16);
  set('intc', SCALAR_TYPES.int32);
  for (const [name, type] of Object.entries(ABSTRACT_TYPES)) set(name, type);
  set('ndarray', NDARRAY);
  set('True_', new NpScalar('bool', 1));
  set('False_', new NpScalar('bool', 0));
  set('pi', Math.PI);
  set('e', Math.E);
  set('inf', Infinity);
  set('nan', NaN);
  set('euler_gamma', 0.5772156649015329);
  set('newaxis', null);
  set('__version__', '2.4.6');
  const getattr = module.getattr.bind(module);
  module.getattr = (rt, name) => {
    const removed = REMOVED[name];
    if (removed) raise(AttributeError, `\`np.${name}\` was removed in the NumPy 2.0 release. Use \`${removed}\` instead.`);
    return getattr(rt, name);
  };
  return module;
}
