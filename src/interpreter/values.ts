// Values people select, read without running anything. TS/JS: number literals in every spelling, nested
// arrays as n-d arrays, typed arrays, and TensorFlow.js' constructors and arithmetic (`tf.tensor2d`,
// `tf.linspace`, `tf.range`, `x.add(y)`, ...) computed the way tfjs computes them, by the straight-line
// evaluator below. Python: `parseValues` reads a plain list of numbers in one pass and runs anything else
// through the interpreter (src/interpreter/python), which holds the one implementation of NumPy's and
// TensorFlow's constructors. Errors say what was expected and where; sizes are checked before any allocation.
import { formatShape, sizeOf, type Float32NdArray, type NdArray, type NumpyDType } from '../render/numpy';
import type { ActivationRef } from './activation';
import { lineStarts, positionAt } from '../language/positions';
import { BlockTooLarge, Lexer, scanNumberBlock, type Dialect } from './valuesLexer';
import { runPythonModule, type PythonProblem } from './python';
import type { Expr as PythonExpr } from './python/ast';
import { castValue } from './python/numpy/dtypes';
import { dottedPath, ExpressionParser, MAX_ELEMENTS, ParseError, type Expr, type Span } from './valuesParser';

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


export type Value =
  | { readonly kind: 'number'; readonly value: number; readonly integer: boolean }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'string'; readonly value: string }
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
 * Conventional names of TS/JS when the text has no imports (a bare selection). A Map, not an object literal:
 * a name such as `constructor` or `valueOf` must not find Object.prototype's.
 */
export const CONVENTIONAL_MODULES: ReadonlyMap<string, string> = new Map(
  ['Math', 'Number', 'Array', 'Float32Array', 'Float64Array', 'Int32Array', 'parseFloat'].map((name): [string, string] => [name, name]),
).set('tf', 'tfjs');

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
  if (isFloatDType(dtype) || dtype === 'bool') return castValue(value, dtype);
  // tfjs' int32 (an Int32Array's conversion) truncates toward zero; NaN becomes 0.
  return Number.isNaN(value) ? 0 : Math.trunc(value);
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
    if (!this.ctx.isBound(expr.name)) {
      if (expr.name === 'Infinity' || expr.name === 'NaN') return { kind: 'number', value: expr.name === 'NaN' ? NaN : Infinity, integer: false };
      const module = this.ctx.modulePath(expr.name);
      if (module) return { kind: 'module', path: module };
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
    return undefined;
  }

  private evaluateAttribute(expr: Extract<Expr, { kind: 'attribute' }>): Value {
    const path = this.modulePathOf(expr);
    if (path !== undefined) {
      const constant = MODULE_CONSTANTS.get(path);
      if (constant !== undefined) return { kind: 'number', value: constant, integer: false };
      return { kind: 'module', path };
    }
    const object = this.evaluate(expr.object);
    if (object.kind === 'module') {
      const full = `${object.path}.${expr.name}`;
      const constant = MODULE_CONSTANTS.get(full);
      return constant !== undefined ? { kind: 'number', value: constant, integer: false } : { kind: 'module', path: full };
    }
    if (object.kind === 'array') {
      if (expr.name === 'shape') return makeArray('list', 'int64', [object.shape.length], Float64Array.from(object.shape));
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
    if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: applyOp(op, left.value, right.value), integer: false };
    const leftArray = asArrayOperand(left);
    const rightArray = asArrayOperand(right);
    if (!leftArray || !rightArray) {
      throw new EvaluationError(`'${op}' between ${describeValue(left)} and ${describeValue(right)} is not evaluated`, expr.start, expr.end);
    }
    if (leftArray.container === 'list' && rightArray.container === 'list') {
      throw new EvaluationError(`'${op}' on JavaScript arrays is not arithmetic (it makes a string or NaN); use tf.tensor(...)`, expr.start, expr.end);
    }
    return arithmeticArrays(op, leftArray, rightArray, expr);
  }

  private evaluateCall(expr: CallExpr): Value {
    const path = this.modulePathOf(expr.callee);
    const hooked = this.ctx.callHook?.(expr);
    if (hooked) return hooked;
    if (path !== undefined) {
      const builtin = JS_FUNCTIONS[path];
      if (builtin) return builtin(new CallArgs(this, expr), expr);
      if (/^tfjs\.random|^Math\.random$/.test(path)) {
        throw new EvaluationError(`\`${displayPath(path)}(…)\` gives random values; Activation Lens reads only values written in the code`, expr.start, expr.end);
      }
      throw new EvaluationError(`\`${displayPath(path)}(…)\` is not a literal; Activation Lens does not run it`, expr.start, expr.end);
    }
    // Methods on values: `a.reshape(2, 3)`, `x.cast('int32')`.
    if (expr.callee.kind === 'attribute') {
      const object = this.evaluate(expr.callee.object);
      const method = expr.callee.name;
      if (object.kind === 'array') {
        const result = arrayMethod(object, method, new CallArgs(this, expr), expr);
        if (result) return result;
      }
      if (object.kind === 'module') {
        throw new EvaluationError(`\`${displayPath(`${object.path}.${method}`)}(…)\` is not a literal; Activation Lens does not run it`, expr.start, expr.end);
      }
      throw new EvaluationError(`\`.${method}(…)\` on ${describeValue(object)} is not something Activation Lens can evaluate`, expr.callee.nameStart, expr.end);
    }
    const callee = this.evaluate(expr.callee);
    throw new EvaluationError(`calling ${describeValue(callee)} is not something Activation Lens can evaluate`, expr.start, expr.end);
  }
}

/** Arguments of a call, read on demand by position. */
class CallArgs {
  constructor(
    readonly evaluator: ValueEvaluator,
    readonly call: CallExpr,
  ) {}

  expr(index: number): Expr | undefined {
    return index >= 0 && index < this.call.args.length ? this.call.args[index] : undefined;
  }

  value(index: number): Value | undefined {
    const expr = this.expr(index);
    return expr && this.evaluator.evaluate(expr);
  }

  /** A number argument (a 0-d array or a bool reads as one), or undefined when it is not given. */
  number(index: number, what: string): number | undefined {
    const expr = this.expr(index);
    if (!expr) return undefined;
    const value = this.evaluator.evaluate(expr);
    const number = asScalar(value);
    if (number === undefined) throw new EvaluationError(`${what} must be a number, got ${describeValue(value)}`, expr.start, expr.end);
    return number;
  }

  requiredNumber(index: number, what: string): number {
    const number = this.number(index, what);
    if (number === undefined) throw new EvaluationError(`${what} is missing`, this.call.end - 1, this.call.end);
    return number;
  }

  integer(index: number, what: string): number | undefined {
    const expr = this.expr(index);
    if (!expr) return undefined;
    const number = this.number(index, what) as number;
    if (!Number.isInteger(number)) throw new EvaluationError(`${what} must be a whole number, got ${number}`, expr.start, expr.end);
    return number;
  }

  dtype(index: number): DType | undefined {
    const expr = this.expr(index);
    if (!expr) return undefined;
    const value = this.evaluator.evaluate(expr);
    const dtype = asDType(value);
    if (!dtype) throw new EvaluationError(`expected a dtype such as float32, got ${describeValue(value)}`, expr.start, expr.end);
    return dtype;
  }

  shape(index: number, what = 'shape'): number[] | undefined {
    const expr = this.expr(index);
    if (!expr) return undefined;
    const value = this.evaluator.evaluate(expr);
    const shape = asShape(value);
    if (!shape) throw new EvaluationError(`${what} must be a whole number or a list/tuple of them, got ${describeValue(value)}`, expr.start, expr.end);
    return shape;
  }
}

function displayPath(path: string): string {
  return path.replace(/^tfjs\b/, 'tf');
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

/** TensorFlow.js' dtype names (a Map: the keys come from user text). */
const TFJS_DTYPES: ReadonlyMap<string, DType> = new Map([['float32', 'float32'], ['int32', 'int32'], ['bool', 'bool']]);

function asDType(value: Value): DType | undefined {
  return value.kind === 'string' ? TFJS_DTYPES.get(value.value) : undefined;
}

/** Module attributes that are numbers: Math.PI, Number.NaN, ... */
const MODULE_CONSTANTS: ReadonlyMap<string, number> = new Map(Object.entries({
  'Math.PI': Math.PI, 'Math.E': Math.E, 'Math.LN2': Math.LN2, 'Math.LN10': Math.LN10, 'Math.SQRT2': Math.SQRT2, 'Math.SQRT1_2': Math.SQRT1_2,
  'Number.POSITIVE_INFINITY': Infinity, 'Number.NEGATIVE_INFINITY': -Infinity, 'Number.NaN': NaN,
  'Number.MAX_VALUE': Number.MAX_VALUE, 'Number.MIN_VALUE': Number.MIN_VALUE, 'Number.EPSILON': Number.EPSILON,
}));

// ---------------------------------------------------------------------------------------------------
// Arithmetic

const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', '**']);

/** A JavaScript operator on numbers; `//` is tfjs' floor division of int32 tensors. */
function applyOp(op: string, a: number, b: number): number {
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
      return a % b;
    default:
      return a ** b;
  }
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
    if (dtype === 'float32') return Math.fround(applyOp(op, Math.fround(a), Math.fround(b)));
    return applyOp(op, a, b);
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

/** np.zeros / np.ones, tf.zeros / tf.ones, tfjs tf.zeros / tf.ones: `(shape, dtype)`. */
function filled(container: Container, fill: number, defaults: DType): Builtin {
  return (args, call) => {
    const shape = args.shape(0) ?? [];
    return filledArray(args, call, container, shape, fill, args.dtype(1) ?? defaults);
  };
}

function filledArray(args: CallArgs, call: CallExpr, container: Container, shape: readonly number[], fill: number, dtype: DType): ArrayValue {
  for (const length of shape) {
    if (!Number.isInteger(length) || length < 0) throw new EvaluationError(`a shape needs non-negative whole numbers, got ${length}`, call.start, call.end);
  }
  args.evaluator.checkSize(sizeOf(shape), call);
  return makeArray(container, dtype, shape, castData(new Float64Array(sizeOf(shape)).fill(fill), dtype));
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

function tfReshape(container: Container): Builtin {
  return (args, call) => {
    const valueExpr = args.expr(0);
    const shape = args.shape(1);
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
    const shape = shapeIndex > 0 ? args.shape(shapeIndex) : undefined;
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

function checkCount(args: CallArgs, count: number, span: Span, what: string): number {
  if (!Number.isFinite(count) || count < 0) {
    throw new EvaluationError(`${what} must be a non-negative whole number, got ${count}`, span.start, span.end);
  }
  args.evaluator.checkSize(count, span, what === 'num' ? 'this linspace' : 'this range');
  return count;
}

function tfjsLinspace(args: CallArgs, call: CallExpr): Value {
  const start = args.requiredNumber(0, 'start');
  const stop = args.requiredNumber(1, 'stop');
  const numExpr = args.expr(2);
  const num = args.requiredNumber(2, 'num');
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
  const start = args.requiredNumber(0, 'start');
  const stop = args.requiredNumber(1, 'stop');
  let step = args.number(2, 'step') ?? 1;
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

/** Methods of tfjs tensors that give values: reshape, flatten, clone, add / sub / mul / div, cast. */
function arrayMethod(array: ArrayValue, method: string, args: CallArgs, call: CallExpr): Value | undefined {
  switch (method) {
    case 'reshape': {
      let shape: number[] | undefined;
      if (call.args.length > 1) {
        shape = call.args.map((arg, i) => {
          const n = args.integer(i, 'a dimension');
          if (n === undefined) throw new EvaluationError('expected a dimension', arg.start, arg.end);
          return n;
        });
      } else {
        shape = args.shape(0);
      }
      if (!shape) throw new EvaluationError('reshape needs a shape', call.start, call.end);
      return reshaped(array, shape, args, call);
    }
    case 'flatten':
      return makeArray(array.container, array.dtype, [array.data.length], array.data);
    case 'clone':
      return array;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const other = args.expr(0);
      if (!other) return undefined;
      return tfjsArithmetic(method, array, asArrayValue(args.evaluator.evaluate(other), other, args.evaluator), call);
    }
    case 'asType':
    case 'cast': {
      const dtype = args.dtype(0);
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
 * an assignment of one of these. Python is read by the interpreter (src/interpreter/python), TS/JS by the
 * value parser here. Never throws.
 */
export function parseValues(text: string, options: ParseValuesOptions): ParsedValues {
  const maxText = options.maxTextLength ?? MAX_TEXT_LENGTH;
  if (text.length > maxText) return { ok: false, error: refuseLongText('the selection', text.length, maxText) };
  try {
    return options.dialect === 'python' ? parsePythonValues(text, options) : parseScriptValues(text, options);
  } catch (error) {
    return { ok: false, error: positionError(error, lineStarts(text)) };
  }
}

function parseScriptValues(text: string, options: ParseValuesOptions): ParsedValues {
  const maxElements = options.maxElements ?? MAX_ELEMENTS;
  const modules = new Map<string, string>([...CONVENTIONAL_MODULES, ...Object.entries(options.modules ?? {})]);
  const parser = new ExpressionParser(new Lexer(text), maxElements);
  // An assignment: `const x = tf.tensor(...)`, `x = [...]`.
  let name: string | undefined;
  if (['const', 'let', 'var'].includes(parser.peek().text) && parser.peek().kind === 'name') parser.next();
  if (parser.peek().kind === 'name' && parser.isOp('=', 1)) {
    name = parser.next().text;
    parser.next();
  } else if (parser.peek().kind === 'name' && parser.isOp(':', 1)) {
    // `const x: tf.Tensor = …` type annotations are not values; skip to '='.
    while (!parser.isOp('=') && parser.peek().kind !== 'eof') parser.next();
    if (parser.isOp('=')) parser.next();
  }
  const expr = parser.parseExpression();
  if (parser.isOp(';')) parser.next();
  if (parser.peek().kind !== 'eof') throw parser.unexpected('the end of the values');
  const ctx: EvalContext = {
    maxElements,
    lookup: (lookupName, span) => {
      throw new EvaluationError(`\`${lookupName}\` is not a literal; select the values themselves, or the code that defines them too`, span.start, span.end);
    },
    isBound: () => false,
    modulePath: (head) => modules.get(head),
  };
  const evaluator = new ValueEvaluator(ctx);
  const array = asArrayValue(evaluator.evaluate(expr), expr, evaluator);
  return { ok: true, value: array, array: toFloat32(array), start: expr.start, end: expr.end, ...(name ? { name } : {}) };
}

/**
 * Python values: a plain list of numbers or NumPy's printed rows are read in one pass (a million numbers
 * stay cheap); anything else is one Python expression (or `name = expression`) run by the interpreter,
 * with NumPy's printed names (`array`, `float32`, `nan`, `inf`) readable as values.
 */
function parsePythonValues(text: string, options: ParseValuesOptions): ParsedValues {
  const maxElements = options.maxElements ?? MAX_ELEMENTS;
  const assignment = /^\s*([\p{L}_][\p{L}\p{N}_]*)\s*=(?!=)/u.exec(text);
  const from = assignment ? assignment[0].length : 0;
  const open = text.slice(from).search(/\S/) + from;
  if (text[open] === '[') {
    let block;
    try {
      block = scanNumberBlock(text, open, maxElements, true, 'python');
    } catch (error) {
      if (!(error instanceof BlockTooLarge)) throw error;
      throw new EvaluationError(`this list has more than ${maxElements.toLocaleString('en-US')} numbers; Activation Lens evaluates at most ${maxElements.toLocaleString('en-US')}`, open, open + 1, undefined, true);
    }
    if (block && text.slice(block.end).trim() === '') {
      const value = makeArray('list', block.integer ? 'int64' : 'float64', block.shape, block.values);
      return { ok: true, value, array: toFloat32(value), start: block.start, end: block.end, ...(assignment ? { name: assignment[1] } : {}) };
    }
  }
  const context = options.modules ? { bindings: new Map(Object.entries(options.modules).map(([key, path]) => [key, { kind: 'module' as const, path }])), starModules: [] } : undefined;
  const module = runPythonModule(text, { numpyText: true, ...(context ? { context } : {}) });
  const [record, extra] = module.statements;
  if (!record) throw new EvaluationError('expected values, found nothing', 0, 0);
  if (extra) throw new EvaluationError('expected the end of the values; select the values alone, or one assignment of them', extra.start, extra.end);
  if (record.problem) throw problemError(record.problem);
  const statement = record.statement;
  const expr = statement?.kind === 'expr' ? statement.value : statement?.kind === 'assign' && statement.targets.length === 1 && statement.targets[0].kind === 'name' ? statement.value : undefined;
  if (!statement || !expr || record.value === undefined) throw new EvaluationError('expected values (or `name = values`)', record.start, record.end);
  const converted = module.toArray(record.value);
  if ('problem' in converted) throw raggedRowError(expr) ?? problemError(converted.problem);
  const { dtype, shape, values, container } = converted;
  if (values.length > maxElements) throw new EvaluationError(`this value has ${values.length.toLocaleString('en-US')} elements; Activation Lens evaluates at most ${maxElements.toLocaleString('en-US')}`, expr.start, expr.end, undefined, true);
  const value = makeArray(container, dtype, shape, values);
  const name = statement.kind === 'assign' && statement.targets[0].kind === 'name' ? statement.targets[0].id : undefined;
  return { ok: true, value, array: toFloat32(value), start: expr.start, end: expr.end, ...(name ? { name } : {}) };
}

/** An interpreter problem as a positioned EvaluationError. */
/** The shape a nest of list / tuple displays of numbers has as written, undefined when it is ragged or not all numbers. */
function writtenShape(expr: PythonExpr): number[] | undefined {
  if (expr.kind === 'constant') return typeof expr.value === 'number' || typeof expr.value === 'bigint' || typeof expr.value === 'boolean' ? [] : undefined;
  if (expr.kind === 'unary' && (expr.op === '-' || expr.op === '+')) return writtenShape(expr.operand);
  if (expr.kind !== 'list' && expr.kind !== 'tuple') return undefined;
  const shapes = expr.elts.map(writtenShape);
  const first = shapes[0] ?? [];
  return shapes.every((shape) => shape && sameShape(shape, first)) ? [shapes.length, ...first] : undefined;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((length, axis) => length === b[axis]);
}

/** For a ragged list of numbers as written, the row that breaks it, pointing at the first row too (NumPy's message says neither). */
function raggedRowError(expr: PythonExpr): EvaluationError | undefined {
  if (expr.kind !== 'list' && expr.kind !== 'tuple') return undefined;
  const shapes = expr.elts.map(writtenShape);
  if (shapes.some((shape) => !shape)) {
    for (const elt of expr.elts) {
      const inner = raggedRowError(elt);
      if (inner) return inner;
    }
    return undefined;
  }
  const first = shapes[0] as number[];
  const odd = shapes.findIndex((shape) => !sameShape(shape as number[], first));
  if (odd < 0) return undefined;
  const at = expr.elts[odd];
  return new EvaluationError(
    `ragged nested list: this item has shape ${formatShape(shapes[odd] as number[])} but the first item (at {related}) has shape ${formatShape(first)}; every row needs the same length`,
    at.start,
    at.end,
    expr.elts[0].start,
  );
}

function problemError(problem: PythonProblem): EvaluationError {
  return new EvaluationError(problem.text, problem.span.start, problem.span.end, undefined, problem.limit);
}

/** The refusal of a text too long to read, given before any of it is read. */
export function refuseLongText(what: string, length: number, limit: number): PositionedError {
  const message = `${what} is ${(length / 1e6).toFixed(1)} MB; Activation Lens reads at most ${limit / 1e6} MB`;
  return positionError(new EvaluationError(message, 0, 0, undefined, true), [0]);
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
