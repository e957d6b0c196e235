// NumPy's dtypes as the interpreter models them — bool, int8/16/32/64, uint8, float16/32/64 — with NumPy 2's
// promotion rules (NEP 50: a NumPy value's dtype is strong, a Python int, float or bool is weak and takes
// the other operand's kind where it can), the casts (rounding to the float width, wrapping ints), and the
// dtype objects and scalar types Python code names (`np.float32`, `a.dtype`, `dtype('float64')`).
import { roundToFloat16 } from '../../../render/numpyFloat';
import type { NumpyDType } from '../../../render/numpy';
import { OverflowError, Refusal, TypeError, raise } from '../errors';
import { FLOAT, INT } from '../objects';
import { NOT_IMPLEMENTED, PyObject, PyType, type MaybeValue, type PyValue } from '../types';

export type DType = NumpyDType;

export type Kind = 'b' | 'i' | 'u' | 'f';

interface DTypeInfo {
  readonly kind: Kind;
  /** Bytes per item. */
  readonly size: number;
}

export const DTYPES: Readonly<Record<DType, DTypeInfo>> = {
  bool: { kind: 'b', size: 1 },
  int8: { kind: 'i', size: 1 },
  int16: { kind: 'i', size: 2 },
  int32: { kind: 'i', size: 4 },
  int64: { kind: 'i', size: 8 },
  uint8: { kind: 'u', size: 1 },
  float16: { kind: 'f', size: 2 },
  float32: { kind: 'f', size: 4 },
  float64: { kind: 'f', size: 8 },
};

export const kindOf = (dtype: DType): Kind => DTYPES[dtype].kind;
export const isFloat = (dtype: DType): boolean => DTYPES[dtype].kind === 'f';
export const isInteger = (dtype: DType): boolean => DTYPES[dtype].kind === 'i' || DTYPES[dtype].kind === 'u';

/** The range of an integer dtype. */
export function integerBounds(dtype: DType): [number, number] {
  switch (dtype) {
    case 'int8':
      return [-128, 127];
    case 'int16':
      return [-32768, 32767];
    case 'int32':
      return [-(2 ** 31), 2 ** 31 - 1];
    case 'uint8':
      return [0, 255];
    case 'bool':
      return [0, 1];
    default:
      return [-(2 ** 63), 2 ** 63 - 1];
  }
}

const SIGNED_BY_SIZE: Readonly<Record<number, DType>> = { 1: 'int8', 2: 'int16', 4: 'int32', 8: 'int64' };
const FLOAT_BY_SIZE: Readonly<Record<number, DType>> = { 2: 'float16', 4: 'float32', 8: 'float64' };

/** np.result_type of two strong dtypes (NumPy's promotion table for the modelled dtypes). */
export function promote(a: DType, b: DType): DType {
  if (a === b) return a;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'b') return b;
  if (kb === 'b') return a;
  const sa = DTYPES[a].size;
  const sb = DTYPES[b].size;
  if (ka === 'f' || kb === 'f') {
    if (ka === 'f' && kb === 'f') return sa >= sb ? a : b;
    const [float, integer] = ka === 'f' ? [a, b] : [b, a];
    // An int promotes to the smallest float that holds it exactly: (u)int8 → float16, int16 → float32, wider → float64.
    const needed = DTYPES[integer].size === 1 ? 2 : DTYPES[integer].size === 2 ? 4 : 8;
    return FLOAT_BY_SIZE[Math.max(DTYPES[float].size, needed)];
  }
  if (ka === kb) return sa >= sb ? a : b;
  // Signed with unsigned: a signed type wider than the unsigned one.
  const [signed, unsigned] = ka === 'i' ? [a, b] : [b, a];
  const size = Math.max(DTYPES[signed].size, DTYPES[unsigned].size * 2);
  return SIGNED_BY_SIZE[Math.min(size, 8)];
}

/** The kind of a weak Python scalar in an operation. */
export type WeakKind = 'bool' | 'int' | 'float';

/**
 * The dtype of `array op python-scalar` under NEP 50: the array's dtype unless the scalar's kind is higher
 * (a Python float with an int array: float64; a Python int with a bool array: int64).
 */
export function promoteWeak(dtype: DType, weak: WeakKind): DType {
  const kind = kindOf(dtype);
  if (weak === 'bool') return dtype;
  if (weak === 'int') return kind === 'b' ? 'int64' : dtype;
  return kind === 'f' ? dtype : 'float64';
}

/** The default dtype of a Python scalar alone (`np.array(1.5)`). */
export function defaultOf(weak: WeakKind): DType {
  return weak === 'bool' ? 'bool' : weak === 'int' ? 'int64' : 'float64';
}

/** A value rounded (floats) or wrapped (ints) to what a dtype holds; int64 beyond 2^53 is refused. */
export function castValue(value: number, dtype: DType): number {
  switch (dtype) {
    case 'float64':
      return value;
    case 'float32':
      return Math.fround(value);
    case 'float16':
      return roundToFloat16(value);
    case 'bool':
      return value !== 0 ? 1 : 0;
    default:
      return castInteger(value, dtype);
  }
}

function castInteger(value: number, dtype: DType): number {
  // Float to int truncates; NaN and infinities have no int (NumPy gives the most negative value).
  if (!Number.isFinite(value)) return dtype === 'int64' ? -(2 ** 63) : dtype === 'int32' ? -(2 ** 31) : 0;
  const whole = Math.trunc(value);
  if (dtype === 'int64') {
    if (Math.abs(whole) > 2 ** 53) throw new Refusal('int64 values beyond 2**53 are outside what Activation Lens computes exactly', undefined, true);
    return whole === 0 ? 0 : whole;
  }
  const [low, high] = integerBounds(dtype);
  const span = high - low + 1;
  let wrapped = ((whole - low) % span + span) % span + low;
  if (Object.is(wrapped, -0)) wrapped = 0;
  return wrapped;
}

/** A Python int given to an operation with an integer dtype must fit it (NumPy 2 raises, never wraps). */
export function checkPythonInt(value: bigint, dtype: DType): void {
  if (!isInteger(dtype)) return;
  const [low, high] = integerBounds(dtype);
  if (value < BigInt(low) || value > BigInt(high)) raise(OverflowError, `Python integer ${value} out of bounds for ${dtype}`);
}

// -- dtype objects and scalar types ----------------------------------------------------------------------

export const DTYPE_TYPE = new PyType('dtype', { module: 'numpy' });

/** What `a.dtype` and `np.dtype('float32')` give: prints `dtype('float32')`, str `float32`, equal to its names. */
export class DTypeObject extends PyObject {
  private static readonly cache = new Map<DType, DTypeObject>();
  static of(dtype: DType): DTypeObject {
    let found = DTypeObject.cache.get(dtype);
    if (!found) DTypeObject.cache.set(dtype, (found = new DTypeObject(dtype)));
    return found;
  }
  private constructor(readonly dtype: DType) {
    super();
  }
  get type(): PyType {
    return DTYPE_TYPE;
  }
  override repr(): string {
    return `dtype('${this.dtype}')`;
  }
  override str(): string {
    return this.dtype;
  }
  override getattr(_rt: unknown, name: string): PyValue | undefined {
    if (name === 'name') return this.dtype;
    if (name === 'itemsize') return BigInt(DTYPES[this.dtype].size);
    if (name === 'kind') return kindOf(this.dtype);
    if (name === 'type') return SCALAR_TYPES[this.dtype];
    return undefined;
  }
  override compare(_rt: unknown, op: string, other: PyValue): MaybeValue {
    if (op !== '==' && op !== '!=') return NOT_IMPLEMENTED;
    const same = dtypeFrom(other, false) === this.dtype;
    return op === '==' ? same : !same;
  }
  override hashKey(): string {
    return `dtype:${this.dtype}`;
  }
}

/** NumPy's scalar types (`np.float64` is a Python float, `np.int64` not an int); set up with constructors by the module. */
export const GENERIC = new PyType('generic', { module: 'numpy' });
const NUMBER = new PyType('number', { module: 'numpy', base: GENERIC });
const INTEGER = new PyType('integer', { module: 'numpy', base: NUMBER });
const SIGNED = new PyType('signedinteger', { module: 'numpy', base: INTEGER });
const UNSIGNED = new PyType('unsignedinteger', { module: 'numpy', base: INTEGER });
const INEXACT = new PyType('inexact', { module: 'numpy', base: NUMBER });
const FLOATING = new PyType('floating', { module: 'numpy', base: INEXACT });

/** np.float64 derives from both np.floating and Python's float; `isinstance(x, float)` is what code asks. */
export const SCALAR_TYPES: Readonly<Record<DType, PyType>> = {
  bool: new PyType('bool', { module: 'numpy', base: GENERIC }),
  int8: new PyType('int8', { module: 'numpy', base: SIGNED }),
  int16: new PyType('int16', { module: 'numpy', base: SIGNED }),
  int32: new PyType('int32', { module: 'numpy', base: SIGNED }),
  int64: new PyType('int64', { module: 'numpy', base: SIGNED }),
  uint8: new PyType('uint8', { module: 'numpy', base: UNSIGNED }),
  float16: new PyType('float16', { module: 'numpy', base: FLOATING }),
  float32: new PyType('float32', { module: 'numpy', base: FLOATING }),
  float64: new PyType('float64', { module: 'numpy', base: FLOAT }),
};

export const ABSTRACT_TYPES = { generic: GENERIC, number: NUMBER, integer: INTEGER, signedinteger: SIGNED, unsignedinteger: UNSIGNED, inexact: INEXACT, floating: FLOATING };

/** Every spelling of a dtype Python code uses: names, NumPy types, dtype objects, `float` / `int` / `bool`. */
const NAMES: ReadonlyMap<string, DType> = new Map(
  Object.entries({
    bool: 'bool', bool_: 'bool', '?': 'bool', int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', int: 'int64', int_: 'int64',
    intp: 'int64', long: 'int64', uint8: 'uint8', ubyte: 'uint8', byte: 'int8', short: 'int16', intc: 'int32', float16: 'float16', half: 'float16',
    float32: 'float32', single: 'float32', float64: 'float64', double: 'float64', float: 'float64', f2: 'float16', f4: 'float32', f8: 'float64',
    i1: 'int8', i2: 'int16', i4: 'int32', i8: 'int64', u1: 'uint8', b1: 'bool',
  } as const),
);

/** The dtype a value names, or undefined (or a TypeError when `strict`). */
export function dtypeFrom(value: PyValue, strict = true): DType | undefined {
  if (value instanceof DTypeObject) return value.dtype;
  if (typeof value === 'string') {
    const found = NAMES.get(value.replace(/^[<>=|]/, ''));
    if (found) return found;
    if (strict) raise(TypeError, `data type '${value}' not understood`);
    return undefined;
  }
  if (value instanceof PyType) {
    for (const [dtype, type] of Object.entries(SCALAR_TYPES)) if (type === value) return dtype as DType;
    if (value === FLOAT) return 'float64';
    if (value === INT) return 'int64';
    if (value.name === 'bool' && value.module === 'builtins') return 'bool';
    // TensorFlow's dtypes name NumPy's.
    const named = (value as { numpyDType?: DType }).numpyDType;
    if (named) return named;
  }
  const tensorflow = (value as { numpyDType?: DType } | null)?.numpyDType;
  if (tensorflow) return tensorflow;
  if (strict) {
    if (value === null) return 'float64';
    raise(TypeError, `Cannot interpret '${typeof value === 'object' && value ? value.type.qualifiedName : String(value)}' as a data type`);
  }
  return undefined;
}
