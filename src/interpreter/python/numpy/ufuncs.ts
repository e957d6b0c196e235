// NumPy's elementwise functions (ufuncs) and operators: broadcasting, NumPy 2's dtype rules (NEP 50 weak
// Python scalars, the loop each ufunc picks: `exp` of int8 is float16, `/` of ints float64), arithmetic in
// each dtype (floats computed in double and rounded once to the dtype; ints wrapped, as NumPy's arrays wrap
// silently), and NumPy's floating-point warnings ("overflow encountered in exp", "divide by zero
// encountered in scalar divide") where NumPy gives inf or nan instead of raising. Transcendentals come
// from src/core/float64 (rounded to float32 for float32 arrays; NumPy's own SIMD loops can differ by an
// ulp from machine to machine).
import * as float64 from '../../../core/float64';
import { ActivationError } from '../../../core/catalog';
import { sizeOf, stridesOf } from '../../../render/numpy';
import { Refusal, TypeError, ValueError, raise } from '../errors';
import { floatDivMod } from '../numbers';
import { PyList, PyTuple } from '../objects';
import { NOT_IMPLEMENTED, PyObject, type ComparisonName, type MaybeValue, type OperatorName, type PyValue, type Runtime } from '../types';
import { castValue, checkPythonInt, defaultOf, isFloat, promote, promoteWeak, type DType, type WeakKind } from './dtypes';
import { NdArray, NpScalar, checkElements, shapeText } from './ndarray';

/** One input of a ufunc: its values in row-major order, shape and dtype; a Python scalar is weak. */
export interface Operand {
  readonly values: Float64Array;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly weak?: WeakKind;
  /** A Python int's exact value, checked against the dtype it meets. */
  readonly pythonInt?: bigint;
  readonly origin?: unknown;
}

/** An object NumPy converts through `__array__` (a TensorFlow tensor); `priority` > 0 wins operators (`__array_priority__`). */
export interface ArrayLike {
  toNdArray(): NdArray;
  readonly arrayPriority: number;
}

export function isArrayLike(value: PyValue): value is PyObject & ArrayLike {
  return value instanceof PyObject && typeof (value as Partial<ArrayLike>).toNdArray === 'function';
}

let sequenceConverter: ((rt: Runtime, value: PyValue) => NdArray) | undefined;
/** np.asarray of a list or tuple, registered by the module that owns array creation. */
export function registerSequenceConversion(convert: (rt: Runtime, value: PyValue) => NdArray): void {
  sequenceConverter = convert;
}

/** A value as a ufunc operand, or undefined when NumPy would not take it (then the operator is NotImplemented). */
export function toOperand(rt: Runtime, value: PyValue, forOperator = false): Operand | undefined {
  if (value instanceof NdArray) return { values: value.values(), shape: value.shape, dtype: value.dtype, origin: value.origin };
  if (value instanceof NpScalar) return { values: Float64Array.of(value.value), shape: [], dtype: value.dtype, origin: value.origin };
  if (typeof value === 'boolean') return { values: Float64Array.of(value ? 1 : 0), shape: [], dtype: 'bool', weak: 'bool' };
  if (typeof value === 'bigint') return { values: Float64Array.of(Number(value)), shape: [], dtype: 'int64', weak: 'int', pythonInt: value };
  if (typeof value === 'number') return { values: Float64Array.of(value), shape: [], dtype: 'float64', weak: 'float' };
  if (isArrayLike(value)) {
    if (forOperator && value.arrayPriority > 0) return undefined;
    const array = value.toNdArray();
    return { values: array.values(), shape: array.shape, dtype: array.dtype, origin: array.origin };
  }
  if ((value instanceof PyList || value instanceof PyTuple) && sequenceConverter) {
    const array = sequenceConverter(rt, value);
    return { values: array.values(), shape: array.shape, dtype: array.dtype };
  }
  return undefined;
}

export function requireOperand(rt: Runtime, value: PyValue, name: string): Operand {
  const operand = toOperand(rt, value);
  if (!operand) raise(TypeError, `ufunc '${name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`);
  return operand;
}

/** The common dtype of operands under NEP 50. */
export function commonDType(operands: readonly Operand[]): DType {
  const strong = operands.filter((operand) => !operand.weak);
  let dtype: DType;
  if (strong.length) {
    dtype = strong.map((operand) => operand.dtype).reduce(promote);
    for (const operand of operands) if (operand.weak) dtype = promoteWeak(dtype, operand.weak);
  } else {
    dtype = operands.map((operand) => defaultOf(operand.weak as WeakKind)).reduce(promote);
  }
  for (const operand of operands) if (operand.pythonInt !== undefined) checkPythonInt(operand.pythonInt, dtype);
  return dtype;
}

export function broadcastShapes(shapes: readonly (readonly number[])[]): number[] {
  const rank = Math.max(0, ...shapes.map((shape) => shape.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let length = 1;
    for (const shape of shapes) {
      const n = shape[shape.length - rank + i] ?? 1;
      if (n === 1) continue;
      if (length !== 1 && length !== n) {
        raise(ValueError, `operands could not be broadcast together with shapes ${shapes.map(shapeText).join(' ')} `);
      }
      length = n;
    }
    out.push(length);
  }
  return out;
}

/** Index of each output element in an operand of shape `from` broadcast to `to`. */
function indexer(from: readonly number[], to: readonly number[]): (flat: number) => number {
  const fromSize = sizeOf(from);
  if (fromSize === sizeOf(to)) return (flat) => flat;
  if (fromSize === 1) return () => 0;
  const rank = to.length;
  const padded = [...new Array<number>(rank - from.length).fill(1), ...from];
  const strides = stridesOf(padded).map((stride, axis) => (padded[axis] === 1 ? 0 : stride));
  return (flat) => {
    let index = 0;
    let rest = flat;
    for (let axis = rank - 1; axis >= 0; axis--) {
      const coordinate = rest % to[axis];
      rest = (rest - coordinate) / to[axis];
      index += coordinate * strides[axis];
    }
    return index;
  };
}

/** Floating-point problems seen while computing, reported once per call as NumPy does. */
interface FloatErrors {
  overflow: boolean;
  divide: boolean;
  invalid: boolean;
}

function warnErrors(rt: Runtime, errors: FloatErrors, name: string): void {
  if (errors.divide) rt.warn('RuntimeWarning', `divide by zero encountered in ${name}`);
  if (errors.overflow) rt.warn('RuntimeWarning', `overflow encountered in ${name}`);
  if (errors.invalid) rt.warn('RuntimeWarning', `invalid value encountered in ${name}`);
}

/** A double from libm: a stand-in that is not available yet is refused, not crashed on. */
function libm(name: string, fn: (x: number) => number, x: number): number {
  try {
    return fn(x);
  } catch (error) {
    if (error instanceof ActivationError) throw new Refusal(`np.${name} is not available yet in Activation Lens`);
    throw error;
  }
}

// -- the ufuncs --------------------------------------------------------------------------------------------

type Binary = (a: number, b: number, errors: FloatErrors) => number;

/** Which dtype a ufunc computes in and returns, from the operands' common dtype. */
type TypeRule = 'same' | 'inexact' | 'divide' | 'bool' | 'integer';

export interface BinarySpec {
  readonly name: string;
  readonly rule: TypeRule;
  readonly float: Binary;
  /** Integer (and bool) arithmetic, exact; results wrap to the dtype. */
  readonly integer?: (a: number, b: number, dtype: DType, errors: FloatErrors) => number;
  /** How bool operands combine (`+` is `or`), or a TypeError message. */
  readonly bool?: ((a: number, b: number) => number) | string;
}

function product(a: number, b: number, dtype: DType): number {
  const exact = a * b;
  if (Math.abs(exact) < 2 ** 53) return exact;
  return Number(BigInt.asIntN(dtype === 'int64' ? 64 : 32, BigInt(a) * BigInt(b)));
}

function floatPowerElement(a: number, b: number, errors: FloatErrors): number {
  if (a === 0 && b < 0) errors.divide = true;
  const r = float64.pow(a, b);
  if (Number.isNaN(r) && !Number.isNaN(a) && !Number.isNaN(b)) errors.invalid = true;
  return r;
}

function integerPower(a: number, b: number, dtype: DType): number {
  if (b < 0) raise(ValueError, 'Integers to negative integer powers are not allowed.');
  const bits = dtype === 'int64' ? 64 : 32;
  let result = 1n;
  let base = BigInt(a);
  let e = BigInt(b);
  while (e > 0n) {
    if (e & 1n) result = BigInt.asIntN(bits, result * base);
    base = BigInt.asIntN(bits, base * base);
    e >>= 1n;
  }
  return Number(result);
}

export const BINARY: Readonly<Record<string, BinarySpec>> = {
  add: { name: 'add', rule: 'same', float: (a, b) => a + b, integer: (a, b) => a + b, bool: (a, b) => (a || b ? 1 : 0) },
  subtract: {
    name: 'subtract',
    rule: 'same',
    float: (a, b) => a - b,
    integer: (a, b) => a - b,
    bool: 'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.',
  },
  multiply: { name: 'multiply', rule: 'same', float: (a, b) => a * b, integer: product, bool: (a, b) => (a && b ? 1 : 0) },
  divide: {
    name: 'divide',
    rule: 'divide',
    float: (a, b, errors) => {
      if (b === 0 && !Number.isNaN(a)) {
        if (a === 0) errors.invalid = true;
        else errors.divide = true;
      }
      return a / b;
    },
  },
  floor_divide: {
    name: 'floor_divide',
    rule: 'same',
    float: (a, b, errors) => {
      if (b === 0) {
        if (a === 0 || Number.isNaN(a)) errors.invalid ||= a === 0;
        else errors.divide = true;
        return a / b;
      }
      return floatDivMod(a, b)[0];
    },
    integer: (a, b, _dtype, errors) => {
      if (b === 0) {
        errors.divide = true;
        return 0;
      }
      return Math.floor(a / b);
    },
  },
  remainder: {
    name: 'remainder',
    rule: 'same',
    float: (a, b, errors) => {
      if (b === 0) {
        if (!Number.isNaN(a)) errors.invalid = true;
        return NaN;
      }
      return floatDivMod(a, b)[1];
    },
    integer: (a, b, _dtype, errors) => {
      if (b === 0) {
        errors.divide = true;
        return 0;
      }
      const r = a % b;
      return r !== 0 && r < 0 !== b < 0 ? r + b : r;
    },
  },
  power: { name: 'power', rule: 'same', float: floatPowerElement, integer: integerPower },
  maximum: { name: 'maximum', rule: 'same', float: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a >= b ? a : b), integer: (a, b) => Math.max(a, b), bool: (a, b) => Math.max(a, b) },
  minimum: { name: 'minimum', rule: 'same', float: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a <= b ? a : b), integer: (a, b) => Math.min(a, b), bool: (a, b) => Math.min(a, b) },
  fmax: { name: 'fmax', rule: 'same', float: (a, b) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : a >= b ? a : b), integer: (a, b) => Math.max(a, b), bool: (a, b) => Math.max(a, b) },
  fmin: { name: 'fmin', rule: 'same', float: (a, b) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : a <= b ? a : b), integer: (a, b) => Math.min(a, b), bool: (a, b) => Math.min(a, b) },
  heaviside: { name: 'heaviside', rule: 'inexact', float: (x, h0) => (Number.isNaN(x) ? NaN : x < 0 ? 0 : x > 0 ? 1 : h0) },
  copysign: { name: 'copysign', rule: 'inexact', float: (a, b) => (b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a)) },
  logaddexp: {
    name: 'logaddexp',
    rule: 'inexact',
    // NumPy's npy_logaddexp: the larger plus log1p(exp(-|difference|)).
    float: (x, y) => {
      if (x === y) return x + Math.LN2;
      const tmp = x - y;
      if (tmp > 0) return x + float64.log1p(float64.exp(-tmp));
      if (tmp <= 0) return y + float64.log1p(float64.exp(tmp));
      return tmp;
    },
  },
  equal: { name: 'equal', rule: 'bool', float: (a, b) => (a === b ? 1 : 0) },
  not_equal: { name: 'not_equal', rule: 'bool', float: (a, b) => (a !== b ? 1 : 0) },
  less: { name: 'less', rule: 'bool', float: (a, b) => (a < b ? 1 : 0) },
  less_equal: { name: 'less_equal', rule: 'bool', float: (a, b) => (a <= b ? 1 : 0) },
  greater: { name: 'greater', rule: 'bool', float: (a, b) => (a > b ? 1 : 0) },
  greater_equal: { name: 'greater_equal', rule: 'bool', float: (a, b) => (a >= b ? 1 : 0) },
  logical_and: { name: 'logical_and', rule: 'bool', float: (a, b) => (a && b ? 1 : 0) },
  logical_or: { name: 'logical_or', rule: 'bool', float: (a, b) => (a || b ? 1 : 0) },
  logical_xor: { name: 'logical_xor', rule: 'bool', float: (a, b) => (!a !== !b ? 1 : 0) },
  bitwise_and: { name: 'bitwise_and', rule: 'integer', float: () => NaN, integer: (a, b) => Number(BigInt(a) & BigInt(b)), bool: (a, b) => a & b },
  bitwise_or: { name: 'bitwise_or', rule: 'integer', float: () => NaN, integer: (a, b) => Number(BigInt(a) | BigInt(b)), bool: (a, b) => a | b },
  bitwise_xor: { name: 'bitwise_xor', rule: 'integer', float: () => NaN, integer: (a, b) => Number(BigInt(a) ^ BigInt(b)), bool: (a, b) => a ^ b },
  left_shift: { name: 'left_shift', rule: 'integer', float: () => NaN, integer: (a, b, dtype) => Number(BigInt.asIntN(dtype === 'int64' ? 64 : 32, BigInt(a) << BigInt(b))) },
  right_shift: { name: 'right_shift', rule: 'integer', float: () => NaN, integer: (a, b) => Number(BigInt(a) >> BigInt(b)) },
};

const OPERATOR_UFUNCS: Readonly<Record<OperatorName, string>> = {
  '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '//': 'floor_divide', '%': 'remainder', '**': 'power', '@': 'matmul',
  '&': 'bitwise_and', '|': 'bitwise_or', '^': 'bitwise_xor', '<<': 'left_shift', '>>': 'right_shift',
};

const COMPARISON_UFUNCS: Readonly<Record<ComparisonName, string>> = { '==': 'equal', '!=': 'not_equal', '<': 'less', '<=': 'less_equal', '>': 'greater', '>=': 'greater_equal' };

/** The smallest float that holds every value of an int dtype: the loop NumPy's float functions pick. */
export function inexactOf(dtype: DType): DType {
  if (isFloat(dtype)) return dtype;
  if (dtype === 'bool' || dtype === 'int8' || dtype === 'uint8') return 'float16';
  return dtype === 'int16' ? 'float32' : 'float64';
}

/** Wraps a result: a NumPy scalar for a 0-d shape (NumPy's ufuncs unwrap them), else an array. */
export function wrapResult(values: Float64Array, shape: readonly number[], dtype: DType, origin?: unknown): NdArray | NpScalar {
  if (shape.length === 0) {
    const scalar = new NpScalar(dtype, values[0]);
    scalar.origin = origin;
    return scalar;
  }
  const array = new NdArray(values, shape, dtype);
  array.origin = origin;
  return array;
}

/** Applies a binary ufunc to two operands; `scalarName` is the operator's name for NumPy scalars' warnings. */
export function applyBinary(rt: Runtime, spec: BinarySpec, a: Operand, b: Operand, scalarOperation = false): NdArray | NpScalar {
  const common = commonDType([a, b]);
  let compute: DType;
  let result: DType;
  switch (spec.rule) {
    case 'inexact':
    case 'divide':
      compute = result = inexactOf(common);
      break;
    case 'bool':
      compute = common;
      result = 'bool';
      break;
    case 'integer':
      if (isFloat(common)) raise(TypeError, `ufunc '${spec.name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`);
      compute = result = common;
      break;
    default:
      compute = result = common;
  }
  if (compute === 'bool' && spec.rule !== 'bool') {
    if (typeof spec.bool === 'string') raise(TypeError, spec.bool);
    // Without a bool loop, bools compute as the smallest int (True // True is np.int8(1)).
    if (spec.bool === undefined) compute = result = 'int8';
  }
  const shape = broadcastShapes([a.shape, b.shape]);
  const size = sizeOf(shape);
  checkElements(size);
  rt.step(size / 256);
  const out = new Float64Array(size);
  const ai = indexer(a.shape, shape);
  const bi = indexer(b.shape, shape);
  const errors: FloatErrors = { overflow: false, divide: false, invalid: false };
  const cast = (values: Float64Array, operand: Operand): Float64Array => (operand.dtype === compute ? values : values.map((v) => castValue(v, compute)));
  const av = cast(a.values, a);
  const bv = cast(b.values, b);
  if (isFloat(compute)) {
    for (let i = 0; i < size; i++) {
      const x = av[ai(i)];
      const y = bv[bi(i)];
      const raw = spec.float(x, y, errors);
      const r = result === 'bool' ? raw : castValue(raw, result);
      if (result !== 'bool') {
        // A NaN from numbers is an invalid operation (0/0, ∞/∞, ∞ − ∞); an infinity from finite numbers an
        // overflow, unless a zero divisor (or 0 ** negative) made it, which the operation flags as "divide".
        const byZero = ((spec.name === 'divide' || spec.name === 'floor_divide') && y === 0) || (spec.name === 'power' && x === 0 && y < 0);
        if (Number.isNaN(r) && !Number.isNaN(x) && !Number.isNaN(y)) errors.invalid = true;
        else if (!Number.isFinite(r) && !Number.isNaN(r) && Number.isFinite(x) && Number.isFinite(y) && !byZero) errors.overflow = true;
      }
      out[i] = r;
    }
  } else {
    const boolOp = compute === 'bool' && typeof spec.bool === 'function' ? spec.bool : undefined;
    const integerOp = spec.integer;
    for (let i = 0; i < size; i++) {
      const x = av[ai(i)];
      const y = bv[bi(i)];
      let r: number;
      if (spec.rule === 'bool') r = spec.float(x, y, errors);
      else if (boolOp) r = boolOp(x, y);
      else if (integerOp) {
        const raw = integerOp(x, y, compute, errors);
        r = castValue(raw, result);
        if (scalarOperation && r !== raw) errors.overflow = true;
      } else r = castValue(spec.float(x, y, errors), result);
      out[i] = r;
    }
  }
  warnErrors(rt, errors, scalarOperation ? `scalar ${spec.name}` : spec.name);
  return wrapResult(out, shape, result, a.origin ?? b.origin);
}

// -- unary ufuncs -------------------------------------------------------------------------------------------

export interface UnarySpec {
  readonly name: string;
  /** 'inexact': floats only (ints go to the float that holds them); 'same': keeps the dtype; 'bool': a test. */
  readonly rule: 'inexact' | 'same' | 'bool';
  readonly float: (x: number, errors: FloatErrors) => number;
  readonly integer?: (x: number) => number;
  /** A pole: an infinite result from this finite input is "divide by zero", not an overflow (log(0)). */
  readonly pole?: (x: number) => boolean;
}

export const transcendental = (name: string, fn: (x: number) => number, pole?: (x: number) => boolean): UnarySpec => ({
  name,
  rule: 'inexact',
  float: (x) => libm(name, fn, x),
  ...(pole ? { pole } : {}),
});

export const UNARY: Readonly<Record<string, UnarySpec>> = {
  exp: transcendental('exp', float64.exp),
  expm1: transcendental('expm1', float64.expm1),
  log: transcendental('log', float64.log, (x) => x === 0),
  log2: transcendental('log2', float64.log2, (x) => x === 0),
  log10: transcendental('log10', float64.log10, (x) => x === 0),
  log1p: transcendental('log1p', float64.log1p, (x) => x === -1),
  sqrt: transcendental('sqrt', float64.sqrt),
  tanh: transcendental('tanh', float64.tanh),
  sinh: transcendental('sinh', float64.sinh),
  cosh: transcendental('cosh', float64.cosh),
  sin: transcendental('sin', float64.sin),
  cos: transcendental('cos', float64.cos),
  tan: transcendental('tan', float64.tan),
  arctan: transcendental('arctan', float64.atan),
  negative: { name: 'negative', rule: 'same', float: (x) => -x, integer: (x) => -x },
  positive: { name: 'positive', rule: 'same', float: (x) => x, integer: (x) => x },
  absolute: { name: 'absolute', rule: 'same', float: Math.abs, integer: Math.abs },
  square: { name: 'square', rule: 'same', float: (x) => x * x, integer: (x) => x * x },
  sign: { name: 'sign', rule: 'same', float: (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0), integer: Math.sign },
  reciprocal: { name: 'reciprocal', rule: 'same', float: (x) => 1 / x, integer: (x) => (x === 0 ? 0 : Math.trunc(1 / x)), pole: (x) => x === 0 },
  floor: { name: 'floor', rule: 'same', float: Math.floor, integer: (x) => x },
  ceil: { name: 'ceil', rule: 'same', float: Math.ceil, integer: (x) => x },
  trunc: { name: 'trunc', rule: 'same', float: Math.trunc, integer: (x) => x },
  rint: { name: 'rint', rule: 'same', float: roundHalfEven, integer: (x) => x },
  isnan: { name: 'isnan', rule: 'bool', float: (x) => (Number.isNaN(x) ? 1 : 0), integer: () => 0 },
  isinf: { name: 'isinf', rule: 'bool', float: (x) => (!Number.isFinite(x) && !Number.isNaN(x) ? 1 : 0), integer: () => 0 },
  isfinite: { name: 'isfinite', rule: 'bool', float: (x) => (Number.isFinite(x) ? 1 : 0), integer: () => 1 },
  signbit: { name: 'signbit', rule: 'bool', float: (x) => (x < 0 || Object.is(x, -0) ? 1 : 0), integer: (x) => (x < 0 ? 1 : 0) },
  logical_not: { name: 'logical_not', rule: 'bool', float: (x) => (x ? 0 : 1), integer: (x) => (x ? 0 : 1) },
};

export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  let r = Math.round(x);
  if (r - x === 0.5 && r % 2 !== 0) r -= 1;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

export function applyUnary(rt: Runtime, spec: UnarySpec, x: Operand): NdArray | NpScalar {
  let dtype = x.weak ? defaultOf(x.weak) : x.dtype;
  if (spec.rule === 'inexact') dtype = inexactOf(dtype);
  if ((spec.name === 'negative') && dtype === 'bool') raise(TypeError, 'The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.');
  const size = x.values.length;
  checkElements(size);
  rt.step(size / 64);
  const out = new Float64Array(size);
  const errors: FloatErrors = { overflow: false, divide: false, invalid: false };
  const values = x.values;
  if (spec.rule === 'bool' || !isFloat(dtype)) {
    const integerOp = spec.integer ?? ((v: number) => spec.float(v, errors));
    for (let i = 0; i < size; i++) out[i] = spec.rule === 'bool' ? (isFloat(x.dtype) ? spec.float(values[i], errors) : integerOp(values[i])) : castValue(integerOp(values[i]), dtype);
    return wrapResult(out, x.shape, spec.rule === 'bool' ? 'bool' : dtype, x.origin);
  }
  for (let i = 0; i < size; i++) {
    const v = castValue(values[i], dtype);
    const r = castValue(spec.float(v, errors), dtype);
    if (Number.isNaN(r) && !Number.isNaN(v)) errors.invalid = true;
    else if (!Number.isFinite(r) && !Number.isNaN(r) && Number.isFinite(v)) {
      if (spec.pole?.(v)) errors.divide = true;
      else errors.overflow = true;
    }
    out[i] = r;
  }
  warnErrors(rt, errors, spec.name);
  return wrapResult(out, x.shape, dtype, x.origin);
}

// -- operators of arrays and scalars -------------------------------------------------------------------------

let matmul: ((rt: Runtime, a: Operand, b: Operand) => PyValue) | undefined;
export function registerMatmul(implementation: (rt: Runtime, a: Operand, b: Operand) => PyValue): void {
  matmul = implementation;
}

/** `left op right` where one side is a NumPy array or scalar. */
export function arrayBinary(rt: Runtime, op: OperatorName, left: PyValue, right: PyValue, scalarOperation: boolean): MaybeValue {
  const a = toOperand(rt, left, true);
  const b = toOperand(rt, right, true);
  if (!a || !b) return NOT_IMPLEMENTED;
  const name = OPERATOR_UFUNCS[op];
  if (name === 'matmul') {
    if (!matmul) throw new Error('matmul not registered');
    return matmul(rt, a, b);
  }
  // A NumPy scalar with Python numbers only: NumPy's scalar path, whose warnings say "scalar".
  const scalars = scalarOperation && a.shape.length === 0 && b.shape.length === 0;
  return applyBinary(rt, BINARY[name], a, b, scalars && !(left instanceof NdArray) && !(right instanceof NdArray));
}

export function arrayCompare(rt: Runtime, op: ComparisonName, left: PyValue, right: PyValue): MaybeValue {
  const a = toOperand(rt, left, true);
  const b = toOperand(rt, right, true);
  if (!a || !b) return NOT_IMPLEMENTED;
  return applyBinary(rt, BINARY[COMPARISON_UFUNCS[op]], a, b);
}

export function arrayUnary(rt: Runtime, op: '-' | '+' | '~', value: NdArray | NpScalar): PyValue {
  const x = toOperand(rt, value) as Operand;
  if (op === '~') {
    if (isFloat(x.dtype)) raise(TypeError, "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''");
    const out = x.values.map((v) => (x.dtype === 'bool' ? (v ? 0 : 1) : castValue(~v, x.dtype)));
    return wrapResult(out, x.shape, x.dtype, x.origin);
  }
  return applyUnary(rt, UNARY[op === '-' ? 'negative' : 'positive'], x);
}

/** np.round / np.around: half to even at `decimals`, NumPy's algorithm (scale, rint, unscale). */
export function roundArray(rt: Runtime, value: PyValue, decimals: bigint): NdArray | NpScalar {
  const x = requireOperand(rt, value, 'round');
  const dtype = x.weak ? defaultOf(x.weak) : x.dtype;
  const n = Number(decimals);
  if (!isFloat(dtype)) {
    if (n >= 0) return wrapResult(Float64Array.from(x.values), x.shape, dtype, x.origin);
    const unit = 10 ** -n;
    return wrapResult(x.values.map((v) => castValue(roundHalfEven(v / unit) * unit, dtype)), x.shape, dtype, x.origin);
  }
  const out = x.values.map((v) => {
    const y = castValue(v, dtype);
    if (n === 0) return castValue(roundHalfEven(y), dtype);
    // NumPy: y = x * 10**d (or / 10**-d), rint, then back, each step in the dtype.
    const scale = castValue(10 ** Math.abs(n), dtype);
    const scaled = n > 0 ? castValue(y * scale, dtype) : castValue(y / scale, dtype);
    const rounded = castValue(roundHalfEven(scaled), dtype);
    return n > 0 ? castValue(rounded / scale, dtype) : castValue(rounded * scale, dtype);
  });
  return wrapResult(out, x.shape, dtype, x.origin);
}

