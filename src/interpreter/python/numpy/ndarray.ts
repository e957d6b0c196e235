// NumPy's ndarray and scalars. An array is a strided view of a Float64Array holding values already rounded
// to its dtype, so basic indexing and slicing give views that write through (`b = a[1:]; b[0] = 5` changes
// `a`), as in NumPy; boolean masks and integer arrays select copies. Scalars (`np.float64(0.5)`) are their
// own objects with NumPy 2's reprs. Printing is render/numpy.ts's; arithmetic lives in ufuncs.ts and the
// methods in methods.ts, which register themselves here.
import { numpyRepr, numpyStr, numpyValueRepr, pythonScalarRepr, sizeOf, stridesOf } from '../../../render/numpy';
import { AxisError, IndexError, OverflowError, PyError, Refusal, TypeError, ValueError, raise } from '../errors';
import { asInt, floatToInt } from '../numbers';
import { ELLIPSIS_VALUE, PyList, PySlice, PyTuple } from '../objects';
import { hashKey, sliceIndices, toIndex, typeName } from '../ops';
import { DONE, PyObject, PyType, type ComparisonName, type MaybeValue, type OperatorName, type PyIterator, type PyValue, type Runtime } from '../types';
import { SCALAR_TYPES, castValue, checkPythonInt, isFloat, isInteger, type DType } from './dtypes';

export const NDARRAY = new PyType('ndarray', { module: 'numpy' });

/** Elements an array may hold: bigger ones are refused before anything is allocated. */
export const MAX_ELEMENTS = 1_000_000;

export function checkElements(count: number, what = 'this array'): void {
  if (!(count <= MAX_ELEMENTS)) {
    throw new Refusal(`${what} would have ${Number.isFinite(count) ? Math.round(count).toLocaleString('en-US') : String(count)} elements; Activation Lens evaluates at most ${MAX_ELEMENTS.toLocaleString('en-US')}`, undefined, true);
  }
}


/** Hooks the array's Python behaviour is implemented by (set by ufuncs.ts and methods.ts). */
export interface ArrayBehaviour {
  binary(rt: Runtime, op: OperatorName, left: PyValue, right: PyValue, scalar: boolean): MaybeValue;
  compare(rt: Runtime, op: ComparisonName, left: PyValue, right: PyValue): MaybeValue;
  unary(rt: Runtime, op: '-' | '+' | '~', value: NdArray | NpScalar): PyValue;
  absolute(rt: Runtime, value: NdArray | NpScalar): PyValue;
  round(rt: Runtime, value: NdArray | NpScalar, decimals: bigint): PyValue;
  attribute(rt: Runtime, value: NdArray | NpScalar, name: string): PyValue | undefined;
}

export const behaviour: { current?: ArrayBehaviour } = {};

function hooks(): ArrayBehaviour {
  if (!behaviour.current) throw new Error('NumPy behaviour not registered');
  return behaviour.current;
}

/** What arrays and scalars share: Python's operators and attributes, through the registered NumPy behaviour. */
abstract class NumpyValue extends PyObject {
  /** A scalar's operands are promoted as scalars (NEP 50 treats a 0-d array and a scalar alike otherwise). */
  protected abstract readonly scalar: boolean;
  /** This value as the array or scalar it is. */
  protected abstract self(): NdArray | NpScalar;

  override binary(rt: Runtime, op: OperatorName, other: PyValue, reflected: boolean): MaybeValue {
    return reflected ? hooks().binary(rt, op, other, this.self(), this.scalar) : hooks().binary(rt, op, this.self(), other, this.scalar);
  }

  override compare(rt: Runtime, op: ComparisonName, other: PyValue): MaybeValue {
    return hooks().compare(rt, op, this.self(), other);
  }

  override unary(rt: Runtime, op: '-' | '+' | '~'): PyValue {
    return hooks().unary(rt, op, this.self());
  }

  override absolute(rt: Runtime): PyValue {
    return hooks().absolute(rt, this.self());
  }

  override getattr(rt: Runtime, name: string): PyValue | undefined {
    return hooks().attribute(rt, this.self(), name);
  }
}

export class NdArray extends NumpyValue {
  protected readonly scalar = false;
  protected self(): NdArray {
    return this;
  }
  /** The activation result this array is, or is derived from (for the editor's title and plot). */
  origin: unknown;

  constructor(
    readonly buffer: Float64Array,
    readonly shape: readonly number[],
    readonly dtype: DType,
    readonly strides: readonly number[] = stridesOf(shape),
    readonly offset = 0,
  ) {
    super();
  }

  static of(dtype: DType, shape: readonly number[], values: Float64Array): NdArray {
    return new NdArray(values, shape, dtype);
  }

  get type(): PyType {
    return NDARRAY;
  }

  get size(): number {
    return sizeOf(this.shape);
  }

  get contiguous(): boolean {
    if (this.offset !== 0 || this.buffer.length !== this.size) return false;
    const expected = stridesOf(this.shape);
    return this.shape.every((length, axis) => length <= 1 || this.strides[axis] === expected[axis]);
  }

  /** The values in row-major order (the buffer itself when the array is contiguous: do not write to it). */
  values(): Float64Array {
    if (this.contiguous) return this.buffer;
    const out = new Float64Array(this.size);
    let k = 0;
    this.forEachOffset((at) => {
      out[k++] = this.buffer[at];
    });
    return out;
  }

  /** Visits every element's buffer offset in row-major order. */
  forEachOffset(visit: (offset: number) => void): void {
    const { shape, strides } = this;
    const ndim = shape.length;
    if (this.size === 0) return;
    if (ndim === 0) {
      visit(this.offset);
      return;
    }
    const index = new Array<number>(ndim).fill(0);
    let at = this.offset;
    for (;;) {
      visit(at);
      let axis = ndim - 1;
      while (axis >= 0) {
        index[axis]++;
        at += strides[axis];
        if (index[axis] < shape[axis]) break;
        at -= strides[axis] * shape[axis];
        index[axis] = 0;
        axis--;
      }
      if (axis < 0) return;
    }
  }

  copy(dtype: DType = this.dtype): NdArray {
    const values = this.values();
    const out = new Float64Array(values.length);
    if (dtype === this.dtype) out.set(values);
    else for (let i = 0; i < values.length; i++) out[i] = castValue(values[i], dtype);
    return new NdArray(out, this.shape, dtype);
  }

  /** The same data with another shape: a view when contiguous, else a copy. */
  reshaped(shape: readonly number[]): NdArray {
    const source = this.contiguous ? this : this.copy();
    const view = new NdArray(source.buffer, shape, this.dtype);
    view.origin = this.origin;
    return view;
  }

  /** For printing: the values with shape and dtype. */
  printable(): { shape: readonly number[]; data: Float64Array; dtype: DType } {
    return { shape: this.shape, data: this.values(), dtype: this.dtype };
  }

  override repr(): string {
    return numpyRepr(this.printable());
  }

  override str(): string {
    return numpyStr(this.printable());
  }

  override length(): number {
    if (this.shape.length === 0) raise(TypeError, 'len() of unsized object');
    return this.shape[0];
  }

  override truthy(): boolean {
    const size = this.size;
    if (size === 0) raise(ValueError, 'The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.');
    if (size > 1) raise(ValueError, 'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()');
    return this.values()[0] !== 0;
  }

  override iterate(): PyIterator {
    if (this.shape.length === 0) raise(TypeError, 'iteration over a 0-d array');
    let i = 0;
    return { next: () => (i < this.shape[0] ? this.item(i++) : DONE) };
  }

  /** Row `i` along the first axis: a view, or a scalar for a 1-d array. */
  item(i: number): PyValue {
    if (this.shape.length === 1) return new NpScalar(this.dtype, this.buffer[this.offset + i * this.strides[0]]);
    const view = new NdArray(this.buffer, this.shape.slice(1), this.dtype, this.strides.slice(1), this.offset + i * this.strides[0]);
    view.origin = this.origin;
    return view;
  }

  override toFloat(): number {
    if (this.shape.length !== 0) raise(TypeError, 'only 0-dimensional arrays can be converted to Python scalars');
    return this.buffer[this.offset];
  }

  override toIndex(): bigint {
    if (this.shape.length !== 0 || !isInteger(this.dtype)) raise(TypeError, 'only integer scalar arrays can be converted to a scalar index');
    return BigInt(this.buffer[this.offset]);
  }

  override round(rt: Runtime, ndigits: bigint | undefined): PyValue {
    return hooks().round(rt, this, ndigits ?? 0n);
  }

  override inPlace(rt: Runtime, op: OperatorName, other: PyValue): PyValue | undefined {
    const result = hooks().binary(rt, op, this, other, false);
    if (!(result instanceof NdArray) && !(result instanceof NpScalar)) return undefined;
    const resultDType = result instanceof NdArray ? result.dtype : result.dtype;
    if (resultDType !== this.dtype && !canCastSameKind(resultDType, this.dtype)) {
      raise(
        ufuncTypeError(),
        `Cannot cast ufunc '${UFUNC_NAMES[op] ?? op}' output from dtype('${resultDType}') to dtype('${this.dtype}') with casting rule 'same_kind'`,
      );
    }
    assign(rt, this, result);
    return this;
  }

  override getitem(rt: Runtime, key: PyValue): PyValue {
    return getIndexed(rt, this, key);
  }

  override setitem(rt: Runtime, key: PyValue, value: PyValue): void {
    setIndexed(rt, this, key, value);
  }

  override contains(rt: Runtime, value: PyValue): boolean {
    const result = hooks().compare(rt, '==', this, value);
    if (result instanceof NdArray) return result.values().some((v) => v !== 0);
    return result instanceof NpScalar ? result.value !== 0 : false;
  }
}

const UFUNC_NAMES: Readonly<Partial<Record<OperatorName, string>>> = {
  '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '//': 'floor_divide', '%': 'remainder', '**': 'power',
};

let ufuncTypeErrorType: PyType | undefined;
/** NumPy's error for an in-place result that does not fit the array's dtype: a TypeError. */
function ufuncTypeError(): PyType {
  return (ufuncTypeErrorType ??= new PyType('_UFuncOutputCastingError', { module: 'numpy._core._exceptions', base: TypeError }));
}

/** Casting in place keeps the kind order bool < int < float (`same_kind`). */
function canCastSameKind(from: DType, to: DType): boolean {
  const order = (dtype: DType): number => (dtype === 'bool' ? 0 : isFloat(dtype) ? 2 : 1);
  return order(from) <= order(to);
}

/** A NumPy scalar: `np.float64(0.5)`, `np.int64(3)`, `np.True_`. */
export class NpScalar extends NumpyValue {
  protected readonly scalar = true;
  protected self(): NpScalar {
    return this;
  }
  origin: unknown;
  constructor(
    readonly dtype: DType,
    readonly value: number,
  ) {
    super();
  }
  get type(): PyType {
    return SCALAR_TYPES[this.dtype];
  }
  asArray(): NdArray {
    return new NdArray(Float64Array.of(this.value), [], this.dtype);
  }
  override repr(): string {
    return numpyValueRepr({ shape: [], data: [this.value], dtype: this.dtype });
  }
  override str(): string {
    return numpyStr({ shape: [], data: [this.value], dtype: this.dtype });
  }
  override truthy(): boolean {
    return this.value !== 0;
  }
  override toFloat(): number {
    return this.value;
  }
  override toInt(): bigint {
    return floatToInt(this.value);
  }
  override toIndex(): bigint {
    if (!isInteger(this.dtype)) raise(TypeError, `'${typeName(this)}' object cannot be interpreted as an integer`);
    return BigInt(this.value);
  }
  override hashKey(): string {
    if (this.dtype === 'bool') return this.value ? 'i1' : 'i0';
    return hashKey(this.value);
  }
  override round(rt: Runtime, ndigits: bigint | undefined): PyValue {
    // NumPy 2: round(np.float64(x)) is a Python int; with ndigits, a scalar of the dtype.
    if (ndigits === undefined) {
      const rounded = hooks().round(rt, this, 0n);
      const value = rounded instanceof NpScalar ? rounded.value : this.value;
      if (!Number.isFinite(value)) raise(Number.isNaN(value) ? ValueError : OverflowError, Number.isNaN(value) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      return BigInt(value);
    }
    return hooks().round(rt, this, ndigits);
  }
  /** `x.item()`: the Python value. */
  toPython(): PyValue {
    if (this.dtype === 'bool') return this.value !== 0;
    if (isInteger(this.dtype)) return BigInt(this.value);
    return this.value;
  }
  /** What TensorFlow and Python show for the value: `repr(x.item())`. */
  pythonRepr(): string {
    return pythonScalarRepr(this.value, this.dtype);
  }
}

// -- indexing ----------------------------------------------------------------------------------------------

type IndexItem =
  | { readonly kind: 'int'; readonly index: number }
  | { readonly kind: 'slice'; readonly slice: PySlice }
  | { readonly kind: 'newaxis' }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'mask'; readonly mask: NdArray }
  | { readonly kind: 'indices'; readonly indices: NdArray };

function indexItems(rt: Runtime, key: PyValue): IndexItem[] {
  const parts = key instanceof PyTuple ? key.items : [key];
  return parts.map((part): IndexItem => {
    if (part === null) return { kind: 'newaxis' };
    if (part === ELLIPSIS_VALUE) return { kind: 'ellipsis' };
    if (part instanceof PySlice) return { kind: 'slice', slice: part };
    if (typeof part === 'boolean') throw new Refusal('indexing an array with True or False is outside what Activation Lens models');
    if (typeof part === 'bigint') return { kind: 'int', index: Number(part) };
    if (part instanceof NpScalar && isInteger(part.dtype)) return { kind: 'int', index: part.value };
    const array = part instanceof NdArray ? part : part instanceof PyList ? arrayFromList(rt, part) : undefined;
    if (array) {
      if (array.dtype === 'bool') return { kind: 'mask', mask: array };
      if (isInteger(array.dtype) || array.size === 0) return { kind: 'indices', indices: array };
    }
    raise(IndexError, 'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices');
  });
}

let listToArray: ((rt: Runtime, list: PyValue) => NdArray) | undefined;
/** np.asarray for index lists, registered by the module (which owns conversion). */
export function registerListConversion(convert: (rt: Runtime, list: PyValue) => NdArray): void {
  listToArray = convert;
}
function arrayFromList(rt: Runtime, list: PyValue): NdArray {
  if (!listToArray) throw new Error('list conversion not registered');
  return listToArray(rt, list);
}

/** The view basic indexing selects (ints, slices, None, Ellipsis), or undefined when the key is advanced. */
function basicView(array: NdArray, items: readonly IndexItem[]): { view: NdArray; scalar: boolean } | undefined {
  if (items.some((item) => item.kind === 'mask' || item.kind === 'indices')) return undefined;
  const consumed = items.filter((item) => item.kind === 'int' || item.kind === 'slice').length;
  if (consumed > array.shape.length) raise(IndexError, `too many indices for array: array is ${array.shape.length}-dimensional, but ${consumed} were indexed`);
  if (items.filter((item) => item.kind === 'ellipsis').length > 1) raise(IndexError, "an index can only have a single ellipsis ('...')");
  const shape: number[] = [];
  const strides: number[] = [];
  let offset = array.offset;
  let axis = 0;
  for (const item of items) {
    switch (item.kind) {
      case 'ellipsis': {
        const skip = array.shape.length - consumed;
        for (let k = 0; k < skip; k++, axis++) {
          shape.push(array.shape[axis]);
          strides.push(array.strides[axis]);
        }
        break;
      }
      case 'newaxis':
        shape.push(1);
        strides.push(0);
        break;
      case 'int': {
        const length = array.shape[axis];
        const index = item.index < 0 ? item.index + length : item.index;
        if (index < 0 || index >= length) raise(IndexError, `index ${item.index} is out of bounds for axis ${axis} with size ${length}`);
        offset += index * array.strides[axis];
        axis++;
        break;
      }
      case 'slice': {
        const { start, step, count } = sliceIndices(item.slice, array.shape[axis]);
        offset += start * array.strides[axis];
        shape.push(count);
        strides.push(array.strides[axis] * step);
        axis++;
        break;
      }
      default:
        break;
    }
  }
  for (; axis < array.shape.length; axis++) {
    shape.push(array.shape[axis]);
    strides.push(array.strides[axis]);
  }
  const scalar = shape.length === 0 && items.every((item) => item.kind === 'int');
  const view = new NdArray(array.buffer, shape, array.dtype, strides, offset);
  view.origin = array.origin;
  return { view, scalar };
}

/** The buffer offsets an advanced index selects (one mask or one integer array, alone or first), with the result's shape. */
function advancedOffsets(array: NdArray, items: readonly IndexItem[]): { offsets: number[]; shape: number[] } {
  const advanced = items.filter((item) => item.kind === 'mask' || item.kind === 'indices');
  if (advanced.length !== 1 || items[0] !== advanced[0] || items.slice(1).some((item) => item.kind !== 'slice' || !isFullSlice(item.slice))) {
    throw new Refusal('this combination of advanced indices is outside what Activation Lens models; index with one boolean mask or one integer array');
  }
  const [item] = items;
  if (item.kind === 'mask') {
    const mask = item.mask;
    if (mask.shape.length > array.shape.length || mask.shape.some((length, axis) => length !== array.shape[axis])) {
      const axis = mask.shape.findIndex((length, k) => length !== array.shape[k]);
      raise(IndexError, `boolean index did not match indexed array along axis ${Math.max(axis, 0)}; size of axis is ${array.shape[Math.max(axis, 0)]} but size of corresponding boolean axis is ${mask.shape[Math.max(axis, 0)]}`);
    }
    const inner = array.shape.slice(mask.shape.length);
    const innerSize = sizeOf(inner);
    const selected: number[] = [];
    const maskValues = mask.values();
    const rows = offsetsOf(new NdArray(array.buffer, [...array.shape.slice(0, mask.shape.length), innerSize === 0 ? 0 : 1], array.dtype, [...array.strides.slice(0, mask.shape.length), 0], array.offset));
    const innerOffsets = offsetsOf(new NdArray(array.buffer, inner, array.dtype, array.strides.slice(mask.shape.length), 0));
    maskValues.forEach((keep, k) => {
      if (keep) for (const innerOffset of innerOffsets) selected.push(rows[k] + innerOffset);
    });
    return { offsets: selected, shape: [selected.length / Math.max(innerSize, 1), ...inner] };
  }
  const indices = item.indices.values();
  const length = array.shape[0];
  const inner = new NdArray(array.buffer, array.shape.slice(1), array.dtype, array.strides.slice(1), 0);
  const innerOffsets = offsetsOf(inner);
  const offsets: number[] = [];
  for (const raw of indices) {
    const index = raw < 0 ? raw + length : raw;
    if (index < 0 || index >= length) raise(IndexError, `index ${raw} is out of bounds for axis 0 with size ${length}`);
    for (const innerOffset of innerOffsets) offsets.push(array.offset + index * array.strides[0] + innerOffset);
  }
  checkElements(offsets.length);
  return { offsets, shape: [...item.indices.shape, ...array.shape.slice(1)] };
}

function isFullSlice(slice: PySlice): boolean {
  return slice.start === null && slice.stop === null && slice.step === null;
}

function offsetsOf(array: NdArray): number[] {
  const offsets: number[] = [];
  array.forEachOffset((at) => offsets.push(at));
  return offsets;
}

export function getIndexed(rt: Runtime, array: NdArray, key: PyValue): PyValue {
  const items = indexItems(rt, key);
  const basic = basicView(array, items);
  if (basic) {
    if (basic.scalar) {
      const scalar = new NpScalar(array.dtype, array.buffer[basic.view.offset]);
      scalar.origin = array.origin;
      return scalar;
    }
    return basic.view;
  }
  const { offsets, shape } = advancedOffsets(array, items);
  const out = new Float64Array(offsets.length);
  offsets.forEach((at, i) => {
    out[i] = array.buffer[at];
  });
  const result = new NdArray(out, shape, array.dtype);
  result.origin = array.origin;
  return result;
}

/** Writes `value` (broadcast, cast to the array's dtype) at the offsets given. */
function writeValues(rt: Runtime, array: NdArray, offsets: readonly number[], targetShape: readonly number[], value: PyValue): void {
  const source = valuesFor(rt, value, array.dtype);
  const broadcast = broadcastTo(source.shape, targetShape);
  if (!broadcast) {
    raise(ValueError, `could not broadcast input array from shape ${shapeText(source.shape)} into shape ${shapeText(targetShape)}`);
  }
  const values = broadcast(source.values);
  offsets.forEach((at, i) => {
    array.buffer[at] = values[i];
  });
}

export function setIndexed(rt: Runtime, array: NdArray, key: PyValue, value: PyValue): void {
  const items = indexItems(rt, key);
  const basic = basicView(array, items);
  if (basic) {
    writeValues(rt, array, offsetsOf(basic.view), basic.view.shape, value);
    return;
  }
  const { offsets, shape } = advancedOffsets(array, items);
  // A mask selects a flat list; a scalar or a matching list fills it.
  writeValues(rt, array, offsets, shape, value);
}

/** Copies `value` into every element of `target` (in-place arithmetic). */
export function assign(rt: Runtime, target: NdArray, value: PyValue): void {
  writeValues(rt, target, offsetsOf(target), target.shape, value);
}

let valueConverter: ((rt: Runtime, value: PyValue, dtype: DType) => { shape: readonly number[]; values: Float64Array }) | undefined;
/** How assigned values become numbers of a dtype (np.asarray, with Python ints checked against the dtype). */
export function registerValueConversion(convert: (rt: Runtime, value: PyValue, dtype: DType) => { shape: readonly number[]; values: Float64Array }): void {
  valueConverter = convert;
}

function valuesFor(rt: Runtime, value: PyValue, dtype: DType): { shape: readonly number[]; values: Float64Array } {
  if (typeof value === 'bigint' || typeof value === 'boolean') {
    if (typeof value === 'bigint') checkPythonInt(value, dtype);
    return { shape: [], values: Float64Array.of(castValue(Number(asInt(value)), dtype)) };
  }
  if (typeof value === 'number') return { shape: [], values: Float64Array.of(castValue(value, dtype)) };
  if (!valueConverter) throw new Error('value conversion not registered');
  return valueConverter(rt, value, dtype);
}

/** A function spreading values of shape `from` over shape `to`, or undefined when they do not broadcast. */
export function broadcastTo(from: readonly number[], to: readonly number[]): ((values: Float64Array) => Float64Array) | undefined {
  if (from.length > to.length) {
    // Leading length-1 axes may go (`a[0] = [[5]]` into a row).
    const extra = from.length - to.length;
    if (from.slice(0, extra).some((length) => length !== 1)) return undefined;
    return broadcastTo(from.slice(extra), to);
  }
  const padded = [...new Array<number>(to.length - from.length).fill(1), ...from];
  if (padded.some((length, axis) => length !== 1 && length !== to[axis])) return undefined;
  const size = sizeOf(to);
  if (sizeOf(from) === size) return (values) => values;
  const strides = stridesOf(padded).map((stride, axis) => (padded[axis] === 1 ? 0 : stride));
  return (values) => {
    const out = new Float64Array(size);
    const view = new NdArray(values, to, 'float64', strides, 0);
    let k = 0;
    view.forEachOffset((at) => {
      out[k++] = values[at];
    });
    return out;
  };
}

export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

/** An axis argument normalised to 0…ndim-1, with NumPy's AxisError. */
export function normaliseAxis(value: PyValue, ndim: number): number {
  const axis = Number(toIndex(value));
  if (axis < -ndim || axis >= ndim) throw new PyError(AxisError, [`axis ${axis} is out of bounds for array of dimension ${ndim}`]);
  return axis < 0 ? axis + ndim : axis;
}
