// Python's data model over every value: type, truth, equality and ordering, hashing for dict keys, the
// arithmetic operators (numbers here, sequences here, objects through their hooks with Python's
// reflected-operand rule; a string's `%` is format.ts'), indexing, iteration, length, membership and calls; with
// CPython's TypeError / ValueError / IndexError messages.
import {
  IndexError,
  KeyError,
  NameError,
  PyError,
  Refusal,
  RuntimeError,
  TypeError,
  ValueError,
  ZeroDivisionError,
  raise,
} from './errors';
import {
  asInt,
  checkIntSize,
  compareIntFloat,
  floatFloorDivide,
  floatModulo,
  floatPower,
  intFloorDivide,
  intModulo,
  intPower,
  intToFloat,
  intTrueDivide,
  isNumber,
  toFloat,
  type PyNumber,
} from './numbers';
import {
  BOOL,
  FLOAT,
  INT,
  NONE_TYPE,
  PyDict,
  PyIteratorObject,
  PyList,
  PyRange,
  PySet,
  PySlice,
  PyTuple,
  STR,
  arrayIterator,
} from './objects';
import { pow as libmPow } from '../../core/float64';
import { DONE, NOT_IMPLEMENTED, PyObject, PyType, type ComparisonName, type Kwargs, type MaybeValue, type OperatorName, type PyIterator, type PyValue, type Runtime } from './types';

export function typeOf(value: PyValue): PyType {
  switch (typeof value) {
    case 'boolean':
      return BOOL;
    case 'bigint':
      return INT;
    case 'number':
      return FLOAT;
    case 'string':
      return STR;
    default:
      return value === null ? NONE_TYPE : value.type;
  }
}

/** The type's name as CPython's messages give it (`int`, `numpy.ndarray`). */
export function typeName(value: PyValue): string {
  return typeOf(value).qualifiedName;
}

export function isInstance(value: PyValue, type: PyType): boolean {
  return typeOf(value).isSubclassOf(type);
}

export function truthy(rt: Runtime, value: PyValue): boolean {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'bigint':
      return value !== 0n;
    case 'number':
      return value !== 0;
    case 'string':
      return value.length > 0;
    default:
      if (value === null) return false;
      if (value instanceof PyList || value instanceof PyTuple) return value.items.length > 0;
      if (value instanceof PyDict || value instanceof PySet) return value.entries.size > 0;
      if (value instanceof PyRange) return value.size > 0n;
      if (value.truthy) return value.truthy(rt);
      if (value.length) return value.length(rt) > 0;
      return true;
  }
}

// -- hashing and equality --------------------------------------------------------------------------------

/** The dict key of a value: equal values (1, 1.0, True) share one; unhashable values raise. */
export function hashKey(value: PyValue): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'i1' : 'i0';
    case 'bigint':
      return `i${value}`;
    case 'number':
      if (Number.isInteger(value)) return `i${BigInt(value)}`;
      return Number.isNaN(value) ? 'nan' : `f${value}`;
    case 'string':
      return `s${value}`;
    default:
      if (value === null) return 'None';
      if (value instanceof PyTuple) return `(${value.items.map(hashKey).join(',')})`;
      if (value.hashKey) return value.hashKey();
      if (value instanceof PyList || value instanceof PyDict || value instanceof PySet) raise(TypeError, `unhashable type: '${typeName(value)}'`);
      // Other objects hash by identity.
      return `id${identityOf(value)}`;
  }
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = nextIdentity++));
  return id;
}

/** `a is b`: identity for objects; equal small values are the same object in CPython's caches, as here. */
export function isSame(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b;
  return a === b;
}

function compareNumbers(a: PyNumber, b: PyNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a === 'number') return -compareIntFloat(asInt(b as boolean | bigint), a);
  if (typeof b === 'number') return compareIntFloat(asInt(a), b);
  const x = asInt(a);
  const y = asInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `a == b` as a bool, for containers (identity first, as CPython's list comparison does). */
export function equals(rt: Runtime, a: PyValue, b: PyValue): boolean {
  if (a === b && !(typeof a === 'number' && Number.isNaN(a))) return true;
  return truthy(rt, compare(rt, '==', a, b));
}

const SWAPPED: Readonly<Record<ComparisonName, ComparisonName>> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function orderResult(op: ComparisonName, sign: number): boolean {
  switch (op) {
    case '==':
      return sign === 0;
    case '!=':
      return sign !== 0;
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
    case '>':
      return sign > 0;
    default:
      return sign >= 0;
  }
}

/** A rich comparison `a op b`: a bool for built-in values, whatever an object's hook returns (NumPy: arrays). */
export function compare(rt: Runtime, op: ComparisonName, a: PyValue, b: PyValue): PyValue {
  if (isNumber(a) && isNumber(b)) return orderResult(op, compareNumbers(a, b));
  if (typeof a === 'string' && typeof b === 'string') return orderResult(op, a < b ? -1 : a > b ? 1 : 0);
  if (a instanceof PyObject && a.compare) {
    const result = a.compare(rt, op, b);
    if (result !== NOT_IMPLEMENTED) return result;
  }
  if (b instanceof PyObject && b.compare) {
    const result = b.compare(rt, SWAPPED[op], a);
    if (result !== NOT_IMPLEMENTED) return result;
  }
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) return compareSequences(rt, op, a.items, b.items);
  if (op === '==' || op === '!=') {
    let same: boolean;
    if (a instanceof PyDict && b instanceof PyDict) same = dictsEqual(rt, a, b);
    else if (a instanceof PySet && b instanceof PySet) same = a.entries.size === b.entries.size && [...a.entries.keys()].every((key) => b.entries.has(key));
    else if (a instanceof PyRange && b instanceof PyRange) same = rangesEqual(a, b);
    else same = isSame(a, b);
    return op === '==' ? same : !same;
  }
  raise(TypeError, `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function compareSequences(rt: Runtime, op: ComparisonName, a: readonly PyValue[], b: readonly PyValue[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (equals(rt, a[i], b[i])) continue;
    if (op === '==') return false;
    if (op === '!=') return true;
    return truthy(rt, compare(rt, op, a[i], b[i]));
  }
  return orderResult(op, a.length - b.length);
}

function dictsEqual(rt: Runtime, a: PyDict, b: PyDict): boolean {
  if (a.entries.size !== b.entries.size) return false;
  for (const [key, [, value]] of a.entries) {
    const other = b.entries.get(key);
    if (!other || !equals(rt, value, other[1])) return false;
  }
  return true;
}

function rangesEqual(a: PyRange, b: PyRange): boolean {
  const length = a.size;
  if (length !== b.size) return false;
  if (length === 0n) return true;
  if (a.start !== b.start) return false;
  return length === 1n || a.step === b.step;
}

// -- arithmetic ------------------------------------------------------------------------------------------

function numericBinary(op: OperatorName, a: PyNumber, b: PyNumber): MaybeValue {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toFloat(a);
    const y = toFloat(b);
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        if (y === 0) raise(ZeroDivisionError, 'float division by zero');
        return x / y;
      case '//':
        return floatFloorDivide(x, y);
      case '%':
        return floatModulo(x, y);
      case '**':
        return floatPower(x, y, libmPow);
      default:
        return NOT_IMPLEMENTED;
    }
  }
  if (typeof a === 'boolean' && typeof b === 'boolean' && (op === '&' || op === '|' || op === '^')) {
    return op === '&' ? a && b : op === '|' ? a || b : a !== b;
  }
  const x = asInt(a);
  const y = asInt(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return checkIntSize(x * y);
    case '/':
      return intTrueDivide(x, y);
    case '//':
      return intFloorDivide(x, y);
    case '%':
      return intModulo(x, y);
    case '**':
      if (y < 0n) return floatPower(intToFloat(x), intToFloat(y), libmPow);
      return intPower(x, y);
    case '<<':
      if (y < 0n) raise(ValueError, 'negative shift count');
      if (x !== 0n && y > BigInt(1 << 20)) throw new Refusal('this shift makes an int larger than Activation Lens computes', undefined, true);
      return checkIntSize(x << y);
    case '>>':
      if (y < 0n) raise(ValueError, 'negative shift count');
      return x >> y;
    case '&':
      return x & y;
    case '|':
      return x | y;
    case '^':
      return x ^ y;
    default:
      return NOT_IMPLEMENTED;
  }
}

/** A sequence repeated `count` times (`[0] * 3`, `'ab' * 2`), with CPython's error for a non-int count. */
function repeatCount(rt: Runtime, count: PyValue, sequence: PyValue): number | undefined {
  if (typeof count === 'bigint' || typeof count === 'boolean') {
    const n = asInt(count);
    const length = typeof sequence === 'string' ? sequence.length : sequence instanceof PyList || sequence instanceof PyTuple ? sequence.items.length : 0;
    const total = n <= 0n ? 0 : Number(n) * length;
    if (total > 10_000_000) throw new Refusal(`this repetition makes ${total.toLocaleString('en-US')} items, more than Activation Lens holds`, undefined, true);
    rt.step(total / 1000);
    return n <= 0n ? 0 : Number(n);
  }
  if (count instanceof PyObject && count.toIndex) return Number(count.toIndex());
  if (typeof count === 'number' || count instanceof PyObject) raise(TypeError, `can't multiply sequence by non-int of type '${typeName(count)}'`);
  return undefined;
}

function sequenceBinary(rt: Runtime, op: OperatorName, a: PyValue, b: PyValue): MaybeValue {
  if (op === '+') {
    if (typeof a === 'string') {
      if (typeof b === 'string') return a + b;
      raise(TypeError, `can only concatenate str (not "${typeName(b)}") to str`);
    }
    if (a instanceof PyList) {
      if (b instanceof PyList) return new PyList([...a.items, ...b.items]);
      raise(TypeError, `can only concatenate list (not "${typeName(b)}") to list`);
    }
    if (a instanceof PyTuple) {
      if (b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
      raise(TypeError, `can only concatenate tuple (not "${typeName(b)}") to tuple`);
    }
    return NOT_IMPLEMENTED;
  }
  if (op === '*') {
    const [sequence, count] = typeof a === 'string' || a instanceof PyList || a instanceof PyTuple ? [a, b] : [b, a];
    if (!(typeof sequence === 'string' || sequence instanceof PyList || sequence instanceof PyTuple)) return NOT_IMPLEMENTED;
    const n = repeatCount(rt, count, sequence);
    if (n === undefined) return NOT_IMPLEMENTED;
    if (typeof sequence === 'string') return sequence.repeat(n);
    const items: PyValue[] = [];
    for (let i = 0; i < n; i++) items.push(...sequence.items);
    return sequence instanceof PyList ? new PyList(items) : new PyTuple(items);
  }
  return NOT_IMPLEMENTED;
}

/** `a op b` with Python's dispatch: numbers, then objects (an object on the right gets its reflected turn), then sequences. */
export function binary(rt: Runtime, op: OperatorName, a: PyValue, b: PyValue): PyValue {
  if (typeof a === 'number' && typeof b === 'number') {
    // The common float case, without the general dispatch.
    if (op === '+') return a + b;
    if (op === '-') return a - b;
    if (op === '*') return a * b;
  }
  if (isNumber(a) && isNumber(b)) {
    const result = numericBinary(op, a, b);
    if (result !== NOT_IMPLEMENTED) return result;
  } else {
    if (a instanceof PyObject && a.binary) {
      const result = a.binary(rt, op, b, false);
      if (result !== NOT_IMPLEMENTED) return result;
    }
    if (b instanceof PyObject && b.binary) {
      const result = b.binary(rt, op, a, true);
      if (result !== NOT_IMPLEMENTED) return result;
    }
    const result = sequenceBinary(rt, op, a, b);
    if (result !== NOT_IMPLEMENTED) return result;
  }
  raise(TypeError, `unsupported operand type(s) for ${op === '**' ? '** or pow()' : op}: '${typeName(a)}' and '${typeName(b)}'`);
}

export function unary(rt: Runtime, op: '-' | '+' | '~', value: PyValue): PyValue {
  switch (typeof value) {
    case 'number':
      if (op === '-') return -value;
      if (op === '+') return value;
      break;
    case 'bigint':
    case 'boolean': {
      const x = asInt(value);
      return op === '-' ? -x : op === '+' ? x : ~x;
    }
    default:
      if (value instanceof PyObject && value.unary) {
        const result = value.unary(rt, op);
        if (result !== NOT_IMPLEMENTED) return result;
      }
  }
  raise(TypeError, `bad operand type for unary ${op}: '${typeName(value)}'`);
}

// -- calls -----------------------------------------------------------------------------------------------

export function call(rt: Runtime, callable: PyValue, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  if (callable instanceof PyType) {
    if (!callable.construct) raise(TypeError, `cannot create '${callable.qualifiedName}' instances`);
    return callable.construct(rt, args, kwargs);
  }
  if (callable instanceof PyObject && callable.call) return callable.call(rt, args, kwargs);
  raise(TypeError, `'${typeName(callable)}' object is not callable`);
}

// -- indices ---------------------------------------------------------------------------------------------

/** `operator.index(x)`: ints, bools and objects with `__index__`; else CPython's message for the use. */
export function toIndex(value: PyValue, message?: (type: string) => string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (value instanceof PyObject && value.toIndex) return value.toIndex();
  raise(TypeError, message ? message(typeName(value)) : `'${typeName(value)}' object cannot be interpreted as an integer`);
}

/** `float(x)` for a numeric argument (math functions): ints, floats, bools, objects with `__float__`. */
export function toFloatArgument(value: PyValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return intToFloat(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof PyObject && value.toFloat) return value.toFloat();
  if (value instanceof PyObject && value.toIndex) return intToFloat(value.toIndex());
  raise(TypeError, `must be real number, not ${typeName(value)}`);
}

/** The start, stop and step a slice selects from a sequence of `length` items (slice.indices). */
export function sliceIndices(slice: PySlice, length: number): { start: number; stop: number; step: number; count: number } {
  const read = (value: PyValue): bigint | undefined => (value === null ? undefined : toIndex(value, () => 'slice indices must be integers or None or have an __index__ method'));
  const stepValue = read(slice.step) ?? 1n;
  if (stepValue === 0n) raise(ValueError, 'slice step cannot be zero');
  const step = Number(stepValue);
  const n = BigInt(length);
  const clamp = (value: bigint | undefined, fallback: number, low: bigint, high: bigint): number => {
    if (value === undefined) return fallback;
    let v = value < 0n ? value + n : value;
    if (v < low) v = low;
    if (v > high) v = high;
    return Number(v);
  };
  const start = step > 0 ? clamp(read(slice.start), 0, 0n, n) : clamp(read(slice.start), length - 1, -1n, n - 1n);
  const stop = step > 0 ? clamp(read(slice.stop), length, 0n, n) : clamp(read(slice.stop), -1, -1n, n - 1n);
  const count = step > 0 ? (stop > start ? Math.ceil((stop - start) / step) : 0) : start > stop ? Math.ceil((start - stop) / -step) : 0;
  return { start, stop, step, count };
}

function sequenceIndex(value: PyValue, length: number, what: string): number {
  const index = toIndex(value, (type) => `${what} indices must be integers or slices, not ${type}`);
  const k = index < 0n ? index + BigInt(length) : index;
  if (k < 0n || k >= BigInt(length)) raise(IndexError, `${what} index out of range`);
  return Number(k);
}

function sliceItems<T>(items: readonly T[], slice: PySlice): T[] {
  const { start, step, count } = sliceIndices(slice, items.length);
  const out: T[] = [];
  for (let i = 0, k = start; i < count; i++, k += step) out.push(items[k]);
  return out;
}

export function getitem(rt: Runtime, container: PyValue, key: PyValue): PyValue {
  if (container instanceof PyList || container instanceof PyTuple) {
    const what = container instanceof PyList ? 'list' : 'tuple';
    if (key instanceof PySlice) return container instanceof PyList ? new PyList(sliceItems(container.items, key)) : new PyTuple(sliceItems(container.items, key));
    return container.items[sequenceIndex(key, container.items.length, what)];
  }
  if (container instanceof PyDict) {
    const entry = container.entries.get(hashKey(key));
    if (!entry) throw new PyError(KeyError, [key]);
    return entry[1];
  }
  if (typeof container === 'string') {
    const chars = codePoints(container);
    if (key instanceof PySlice) return sliceItems(chars, key).join('');
    return chars[sequenceIndex(key, chars.length, 'string')];
  }
  if (container instanceof PyRange) {
    const length = Number(container.size);
    if (key instanceof PySlice) {
      const { start, step, count } = sliceIndices(key, length);
      const first = container.at(BigInt(start));
      const newStep = container.step * BigInt(step);
      return new PyRange(first, first + newStep * BigInt(count), newStep);
    }
    return container.at(BigInt(sequenceIndex(key, length, 'range object')));
  }
  if (container instanceof PyObject && container.getitem) return container.getitem(rt, key);
  if (container instanceof PyType) raise(TypeError, `type '${container.qualifiedName}' is not subscriptable`);
  raise(TypeError, `'${typeName(container)}' object is not subscriptable`);
}

export function setitem(rt: Runtime, container: PyValue, key: PyValue, value: PyValue): void {
  if (container instanceof PyList) {
    if (key instanceof PySlice) {
      const replacement = collect(rt, value);
      const { start, stop, step, count } = sliceIndices(key, container.items.length);
      if (step === 1) {
        container.items.splice(start, Math.max(0, stop - start), ...replacement);
        return;
      }
      if (replacement.length !== count) raise(ValueError, `attempt to assign sequence of size ${replacement.length} to extended slice of size ${count}`);
      for (let i = 0, k = start; i < count; i++, k += step) container.items[k] = replacement[i];
      return;
    }
    container.items[sequenceIndex(key, container.items.length, 'list assignment')] = value;
    return;
  }
  if (container instanceof PyDict) {
    container.entries.set(hashKey(key), [key, value]);
    return;
  }
  if (container instanceof PyObject && container.setitem) {
    container.setitem(rt, key, value);
    return;
  }
  raise(TypeError, `'${typeName(container)}' object does not support item assignment`);
}

export function delitem(rt: Runtime, container: PyValue, key: PyValue): void {
  if (container instanceof PyList) {
    if (key instanceof PySlice) {
      const { start, step, count } = sliceIndices(key, container.items.length);
      const doomed = new Set<number>();
      for (let i = 0, k = start; i < count; i++, k += step) doomed.add(k);
      container.items = container.items.filter((_, i) => !doomed.has(i));
      return;
    }
    container.items.splice(sequenceIndex(key, container.items.length, 'list assignment'), 1);
    return;
  }
  if (container instanceof PyDict) {
    if (!container.entries.delete(hashKey(key))) throw new PyError(KeyError, [key]);
    return;
  }
  if (container instanceof PyObject && container.delitem) {
    container.delitem(rt, key);
    return;
  }
  raise(TypeError, `'${typeName(container)}' object doesn't support item deletion`);
}

// -- iteration -------------------------------------------------------------------------------------------

/** The characters of a str as Python counts them (code points, not UTF-16 units). */
export function codePoints(text: string): string[] {
  return /[\ud800-\udfff]/.test(text) ? Array.from(text) : text.split('');
}

export function iterate(rt: Runtime, value: PyValue): PyIterator {
  if (value instanceof PyList) {
    // A list iterator sees the list as it changes, as CPython's does.
    let i = 0;
    return { next: () => (i < value.items.length ? value.items[i++] : DONE) };
  }
  if (value instanceof PyTuple) return arrayIterator(value.items);
  if (typeof value === 'string') return arrayIterator(codePoints(value));
  if (value instanceof PyRange) {
    let current = value.start;
    const { stop, step } = value;
    return {
      next: () => {
        if (step > 0n ? current >= stop : current <= stop) return DONE;
        const result = current;
        current += step;
        return result;
      },
    };
  }
  if (value instanceof PyDict) {
    const size = value.entries.size;
    const keys = [...value.entries.values()].map(([key]) => key);
    let i = 0;
    return {
      next: () => {
        if (value.entries.size !== size) raise(RuntimeError, 'dictionary changed size during iteration');
        return i < keys.length ? keys[i++] : DONE;
      },
    };
  }
  if (value instanceof PySet) return arrayIterator([...value.entries.values()]);
  if (value instanceof PyObject && value.iterate) return value.iterate(rt);
  raise(TypeError, `'${typeName(value)}' object is not iterable`);
}

/** Every item of an iterable, as a JS array (counted against the step budget). */
export function collect(rt: Runtime, value: PyValue): PyValue[] {
  if (value instanceof PyList || value instanceof PyTuple) return [...value.items];
  const iterator = iterate(rt, value);
  const items: PyValue[] = [];
  for (let item = iterator.next(); item !== DONE; item = iterator.next()) {
    items.push(item);
    if ((items.length & 1023) === 0) rt.step(1);
  }
  return items;
}

/** Unpacks an iterable into exactly `count` targets, or `count` plus a starred list at `starAt`. */
export function unpack(rt: Runtime, value: PyValue, count: number, starAt?: number): PyValue[] {
  if (!(value instanceof PyObject || typeof value === 'string') || (value instanceof PyObject && !canIterate(value))) {
    raise(TypeError, `cannot unpack non-iterable ${typeName(value)} object`);
  }
  const items = collect(rt, value);
  if (starAt === undefined) {
    if (items.length > count) raise(ValueError, `too many values to unpack (expected ${count})`);
    if (items.length < count) raise(ValueError, `not enough values to unpack (expected ${count}, got ${items.length})`);
    return items;
  }
  if (items.length < count) raise(ValueError, `not enough values to unpack (expected at least ${count}, got ${items.length})`);
  const after = count - starAt;
  return [...items.slice(0, starAt), new PyList(items.slice(starAt, items.length - after)), ...items.slice(items.length - after)];
}

function canIterate(value: PyObject): boolean {
  return value instanceof PyList || value instanceof PyTuple || value instanceof PyRange || value instanceof PyDict || value instanceof PySet || value.iterate !== undefined;
}

export function length(rt: Runtime, value: PyValue): number {
  if (typeof value === 'string') return codePoints(value).length;
  if (value instanceof PyList || value instanceof PyTuple) return value.items.length;
  if (value instanceof PyDict || value instanceof PySet) return value.entries.size;
  if (value instanceof PyRange) return Number(value.size);
  if (value instanceof PyObject && value.length) return value.length(rt);
  raise(TypeError, `object of type '${typeName(value)}' has no len()`);
}

export function contains(rt: Runtime, container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') raise(TypeError, `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyDict) return container.entries.has(hashKey(item));
  if (container instanceof PySet) return container.entries.has(hashKey(item));
  if (container instanceof PyRange && (typeof item === 'bigint' || typeof item === 'boolean')) {
    const x = asInt(item);
    const { start, stop, step } = container;
    const inside = step > 0n ? x >= start && x < stop : x <= start && x > stop;
    return inside && (x - start) % step === 0n;
  }
  if (container instanceof PyObject && container.contains) return container.contains(rt, item);
  if (container instanceof PyList || container instanceof PyTuple) return container.items.some((candidate) => equals(rt, candidate, item));
  const iterator = iterate(rt, container);
  for (let candidate = iterator.next(); candidate !== DONE; candidate = iterator.next()) if (equals(rt, candidate, item)) return true;
  return false;
}

export function iteratorObject(source: PyIterator): PyIteratorObject {
  return new PyIteratorObject(source);
}

// -- suggestions -----------------------------------------------------------------------------------------

const MOVE_COST = 2;
const CASE_COST = 1;
const MAX_STRING_SIZE = 40;
const MAX_CANDIDATE_ITEMS = 750;

/** CPython's levenshtein_distance (Python/suggestions.c), with its costs and early exits. */
function levenshtein(a: string, b: string, maxCost: number): number {
  if (a === b) return 0;
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  a = a.slice(pre);
  b = b.slice(pre);
  let post = 0;
  while (post < a.length && post < b.length && a[a.length - 1 - post] === b[b.length - 1 - post]) post++;
  a = a.slice(0, a.length - post);
  b = b.slice(0, b.length - post);
  if (!a.length || !b.length) return MOVE_COST * (a.length + b.length);
  if (a.length > MAX_STRING_SIZE || b.length > MAX_STRING_SIZE) return maxCost + 1;
  if (b.length < a.length) [a, b] = [b, a];
  if ((b.length - a.length) * MOVE_COST > maxCost) return maxCost + 1;
  const row: number[] = [];
  for (let i = 1; i <= a.length; i++) row.push(i * MOVE_COST);
  let result = 0;
  for (let bIndex = 0; bIndex < b.length; bIndex++) {
    const bChar = b[bIndex];
    let distance = (result = bIndex * MOVE_COST);
    let minimum = Infinity;
    for (let index = 0; index < a.length; index++) {
      const cost = bChar === a[index] ? 0 : bChar.toLowerCase() === a[index].toLowerCase() ? CASE_COST : MOVE_COST;
      const substitute = distance + cost;
      distance = row[index];
      const insertDelete = Math.min(result, distance) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      row[index] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/** The "Did you mean" name CPython's traceback would suggest among `candidates`, in their order. */
export function suggestName(wrong: string, candidates: readonly string[]): string | undefined {
  if (candidates.length > MAX_CANDIDATE_ITEMS || wrong.length > MAX_STRING_SIZE) return undefined;
  let bestDistance = wrong.length;
  let suggestion: string | undefined;
  for (const candidate of candidates) {
    if (candidate === wrong) continue;
    let maxDistance = Math.floor(((candidate.length + wrong.length + 3) * MOVE_COST) / 6);
    maxDistance = Math.min(maxDistance, bestDistance - 1);
    const distance = levenshtein(wrong, candidate, maxDistance);
    if (distance > maxDistance) continue;
    if (!suggestion || distance < bestDistance) {
      suggestion = candidate;
      bestDistance = distance;
    }
  }
  return suggestion;
}

/** NameError for a name, with the suggestion from the names in scope (locals, globals, builtins, in that order). */
export function nameError(name: string, scope: { readonly names: readonly string[]; readonly assigned: ReadonlySet<string> }): PyError {
  const error = new PyError(NameError, [`name '${name}' is not defined`]);
  error.suggestion = suggestName(name, scope.names);
  error.suggestsAssigned = error.suggestion !== undefined && scope.assigned.has(error.suggestion);
  return error;
}
