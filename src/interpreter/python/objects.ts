// The built-in Python objects the interpreter models: list, tuple, dict, set, range, slice, built-in
// functions and modules, exception instances, and the marker for a value Activation Lens could not compute.
// Their Python behaviour beyond storage (operators, methods, printing) lives in ops.ts and builtins.ts.
import { PyError, Refusal, type Span } from './errors';
import { DONE, PyObject, PyType, type Kwargs, type PyIterator, type PyValue, type Runtime } from './types';

export const NONE_TYPE = new PyType('NoneType');
export const INT = new PyType('int');
export const BOOL = new PyType('bool', { base: INT });
export const FLOAT = new PyType('float');
export const STR = new PyType('str');
export const LIST = new PyType('list');
export const TUPLE = new PyType('tuple');
export const DICT = new PyType('dict');
export const SET = new PyType('set');
export const RANGE = new PyType('range');
export const SLICE = new PyType('slice');
export const FUNCTION = new PyType('function');
export const BUILTIN_FUNCTION = new PyType('builtin_function_or_method');
export const MODULE = new PyType('module');
export const ELLIPSIS_TYPE = new PyType('ellipsis');
export const NOT_IMPLEMENTED_TYPE = new PyType('NotImplementedType');
export const ITERATOR = new PyType('iterator');
export const GENERATOR = new PyType('generator');
export const OBJECT = new PyType('object');

export class PyList extends PyObject {
  constructor(public items: PyValue[]) {
    super();
  }
  get type(): PyType {
    return LIST;
  }
}

export class PyTuple extends PyObject {
  constructor(readonly items: readonly PyValue[]) {
    super();
  }
  get type(): PyType {
    return TUPLE;
  }
}

export const EMPTY_TUPLE = new PyTuple([]);

/** A dict: insertion-ordered entries keyed by Python equality (1, 1.0 and True are one key). */
export class PyDict extends PyObject {
  readonly entries = new Map<string, [PyValue, PyValue]>();
  get type(): PyType {
    return DICT;
  }
}

export class PySet extends PyObject {
  readonly entries = new Map<string, PyValue>();
  get type(): PyType {
    return SET;
  }
}

export class PyRange extends PyObject {
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {
    super();
  }
  get type(): PyType {
    return RANGE;
  }
  get size(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return start < stop ? (stop - start - 1n) / step + 1n : 0n;
    return start > stop ? (start - stop - 1n) / -step + 1n : 0n;
  }
  at(index: bigint): bigint {
    return this.start + index * this.step;
  }
}

export class PySlice extends PyObject {
  constructor(
    readonly start: PyValue,
    readonly stop: PyValue,
    readonly step: PyValue,
  ) {
    super();
  }
  get type(): PyType {
    return SLICE;
  }
}

/** Python's `...`. */
export class PyEllipsis extends PyObject {
  get type(): PyType {
    return ELLIPSIS_TYPE;
  }
  override repr(): string {
    return 'Ellipsis';
  }
}
export const ELLIPSIS_VALUE = new PyEllipsis();

export type BuiltinImplementation = (rt: Runtime, args: readonly PyValue[], kwargs: Kwargs) => PyValue;

/** A function implemented by the interpreter: `len`, `math.exp`, `np.linspace`, a bound method `xs.append`. */
export class PyBuiltin extends PyObject {
  constructor(
    readonly name: string,
    readonly implementation: BuiltinImplementation,
    /** Where it lives, for `repr` (`<built-in function exp>`) and messages. */
    readonly owner?: string,
  ) {
    super();
  }
  get type(): PyType {
    return BUILTIN_FUNCTION;
  }
  override call(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    return this.implementation(rt, args, kwargs);
  }
  override repr(): string {
    return `<built-in function ${this.name}>`;
  }
  override hashKey(): string {
    return `builtin:${this.owner ?? ''}.${this.name}`;
  }
}

/** A module of the subset (`math`, `numpy`): named attributes. */
export class PyModule extends PyObject {
  readonly attributes = new Map<string, PyValue>();
  constructor(
    readonly name: string,
    /** Names a real module has that are not modelled: refused rather than an AttributeError. */
    readonly unmodelled: ReadonlySet<string> = new Set(),
  ) {
    super();
  }
  get type(): PyType {
    return MODULE;
  }
  override getattr(_rt: Runtime, name: string): PyValue | undefined {
    const found = this.attributes.get(name);
    if (found !== undefined) return found;
    if (this.unmodelled.has(name)) throw new Refusal(`\`${this.name}.${name}\` is not modelled by Activation Lens`);
    return undefined;
  }
  override repr(): string {
    return `<module '${this.name}' (built-in)>`;
  }
  override hashKey(): string {
    return `module:${this.name}`;
  }
}

/** An instance of an exception class: what `except E as e` binds and `raise` raises. */
export class PyExceptionInstance extends PyObject {
  constructor(
    readonly exceptionType: PyType,
    readonly args: readonly PyValue[],
  ) {
    super();
  }
  get type(): PyType {
    return this.exceptionType;
  }
  override getattr(_rt: Runtime, name: string): PyValue | undefined {
    return name === 'args' ? new PyTuple(this.args) : undefined;
  }
  /** The PyError that raises this instance (keeps its identity through `raise e`). */
  toError(span?: Span): PyError {
    const error = new PyError(this.exceptionType, this.args, span);
    (error as { instance?: PyExceptionInstance }).instance = this;
    return error;
  }
}

/**
 * A value that exists when Python runs the code but not here: the result of a call Activation Lens does not
 * model. Reading the name it is bound to is refused with the reason, rather than a NameError Python would
 * never raise.
 */
export class PyUnknown extends PyObject {
  constructor(
    readonly reason: string,
    /** The first value not known in a chain of assignments that used one another (named with its reason). */
    readonly origin?: string,
  ) {
    super();
  }
  get type(): PyType {
    return OBJECT;
  }
}

/** A variable shared between a function and the functions defined inside it. */
export class PyCell {
  constructor(public value: PyValue | undefined = undefined) {}
}

/** An iterator object (`iter(xs)`, `zip(…)`, `map(…)`, a generator expression), iterable once. */
export class PyIteratorObject extends PyObject {
  constructor(
    private readonly source: PyIterator,
    private readonly kind: PyType = ITERATOR,
  ) {
    super();
  }
  get type(): PyType {
    return this.kind;
  }
  next(): PyValue | typeof DONE {
    return this.source.next();
  }
  override iterate(): PyIterator {
    return this.source;
  }
}

export function arrayIterator(items: readonly PyValue[]): PyIterator {
  let i = 0;
  return { next: () => (i < items.length ? items[i++] : DONE) };
}
