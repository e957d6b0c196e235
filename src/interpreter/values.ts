// Values people select, read without running anything: Python and TS/JS number literals in every spelling,
// nested lists as n-d arrays, and the constructors of NumPy, TensorFlow and TensorFlow.js (`np.array`,
// `np.linspace`, `tf.constant(..., dtype=...)`, `tf.range`, tfjs `tf.tensor2d`, ...), computed the way
// those libraries compute them. Errors say what was expected and where; sizes are checked before any
// allocation, so `np.linspace(0, 1, 1e9)` is refused at once.
import { formatShape, sizeOf, type Float32NdArray, type NdArray, type NumpyDType } from '../render/numpy';
import { roundToFloat16 } from '../render/numpyFloat';
import type { Flavour, ParamValue } from '../core/catalog/types';
import { pythonFloatFromString } from '../language/reference';
import { lineStarts, positionAt } from '../language/positions';
import { Lexer, type Dialect } from './valuesLexer';
import { dottedPath, ExpressionParser, MAX_ELEMENTS, ParseError, type Expr, type Keyword, type Span } from './valuesParser';

export type { Dialect } from './valuesLexer';
export { MAX_ELEMENTS } from './valuesParser';

/** Longest text read as values or as a snippet (10 MB). */
export const MAX_TEXT_LENGTH = 10_000_000;

export type DType = NumpyDType;

/**
 * What made an array: a Python/JS list, a NumPy ndarray (or scalar), a TensorFlow tensor, a tfjs tensor;
 * and what tfjs hands back from a tensor, a typed array (`dataSync()`) or nested JS arrays (`arraySync()`).
 */
export type Container = 'list' | 'ndarray' | 'tensor' | 'tfjs' | 'typed' | 'jsarray';

export interface ArrayValue {
  readonly kind: 'array';
  readonly container: Container;
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Row-major values as doubles (already rounded when the dtype is float32 or an integer type). */
  readonly data: Float64Array;
  /** A Python tuple rather than a list (`(1, 2)`, a shape): printed in parentheses. */
  readonly tuple?: boolean;
  /** `list(x)` of an ndarray or tensor: a Python list of x's rows, printed as that container prints them. */
  readonly rowsOf?: Container;
}

/** An activation function or layer object, with the parameters it was made with. */
export interface ActivationRef {
  /** Keras 3 name of the activation computed. */
  readonly name: string;
  readonly flavour: Flavour;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** How to name it to a reader: `tf.keras.activations.relu`, `LeakyReLU(negative_slope=0.1)`. */
  readonly label: string;
  /** A layer object (called on a tensor, or `.apply(x)` in tfjs) rather than a function. */
  readonly layer: boolean;
}

export type Value =
  | { readonly kind: 'number'; readonly value: number; readonly integer: boolean }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'dtype'; readonly dtype: DType }
  | ArrayValue
  /** A list or tuple holding something other than numbers (tensors, strings, shapes). */
  | { readonly kind: 'sequence'; readonly items: readonly Value[]; readonly tuple: boolean; readonly spans: readonly Span[] }
  /** A JS object literal or Python dict with string keys (tfjs layer configs). */
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, Value> }
  /** A module or namespace reached by attribute access (`tf.keras.activations`). */
  | { readonly kind: 'module'; readonly path: string }
  | { readonly kind: 'activation'; readonly ref: ActivationRef };

/** A value that cannot be computed here, or a wrong one; positioned, with `{related}` for a second place. */
export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
    readonly related?: number,
    /** A size limit was hit: refused rather than wrong. */
    readonly refusal = false,
  ) {
    super(message);
  }
}

/** What the evaluator needs from its surroundings: names, imports and calls it does not model itself. */
export interface EvalContext {
  readonly dialect: Dialect;
  readonly maxElements: number;
  /** The value bound to a name; throws an EvaluationError saying why when it is not known. */
  lookup(name: string, span: Span): Value;
  /** Whether a name is bound (by an assignment) in the code read so far. */
  isBound(name: string): boolean;
  /** The module a name stands for (`np` → `numpy`, `tf` → `tensorflow` or `tfjs`), from imports or convention. */
  modulePath(name: string): string | undefined;
  /** Calls the snippet layer models (activation functions, layers); undefined when it does not know them. */
  callHook?(call: Extract<Expr, { kind: 'call' }>): Value | undefined;
}

/**
 * Conventional aliases when the text has no imports (a bare selection). Maps, not object literals: a name
 * such as `constructor` or `valueOf` must not find Object.prototype's.
 */
export const CONVENTIONAL_MODULES: Readonly<Record<Dialect, ReadonlyMap<string, string>>> = {
  python: new Map([
    ['np', 'numpy'], ['numpy', 'numpy'], ['tf', 'tensorflow'], ['tensorflow', 'tensorflow'], ['math', 'math'], ['keras', 'keras'], ['jnp', 'numpy'],
  ]),
  javascript: new Map(['Math', 'Number', 'Array', 'Float32Array', 'Float64Array', 'Int32Array', 'parseFloat'].map((name) => [name, name])).set('tf', 'tfjs'),
};

// ---------------------------------------------------------------------------------------------------
// Arrays

const FLOAT_DTYPES: readonly DType[] = ['float16', 'float32', 'float64'];
const isFloatDType = (dtype: DType): boolean => FLOAT_DTYPES.includes(dtype);

/** Rounds values to what a dtype holds. */
function castData(data: Float64Array, dtype: DType): Float64Array {
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = castNumber(data[i], dtype);
  return out;
}

function castNumber(value: number, dtype: DType): number {
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
      // Integer casts truncate toward zero (NaN/inf are undefined behaviour in NumPy; give 0 / the bound).
      if (Number.isNaN(value)) return 0;
      return Math.trunc(value);
  }
}

export function makeArray(container: Container, dtype: DType, shape: readonly number[], data: Float64Array): ArrayValue {
  return { kind: 'array', container, dtype, shape, data };
}

/** The array as NumPy and TensorFlow print it, in its own dtype. */
export function toNdArray(value: ArrayValue): NdArray {
  return { shape: value.shape, data: value.data, dtype: value.dtype };
}

/** The float32 array an activation is applied to (Keras computes in floatx = float32). */
export function toFloat32(value: ArrayValue): Float32NdArray {
  return { shape: value.shape, data: Float32Array.from(value.data) };
}

// ---------------------------------------------------------------------------------------------------
// Errors and positions

export interface PositionedError {
  /** One line for users: `line 2, column 7: expected ']' …` (1-based, as editors show positions). */
  readonly message: string;
  /** The message without its position. */
  readonly detail: string;
  /** 0-based position of the problem. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly end: number;
  readonly refusal: boolean;
}

/**
 * Turns a ParseError or EvaluationError into a positioned message (`starts`: the text's `lineStarts`);
 * anything else becomes one at `fallback`.
 */
export function positionError(error: unknown, starts: readonly number[], fallback = 0): PositionedError {
  let detail: string;
  let offset = fallback;
  let end = fallback;
  let related: number | undefined;
  let refusal = false;
  if (error instanceof ParseError || error instanceof EvaluationError) {
    detail = error.message;
    offset = error instanceof ParseError ? error.offset : error.start;
    end = error.end;
    related = error.related;
    refusal = error.refusal;
  } else if (error instanceof RangeError) {
    detail = 'the text is too deeply nested to read';
  } else {
    detail = error instanceof Error ? error.message : String(error);
  }
  if (related !== undefined) {
    const at = positionAt(starts, related);
    detail = detail.replace('{related}', `line ${at.line + 1}, column ${at.character + 1}`);
  }
  const at = positionAt(starts, offset);
  return { message: `line ${at.line + 1}, column ${at.character + 1}: ${detail}`, detail, line: at.line, column: at.character, offset, end, refusal };
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

type CallExpr = Extract<Expr, { kind: 'call' }>;

/** Python dtype names, as strings (`'float32'`) or NumPy / TensorFlow attributes; a Map, as the keys come from user text. */
const PY_DTYPES: ReadonlyMap<string, DType> = new Map(
  Object.entries({
    float16: 'float16', half: 'float16', float32: 'float32', single: 'float32', float64: 'float64', double: 'float64',
    int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', uint8: 'uint8', bool: 'bool', bool_: 'bool',
  } as const),
);

/** Reads an expression as a value. Activation calls and names go through the context. */
export class ValueEvaluator {
  constructor(private readonly ctx: EvalContext) {}

  evaluate(expr: Expr): Value {
    switch (expr.kind) {
      case 'number':
        return { kind: 'number', value: expr.value, integer: expr.integer };
      case 'numbers': {
        this.checkSize(expr.values.length, expr);
        const dtype: DType = expr.integer ? 'int64' : 'float64';
        const array = makeArray('list', dtype, expr.shape, expr.values);
        return expr.tuple ? { ...array, tuple: true } : array;
      }
      case 'string':
        return { kind: 'string', value: expr.value };
      case 'constant':
        if (expr.value === true || expr.value === false) return { kind: 'bool', value: expr.value };
        return { kind: 'none' };
      case 'name':
        return this.evaluateName(expr);
      case 'attribute':
        return this.evaluateAttribute(expr);
      case 'call':
        return this.evaluateCall(expr);
      case 'list':
        return this.evaluateList(expr);
      case 'object': {
        const entries = new Map<string, Value>();
        for (const entry of expr.entries) entries.set(entry.name, this.evaluate(entry.value));
        return { kind: 'object', entries };
      }
      case 'index':
        return this.evaluateIndex(expr);
      case 'unary':
        return this.evaluateUnary(expr);
      case 'binary':
        return this.evaluateBinary(expr);
      case 'await':
        return this.evaluate(expr.operand);
      case 'opaque':
      case 'arrow': {
        // A thunk is a value only where a builtin takes it (`tf.tidy`); anywhere else it is an arrow function like any other.
        const what = expr.kind === 'arrow' ? 'an arrow function' : expr.what;
        throw new EvaluationError(`${what} is not a literal; Activation Lens reads values without running code`, expr.start, expr.end);
      }
    }
  }

  checkSize(count: number, span: Span, what = 'this value'): void {
    if (!(count <= this.ctx.maxElements)) {
      const shown = Number.isFinite(count) ? Math.round(count).toLocaleString('en-US') : String(count);
      throw new EvaluationError(
        `${what} would have ${shown} elements; Activation Lens evaluates at most ${this.ctx.maxElements.toLocaleString('en-US')}`,
        span.start,
        span.end,
        undefined,
        true,
      );
    }
  }

  private evaluateName(expr: Extract<Expr, { kind: 'name' }>): Value {
    const python = this.ctx.dialect === 'python';
    if (!this.ctx.isBound(expr.name)) {
      if (!python && (expr.name === 'Infinity' || expr.name === 'NaN')) {
        return { kind: 'number', value: expr.name === 'NaN' ? NaN : Infinity, integer: false };
      }
      const module = this.ctx.modulePath(expr.name);
      if (module) return { kind: 'module', path: module };
      if (python && PY_BUILTINS.has(expr.name)) return { kind: 'module', path: `builtins.${expr.name}` };
    }
    return this.ctx.lookup(expr.name, expr);
  }

  /** The full dotted path of a callee or attribute when it names something in a module. */
  modulePathOf(expr: Expr): string | undefined {
    const parts = dottedPath(expr);
    if (!parts) return undefined;
    const [head, ...rest] = parts;
    if (this.ctx.isBound(head)) return undefined;
    const module = this.ctx.modulePath(head);
    if (module) return [module, ...rest].join('.');
    if (this.ctx.dialect === 'python' && PY_BUILTINS.has(head)) return ['builtins', head, ...rest].join('.');
    return undefined;
  }

  private evaluateAttribute(expr: Extract<Expr, { kind: 'attribute' }>): Value {
    const path = this.modulePathOf(expr);
    if (path !== undefined) {
      const constant = moduleConstant(path, this.ctx.dialect);
      if (constant) return constant;
      const removed = REMOVED_IN_NUMPY_2[path];
      if (removed) throw new EvaluationError(`NumPy 2 removed \`${path.replace(/^numpy/, 'np')}\`; use \`${removed}\``, expr.start, expr.end);
      return { kind: 'module', path };
    }
    const object = this.evaluate(expr.object);
    if (object.kind === 'module') {
      const full = `${object.path}.${expr.name}`;
      return moduleConstant(full, this.ctx.dialect) ?? { kind: 'module', path: full };
    }
    if (object.kind === 'array') {
      if (expr.name === 'shape') return shapeValue(object.shape, this.ctx.dialect);
      if (expr.name === 'T' && object.shape.length <= 1) return object;
      if (expr.name === 'size') return { kind: 'number', value: sizeOf(object.shape), integer: true };
      if (expr.name === 'ndim' || expr.name === 'rank') return { kind: 'number', value: object.shape.length, integer: true };
    }
    if (object.kind === 'object' && object.entries.has(expr.name)) return object.entries.get(expr.name) as Value;
    throw new EvaluationError(`\`.${expr.name}\` of ${describeValue(object)} is not something Activation Lens can read`, expr.nameStart, expr.end);
  }

  private evaluateList(expr: Extract<Expr, { kind: 'list' }>): Value {
    const items = expr.items.map((item) => this.evaluate(item));
    return { kind: 'sequence', items, tuple: expr.tuple, spans: expr.items };
  }

  private evaluateIndex(expr: Extract<Expr, { kind: 'index' }>): Value {
    const object = this.evaluate(expr.object);
    const index = this.evaluate(expr.index);
    if (index.kind === 'number' && index.integer) {
      const i = index.value;
      if (object.kind === 'sequence') {
        const k = i < 0 ? object.items.length + i : i;
        if (k < 0 || k >= object.items.length) throw new EvaluationError(`index ${i} is out of range for ${object.items.length} items`, expr.index.start, expr.index.end);
        return object.items[k];
      }
      if (object.kind === 'array' && object.shape.length >= 1) {
        const length = object.shape[0];
        const k = i < 0 ? length + i : i;
        if (k < 0 || k >= length) throw new EvaluationError(`index ${i} is out of range for an axis of length ${length}`, expr.index.start, expr.index.end);
        const inner = object.shape.slice(1);
        const size = sizeOf(inner);
        // A row of `list(x)` is one of x's rows (a NumPy scalar, a 0-d tensor), not a list.
        return makeArray(object.rowsOf ?? object.container, object.dtype, inner, object.data.slice(k * size, (k + 1) * size));
      }
    }
    if (index.kind === 'string' && object.kind === 'object' && object.entries.has(index.value)) return object.entries.get(index.value) as Value;
    throw new EvaluationError(`indexing ${describeValue(object)} this way is not supported`, expr.start, expr.end);
  }

  private evaluateUnary(expr: Extract<Expr, { kind: 'unary' }>): Value {
    const operand = this.evaluate(expr.operand);
    if (expr.op === '-' || expr.op === '+') {
      const sign = expr.op === '-' ? -1 : 1;
      if (operand.kind === 'number') return { kind: 'number', value: sign * operand.value, integer: operand.integer };
      if (operand.kind === 'bool') return { kind: 'number', value: sign * (operand.value ? 1 : 0), integer: true };
      if (operand.kind === 'array') return mapArray(operand, (x) => sign * x);
    }
    if ((expr.op === 'not' || expr.op === '!') && operand.kind === 'bool') return { kind: 'bool', value: !operand.value };
    throw new EvaluationError(`'${expr.op}' cannot be applied to ${describeValue(operand)} here`, expr.start, expr.end);
  }

  private evaluateBinary(expr: Extract<Expr, { kind: 'binary' }>): Value {
    const left = this.evaluate(expr.left);
    const right = this.evaluate(expr.right);
    const op = expr.op;
    if (!ARITHMETIC.has(op)) {
      throw new EvaluationError(`the operator '${op}' is not evaluated; Activation Lens reads values and arithmetic only`, expr.start, expr.end);
    }
    if (left.kind === 'number' && right.kind === 'number') return arithmeticScalars(op, left, right, this.ctx.dialect, expr);
    const leftArray = asArrayOperand(left);
    const rightArray = asArrayOperand(right);
    if (!leftArray || !rightArray) {
      if (op === '+' && left.kind === 'sequence' && right.kind === 'sequence') {
        return { kind: 'sequence', items: [...left.items, ...right.items], tuple: joinedTuple(left, right, expr), spans: [...left.spans, ...right.spans] };
      }
      if (op === '*' && left.kind === 'array' && left.container === 'list' && right.kind === 'number' && right.integer) {
        throw new EvaluationError('repeating a list with * is not evaluated; write the values out or use np.tile', expr.start, expr.end);
      }
      throw new EvaluationError(`'${op}' between ${describeValue(left)} and ${describeValue(right)} is not evaluated`, expr.start, expr.end);
    }
    if (leftArray.container === 'list' && rightArray.container === 'list') {
      if (this.ctx.dialect === 'javascript') {
        throw new EvaluationError(`'${op}' on JavaScript arrays is not arithmetic (it makes a string or NaN); use tf.tensor(...)`, expr.start, expr.end);
      }
      if (op === '+') {
        if (leftArray.shape.length !== 1 || rightArray.shape.length !== 1) throw new EvaluationError('joining nested lists with + is not evaluated', expr.start, expr.end);
        const data = new Float64Array(leftArray.data.length + rightArray.data.length);
        data.set(leftArray.data);
        data.set(rightArray.data, leftArray.data.length);
        const dtype = leftArray.dtype === 'int64' && rightArray.dtype === 'int64' ? 'int64' : 'float64';
        const joined = makeArray('list', dtype, [data.length], data);
        return joinedTuple(leftArray, rightArray, expr) ? { ...joined, tuple: true } : joined;
      }
      throw new EvaluationError(`'${op}' between two lists is not arithmetic in Python; use np.array(...)`, expr.start, expr.end);
    }
    return arithmeticArrays(op, leftArray, rightArray, expr);
  }

  private evaluateCall(expr: CallExpr): Value {
    const path = this.modulePathOf(expr.callee);
    const hooked = this.ctx.callHook?.(expr);
    if (hooked) return hooked;
    if (path !== undefined) {
      const builtin = this.ctx.dialect === 'python' ? PYTHON_FUNCTIONS[path] : JS_FUNCTIONS[path];
      if (builtin) return builtin(new CallArgs(this, expr), expr);
      if (/^numpy\.random\b|^tensorflow\.random\b|^tfjs\.random|^Math\.random$/.test(path)) {
        throw new EvaluationError(`\`${displayPath(path, this.ctx.dialect)}(…)\` gives random values; Activation Lens reads only values written in the code`, expr.start, expr.end);
      }
      throw new EvaluationError(`\`${displayPath(path, this.ctx.dialect)}(…)\` is not a literal; Activation Lens does not run it`, expr.start, expr.end);
    }
    // Methods on values: `a.reshape(2, 3)`, `x.astype('float32')`, `t.numpy()`.
    if (expr.callee.kind === 'attribute') {
      const object = this.evaluate(expr.callee.object);
      const method = expr.callee.name;
      if (object.kind === 'array') {
        const result = arrayMethod(object, method, new CallArgs(this, expr), expr, this.ctx.dialect);
        if (result) return result;
      }
      if (object.kind === 'module') {
        throw new EvaluationError(`\`${displayPath(`${object.path}.${method}`, this.ctx.dialect)}(…)\` is not a literal; Activation Lens does not run it`, expr.start, expr.end);
      }
      throw new EvaluationError(`\`.${method}(…)\` on ${describeValue(object)} is not something Activation Lens can evaluate`, expr.callee.nameStart, expr.end);
    }
    const callee = this.evaluate(expr.callee);
    throw new EvaluationError(`calling ${describeValue(callee)} is not something Activation Lens can evaluate`, expr.start, expr.end);
  }
}

/** Arguments of a call, read on demand by position or keyword, each at most once. */
class CallArgs {
  private readonly used = new Set<Keyword>();
  constructor(
    readonly evaluator: ValueEvaluator,
    readonly call: CallExpr,
  ) {}

  expr(index: number, keyword?: string): Expr | undefined {
    if (index >= 0 && index < this.call.args.length) return this.call.args[index];
    const found = keyword === undefined ? undefined : this.call.keywords.find((k) => k.name === keyword);
    if (found) this.used.add(found);
    return found?.value;
  }

  value(index: number, keyword?: string): Value | undefined {
    const expr = this.expr(index, keyword);
    return expr && this.evaluator.evaluate(expr);
  }

  /** A number argument (a 0-d array or a bool reads as one), or undefined when it is not given. */
  number(index: number, keyword: string | undefined, what: string): number | undefined {
    const expr = this.expr(index, keyword);
    if (!expr) return undefined;
    const value = this.evaluator.evaluate(expr);
    const number = asScalar(value);
    if (number === undefined) throw new EvaluationError(`${what} must be a number, got ${describeValue(value)}`, expr.start, expr.end);
    return number;
  }

  requiredNumber(index: number, keyword: string | undefined, what: string): number {
    const number = this.number(index, keyword, what);
    if (number === undefined) throw new EvaluationError(`${what} is missing`, this.call.end - 1, this.call.end);
    return number;
  }

  integer(index: number, keyword: string | undefined, what: string): number | undefined {
    const expr = this.expr(index, keyword);
    if (!expr) return undefined;
    const number = this.number(index, keyword, what) as number;
    if (!Number.isInteger(number)) throw new EvaluationError(`${what} must be a whole number, got ${number}`, expr.start, expr.end);
    return number;
  }

  dtype(index: number, keyword: string | undefined): DType | undefined {
    const expr = this.expr(index, keyword);
    if (!expr) return undefined;
    const value = this.evaluator.evaluate(expr);
    const dtype = asDType(value);
    if (!dtype) throw new EvaluationError(`expected a dtype such as float32, got ${describeValue(value)}`, expr.start, expr.end);
    return dtype;
  }

  shape(index: number, keyword: string | undefined, what = 'shape'): number[] | undefined {
    const expr = this.expr(index, keyword);
    if (!expr) return undefined;
    const value = this.evaluator.evaluate(expr);
    const shape = asShape(value);
    if (!shape) throw new EvaluationError(`${what} must be a whole number or a list/tuple of them, got ${describeValue(value)}`, expr.start, expr.end);
    return shape;
  }

  /** Rejects keywords nobody read: `np.linspace(0, 1, nun=5)` is a typo worth reporting. */
  finish(known: readonly string[]): void {
    for (const keyword of this.call.keywords) {
      if (!this.used.has(keyword) && !known.includes(keyword.name)) {
        throw new EvaluationError(`unexpected keyword argument '${keyword.name}'`, keyword.start, keyword.end);
      }
    }
  }
}

const PY_BUILTINS: ReadonlySet<string> = new Set(['float', 'int', 'list', 'tuple', 'range', 'abs', 'round']);

function displayPath(path: string, dialect: Dialect): string {
  if (dialect === 'javascript') return path.replace(/^tfjs\b/, 'tf');
  return path.replace(/^numpy\b/, 'np').replace(/^tensorflow\b/, 'tf').replace(/^builtins\./, '');
}

export function describeValue(value: Value): string {
  switch (value.kind) {
    case 'number':
      return `the number ${value.value}`;
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'string':
      return `the string '${value.value.length > 20 ? `${value.value.slice(0, 19)}…` : value.value}'`;
    case 'dtype':
      return `the dtype ${value.dtype}`;
    case 'array':
      return value.container === 'list' ? `a list of shape ${formatShape(value.shape)}` : `${value.container === 'ndarray' ? 'an array' : 'a tensor'} of shape ${formatShape(value.shape)}`;
    case 'sequence':
      return value.tuple ? 'a tuple' : 'a list';
    case 'object':
      return 'an object';
    case 'module':
      return `\`${value.path}\``;
    case 'activation':
      return value.ref.label;
  }
}

/** `x.shape`: a tuple in Python (TensorShape prints as one too), an array in tfjs. */
function shapeValue(shape: readonly number[], dialect: Dialect): Value {
  const array = makeArray('list', 'int64', [shape.length], Float64Array.from(shape));
  return dialect === 'python' ? { ...array, tuple: true } : array;
}

/** A Python/JS scalar, a bool, or a one-element array read as a number. */
function asScalar(value: Value): number | undefined {
  if (value.kind === 'number') return value.value;
  if (value.kind === 'bool') return value.value ? 1 : 0;
  if (value.kind === 'array' && value.shape.length === 0) return value.data[0];
  return undefined;
}

function asShape(value: Value): number[] | undefined {
  if (value.kind === 'number' && value.integer) return [value.value];
  if (value.kind === 'array' && value.shape.length <= 1 && !isFloatDType(value.dtype)) return Array.from(value.data);
  if (value.kind === 'array' && value.shape.length === 1 && value.container === 'list' && value.data.every(Number.isInteger)) return Array.from(value.data);
  if (value.kind === 'sequence' && value.items.length === 0) return [];
  if (value.kind === 'sequence' && value.items.every((item) => item.kind === 'number' && item.integer)) {
    return value.items.map((item) => (item.kind === 'number' ? item.value : 0));
  }
  return undefined;
}

function asDType(value: Value): DType | undefined {
  if (value.kind === 'dtype') return value.dtype;
  if (value.kind === 'string') return PY_DTYPES.get(value.value);
  if (value.kind === 'module') {
    if (value.path === 'builtins.float') return 'float64';
    if (value.path === 'builtins.int') return 'int64';
    if (value.path === 'builtins.bool') return 'bool';
  }
  return undefined;
}

/** Module attributes that are numbers: np.inf, math.pi, Number.NaN, ... */
const MODULE_CONSTANTS: Readonly<Record<Dialect, ReadonlyMap<string, number>>> = {
  python: new Map(Object.entries({
    'numpy.inf': Infinity, 'numpy.nan': NaN, 'numpy.pi': Math.PI, 'numpy.e': Math.E, 'numpy.euler_gamma': 0.5772156649015329,
    'math.inf': Infinity, 'math.nan': NaN, 'math.pi': Math.PI, 'math.e': Math.E, 'math.tau': 2 * Math.PI,
  })),
  javascript: new Map(Object.entries({
    'Math.PI': Math.PI, 'Math.E': Math.E, 'Math.LN2': Math.LN2, 'Math.LN10': Math.LN10, 'Math.SQRT2': Math.SQRT2, 'Math.SQRT1_2': Math.SQRT1_2,
    'Number.POSITIVE_INFINITY': Infinity, 'Number.NEGATIVE_INFINITY': -Infinity, 'Number.NaN': NaN,
    'Number.MAX_VALUE': Number.MAX_VALUE, 'Number.MIN_VALUE': Number.MIN_VALUE, 'Number.EPSILON': Number.EPSILON,
  })),
};

/** Module attributes that are values: the constants above and dtypes (tf.float32, np.int64). */
function moduleConstant(path: string, dialect: Dialect): Value | undefined {
  const constant = MODULE_CONSTANTS[dialect].get(path);
  if (constant !== undefined) return { kind: 'number', value: constant, integer: false };
  if (dialect === 'python') {
    const match = /^(numpy|tensorflow)\.(\w+)$/.exec(path);
    const dtype = match && match[2] !== 'bool' && match[2] !== 'half' && match[2] !== 'single' && match[2] !== 'double' ? PY_DTYPES.get(match[2]) : undefined;
    if (dtype) return { kind: 'dtype', dtype };
    if (path === 'tensorflow.bool' || path === 'numpy.bool' || path === 'numpy.bool_') return { kind: 'dtype', dtype: 'bool' };
  }
  return undefined;
}

const REMOVED_IN_NUMPY_2: Readonly<Record<string, string>> = {
  'numpy.Inf': 'np.inf', 'numpy.Infinity': 'np.inf', 'numpy.infty': 'np.inf', 'numpy.PINF': 'np.inf', 'numpy.NINF': '-np.inf',
  'numpy.NaN': 'np.nan', 'numpy.NAN': 'np.nan', 'numpy.float_': 'np.float64',
};

// ---------------------------------------------------------------------------------------------------
// Arithmetic

const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', '**']);

function applyOp(op: string, a: number, b: number, dialect: Dialect): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '//':
      return Math.floor(a / b);
    case '%':
      return dialect === 'python' ? a - b * Math.floor(a / b) : a % b;
    default:
      return a ** b;
  }
}

function arithmeticScalars(op: string, left: { value: number; integer: boolean }, right: { value: number; integer: boolean }, dialect: Dialect, span: Span): Value {
  if (dialect === 'python' && (op === '/' || op === '//' || op === '%') && right.value === 0) {
    throw new EvaluationError('division by zero', span.start, span.end);
  }
  const value = applyOp(op, left.value, right.value, dialect);
  const integer = dialect === 'python' && left.integer && right.integer && op !== '/' && !(op === '**' && right.value < 0);
  return { kind: 'number', value, integer };
}

/** Whether Python's `+` of two lists or two tuples (`x.shape + (1,)`) gives a tuple; one of each is a TypeError. */
function joinedTuple(left: { readonly tuple?: boolean }, right: { readonly tuple?: boolean }, span: Span): boolean {
  const kind = (side: { readonly tuple?: boolean }): string => (side.tuple ? 'tuple' : 'list');
  if (kind(left) !== kind(right)) throw new EvaluationError(`can only concatenate ${kind(left)} (not "${kind(right)}") to ${kind(left)}`, span.start, span.end);
  return left.tuple === true;
}

function asArrayOperand(value: Value): ArrayValue | undefined {
  if (value.kind === 'array') return value;
  if (value.kind === 'number') return makeArray('list', value.integer ? 'int64' : 'float64', [], Float64Array.of(value.value));
  return undefined;
}

/** The dtype of an elementwise result, following NumPy/TF promotion closely enough for printing. */
function resultDType(op: string, left: ArrayValue, right: ArrayValue): DType {
  const rank = (dtype: DType): number => ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64'].indexOf(dtype);
  // A Python scalar does not widen an array (NEP 50, TensorFlow's weak types).
  const strong = [left, right].filter((side) => side.container !== 'list' || side.shape.length > 0);
  const sides = strong.length ? strong : [left, right];
  let dtype = sides.reduce<DType>((best, side) => (rank(side.dtype) > rank(best) ? side.dtype : best), 'bool');
  const scalarFloat = [left, right].some((side) => side.container === 'list' && side.shape.length === 0 && isFloatDType(side.dtype));
  if (!isFloatDType(dtype) && (scalarFloat || op === '/')) {
    const tensor = sides.some((side) => side.container === 'tensor' || side.container === 'tfjs');
    dtype = tensor && op !== '/' ? 'float32' : 'float64';
    if (sides.some((side) => side.container === 'tfjs')) dtype = 'float32';
  }
  return dtype;
}

function arithmeticArrays(op: string, left: ArrayValue, right: ArrayValue, span: Span): ArrayValue {
  const container: Container = [left, right].find((side) => side.container === 'tfjs')?.container ??
    [left, right].find((side) => side.container === 'tensor')?.container ??
    [left, right].find((side) => side.container === 'ndarray')?.container ?? 'ndarray';
  const dtype = resultDType(op, left, right);
  const shape = broadcastShape(left.shape, right.shape);
  if (!shape) {
    throw new EvaluationError(`shapes ${formatShape(left.shape)} and ${formatShape(right.shape)} cannot be combined elementwise`, span.start, span.end);
  }
  const size = sizeOf(shape);
  const out = new Float64Array(size);
  const leftIndex = broadcastIndexer(left.shape, shape);
  const rightIndex = broadcastIndexer(right.shape, shape);
  const compute = (a: number, b: number): number => {
    if (dtype === 'float32') return Math.fround(applyOp(op, Math.fround(a), Math.fround(b), 'python'));
    return applyOp(op, a, b, 'python');
  };
  for (let i = 0; i < size; i++) out[i] = compute(left.data[leftIndex(i)], right.data[rightIndex(i)]);
  return makeArray(container === 'list' ? 'ndarray' : container, dtype, shape, isFloatDType(dtype) ? out : castData(out, dtype));
}

const TFJS_ARITHMETIC: Readonly<Record<string, string>> = { add: '+', sub: '-', mul: '*', div: '/' };

/**
 * TensorFlow.js' `a.mul(b)` / `tf.mul(a, b)`: JavaScript numbers become float32 tensors (tfjs has no weak
 * scalars), and dividing two int32 tensors floors, as tfjs does.
 */
function tfjsArithmetic(method: string, left: ArrayValue, right: ArrayValue, span: Span): ArrayValue {
  const asTensor = (side: ArrayValue): ArrayValue =>
    side.container === 'tfjs' ? side : makeArray('tfjs', side.dtype === 'bool' ? 'bool' : 'float32', side.shape, side.data.map(Math.fround));
  const [a, b] = [asTensor(left), asTensor(right)];
  const op = TFJS_ARITHMETIC[method] === '/' && !isFloatDType(a.dtype) && !isFloatDType(b.dtype) ? '//' : TFJS_ARITHMETIC[method];
  return arithmeticArrays(op, a, b, span);
}

function broadcastShape(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    shape.push(x === 1 ? y : x);
  }
  return shape;
}

function broadcastIndexer(from: readonly number[], to: readonly number[]): (flat: number) => number {
  if (sizeOf(from) === sizeOf(to)) return (flat) => flat;
  if (sizeOf(from) === 1) return () => 0;
  const rank = to.length;
  const padded = [...new Array<number>(rank - from.length).fill(1), ...from];
  const strides = new Array<number>(rank);
  let stride = 1;
  for (let axis = rank - 1; axis >= 0; axis--) {
    strides[axis] = padded[axis] === 1 ? 0 : stride;
    stride *= padded[axis];
  }
  return (flat) => {
    let index = 0;
    let rest = flat;
    for (let axis = rank - 1; axis >= 0; axis--) {
      const coordinate = rest % to[axis];
      rest = Math.floor(rest / to[axis]);
      index += coordinate * strides[axis];
    }
    return index;
  };
}

function mapArray(array: ArrayValue, f: (x: number) => number): ArrayValue {
  const out = new Float64Array(array.data.length);
  for (let i = 0; i < out.length; i++) out[i] = castNumber(f(array.data[i]), array.dtype);
  return makeArray(array.container === 'list' ? 'ndarray' : array.container, array.dtype, array.shape, out);
}

// ---------------------------------------------------------------------------------------------------
// Building arrays from values

/**
 * Stacks a value into one rectangular array: numbers, nested sequences of numbers/arrays. Ragged input is
 * an error that points at the first item whose shape differs.
 */
function stackValue(value: Value, span: Span, evaluator: ValueEvaluator): { shape: number[]; data: Float64Array; integer: boolean; floatDType?: DType } {
  const scalar = asScalar(value);
  if (value.kind === 'number' || value.kind === 'bool') return { shape: [], data: Float64Array.of(scalar as number), integer: value.kind === 'bool' || value.integer };
  if (value.kind === 'array') {
    return { shape: [...value.shape], data: value.data, integer: !isFloatDType(value.dtype), ...(value.container !== 'list' && isFloatDType(value.dtype) ? { floatDType: value.dtype } : {}) };
  }
  if (value.kind === 'sequence') {
    const parts = value.items.map((item, i) => stackValue(item, value.spans[i] ?? span, evaluator));
    if (parts.length === 0) return { shape: [0], data: new Float64Array(0), integer: false };
    const first = parts[0];
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i];
      if (part.shape.length !== first.shape.length || part.shape.some((length, axis) => length !== first.shape[axis])) {
        const at = value.spans[i] ?? span;
        throw new EvaluationError(
          `ragged nested list: this item has shape ${formatShape(part.shape)} but the first item (at {related}) has shape ${formatShape(first.shape)}; every row needs the same length`,
          at.start,
          at.end,
          (value.spans[0] ?? span).start,
        );
      }
    }
    const size = sizeOf(first.shape) * parts.length;
    evaluator.checkSize(size, span);
    const data = new Float64Array(size);
    let offset = 0;
    for (const part of parts) {
      data.set(part.data, offset);
      offset += part.data.length;
    }
    const floatDType = parts.find((part) => part.floatDType)?.floatDType;
    return { shape: [parts.length, ...first.shape], data, integer: parts.every((part) => part.integer), ...(floatDType ? { floatDType } : {}) };
  }
  throw new EvaluationError(`expected numbers or a (nested) list of numbers, got ${describeValue(value)}`, span.start, span.end);
}

/** An array literal given as shaped numbers (also checks the shape). */
function arrayFrom(value: Value, span: Span, evaluator: ValueEvaluator, container: Container, dtype: DType | undefined, defaults: { int: DType; float: DType }): ArrayValue {
  if (value.kind === 'string') throw new EvaluationError(`expected numbers, got ${describeValue(value)}`, span.start, span.end);
  const stacked = stackValue(value, span, evaluator);
  evaluator.checkSize(stacked.data.length, span);
  const chosen = dtype ?? stacked.floatDType ?? (stacked.integer ? defaults.int : defaults.float);
  return makeArray(container, chosen, stacked.shape, castData(stacked.data, chosen));
}

// ---------------------------------------------------------------------------------------------------
// Library functions

type Builtin = (args: CallArgs, call: CallExpr) => Value;

const number = (value: number, integer = false): Value => ({ kind: 'number', value, integer });

function npArray(args: CallArgs, call: CallExpr): Value {
  const objectExpr = args.expr(0, 'object') ?? args.expr(0, 'a');
  if (!objectExpr) throw new EvaluationError('np.array needs the values', call.start, call.end);
  const value = args.evaluator.evaluate(objectExpr);
  const dtype = args.dtype(1, 'dtype');
  args.finish(['copy', 'order', 'ndmin', 'like', 'subok', 'device']);
  return arrayFrom(value, objectExpr, args.evaluator, 'ndarray', dtype, { int: 'int64', float: 'float64' });
}

function checkCount(args: CallArgs, count: number, span: Span, what: string): number {
  if (!Number.isFinite(count) || count < 0) {
    throw new EvaluationError(`${what} must be a non-negative whole number, got ${count}`, span.start, span.end);
  }
  args.evaluator.checkSize(count, span, what === 'num' ? 'this linspace' : 'this range');
  return count;
}

function npLinspace(args: CallArgs, call: CallExpr): Value {
  const start = args.requiredNumber(0, 'start', 'start');
  const stop = args.requiredNumber(1, 'stop', 'stop');
  const numExpr = args.expr(2, 'num');
  const num = numExpr ? args.requiredNumber(2, 'num', 'num') : 50;
  checkCount(args, num, numExpr ?? call, 'num');
  if (!Number.isInteger(num)) throw new EvaluationError(`num must be an integer, got ${num}`, (numExpr ?? call).start, (numExpr ?? call).end);
  const endpointValue = args.value(3, 'endpoint');
  const endpoint = endpointValue === undefined || asScalar(endpointValue) !== 0;
  if (args.expr(4, 'retstep')) throw new EvaluationError('retstep=True returns a tuple; leave it out', call.start, call.end);
  const dtype = args.dtype(5, 'dtype');
  args.finish(['axis', 'device']);
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const step = delta / div;
  const data = new Float64Array(num);
  for (let i = 0; i < num; i++) data[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  if (endpoint && num > 1) data[num - 1] = stop;
  const chosen = dtype ?? 'float64';
  return makeArray('ndarray', chosen, [num], castData(data, chosen));
}

/** The start/stop/step of np.arange, tf.range and tfjs tf.range, with Python's one-argument form. */
function rangeBounds(args: CallArgs, names: [string, string, string]): { start: number; stop: number; step: number; integer: boolean; exprs: Expr[] } {
  const exprs = [args.expr(0, names[0]), args.expr(1, names[1]), args.expr(2, names[2])].filter((e): e is Expr => e !== undefined);
  const values = exprs.map((expr) => {
    const value = args.evaluator.evaluate(expr);
    const scalar = asScalar(value);
    if (scalar === undefined) throw new EvaluationError(`expected a number, got ${describeValue(value)}`, expr.start, expr.end);
    return { scalar, integer: value.kind === 'number' ? value.integer : value.kind === 'array' && !isFloatDType(value.dtype) };
  });
  if (values.length === 0) throw new EvaluationError('a range needs at least its end', args.call.start, args.call.end);
  const integer = values.every((v) => v.integer);
  if (values.length === 1 && args.call.args.length <= 1) return { start: 0, stop: values[0].scalar, step: 1, integer, exprs };
  return { start: values[0].scalar, stop: values[1]?.scalar ?? 0, step: values[2]?.scalar ?? 1, integer, exprs };
}

function npArange(args: CallArgs, call: CallExpr): Value {
  const { start, stop, step, integer } = rangeBounds(args, ['start', 'stop', 'step']);
  const dtype = args.dtype(3, 'dtype');
  args.finish(['device', 'like']);
  if (step === 0) throw new EvaluationError('the step of a range cannot be 0', call.start, call.end);
  const length = Math.max(0, Math.ceil((stop - start) / step));
  checkCount(args, length, call, 'length');
  const data = new Float64Array(length);
  // NumPy fills from the first two values: x[i] = x[0] + i * (x[1] - x[0]).
  const delta = start + step - start;
  for (let i = 0; i < length; i++) data[i] = i === 1 ? start + step : start + i * delta;
  const chosen = dtype ?? (integer ? 'int64' : 'float64');
  return makeArray('ndarray', chosen, [length], castData(data, chosen));
}

/** np.zeros / np.ones, tf.zeros / tf.ones, tfjs tf.zeros / tf.ones: `(shape, dtype)`. */
function filled(container: Container, fill: number, defaults: DType): Builtin {
  return (args, call) => {
    const shape = args.shape(0, 'shape') ?? [];
    return filledArray(args, call, container, shape, fill, args.dtype(1, 'dtype') ?? defaults);
  };
}

/** np.full(shape, fill_value, dtype=None): without a dtype, the fill value's own (7 → int64, True → bool). */
function npFull(args: CallArgs, call: CallExpr): Value {
  const shape = args.shape(0, 'shape') ?? [];
  const fillExpr = args.expr(1, 'fill_value');
  if (!fillExpr) throw new EvaluationError('fill_value is missing', call.end - 1, call.end);
  const fillValue = args.evaluator.evaluate(fillExpr);
  const fill = asScalar(fillValue);
  if (fill === undefined) throw new EvaluationError(`fill_value must be a number, got ${describeValue(fillValue)}`, fillExpr.start, fillExpr.end);
  const own: DType = fillValue.kind === 'array' ? fillValue.dtype : fillValue.kind === 'bool' ? 'bool' : fillValue.kind === 'number' && fillValue.integer ? 'int64' : 'float64';
  return filledArray(args, call, 'ndarray', shape, fill, args.dtype(2, 'dtype') ?? own);
}

function filledArray(args: CallArgs, call: CallExpr, container: Container, shape: readonly number[], fill: number, dtype: DType): ArrayValue {
  for (const length of shape) {
    if (!Number.isInteger(length) || length < 0) throw new EvaluationError(`a shape needs non-negative whole numbers, got ${length}`, call.start, call.end);
  }
  args.evaluator.checkSize(sizeOf(shape), call);
  return makeArray(container, dtype, shape, castData(new Float64Array(sizeOf(shape)).fill(fill), dtype));
}

function npScalar(dtype: DType): Builtin {
  return (args) => {
    const valueExpr = args.expr(0);
    if (!valueExpr) return makeArray('ndarray', dtype, [], Float64Array.of(0));
    const value = args.evaluator.evaluate(valueExpr);
    if (value.kind === 'string') {
      const parsed = pythonFloatFromString(value.value);
      if (parsed === undefined) throw new EvaluationError(`could not convert the string '${value.value}' to a number`, valueExpr.start, valueExpr.end);
      return makeArray('ndarray', dtype, [], Float64Array.of(castNumber(parsed, dtype)));
    }
    return arrayFrom(value, valueExpr, args.evaluator, 'ndarray', dtype, { int: dtype, float: dtype });
  };
}

/** tf.constant / tf.convert_to_tensor / tf.Variable: ints become int32, floats float32, ndarrays keep their dtype. */
function tfConstant(args: CallArgs, call: CallExpr): Value {
  const valueExpr = args.expr(0, 'value') ?? args.expr(0, 'initial_value');
  if (!valueExpr) throw new EvaluationError('tf.constant needs the values', call.start, call.end);
  const value = args.evaluator.evaluate(valueExpr);
  const dtype = args.dtype(1, 'dtype') ?? args.dtype(99, 'dtype_hint');
  const shape = args.shape(2, 'shape');
  args.finish(['name', 'trainable', 'preferred_dtype', 'validate_shape']);
  const ndarrayDType = value.kind === 'array' && value.container !== 'list' ? value.dtype : undefined;
  const array = arrayFrom(value, valueExpr, args.evaluator, 'tensor', dtype ?? ndarrayDType, { int: 'int32', float: 'float32' });
  if (!shape) return array;
  return reshaped(array, shape, args, call, true);
}

function reshaped(array: ArrayValue, shape: number[], args: CallArgs, span: Span, broadcastScalar = false): ArrayValue {
  const unknown = shape.filter((length) => length === -1).length;
  if (unknown > 1) throw new EvaluationError('only one dimension of a shape can be -1', span.start, span.end);
  const known = sizeOf(shape.filter((length) => length !== -1));
  const size = array.data.length;
  const full = unknown ? shape.map((length) => (length === -1 ? (known === 0 ? 0 : size / known) : length)) : shape;
  if (full.some((length) => !Number.isInteger(length) || length < 0)) {
    throw new EvaluationError(`cannot reshape ${size} values into shape ${formatShape(shape)}`, span.start, span.end);
  }
  args.evaluator.checkSize(sizeOf(full), span);
  if (broadcastScalar && size === 1 && sizeOf(full) !== 1) {
    return makeArray(array.container, array.dtype, full, new Float64Array(sizeOf(full)).fill(array.data[0]));
  }
  if (sizeOf(full) !== size) {
    throw new EvaluationError(`cannot reshape ${size} values into shape ${formatShape(full)}`, span.start, span.end);
  }
  return makeArray(array.container, array.dtype, full, array.data);
}

function tfRange(args: CallArgs, call: CallExpr): Value {
  const { start, stop, step, integer } = rangeBounds(args, ['start', 'limit', 'delta']);
  const dtype = args.dtype(3, 'dtype') ?? (integer ? 'int32' : 'float32');
  args.finish(['name']);
  if (step === 0) throw new EvaluationError('the delta of tf.range cannot be 0', call.start, call.end);
  const length = Math.max(0, Math.ceil(Math.abs((stop - start) / step)) * (Math.sign(stop - start) === Math.sign(step) ? 1 : 0));
  checkCount(args, length, call, 'length');
  // TensorFlow's kernel accumulates: value += delta, in the output dtype.
  const data = new Float64Array(length);
  let current = castNumber(start, dtype);
  const delta = castNumber(step, dtype);
  for (let i = 0; i < length; i++) {
    data[i] = current;
    current = castNumber(current + delta, dtype);
  }
  return makeArray('tensor', dtype, [length], data);
}

function tfLinspace(args: CallArgs, call: CallExpr): Value {
  const startValue = args.value(0, 'start');
  const stopValue = args.value(1, 'stop');
  const numExpr = args.expr(2, 'num');
  if (!startValue || !stopValue || !numExpr) throw new EvaluationError('tf.linspace needs start, stop and num', call.start, call.end);
  const start = asScalar(startValue);
  const stop = asScalar(stopValue);
  if (start === undefined || stop === undefined) throw new EvaluationError('start and stop must be numbers', call.start, call.end);
  const num = args.requiredNumber(2, 'num', 'num');
  checkCount(args, num, numExpr, 'num');
  if (!Number.isInteger(num)) throw new EvaluationError(`num must be an integer, got ${num}`, numExpr.start, numExpr.end);
  args.finish(['name', 'axis']);
  // Integer start and stop make int32 tensors whose true division is float64 (TensorFlow's linspace_nd).
  const integer = startValue.kind === 'number' && startValue.integer && stopValue.kind === 'number' && stopValue.integer;
  const dtype: DType = integer ? 'float64' : startValue.kind === 'array' && startValue.dtype === 'float64' ? 'float64' : 'float32';
  const c = (x: number): number => castNumber(x, dtype);
  const s = c(start);
  const e = c(stop);
  const steps = Math.max(num - 1, 1);
  const delta = c(c(e - s) / steps);
  const data = new Float64Array(num);
  if (num > 0) data[0] = s;
  for (let i = 1; i < num - 1; i++) data[i] = c(s + c(delta * i));
  if (num > 1) data[num - 1] = e;
  return makeArray('tensor', dtype, [num], data);
}

function tfCast(args: CallArgs, call: CallExpr): Value {
  const valueExpr = args.expr(0, 'x');
  const dtype = args.dtype(1, 'dtype');
  if (!valueExpr || !dtype) throw new EvaluationError('tf.cast needs a value and a dtype', call.start, call.end);
  const value = args.evaluator.evaluate(valueExpr);
  return arrayFrom(value, valueExpr, args.evaluator, 'tensor', dtype, { int: dtype, float: dtype });
}

/** keras.ops.convert_to_tensor(x, dtype) / keras.ops.array(x, dtype) on the TensorFlow backend: ints int32, floats float32. */
function kerasTensor(name: string): Builtin {
  return (args, call) => {
    const valueExpr = args.expr(0, 'x');
    if (!valueExpr) throw new EvaluationError(`${name} needs the values`, call.start, call.end);
    return arrayFrom(args.evaluator.evaluate(valueExpr), valueExpr, args.evaluator, 'tensor', args.dtype(1, 'dtype'), { int: 'int32', float: 'float32' });
  };
}

function tfReshape(container: Container): Builtin {
  return (args, call) => {
    const valueExpr = args.expr(0, container === 'tfjs' ? 'x' : 'tensor');
    const shape = args.shape(1, 'shape');
    if (!valueExpr || !shape) throw new EvaluationError('reshape needs a value and a shape', call.start, call.end);
    const value = args.evaluator.evaluate(valueExpr);
    const array = arrayFrom(value, valueExpr, args.evaluator, container, undefined, container === 'tfjs' ? { int: 'float32', float: 'float32' } : { int: 'int32', float: 'float32' });
    return reshaped(array, shape, args, call);
  };
}

/** tfjs: tf.tensor(values, shape?, dtype?) and the rank-checked tensor1d … tensor6d, tf.scalar. */
function tfjsTensor(rank: number | undefined): Builtin {
  return (args, call) => {
    const valueExpr = args.expr(0);
    if (!valueExpr) throw new EvaluationError('a tensor needs values', call.start, call.end);
    const value = args.evaluator.evaluate(valueExpr);
    const shapeIndex = rank === 1 || rank === 0 ? -1 : 1;
    const shape = shapeIndex > 0 ? args.shape(shapeIndex, undefined) : undefined;
    const dtypeValue = args.value(rank === 1 || rank === 0 ? 1 : 2);
    let dtype: DType = 'float32';
    if (dtypeValue) {
      if (dtypeValue.kind !== 'string' || !['float32', 'int32', 'bool'].includes(dtypeValue.value)) {
        throw new EvaluationError(`a tfjs dtype is 'float32', 'int32' or 'bool', got ${describeValue(dtypeValue)}`, call.start, call.end);
      }
      dtype = dtypeValue.value as DType;
    }
    const stacked = arrayFrom(value, valueExpr, args.evaluator, 'tfjs', dtype, { int: dtype, float: dtype });
    let result = stacked;
    if (shape) {
      if (stacked.shape.length > 1 && sizeOf(stacked.shape) === sizeOf(shape) && stacked.shape.join() !== shape.join()) {
        throw new EvaluationError(`the values have shape [${stacked.shape.join(',')}] but the shape argument is [${shape.join(',')}]`, valueExpr.start, valueExpr.end);
      }
      result = reshaped(stacked, shape, args, call);
    }
    if (rank === 0 && result.shape.length !== 0) throw new EvaluationError('tf.scalar takes one number', valueExpr.start, valueExpr.end);
    if (rank !== undefined && rank > 0 && result.shape.length !== rank) {
      throw new EvaluationError(`tensor${rank}d needs ${rank === 1 ? 'a flat list' : `a rank-${rank} nested list (or flat values and a shape)`}, got shape [${result.shape.join(',')}]`, valueExpr.start, valueExpr.end);
    }
    return result;
  };
}

function tfjsLinspace(args: CallArgs, call: CallExpr): Value {
  const start = args.requiredNumber(0, undefined, 'start');
  const stop = args.requiredNumber(1, undefined, 'stop');
  const numExpr = args.expr(2);
  const num = args.requiredNumber(2, undefined, 'num');
  checkCount(args, num, numExpr ?? call, 'num');
  if (!Number.isInteger(num) || num === 0) throw new EvaluationError('num must be a positive integer', (numExpr ?? call).start, (numExpr ?? call).end);
  // tfjs-backend-cpu linSpaceImpl: values[i] = values[i - 1] + step, stored as float32.
  const step = (stop - start) / (num - 1);
  const data = new Float64Array(num);
  data[0] = Math.fround(start);
  for (let i = 1; i < num; i++) data[i] = Math.fround(data[i - 1] + step);
  return makeArray('tfjs', 'float32', [num], data);
}

function tfjsRange(args: CallArgs, call: CallExpr): Value {
  const start = args.requiredNumber(0, undefined, 'start');
  const stop = args.requiredNumber(1, undefined, 'stop');
  let step = args.number(2, undefined, 'step') ?? 1;
  const dtypeValue = args.value(3);
  const dtype: DType = dtypeValue?.kind === 'string' && dtypeValue.value === 'int32' ? 'int32' : 'float32';
  if (step === 0) throw new EvaluationError('the step of tf.range cannot be 0', call.start, call.end);
  // tfjs-backend-cpu rangeImpl.
  if (start === stop || (start < stop && step < 0) || (stop < start && step > 1)) return makeArray('tfjs', dtype, [0], new Float64Array(0));
  const length = Math.abs(Math.ceil((stop - start) / step));
  checkCount(args, length, call, 'length');
  if (stop < start && step === 1) step = -1;
  const data = new Float64Array(length);
  data[0] = castNumber(start, dtype);
  for (let i = 1; i < length; i++) data[i] = castNumber(data[i - 1] + step, dtype);
  return makeArray('tfjs', dtype, [length], data);
}

function pyFloat(args: CallArgs): Value {
  const valueExpr = args.expr(0);
  if (!valueExpr) return number(0);
  const value = args.evaluator.evaluate(valueExpr);
  if (value.kind === 'string') {
    const parsed = pythonFloatFromString(value.value);
    if (parsed === undefined) throw new EvaluationError(`could not convert the string '${value.value}' to float`, valueExpr.start, valueExpr.end);
    return number(parsed);
  }
  const scalar = asScalar(value);
  if (scalar === undefined) throw new EvaluationError(`float() needs a number or a string, got ${describeValue(value)}`, valueExpr.start, valueExpr.end);
  return number(scalar);
}

function pyInt(args: CallArgs): Value {
  const valueExpr = args.expr(0);
  if (!valueExpr) return number(0, true);
  const value = args.evaluator.evaluate(valueExpr);
  if (value.kind === 'string' && /^\s*[+-]?\d+(_\d+)*\s*$/.test(value.value)) return number(Number(value.value.replace(/_/g, '')), true);
  const scalar = asScalar(value);
  if (scalar === undefined || !Number.isFinite(scalar)) throw new EvaluationError(`int() needs a finite number, got ${describeValue(value)}`, valueExpr.start, valueExpr.end);
  return number(Math.trunc(scalar), true);
}

function pyRange(args: CallArgs, call: CallExpr): Value {
  const { start, stop, step, integer } = rangeBounds(args, ['start', 'stop', 'step']);
  if (!integer) throw new EvaluationError('range() takes whole numbers', call.start, call.end);
  if (step === 0) throw new EvaluationError('the step of range() cannot be 0', call.start, call.end);
  const length = Math.max(0, Math.ceil((stop - start) / step));
  checkCount(args, length, call, 'length');
  const data = new Float64Array(length);
  for (let i = 0; i < length; i++) data[i] = start + i * step;
  return makeArray('list', 'int64', [length], data);
}

function pyList(args: CallArgs, call: CallExpr): Value {
  const tuple = call.callee.kind === 'name' && call.callee.name === 'tuple';
  const valueExpr = args.expr(0);
  if (!valueExpr) return { kind: 'sequence', items: [], tuple, spans: [] };
  const value = args.evaluator.evaluate(valueExpr);
  if (value.kind === 'array') {
    if (value.shape.length === 0) throw new EvaluationError(`${describeValue(value)} is not iterable`, valueExpr.start, valueExpr.end);
    const rowsOf = value.container === 'list' ? value.rowsOf : value.container;
    return { ...makeArray('list', value.dtype, value.shape, value.data), ...(tuple ? { tuple } : {}), ...(rowsOf ? { rowsOf } : {}) };
  }
  if (value.kind === 'sequence') return { ...value, tuple };
  throw new EvaluationError(`${describeValue(value)} is not a list of numbers`, valueExpr.start, valueExpr.end);
}

function typedArray(dtype: DType): Builtin {
  return (args, call) => {
    const valueExpr = args.expr(0);
    if (!valueExpr) throw new EvaluationError('a typed array needs values here', call.start, call.end);
    const value = args.evaluator.evaluate(valueExpr);
    const array = arrayFrom(value, valueExpr, args.evaluator, 'list', dtype, { int: dtype, float: dtype });
    if (array.shape.length !== 1) throw new EvaluationError('a typed array is flat; nested lists are not allowed', valueExpr.start, valueExpr.end);
    return array;
  };
}

const PYTHON_FUNCTIONS: Readonly<Record<string, Builtin>> = {
  'numpy.array': npArray,
  'numpy.asarray': npArray,
  'numpy.asanyarray': npArray,
  'numpy.linspace': npLinspace,
  'numpy.arange': npArange,
  'numpy.zeros': filled('ndarray', 0, 'float64'),
  'numpy.ones': filled('ndarray', 1, 'float64'),
  'numpy.full': npFull,
  'numpy.float16': npScalar('float16'),
  'numpy.float32': npScalar('float32'),
  'numpy.float64': npScalar('float64'),
  'numpy.single': npScalar('float32'),
  'numpy.double': npScalar('float64'),
  'numpy.int32': npScalar('int32'),
  'numpy.int64': npScalar('int64'),
  'numpy.reshape': (args, call) => {
    const valueExpr = args.expr(0, 'a');
    const shape = args.shape(1, 'shape') ?? args.shape(1, 'newshape');
    if (!valueExpr || !shape) throw new EvaluationError('np.reshape needs a value and a shape', call.start, call.end);
    const value = args.evaluator.evaluate(valueExpr);
    return reshaped(arrayFrom(value, valueExpr, args.evaluator, 'ndarray', undefined, { int: 'int64', float: 'float64' }), shape, args, call);
  },
  'tensorflow.constant': tfConstant,
  'tensorflow.convert_to_tensor': tfConstant,
  'tensorflow.Variable': tfConstant,
  'tensorflow.range': tfRange,
  'tensorflow.linspace': tfLinspace,
  'tensorflow.lin_space': tfLinspace,
  'tensorflow.cast': tfCast,
  'tensorflow.reshape': tfReshape('tensor'),
  'tensorflow.zeros': filled('tensor', 0, 'float32'),
  'tensorflow.ones': filled('tensor', 1, 'float32'),
  'keras.ops.convert_to_tensor': kerasTensor('convert_to_tensor'),
  'keras.ops.array': kerasTensor('keras.ops.array'),
  // Keras 3 (TensorFlow backend): floats become floatx (float32) tensors, computed by TensorFlow.
  'keras.ops.linspace': tfLinspace,
  'keras.ops.arange': tfRange,
  'builtins.float': pyFloat,
  'builtins.int': pyInt,
  'builtins.range': pyRange,
  'builtins.list': pyList,
  'builtins.tuple': pyList,
};

const JS_FUNCTIONS: Readonly<Record<string, Builtin>> = {
  'tfjs.tensor': tfjsTensor(undefined),
  'tfjs.tensor1d': tfjsTensor(1),
  'tfjs.tensor2d': tfjsTensor(2),
  'tfjs.tensor3d': tfjsTensor(3),
  'tfjs.tensor4d': tfjsTensor(4),
  'tfjs.tensor5d': tfjsTensor(5),
  'tfjs.tensor6d': tfjsTensor(6),
  'tfjs.scalar': tfjsTensor(0),
  'tfjs.linspace': tfjsLinspace,
  'tfjs.range': tfjsRange,
  'tfjs.reshape': tfReshape('tfjs'),
  // `tf.tidy(() => tf.relu(x))` or `tf.tidy('name', () => …)`: the function's value (tidy only frees memory).
  'tfjs.tidy': (args, call) => {
    const body = call.args[call.args.length - 1];
    if (body?.kind !== 'arrow') throw new EvaluationError('Activation Lens reads `tf.tidy` only around a function that returns one expression, `() => …`', call.start, call.end);
    return args.evaluator.evaluate(body.body);
  },
  ...Object.fromEntries(
    Object.keys(TFJS_ARITHMETIC).map((method): [string, Builtin] => [
      `tfjs.${method}`,
      (args, call) => {
        const [left, right] = [args.expr(0), args.expr(1)];
        if (!left || !right) throw new EvaluationError(`tf.${method} needs two values`, call.start, call.end);
        const operand = (expr: Expr): ArrayValue => asArrayValue(args.evaluator.evaluate(expr), expr, args.evaluator);
        return tfjsArithmetic(method, operand(left), operand(right), call);
      },
    ]),
  ),
  'tfjs.zeros': filled('tfjs', 0, 'float32'),
  'tfjs.ones': filled('tfjs', 1, 'float32'),
  'Float32Array': typedArray('float32'),
  'Float64Array': typedArray('float64'),
  'Int32Array': typedArray('int32'),
  'Array.of': (args, call) => {
    const items = call.args.map((arg) => args.evaluator.evaluate(arg));
    return { kind: 'sequence', items, tuple: false, spans: call.args };
  },
  'Array.from': (args, call) => {
    const valueExpr = args.expr(0);
    if (!valueExpr || call.args.length > 1) throw new EvaluationError('Array.from with a mapping function is not evaluated', call.start, call.end);
    return args.evaluator.evaluate(valueExpr);
  },
  'Number': (args) => {
    const value = args.value(0);
    if (value?.kind === 'string') {
      const text = value.value.trim();
      return number(text === '' ? 0 : /^[+-]?Infinity$/.test(text) ? (text.startsWith('-') ? -Infinity : Infinity) : Number(text));
    }
    return number(value ? (asScalar(value) ?? NaN) : 0);
  },
  'parseFloat': (args) => {
    const value = args.value(0);
    return number(value?.kind === 'string' ? parseFloat(value.value) : value ? (asScalar(value) ?? NaN) : NaN);
  },
};

/** Methods of arrays and tensors that give values: reshape, astype, numpy, flatten, ... */
function arrayMethod(array: ArrayValue, method: string, args: CallArgs, call: CallExpr, dialect: Dialect): Value | undefined {
  switch (method) {
    case 'reshape': {
      let shape: number[] | undefined;
      if (call.args.length > 1) {
        shape = call.args.map((arg, i) => {
          const n = args.integer(i, undefined, 'a dimension');
          if (n === undefined) throw new EvaluationError('expected a dimension', arg.start, arg.end);
          return n;
        });
      } else {
        shape = args.shape(0, 'shape') ?? args.shape(0, 'newshape');
      }
      if (!shape) throw new EvaluationError('reshape needs a shape', call.start, call.end);
      return reshaped(array, shape, args, call);
    }
    case 'astype': {
      const dtype = args.dtype(0, 'dtype');
      if (!dtype) throw new EvaluationError('astype needs a dtype', call.start, call.end);
      return makeArray(array.container === 'list' ? 'ndarray' : array.container, dtype, array.shape, castData(array.data, dtype));
    }
    case 'flatten':
    case 'ravel':
      return makeArray(array.container, array.dtype, [array.data.length], array.data);
    case 'numpy':
      return dialect === 'python' ? makeArray('ndarray', array.dtype, array.shape, array.data) : undefined;
    case 'copy':
    case 'clone':
      return array;
    case 'tolist':
      return makeArray('list', array.dtype, array.shape, array.data);
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const other = args.expr(0);
      if (dialect !== 'javascript' || !other) return undefined;
      return tfjsArithmetic(method, array, asArrayValue(args.evaluator.evaluate(other), other, args.evaluator), call);
    }
    case 'asType':
    case 'cast': {
      const dtype = args.dtype(0, 'dtype');
      return dtype ? makeArray(array.container, dtype, array.shape, castData(array.data, dtype)) : undefined;
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Bare values

export interface ParseValuesOptions {
  readonly dialect: Dialect;
  /** Most elements accepted (default 1e6). */
  readonly maxElements?: number;
  /** Longest text accepted (default 10 MB). */
  readonly maxTextLength?: number;
  /** Module aliases (`np` → `numpy`); conventional ones when absent. */
  readonly modules?: Readonly<Record<string, string>>;
}

export type ParsedValues =
  | {
      readonly ok: true;
      readonly value: ArrayValue;
      /** The float32 array an activation is applied to. */
      readonly array: Float32NdArray;
      /** Where the value was written (the right-hand side of `a = …` when the text is an assignment). */
      readonly start: number;
      readonly end: number;
      /** The name it was assigned to, if the text was `name = value`. */
      readonly name?: string;
    }
  | { readonly ok: false; readonly error: PositionedError };

/**
 * Reads selected text as numbers: `[1, 2.5, -3e4]`, `np.linspace(-3, 3, 7)`, `tf.constant([...], dtype=tf.float32)`,
 * tfjs `tf.tensor1d([...])`, a single number, NumPy's printed `[0.5 1. ]` or `array([...], dtype=float32)`, or
 * an assignment of one of these. Never throws.
 */
export function parseValues(text: string, options: ParseValuesOptions): ParsedValues {
  const maxText = options.maxTextLength ?? MAX_TEXT_LENGTH;
  if (text.length > maxText) return { ok: false, error: refuseLongText('the selection', text.length, maxText) };
  try {
    const dialect = options.dialect;
    const maxElements = options.maxElements ?? MAX_ELEMENTS;
    const modules = new Map([...CONVENTIONAL_MODULES[dialect], ...Object.entries(options.modules ?? {})]);
    const lexer = new Lexer(text, dialect);
    const parser = new ExpressionParser(lexer, true, maxElements);
    skipNewlines(parser);
    // An assignment: `a = [...]`, `const x = tf.tensor(...)`.
    let name: string | undefined;
    if (dialect === 'javascript' && ['const', 'let', 'var'].includes(parser.peek().text) && parser.peek().kind === 'name') parser.next();
    if (parser.peek().kind === 'name' && parser.isOp('=', 1)) {
      name = parser.next().text;
      parser.next();
    } else if (dialect === 'javascript' && parser.peek().kind === 'name' && parser.isOp(':', 1)) {
      // `const x: tf.Tensor = …` type annotations are not values; skip to '='.
      while (!parser.isOp('=') && parser.peek().kind !== 'eof') parser.next();
      if (parser.isOp('=')) parser.next();
    }
    const expr = parser.parseExpression(true);
    if (parser.isOp(';')) parser.next();
    skipNewlines(parser);
    if (parser.peek().kind !== 'eof') throw parser.unexpected('the end of the values');
    const ctx: EvalContext = {
      dialect,
      maxElements,
      lookup: (lookupName, span) => {
        // NumPy's printed text: `dtype=float32` with a bare name, `nan` and `inf` as words.
        const dtype = dialect === 'python' ? PY_DTYPES.get(lookupName) : undefined;
        if (dtype) return { kind: 'dtype', dtype };
        if (dialect === 'python' && (lookupName === 'nan' || lookupName === 'inf')) return { kind: 'number', value: lookupName === 'nan' ? NaN : Infinity, integer: false };
        throw new EvaluationError(`\`${lookupName}\` is not a literal; select the values themselves, or the code that defines them too`, span.start, span.end);
      },
      isBound: () => false,
      modulePath: (head) => modules.get(head),
    };
    const evaluator = new ValueEvaluator(ctx);
    // NumPy's own repr, `array([...], dtype=float32)`, reads as np.array.
    const fixed = expr.kind === 'call' && expr.callee.kind === 'name' && expr.callee.name === 'array' && dialect === 'python'
      ? { ...expr, callee: { kind: 'attribute' as const, object: { kind: 'name' as const, name: 'np', start: expr.callee.start, end: expr.callee.start }, name: 'array', nameStart: expr.callee.start, start: expr.callee.start, end: expr.callee.end } }
      : expr;
    const value = evaluator.evaluate(fixed);
    const array = asArrayValue(value, expr, evaluator);
    return { ok: true, value: array, array: toFloat32(array), start: expr.start, end: expr.end, ...(name ? { name } : {}) };
  } catch (error) {
    return { ok: false, error: positionError(error, lineStarts(text)) };
  }
}

/** The refusal of a text too long to read, given before any of it is read. */
export function refuseLongText(what: string, length: number, limit: number): PositionedError {
  const message = `${what} is ${(length / 1e6).toFixed(1)} MB; Activation Lens reads at most ${limit / 1e6} MB`;
  return positionError(new EvaluationError(message, 0, 0, undefined, true), [0]);
}

function skipNewlines(parser: ExpressionParser): void {
  while (parser.peek().kind === 'newline') parser.next();
}

/** Any value that holds numbers as an array (a scalar becomes a 0-d array). */
export function asArrayValue(value: Value, span: Span, evaluator: ValueEvaluator): ArrayValue {
  if (value.kind === 'array') {
    evaluator.checkSize(value.data.length, span);
    return value;
  }
  if (value.kind === 'number' || value.kind === 'bool') return makeArray('list', value.kind === 'bool' || value.integer ? 'int64' : 'float64', [], Float64Array.of(asScalar(value) as number));
  if (value.kind === 'sequence') return arrayFrom(value, span, evaluator, 'list', undefined, { int: 'int64', float: 'float64' });
  throw new EvaluationError(`expected numbers, got ${describeValue(value)}`, span.start, span.end);
}
