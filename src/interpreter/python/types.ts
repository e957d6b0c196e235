// The object model's foundation: what a Python value is here, the protocol an object implements to take
// part in Python's operations, and Python classes (`PyType`). No imports, so every other module of the
// interpreter can build on it.
//
// Values: None is `null`, bool a JS boolean, int a BigInt, float a JS number, str a JS string; everything
// else (lists, functions, modules, NumPy arrays, tensors, …) is a PyObject.

export type PyValue = null | boolean | bigint | number | string | PyObject;

/** Keyword arguments of a call, in the order written; undefined when there are none. */
export type Kwargs = ReadonlyMap<string, PyValue> | undefined;

/** A Python operator an object may implement (`+`, `-`, …, `@`, the bit operators). */
export type OperatorName = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';
export type ComparisonName = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** Returned by an operator hook that does not handle its operand (Python's NotImplemented). */
export const NOT_IMPLEMENTED: unique symbol = Symbol('NotImplemented');
export type MaybeValue = PyValue | typeof NOT_IMPLEMENTED;

/** What the interpreter offers the objects and builtins it runs. */
export interface Runtime {
  /** The call being evaluated (its span in the module text), where a library call's result belongs. */
  readonly callSpan?: { readonly start: number; readonly end: number };
  /** Calls any callable value as Python does. */
  call(callable: PyValue, args: readonly PyValue[], kwargs?: Kwargs): PyValue;
  /** `value.name` as Python looks it up (attributes.ts). */
  getattr(value: PyValue, name: string): PyValue;
  /** Counts work (statements, loop rounds, elements): past the budget the code is stopped. */
  step(cost?: number): void;
  /** A warning (NumPy's RuntimeWarning): noted, once per message and place, as Python's default filter does. */
  warn(category: string, message: string): void;
  /** Text printed by the code. */
  write(text: string): void;
  repr(value: PyValue): string;
  str(value: PyValue): string;
}

/** An iterator as the interpreter drives it: `next` gives a value, or DONE at the end. */
export interface PyIterator {
  next(): PyValue | typeof DONE;
}
export const DONE: unique symbol = Symbol('done');

/**
 * A Python object: its class, and the parts of Python's data model it implements. A hook left out means
 * Python's default (an AttributeError, a TypeError "… is not callable", identity equality, …).
 */
export abstract class PyObject {
  abstract get type(): PyType;
  getattr?(rt: Runtime, name: string): PyValue | undefined;
  setattr?(rt: Runtime, name: string, value: PyValue): void;
  call?(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue;
  iterate?(rt: Runtime): PyIterator;
  length?(rt: Runtime): number;
  getitem?(rt: Runtime, key: PyValue): PyValue;
  setitem?(rt: Runtime, key: PyValue, value: PyValue): void;
  delitem?(rt: Runtime, key: PyValue): void;
  contains?(rt: Runtime, value: PyValue): boolean;
  /** `repr(x)`; absent: Python would print an address, which is refused. */
  repr?(rt: Runtime): string;
  /** `str(x)` when it differs from repr. */
  str?(rt: Runtime): string;
  truthy?(rt: Runtime): boolean;
  /** `self op other`, or `other op self` when `reflected`. */
  binary?(rt: Runtime, op: OperatorName, other: PyValue, reflected: boolean): MaybeValue;
  unary?(rt: Runtime, op: '-' | '+' | '~'): MaybeValue;
  /** `self op other` (the reflected comparison is asked with the operator swapped). */
  compare?(rt: Runtime, op: ComparisonName, other: PyValue): MaybeValue;
  /** A dict / set key (equal values, equal keys); absent: unhashable. */
  hashKey?(): string;
  /** `abs(x)` (`__abs__`). */
  absolute?(rt: Runtime): PyValue;
  /** `round(x, ndigits)` (`__round__`); ndigits undefined for `round(x)`. */
  round?(rt: Runtime, ndigits: bigint | undefined): PyValue;
  /** `x op= y` done in place (NumPy arrays); undefined when the object has no in-place form. */
  inPlace?(rt: Runtime, op: OperatorName, other: PyValue): PyValue | undefined;
  /** `float(x)` (`__float__`), for math functions. */
  toFloat?(): number;
  /** `int(x)` (`__int__`): truncation toward zero. */
  toInt?(): bigint;
  /** `operator.index(x)` (`__index__`), for indices and ranges. */
  toIndex?(): bigint;
}

/** A Python class: a name, a module, one base for `isinstance`, and what calling it does. */
export class PyType extends PyObject {
  readonly module: string;
  readonly base: PyType | undefined;
  /** Calling the class: `int('3')`, `ValueError('x')`, `np.float32(1)`; set where the behaviour lives. */
  construct: ((rt: Runtime, args: readonly PyValue[], kwargs: Kwargs) => PyValue) | undefined;
  /** Class attributes (`float.fromhex`, `np.float32` as a dtype), looked up on the class. */
  readonly attributes = new Map<string, PyValue>();

  constructor(
    readonly name: string,
    options: { readonly module?: string; readonly base?: PyType } = {},
  ) {
    super();
    this.module = options.module ?? 'builtins';
    this.base = options.base;
  }

  get type(): PyType {
    return TYPE;
  }

  /** `module.name` as repr, tracebacks and most messages spell it; builtins bare. */
  get qualifiedName(): string {
    return this.module === 'builtins' ? this.name : `${this.module}.${this.name}`;
  }

  isSubclassOf(other: PyType): boolean {
    for (let type: PyType | undefined = this; type; type = type.base) if (type === other) return true;
    return false;
  }

  override getattr(_rt: Runtime, name: string): PyValue | undefined {
    if (name === '__name__') return this.name;
    for (let type: PyType | undefined = this; type; type = type.base) {
      const found = type.attributes.get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  override repr(): string {
    return `<class '${this.qualifiedName}'>`;
  }

  override hashKey(): string {
    return `type:${this.qualifiedName}`;
  }
}

export const TYPE = new PyType('type');
