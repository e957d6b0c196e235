// TensorFlow's values in the interpreter: eager tensors (printed as TF prints them, `tf.Tensor(…)` and
// `<tf.Tensor: …>`, `.numpy()` giving NumPy's array or scalar), their dtypes (`tf.float32`), shapes
// (`TensorShape([5])`), arithmetic with TF's rules (a Python scalar takes the tensor's dtype; two dtypes do
// not mix: InvalidArgumentError), and the constructors — `tf.constant` (floats float32, ints int32, a NumPy
// array keeping its dtype), `tf.range`, `tf.linspace`, `tf.cast`, `tf.reshape`, `tf.zeros`, `tf.ones`, the
// `keras.ops` ones — computed as TensorFlow computes them; and the elementwise math hand-written activations
// use (`tf.math.maximum`, `tf.exp`, `tf.where`, …), without NumPy's warnings: TF's kernels are silent.
import { numpyValueRepr, sizeOf, tfTensorRepr, tfTensorStr } from '../../render/numpy';
import * as float64 from '../../core/float64';
import { InvalidArgumentError, Refusal, TypeError, ValueError, raise } from './errors';
import { PyBuiltin, PyList, PyTuple, type BuiltinImplementation } from './objects';
import { toFloatArgument, toIndex } from './ops';
import { DONE, NOT_IMPLEMENTED, PyObject, PyType, type ComparisonName, type Kwargs, type MaybeValue, type OperatorName, type PyIterator, type PyValue, type Runtime } from './types';
import { castValue, dtypeFrom, isFloat, isInteger, type DType } from './numpy/dtypes';
import { NdArray, NpScalar, checkElements } from './numpy/ndarray';
import { BINARY, UNARY, applyBinary, applyUnary, toOperand, transcendental, type ArrayLike, type Operand, type UnarySpec } from './numpy/ufuncs';
import { arrayFrom, bindArguments, where as numpyWhere } from './numpy/module';

export const EAGER_TENSOR = new PyType('EagerTensor', { module: 'tensorflow.python.framework.ops' });
export const RESOURCE_VARIABLE = new PyType('ResourceVariable', { module: 'tensorflow.python.ops.resource_variable_ops' });

/** TF's names of dtypes in its error messages (`float` is float32, `double` float64). */
const TF_KERNEL_NAMES: Readonly<Record<DType, string>> = {
  float16: 'half', float32: 'float', float64: 'double', int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', uint8: 'uint8', bool: 'bool',
};

/** `tf.float32`: prints `tf.float32`, str `<dtype: 'float32'>`; NumPy reads it as its dtype. */
export class TfDType extends PyObject {
  static readonly TYPE = new PyType('DType', { module: 'tensorflow' });
  private static readonly cache = new Map<DType, TfDType>();
  static of(dtype: DType): TfDType {
    let found = TfDType.cache.get(dtype);
    if (!found) TfDType.cache.set(dtype, (found = new TfDType(dtype)));
    return found;
  }
  private constructor(readonly numpyDType: DType) {
    super();
  }
  get type(): PyType {
    return TfDType.TYPE;
  }
  override repr(): string {
    return `tf.${this.numpyDType}`;
  }
  override str(): string {
    return `<dtype: '${this.numpyDType}'>`;
  }
  override getattr(_rt: Runtime, name: string): PyValue | undefined {
    if (name === 'name') return this.numpyDType;
    if (name === 'is_floating') return isFloat(this.numpyDType);
    if (name === 'is_integer') return isInteger(this.numpyDType);
    if (name === 'is_bool') return this.numpyDType === 'bool';
    return undefined;
  }
  override hashKey(): string {
    return `tfdtype:${this.numpyDType}`;
  }
}

/** `t.shape`: a TensorShape, printed `TensorShape([2, 3])`, str `(2, 3)`, compared with tuples and lists. */
export class TensorShape extends PyObject {
  static readonly TYPE = new PyType('TensorShape', { module: 'tensorflow' });
  constructor(readonly dims: readonly number[]) {
    super();
  }
  get type(): PyType {
    return TensorShape.TYPE;
  }
  override repr(): string {
    return `TensorShape([${this.dims.join(', ')}])`;
  }
  override str(): string {
    return this.dims.length === 1 ? `(${this.dims[0]},)` : `(${this.dims.join(', ')})`;
  }
  override length(): number {
    return this.dims.length;
  }
  override iterate(): PyIterator {
    let i = 0;
    return { next: () => (i < this.dims.length ? BigInt(this.dims[i++]) : DONE) };
  }
  override getitem(_rt: Runtime, key: PyValue): PyValue {
    const index = Number(toIndex(key));
    const k = index < 0 ? index + this.dims.length : index;
    if (k < 0 || k >= this.dims.length) raise(ValueError, `Index out of range using input dim ${this.dims.length}; input has only ${this.dims.length} dims`);
    return BigInt(this.dims[k]);
  }
  override compare(_rt: Runtime, op: ComparisonName, other: PyValue): MaybeValue {
    if (op !== '==' && op !== '!=') return NOT_IMPLEMENTED;
    const dims = other instanceof TensorShape ? other.dims : other instanceof PyTuple || other instanceof PyList ? other.items.map((item) => (typeof item === 'bigint' ? Number(item) : NaN)) : undefined;
    if (!dims) return NOT_IMPLEMENTED;
    const same = dims.length === this.dims.length && dims.every((length, i) => length === this.dims[i]);
    return op === '==' ? same : !same;
  }
  override getattr(_rt: Runtime, name: string): PyValue | undefined {
    if (name === 'rank' || name === 'ndims') return BigInt(this.dims.length);
    if (name === 'as_list') return new PyBuiltin('as_list', () => new PyList(this.dims.map((length) => BigInt(length))));
    return undefined;
  }
}

const TF_OPERATOR_OPS: Readonly<Partial<Record<OperatorName, string>>> = { '+': 'AddV2', '-': 'Sub', '*': 'Mul', '/': 'RealDiv', '//': 'FloorDiv', '%': 'FloorMod', '**': 'Pow' };
const TF_COMPARISON_OPS: Readonly<Record<ComparisonName, string>> = { '==': 'Equal', '!=': 'NotEqual', '<': 'Less', '<=': 'LessEqual', '>': 'Greater', '>=': 'GreaterEqual' };
const UFUNC_OF: Readonly<Partial<Record<OperatorName, string>>> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '//': 'floor_divide', '%': 'remainder', '**': 'power' };
const COMPARISON_UFUNC: Readonly<Record<ComparisonName, string>> = { '==': 'equal', '!=': 'not_equal', '<': 'less', '<=': 'less_equal', '>': 'greater', '>=': 'greater_equal' };

/**
 * The runtime without NumPy's RuntimeWarnings: TensorFlow's kernels give inf and NaN silently. Its other
 * members are the runtime's own.
 */
function withoutWarnings(rt: Runtime): Runtime {
  return new Proxy(rt, { get: (target, key) => (key === 'warn' ? () => undefined : Reflect.get(target, key, target)) });
}

/** A TensorFlow eager tensor (or, with `variable`, a tf.Variable), holding values of its dtype. */
export class Tensor extends PyObject implements ArrayLike {
  origin: unknown;
  readonly arrayPriority = 100;
  constructor(
    readonly dtype: DType,
    readonly shape: readonly number[],
    readonly values: Float64Array,
    readonly variable = false,
  ) {
    super();
  }

  static fromArray(array: NdArray | NpScalar, dtype?: DType): Tensor {
    const source = array instanceof NpScalar ? array.asArray() : array;
    const chosen = dtype ?? source.dtype;
    const values = source.values();
    const tensor = new Tensor(chosen, source.shape, chosen === source.dtype ? Float64Array.from(values) : values.map((v) => castValue(v, chosen)));
    tensor.origin = array.origin;
    return tensor;
  }

  get type(): PyType {
    return this.variable ? RESOURCE_VARIABLE : EAGER_TENSOR;
  }

  toNdArray(): NdArray {
    const array = new NdArray(Float64Array.from(this.values), this.shape, this.dtype);
    array.origin = this.origin;
    return array;
  }

  /** `t.numpy()`: an ndarray, or for a 0-d tensor the NumPy scalar. */
  numpy(): NdArray | NpScalar {
    if (this.shape.length === 0) {
      const scalar = new NpScalar(this.dtype, this.values[0]);
      scalar.origin = this.origin;
      return scalar;
    }
    return this.toNdArray();
  }

  private printable(): { shape: readonly number[]; data: Float64Array; dtype: DType } {
    return { shape: this.shape, data: this.values, dtype: this.dtype };
  }

  override repr(): string {
    if (this.variable) {
      const inner = numpyValueRepr(this.printable());
      return `<tf.Variable 'Variable:0' shape=${shapeString(this.shape)} dtype=${this.dtype}, numpy=${inner.includes('\n') ? `\n${inner}` : inner}>`;
    }
    return tfTensorRepr(this.printable());
  }

  override str(): string {
    return this.variable ? this.repr() : tfTensorStr(this.printable());
  }

  override getattr(_rt: Runtime, name: string): PyValue | undefined {
    switch (name) {
      case 'numpy':
        return new PyBuiltin('numpy', () => this.numpy(), 'tensorflow');
      case 'shape':
        return new TensorShape(this.shape);
      case 'dtype':
        return TfDType.of(this.dtype);
      case 'ndim':
        return BigInt(this.shape.length);
      default:
        return undefined;
    }
  }

  override length(): number {
    if (this.shape.length === 0) raise(TypeError, 'Scalar tensor has no `len()`');
    return this.shape[0];
  }

  override iterate(): PyIterator {
    if (this.shape.length === 0) raise(TypeError, 'Cannot iterate over a scalar tensor.');
    let i = 0;
    return { next: () => (i < this.shape[0] ? this.row(i++) : DONE) };
  }

  private row(i: number): Tensor {
    const inner = this.shape.slice(1);
    const size = sizeOf(inner);
    return new Tensor(this.dtype, inner, this.values.slice(i * size, (i + 1) * size));
  }

  override getitem(rt: Runtime, key: PyValue): PyValue {
    const result = this.toNdArray().getitem(rt, key);
    return Tensor.fromArray(result as NdArray | NpScalar);
  }

  override toFloat(): number {
    if (this.values.length !== 1) raise(TypeError, 'only length-1 arrays can be converted to Python scalars');
    return this.values[0];
  }

  override toIndex(): bigint {
    if (this.shape.length !== 0 || !isInteger(this.dtype)) raise(TypeError, 'Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices');
    return BigInt(this.values[0]);
  }

  override truthy(): boolean {
    if (this.values.length !== 1) raise(ValueError, 'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()');
    return this.values[0] !== 0;
  }

  override binary(rt: Runtime, op: OperatorName, other: PyValue, reflected: boolean): MaybeValue {
    const opName = TF_OPERATOR_OPS[op];
    const ufunc = UFUNC_OF[op];
    if (!opName || !ufunc) return NOT_IMPLEMENTED;
    const converted = convertOperand(rt, other, this.dtype);
    if (!converted) return NOT_IMPLEMENTED;
    const [left, right] = reflected ? [converted, this] : [this, converted];
    checkSameDType(opName, left, right);
    let dtype = this.dtype;
    let spec = BINARY[ufunc];
    // TF's `/` of integer tensors is a true division in float64.
    if (op === '/' && isInteger(dtype)) dtype = 'float64';
    if (op === '**' && isInteger(dtype)) spec = { ...spec, integer: (a, b) => (b < 0 ? raiseNegativePower() : a ** b) };
    const result = applyBinary(withoutWarnings(rt), spec, operandOf(left, dtype), operandOf(right, dtype));
    return tensorOf(result, this.origin ?? converted.origin);
  }

  override compare(rt: Runtime, op: ComparisonName, other: PyValue): MaybeValue {
    const converted = convertOperand(rt, other, this.dtype);
    if (!converted) return NOT_IMPLEMENTED;
    checkSameDType(TF_COMPARISON_OPS[op], this, converted);
    return tensorOf(applyBinary(rt, BINARY[COMPARISON_UFUNC[op]], operandOf(this, this.dtype), operandOf(converted, this.dtype)), undefined);
  }

  override unary(rt: Runtime, op: '-' | '+' | '~'): PyValue {
    if (op === '~') raise(TypeError, 'Tensor.__invert__ is defined for boolean tensors only');
    return tensorOf(applyUnary(withoutWarnings(rt), UNARY[op === '-' ? 'negative' : 'positive'], operandOf(this, this.dtype)), this.origin);
  }

  override absolute(rt: Runtime): PyValue {
    return tensorOf(applyUnary(rt, UNARY.absolute, operandOf(this, this.dtype)), this.origin);
  }
}

function raiseNegativePower(): never {
  throw new Refusal('an integer tensor raised to a negative power is outside what Activation Lens models');
}

function shapeString(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function operandOf(tensor: Tensor, dtype: DType): Operand {
  return { values: dtype === tensor.dtype ? tensor.values : tensor.values.map((v) => castValue(v, dtype)), shape: tensor.shape, dtype };
}

function tensorOf(result: NdArray | NpScalar, origin: unknown): Tensor {
  const tensor = Tensor.fromArray(result);
  tensor.origin = origin;
  return tensor;
}

/** Two tensors of different dtypes: TensorFlow's kernel refuses them. */
function checkSameDType(opName: string, left: Tensor, right: Tensor): void {
  if (left.dtype === right.dtype) return;
  raise(
    InvalidArgumentError,
    `cannot compute ${opName} as input #1(zero-based) was expected to be a ${TF_KERNEL_NAMES[left.dtype]} tensor but is a ${TF_KERNEL_NAMES[right.dtype]} tensor [Op:${opName}] name: `,
  );
}

/** The other operand of a tensor operation, converted as TF's operator wrappers convert it (to the tensor's dtype). */
function convertOperand(rt: Runtime, value: PyValue, dtype: DType): Tensor | undefined {
  if (value instanceof Tensor) return value;
  if (typeof value === 'number' && isInteger(dtype)) raise(TypeError, `Cannot convert ${rt.repr(value)} to EagerTensor of dtype ${dtype}`);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return new Tensor(dtype, [], Float64Array.of(castValue(Number(value), dtype)));
  }
  const operand = toOperand(rt, value);
  if (!operand) return undefined;
  if (!isFloat(dtype) && isFloat(operand.dtype)) raise(TypeError, `Cannot convert ${rt.repr(value)} to EagerTensor of dtype ${dtype}`);
  return new Tensor(dtype, operand.shape, operand.values.map((v) => castValue(v, dtype)));
}

// -- conversion ----------------------------------------------------------------------------------------------

/**
 * What `tf.convert_to_tensor(x)` makes of a value: a tensor stays, a NumPy array keeps its dtype, Python
 * floats become float32 and ints int32 (TensorFlow's defaults), with `dtype` casting.
 */
export function toTensor(rt: Runtime, value: PyValue, dtype?: DType): Tensor {
  if (value instanceof Tensor) return dtype && dtype !== value.dtype ? Tensor.fromArray(value.toNdArray(), dtype) : value;
  if (value instanceof NdArray || value instanceof NpScalar) return Tensor.fromArray(value, dtype);
  if (typeof value === 'string' || value === null) throw new Refusal(`a tensor of ${value === null ? 'None' : 'strings'} is outside what Activation Lens models`);
  const array = arrayFrom(rt, value);
  const discovered: DType = array.dtype === 'float64' ? 'float32' : array.dtype === 'int64' ? 'int32' : array.dtype;
  if (dtype && isInteger(dtype) && array.dtype === 'float64') {
    raise(TypeError, `Cannot convert ${rt.repr(value)} to EagerTensor of dtype ${dtype}`);
  }
  return Tensor.fromArray(array, dtype ?? discovered);
}

function dtypeArgument(value: PyValue | undefined): DType | undefined {
  return value === undefined || value === null ? undefined : dtypeFrom(value);
}

function constant(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs, variable = false): PyValue {
  const [value, dtypeValue, shapeValue] = bindArguments(variable ? 'Variable' : 'constant', ['value', 'dtype', 'shape', 'name', 'verify_shape', 'trainable', 'validate_shape'], args, kwargs);
  const tensor = toTensor(rt, value as PyValue, dtypeArgument(dtypeValue));
  if (shapeValue === undefined || shapeValue === null) return variable ? new Tensor(tensor.dtype, tensor.shape, tensor.values, true) : tensor;
  const shape = (shapeValue instanceof PyTuple || shapeValue instanceof PyList ? shapeValue.items : [shapeValue]).map((item) => Number(toIndex(item)));
  const size = sizeOf(shape);
  checkElements(size);
  if (tensor.values.length === 1 && size !== 1) return new Tensor(tensor.dtype, shape, new Float64Array(size).fill(tensor.values[0]), variable);
  if (size !== tensor.values.length) raise(TypeError, `Eager execution of tf.constant with unsupported shape. Tensor ${rt.repr(value as PyValue)} (converted from ${rt.repr(value as PyValue)}) has ${tensor.values.length} elements, but got \`shape\` ${shapeString(shape)} with ${size} elements).`);
  return new Tensor(tensor.dtype, shape, tensor.values, variable);
}

/** tf.range: TensorFlow's kernel accumulates value += delta in the output dtype. */
function range(_rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  const [a, b, c, dtypeValue] = bindArguments('range', ['start', 'limit', 'delta', 'dtype', 'name'], args, kwargs);
  const given = [a, b, c].filter((value): value is PyValue => value !== undefined && value !== null);
  const integer = given.every((value) => typeof value === 'bigint' || (value instanceof NpScalar && isInteger(value.dtype)) || (value instanceof Tensor && isInteger(value.dtype)));
  const [start, stop, step] = b === undefined || b === null ? [0, toFloatArgument(a as PyValue), 1] : [toFloatArgument(a as PyValue), toFloatArgument(b), c === undefined ? 1 : toFloatArgument(c)];
  if (step === 0) raise(InvalidArgumentError, 'Requires delta != 0: 0 [Op:Range] name: ');
  const dtype = dtypeArgument(dtypeValue) ?? (integer ? 'int32' : 'float32');
  const length = Math.max(0, Math.ceil(Math.abs((stop - start) / step)) * (Math.sign(stop - start) === Math.sign(step) ? 1 : 0));
  checkElements(length, 'this range');
  const data = new Float64Array(length);
  let current = castValue(start, dtype);
  const delta = castValue(step, dtype);
  for (let i = 0; i < length; i++) {
    data[i] = current;
    current = castValue(current + delta, dtype);
  }
  return new Tensor(dtype, [length], data);
}

/** tf.linspace (linspace_nd): start + i · delta in the dtype, the last value stop; int bounds are float64. */
function linspace(_rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  const [startValue, stopValue, numValue] = bindArguments('linspace', ['start', 'stop', 'num', 'name', 'axis'], args, kwargs, 3);
  const start = toFloatArgument(startValue as PyValue);
  const stop = toFloatArgument(stopValue as PyValue);
  if (typeof numValue === 'number') raise(TypeError, "Value passed to parameter 'num' has DataType float32 not in list of allowed values: int32, int64");
  const num = Number(toIndex(numValue as PyValue));
  checkElements(num, 'this linspace');
  const integer = typeof startValue === 'bigint' && typeof stopValue === 'bigint';
  const dtype: DType = integer ? 'float64' : (startValue instanceof NpScalar || startValue instanceof NdArray) && startValue.dtype === 'float64' ? 'float64' : startValue instanceof Tensor ? startValue.dtype : 'float32';
  const c = (x: number): number => castValue(x, dtype);
  const s = c(start);
  const e = c(stop);
  const steps = Math.max(num - 1, 1);
  const delta = c(c(e - s) / steps);
  const data = new Float64Array(num);
  if (num > 0) data[0] = s;
  for (let i = 1; i < num - 1; i++) data[i] = c(s + c(delta * i));
  if (num > 1) data[num - 1] = e;
  return new Tensor(dtype, [num], data);
}

function filled(fill: number, defaultDType: DType): BuiltinImplementation {
  return (_rt, args, kwargs) => {
    const [shapeValue, dtypeValue] = bindArguments(fill ? 'ones' : 'zeros', ['shape', 'dtype', 'name', 'layout'], args, kwargs);
    const shape = (shapeValue instanceof PyTuple || shapeValue instanceof PyList ? shapeValue.items : [shapeValue as PyValue]).map((item) => Number(toIndex(item)));
    checkElements(sizeOf(shape));
    const dtype = dtypeArgument(dtypeValue) ?? defaultDType;
    return new Tensor(dtype, shape, new Float64Array(sizeOf(shape)).fill(castValue(fill, dtype)));
  };
}

function cast(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  const [x, dtypeValue] = bindArguments('cast', ['x', 'dtype', 'name'], args, kwargs, 2);
  const dtype = dtypeFrom(dtypeValue as PyValue) as DType;
  const tensor = toTensor(rt, x as PyValue);
  return Tensor.fromArray(tensor.toNdArray(), dtype);
}

function reshape(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  const [x, shapeValue] = bindArguments('reshape', ['tensor', 'shape', 'name'], args, kwargs, 2);
  const tensor = toTensor(rt, x as PyValue);
  const requested = (shapeValue instanceof PyTuple || shapeValue instanceof PyList ? shapeValue.items : [shapeValue as PyValue]).map((item) => Number(toIndex(item)));
  const known = requested.filter((length) => length !== -1).reduce((p, q) => p * q, 1);
  const inferred = requested.includes(-1);
  const shape = requested.map((length) => (length === -1 ? tensor.values.length / known : length));
  if (sizeOf(shape) !== tensor.values.length || shape.some((length) => !Number.isInteger(length))) {
    // TensorFlow's two messages: with a -1 the size must be a multiple of the other dimensions' product.
    const requirement = inferred ? `requires a multiple of ${known}` : `has ${known}`;
    raise(InvalidArgumentError, `Input to reshape is a tensor with ${tensor.values.length} values, but the requested shape ${requirement} [Op:Reshape]`);
  }
  return new Tensor(tensor.dtype, shape, tensor.values);
}

/** keras.ops.convert_to_tensor / keras.ops.array on the TensorFlow backend. */
function kerasTensor(name: string): BuiltinImplementation {
  return (rt, args, kwargs) => {
    const [x, dtypeValue] = bindArguments(name, ['x', 'dtype', 'sparse', 'ragged'], args, kwargs);
    return toTensor(rt, x as PyValue, dtypeArgument(dtypeValue));
  };
}

// -- elementwise math ----------------------------------------------------------------------------------------

/** An op's arguments by position or keyword (TF's ops all take a trailing `name`). */
const opArguments = (name: string, params: readonly string[], args: readonly PyValue[], kwargs: Kwargs): (PyValue | undefined)[] =>
  bindArguments(name, [...params, 'name'], args, kwargs, params.length).slice(0, params.length);

/** TensorFlow's unary math that NumPy has no ufunc for (so `np.erf` stays an AttributeError). */
const TF_ONLY_UNARY: Readonly<Record<string, UnarySpec>> = { erf: transcendental('erf', float64.erf), erfc: transcendental('erfc', float64.erfc) };

/**
 * `tf.math.exp(x)` and the like: NumPy's ufunc in the tensor's dtype (correctly rounded, as TensorFlow's float
 * kernels are within an ulp). `floatOnly`: TensorFlow has no integer kernel, and its error is not modelled.
 */
function tfUnary(path: string, ufunc: string, floatOnly: boolean): BuiltinImplementation {
  return (rt, args, kwargs) => {
    const [value] = opArguments(path.split('.').pop() as string, ['x'], args, kwargs);
    const x = toTensor(rt, value as PyValue);
    if (floatOnly && !isFloat(x.dtype)) throw new Refusal(`\`${path}\` of ${/^[aeiou]/.test(x.dtype) ? 'an' : 'a'} ${x.dtype} tensor is outside what Activation Lens models (TensorFlow refuses it); cast it to a float first`);
    return tensorOf(applyUnary(withoutWarnings(rt), UNARY[ufunc] ?? TF_ONLY_UNARY[ufunc], operandOf(x, x.dtype)), x.origin);
  };
}

/**
 * Tensors of one dtype from an op's inputs, as TF's op wrappers convert them: the dtype of the first tensor
 * or array among them (`tf.maximum(0., x)` takes x's), Python numbers converted to it; two dtypes do not mix.
 */
function sameDTypeInputs(rt: Runtime, op: string, values: readonly PyValue[]): Tensor[] {
  const typed = values.find((value) => value instanceof Tensor || value instanceof NdArray || value instanceof NpScalar);
  const dtype = toTensor(rt, typed ?? values[0]).dtype;
  const tensors = values.map((value) => convertOperand(rt, value, dtype) ?? toTensor(rt, value, dtype));
  for (const tensor of tensors.slice(1)) checkSameDType(op, tensors[0], tensor);
  return tensors;
}

/** `tf.maximum(x, y)` and the like: TensorFlow's op `op` computed by NumPy's ufunc in the inputs' dtype. */
function tfBinary(op: string, ufunc: string): BuiltinImplementation {
  return (rt, args, kwargs) => {
    const [x, y] = sameDTypeInputs(rt, op, opArguments(op.toLowerCase(), ['x', 'y'], args, kwargs) as PyValue[]);
    return tensorOf(applyBinary(withoutWarnings(rt), BINARY[ufunc], operandOf(x, x.dtype), operandOf(y, x.dtype)), x.origin ?? y.origin);
  };
}

/** `tf.where(condition, x, y)`: x where the condition holds, else y, broadcast, in x's and y's one dtype. */
function where(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  const [condition, x, y] = opArguments('where', ['condition', 'x', 'y'], args, kwargs);
  if (x === undefined || y === undefined) throw new Refusal('`tf.where(condition)` without x and y (the indices where it holds) is outside what Activation Lens models');
  const [left, right] = sameDTypeInputs(rt, 'SelectV2', [x, y]);
  const chosen = numpyWhere(rt, [toTensor(rt, condition as PyValue).toNdArray(), left.toNdArray(), right.toNdArray()], undefined);
  return tensorOf(chosen as NdArray | NpScalar, left.origin ?? right.origin);
}

/** TensorFlow's elementwise math the hand-written activations use, at `tf.math.*` and its top-level aliases. */
const TF_MATH: readonly (readonly [path: string, implementation: BuiltinImplementation])[] = [
  ...(
    [
      ['exp', 'exp', true, true],
      ['expm1', 'expm1', true, false],
      ['log', 'log', true, false],
      ['log1p', 'log1p', true, false],
      ['erf', 'erf', true, false],
      ['erfc', 'erfc', true, false],
      ['sqrt', 'sqrt', true, true],
      ['reciprocal', 'reciprocal', true, false],
      ['square', 'square', false, true],
      ['abs', 'absolute', false, true],
      ['negative', 'negative', false, true],
      ['sign', 'sign', false, true],
      ['floor', 'floor', true, true],
      ['ceil', 'ceil', true, false],
    ] as const
  ).flatMap(([name, ufunc, floatOnly, topLevel]) => [`tensorflow.math.${name}`, ...(topLevel ? [`tensorflow.${name}`] : [])].map((path) => [path, tfUnary(path.replace(/^tensorflow/, 'tf'), ufunc, floatOnly)] as const)),
  ...(
    [
      ['maximum', 'Maximum', 'maximum'],
      ['minimum', 'Minimum', 'minimum'],
      ['add', 'AddV2', 'add'],
      ['subtract', 'Sub', 'subtract'],
      ['multiply', 'Mul', 'multiply'],
      ['pow', 'Pow', 'power'],
    ] as const
  ).flatMap(([name, op, ufunc]) => [`tensorflow.math.${name}`, `tensorflow.${name}`].map((path) => [path, tfBinary(op, ufunc)] as const)),
  ['tensorflow.where', where],
];

/** Functions of TensorFlow and Keras that make tensors, by their full path. */
export const TENSOR_FUNCTIONS: ReadonlyMap<string, BuiltinImplementation> = new Map<string, BuiltinImplementation>([
  ['tensorflow.constant', (rt, args, kwargs) => constant(rt, args, kwargs)],
  ['tensorflow.convert_to_tensor', (rt, args, kwargs) => {
    const [value, dtypeValue] = bindArguments('convert_to_tensor', ['value', 'dtype', 'dtype_hint', 'name'], args, kwargs);
    return toTensor(rt, value as PyValue, dtypeArgument(dtypeValue));
  }],
  ['tensorflow.Variable', (rt, args, kwargs) => constant(rt, args, kwargs, true)],
  ['tensorflow.range', range],
  ['tensorflow.linspace', linspace],
  ['tensorflow.lin_space', linspace],
  ['tensorflow.cast', cast],
  ['tensorflow.reshape', reshape],
  ['tensorflow.zeros', filled(0, 'float32')],
  ['tensorflow.ones', filled(1, 'float32')],
  ['keras.ops.convert_to_tensor', kerasTensor('convert_to_tensor')],
  ['keras.ops.array', kerasTensor('array')],
  ['keras.ops.linspace', linspace],
  ['keras.ops.arange', range],
  ['keras.ops.zeros', filled(0, 'float32')],
  ['keras.ops.ones', filled(1, 'float32')],
  ...TF_MATH,
]);

/** TensorFlow's dtype names as module attributes (`tf.float32`). */
export const TF_DTYPES: ReadonlyMap<string, DType> = new Map(
  Object.entries({ float16: 'float16', half: 'float16', float32: 'float32', float64: 'float64', double: 'float64', int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', uint8: 'uint8', bool: 'bool' } as const),
);

