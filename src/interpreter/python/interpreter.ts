// The tree-walking evaluator. Each syntax node is compiled once into a JavaScript closure (expressions give
// a value, statements a completion: normal, break, continue or return), with every name already resolved to
// a slot, a cell or a global by the scope table; a call then only binds arguments to slots and runs closures.
// Every error is raised at the span of the node that raised it. Work is counted (statements, loop rounds,
// calls) against a step budget, and Python's recursion limit is kept, so an endless loop or a runaway
// recursion stops with a clear message, well before the JavaScript stack could overflow.
import type { Comprehension, Expr, ExprOf, FStringPart, Parameters, Stmt, StmtOf } from './ast';
import { ELLIPSIS } from './ast';
import {
  AssertionError,
  BaseException,
  ImportError,
  NameError,
  PyError,
  RecursionError,
  Refusal,
  RuntimeError,
  TypeError,
  UnboundLocalError,
  located,
  raise,
  type Span,
} from './errors';
import { getattr, setattr } from './attributes';
import { formatPercent, formatValue } from './format';
import {
  ELLIPSIS_VALUE,
  FUNCTION,
  GENERATOR,
  PyCell,
  PyDict,
  PyExceptionInstance,
  PyIteratorObject,
  PyList,
  PySet,
  PySlice,
  PyTuple,
  PyUnknown,
} from './objects';
import {
  binary,
  call,
  collect,
  compare,
  contains,
  delitem,
  getitem,
  hashKey,
  isSame,
  iterate,
  nameError,
  setitem,
  truthy,
  typeName,
  unary,
  unpack,
} from './ops';
import { repr, str } from './printing';
import { ScopeTable, type Scope } from './scope';
import { DONE, PyObject, PyType, type ComparisonName, type Kwargs, type OperatorName, type PyIterator, type PyValue, type Runtime } from './types';

/** How a statement ends: normally, or by break / continue / return (the value in the frame). */
const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Completion = typeof NORMAL | typeof BREAK | typeof CONTINUE | typeof RETURN;

type Evaluate = (frame: Frame) => PyValue;
type Execute = (frame: Frame) => Completion;

/** Python's default recursion limit; the module's own frame counts as one, as in CPython. */
export const RECURSION_LIMIT = 1000;

/** The names of CPython's builtins module in its own order, which is the order "Did you mean" tries them. */
export const CPYTHON_BUILTIN_NAMES: readonly string[] = [
  '__name__', '__doc__', '__package__', '__loader__', '__spec__', '__build_class__', '__import__', 'abs', 'all', 'any', 'ascii', 'bin',
  'breakpoint', 'callable', 'chr', 'compile', 'delattr', 'dir', 'divmod', 'eval', 'exec', 'format', 'getattr', 'globals', 'hasattr',
  'hash', 'hex', 'id', 'input', 'isinstance', 'issubclass', 'iter', 'aiter', 'len', 'locals', 'max', 'min', 'next', 'anext', 'oct', 'ord',
  'pow', 'print', 'repr', 'round', 'setattr', 'sorted', 'sum', 'vars', 'None', 'Ellipsis', 'NotImplemented', 'False', 'True', 'bool',
  'memoryview', 'bytearray', 'bytes', 'classmethod', 'complex', 'dict', 'enumerate', 'filter', 'float', 'frozenset', 'property', 'int',
  'list', 'map', 'object', 'range', 'reversed', 'set', 'slice', 'staticmethod', 'str', 'super', 'tuple', 'type', 'zip', '__debug__',
  'BaseException', 'BaseExceptionGroup', 'Exception', 'GeneratorExit', 'KeyboardInterrupt', 'SystemExit', 'ArithmeticError',
  'AssertionError', 'AttributeError', 'BufferError', 'EOFError', 'ImportError', 'LookupError', 'MemoryError', 'NameError', 'OSError',
  'ReferenceError', 'RuntimeError', 'StopAsyncIteration', 'StopIteration', 'SyntaxError', 'SystemError', 'TypeError', 'ValueError',
  'Warning', 'FloatingPointError', 'OverflowError', 'ZeroDivisionError', 'BytesWarning', 'DeprecationWarning', 'EncodingWarning',
  'FutureWarning', 'ImportWarning', 'PendingDeprecationWarning', 'ResourceWarning', 'RuntimeWarning', 'SyntaxWarning', 'UnicodeWarning',
  'UserWarning', 'BlockingIOError', 'ChildProcessError', 'ConnectionError', 'FileExistsError', 'FileNotFoundError', 'InterruptedError',
  'IsADirectoryError', 'NotADirectoryError', 'PermissionError', 'ProcessLookupError', 'TimeoutError', 'IndentationError', 'IndexError',
  'KeyError', 'ModuleNotFoundError', 'NotImplementedError', 'RecursionError', 'UnboundLocalError', 'UnicodeError', 'BrokenPipeError',
  'ConnectionAbortedError', 'ConnectionRefusedError', 'ConnectionResetError', 'TabError', 'UnicodeDecodeError', 'UnicodeEncodeError',
  'UnicodeTranslateError', 'ExceptionGroup', 'EnvironmentError', 'IOError', 'open', 'quit', 'exit', 'copyright', 'credits', 'license', 'help',
];

/** A module's globals as CPython's `__main__` starts with them (their names take part in suggestions). */
const MAIN_GLOBALS = ['__name__', '__doc__', '__package__', '__loader__', '__spec__', '__annotations__', '__builtins__'];

/** What the module around the code provides: builtins, imports, and names read by convention. */
export interface Environment {
  readonly builtins: ReadonlyMap<string, PyValue>;
  /** `import name`: the module, or a Refusal naming what is outside the subset. */
  importModule(rt: Interpreter, name: string): PyValue;
  /** A name bound nowhere that snippets use by convention (`np`, `tf`, `LeakyReLU`), or undefined. */
  conventional(rt: Interpreter, name: string, span: Span): PyValue | undefined;
}

export interface FunctionCode {
  readonly name: string;
  readonly qualname: string;
  readonly params: Parameters;
  readonly scope: Scope;
  /** Compiles the body, at the function's first call: a function never called costs nothing. */
  readonly compile: () => Execute;
  body: Execute | undefined;
  /** Slots holding cells (locals an inner function reads), created at each call. */
  readonly cellSlots: readonly number[];
  readonly node: StmtOf<'def'> | ExprOf<'lambda'>;
}

export class Frame {
  readonly slots: (PyValue | PyCell | undefined)[];
  returnValue: PyValue = null;
  constructor(
    readonly scope: Scope,
    readonly closure: readonly PyCell[],
  ) {
    this.slots = new Array<PyValue | PyCell | undefined>(scope.locals.length);
  }
}

/** A function defined in the code (`def` or `lambda`): its code, defaults as evaluated at definition, closure. */
export class PyFunction extends PyObject {
  constructor(
    readonly code: FunctionCode,
    readonly defaults: readonly PyValue[],
    readonly kwDefaults: ReadonlyMap<string, PyValue>,
    readonly closure: readonly PyCell[],
    private readonly interpreter: Interpreter,
  ) {
    super();
  }
  get type(): PyType {
    return FUNCTION;
  }
  get name(): string {
    return this.code.name;
  }
  override call(_rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    return this.interpreter.invoke(this, args, kwargs);
  }
  override getattr(_rt: Runtime, name: string): PyValue | undefined {
    if (name === '__name__') return this.code.name;
    if (name === '__qualname__') return this.code.qualname;
    return undefined;
  }
}

export interface InterpreterOptions {
  readonly environment: Environment;
  /** Steps allowed for each run (a statement, a call): counted by statements, loop rounds and calls. */
  readonly stepLimit?: number;
}

/** Steps a top-level statement may take by default: about half a second of plain Python loops. */
export const DEFAULT_STEP_LIMIT = 2_000_000;

/** The longest text the code may print (2 MB). */
export const MAX_OUTPUT = 2_000_000;

export class Interpreter implements Runtime {
  readonly globals = new Map<string, PyValue>();
  /** Names the code bound by assignment or def (not imports), for telling a typo from a missing import. */
  readonly assigned = new Set<string>();
  readonly scopes: ScopeTable;
  budget: number;
  stepLimit: number;
  /** Active calls of functions defined in the code (0: module-level code is running). */
  depth = 0;
  /** Calls of functions defined in the code so far (a value that needed one is computed, not data). */
  calls = 0;
  /** The call expression being evaluated last, which is where a print's text belongs at module level. */
  callSpan: Span | undefined;
  /** Where printed text goes, with the depth and call it came from. */
  onWrite: ((text: string, depth: number, span: Span | undefined) => void) | undefined;
  /** Where warnings go. */
  onWarn: ((category: string, message: string, span: Span | undefined) => void) | undefined;
  private written = 0;
  /** The exceptions being handled, innermost last, for a bare `raise`. */
  private readonly handling: PyError[] = [];
  private readonly compiled = new Map<Stmt, Execute>();
  private readonly compiledExpressions = new Map<Expr, Evaluate>();

  constructor(
    statements: readonly Stmt[],
    readonly options: InterpreterOptions,
  ) {
    this.scopes = new ScopeTable(statements);
    this.stepLimit = options.stepLimit ?? DEFAULT_STEP_LIMIT;
    this.budget = this.stepLimit;
  }

  get environment(): Environment {
    return this.options.environment;
  }

  // -- Runtime ---------------------------------------------------------------------------------------------

  call(callable: PyValue, args: readonly PyValue[], kwargs?: Kwargs): PyValue {
    return call(this, callable, args, kwargs);
  }

  step(cost = 1): void {
    this.budget -= cost;
    if (this.budget < 0) this.outOfSteps();
  }

  outOfSteps(): never {
    this.budget = 0;
    throw new Refusal(`stopped after ${this.stepLimit.toLocaleString('en-US')} steps: an endless loop, or more work than Activation Lens evaluates here`, undefined, true);
  }

  warn(category: string, message: string): void {
    this.onWarn?.(category, message, this.callSpan);
  }

  write(text: string): void {
    this.written += text.length;
    if (this.written > MAX_OUTPUT) throw new Refusal(`the code printed more than ${MAX_OUTPUT / 1e6} MB, more than Activation Lens shows`, undefined, true);
    this.onWrite?.(text, this.depth, this.callSpan);
  }

  getattr(value: PyValue, name: string): PyValue {
    return getattr(this, value, name);
  }

  repr(value: PyValue): string {
    return repr(this, value);
  }

  str(value: PyValue): string {
    return str(this, value);
  }

  // -- running ---------------------------------------------------------------------------------------------

  /** Runs one module-level statement with a fresh step budget. */
  runStatement(statement: Stmt, frame: Frame): void {
    this.budget = this.stepLimit;
    this.depth = 0;
    this.callSpan = undefined;
    let execute = this.compiled.get(statement);
    if (!execute) {
      execute = new Compiler(this, this.scopes.module, '').statement(statement);
      this.compiled.set(statement, execute);
    }
    execute(frame);
  }

  /** Evaluates a module-level expression (a bare expression statement, whose value is shown) with a fresh budget. */
  evaluateExpression(expr: Expr, frame: Frame): PyValue {
    this.budget = this.stepLimit;
    this.depth = 0;
    this.callSpan = undefined;
    let evaluate = this.compiledExpressions.get(expr);
    if (!evaluate) {
      evaluate = new Compiler(this, this.scopes.module, '').expr(expr);
      this.compiledExpressions.set(expr, evaluate);
    }
    try {
      return evaluate(frame);
    } catch (error) {
      throw located(error, expr);
    }
  }

  moduleFrame(): Frame {
    return new Frame(this.scopes.module, []);
  }

  /** Calls a function of the code with a step budget of its own (the check layer samples functions this way). */
  callWithBudget(fn: PyValue, args: readonly PyValue[], stepLimit: number): PyValue {
    const saved = this.stepLimit;
    this.stepLimit = stepLimit;
    this.budget = stepLimit;
    this.depth = 0;
    try {
      return this.call(fn, args);
    } finally {
      this.stepLimit = saved;
    }
  }

  /** Binds a call's arguments to the function's parameters and runs its body. */
  invoke(fn: PyFunction, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    const code = fn.code;
    const frame = new Frame(code.scope, fn.closure);
    const params = code.params;
    const positionalCount = params.positionalOnly.length + params.positional.length;
    if (!kwargs && !params.vararg && !params.kwarg && params.keywordOnly.length === 0 && args.length === positionalCount) {
      for (let i = 0; i < positionalCount; i++) frame.slots[i] = args[i];
    } else {
      bindArguments(fn, frame, args, kwargs);
    }
    for (const slot of code.cellSlots) frame.slots[slot] = new PyCell(frame.slots[slot] as PyValue | undefined);
    this.calls++;
    if (++this.depth >= RECURSION_LIMIT) {
      this.depth--;
      throw new PyError(RecursionError, ['maximum recursion depth exceeded']);
    }
    this.budget--;
    if (this.budget < 0) this.outOfSteps();
    try {
      return (code.body ??= code.compile())(frame) === RETURN ? frame.returnValue : null;
    } catch (error) {
      // A JavaScript stack overflow despite the recursion limit (deep builtins): Python's RecursionError.
      if (error instanceof RangeError) throw new PyError(RecursionError, ['maximum recursion depth exceeded']);
      throw error;
    } finally {
      this.depth--;
    }
  }

  handlingPush(error: PyError): void {
    this.handling.push(error);
  }

  handlingPop(): void {
    this.handling.pop();
  }

  currentlyHandled(): PyError | undefined {
    return this.handling[this.handling.length - 1];
  }

  /** The candidates for "Did you mean" of a NameError in `frame`: its bound locals, the globals, the builtins. */
  namesInScope(frame: Frame): { names: string[]; assigned: ReadonlySet<string> } {
    const locals = frame.scope.kind === 'function' ? frame.scope.locals.filter((_name, slot) => frame.slots[slot] !== undefined) : [];
    return { names: [...locals, ...MAIN_GLOBALS, ...this.globals.keys(), ...CPYTHON_BUILTIN_NAMES], assigned: new Set([...locals, ...this.assigned]) };
  }

  loadGlobal(frame: Frame, name: string, span: Span): PyValue {
    const value = this.globals.get(name);
    if (value !== undefined) {
      if (value instanceof PyUnknown) throw new Refusal(`\`${name}\` is not known here: ${value.reason}`, span, false, value.origin ?? `\`${name}\` (${value.reason})`);
      return value;
    }
    const builtin = this.environment.builtins.get(name);
    if (builtin !== undefined) return builtin;
    const conventional = this.environment.conventional(this, name, span);
    if (conventional !== undefined) return conventional;
    const error = nameError(name, this.namesInScope(frame));
    error.span = span;
    throw error;
  }
}

/** Binds arguments as CPython does, with its TypeError messages. */
function bindArguments(fn: PyFunction, frame: Frame, args: readonly PyValue[], kwargs: Kwargs): void {
  const { params, qualname } = fn.code;
  const positional = [...params.positionalOnly, ...params.positional];
  const slots = frame.slots;
  const slotOf = (name: string): number => fn.code.scope.slots.get(name) as number;
  const n = Math.min(args.length, positional.length);
  for (let i = 0; i < n; i++) slots[i] = args[i];
  if (args.length > positional.length) {
    if (params.vararg) {
      slots[slotOf(params.vararg.name)] = new PyTuple(args.slice(positional.length));
    } else {
      const required = positional.length - fn.defaults.length;
      const takes = fn.defaults.length ? `from ${required} to ${positional.length}` : `${positional.length}`;
      const keywordOnlyGiven = params.keywordOnly.filter((p) => kwargs?.has(p.name)).length;
      const given = keywordOnlyGiven
        ? `${args.length} positional argument${args.length === 1 ? '' : 's'} (and ${keywordOnlyGiven} keyword-only argument${keywordOnlyGiven === 1 ? '' : 's'}) were given`
        : `${args.length} ${args.length === 1 ? 'was' : 'were'} given`;
      raise(TypeError, `${qualname}() takes ${takes} positional argument${takes === '1' ? '' : 's'} but ${given}`);
    }
  } else if (params.vararg) {
    slots[slotOf(params.vararg.name)] = new PyTuple([]);
  }
  let extra: PyDict | undefined;
  if (params.kwarg) slots[slotOf(params.kwarg.name)] = extra = new PyDict();
  const positionalOnly = new Set(params.positionalOnly.map((p) => p.name));
  const misplaced: string[] = [];
  for (const [key, value] of kwargs ?? []) {
    const slot = fn.code.scope.slots.get(key);
    const isParameter = slot !== undefined && (positional.some((p) => p.name === key) || params.keywordOnly.some((p) => p.name === key)) && !positionalOnly.has(key);
    if (!isParameter) {
      if (extra) {
        extra.entries.set(hashKey(key), [key, value]);
        continue;
      }
      if (positionalOnly.has(key)) {
        misplaced.push(key);
        continue;
      }
      raise(TypeError, `${qualname}() got an unexpected keyword argument '${key}'`);
    }
    if (slots[slot] !== undefined) raise(TypeError, `${qualname}() got multiple values for argument '${key}'`);
    slots[slot] = value;
  }
  if (misplaced.length) raise(TypeError, `${qualname}() got some positional-only arguments passed as keyword arguments: '${misplaced.join(', ')}'`);
  const firstDefault = positional.length - fn.defaults.length;
  const missing: string[] = [];
  positional.forEach((param, i) => {
    if (slots[i] !== undefined) return;
    if (i >= firstDefault) slots[i] = fn.defaults[i - firstDefault];
    else missing.push(param.name);
  });
  if (missing.length) raise(TypeError, `${qualname}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${nameList(missing)}`);
  const missingKeywords: string[] = [];
  for (const param of params.keywordOnly) {
    const slot = slotOf(param.name);
    if (slots[slot] !== undefined) continue;
    const fallback = fn.kwDefaults.get(param.name);
    if (fallback !== undefined) slots[slot] = fallback;
    else missingKeywords.push(param.name);
  }
  if (missingKeywords.length) {
    raise(TypeError, `${qualname}() missing ${missingKeywords.length} required keyword-only argument${missingKeywords.length === 1 ? '' : 's'}: ${nameList(missingKeywords)}`);
  }
}

/** 'x', 'x' and 'y', 'x', 'y', and 'z' — as CPython lists missing arguments. */
function nameList(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length === 1) return quoted[0];
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** A target of an assignment compiled to a function that stores a value. */
type Store = (frame: Frame, value: PyValue) => void;

class Compiler {
  constructor(
    private readonly interpreter: Interpreter,
    private readonly scope: Scope,
    private readonly qualifier: string,
  ) {}

  // -- statements ------------------------------------------------------------------------------------------

  /** A block's statements in order; an error without a position gets the statement's (no frame of its own per statement). */
  block(statements: readonly Stmt[]): Execute {
    const compiled = statements.map((statement) => this.statementBody(statement));
    const interpreter = this.interpreter;
    if (compiled.length === 1) {
      const only = compiled[0];
      const statement = statements[0];
      return (frame) => {
        if (--interpreter.budget < 0) interpreter.outOfSteps();
        try {
          return only(frame);
        } catch (error) {
          throw located(error, statement);
        }
      };
    }
    return (frame) => {
      let i = 0;
      try {
        for (; i < compiled.length; i++) {
          if (--interpreter.budget < 0) interpreter.outOfSteps();
          const completion = compiled[i](frame);
          if (completion !== NORMAL) return completion;
        }
      } catch (error) {
        throw located(error, statements[i]);
      }
      return NORMAL;
    };
  }

  statement(statement: Stmt): Execute {
    return this.block([statement]);
  }

  private statementBody(statement: Stmt): Execute {
    switch (statement.kind) {
      case 'expr': {
        const value = this.expr(statement.value);
        return (frame) => {
          value(frame);
          return NORMAL;
        };
      }
      case 'assign':
        return this.assign(statement);
      case 'augassign':
        return this.augmentedAssign(statement);
      case 'annassign': {
        if (!statement.value) return () => NORMAL;
        const value = this.expr(statement.value);
        const store = this.store(statement.target);
        return (frame) => {
          store(frame, value(frame));
          return NORMAL;
        };
      }
      case 'return': {
        const value = statement.value ? this.expr(statement.value) : undefined;
        return (frame) => {
          frame.returnValue = value ? value(frame) : null;
          return RETURN;
        };
      }
      case 'if':
        return this.ifStatement(statement);
      case 'while':
        return this.whileStatement(statement);
      case 'for':
        return this.forStatement(statement);
      case 'pass':
        return () => NORMAL;
      case 'break':
        return () => BREAK;
      case 'continue':
        return () => CONTINUE;
      case 'def':
        return this.functionDef(statement);
      case 'import':
        return this.importStatement(statement);
      case 'importfrom':
        return this.fromImport(statement);
      case 'try':
        return this.tryStatement(statement);
      case 'raise':
        return this.raiseStatement(statement);
      case 'assert': {
        const test = this.expr(statement.test);
        const message = statement.msg ? this.expr(statement.msg) : undefined;
        return (frame) => {
          if (!truthy(this.interpreter, test(frame))) throw new PyError(AssertionError, message ? [message(frame)] : [], statement.test);
          return NORMAL;
        };
      }
      case 'delete': {
        const deletes = statement.targets.map((target) => this.delete(target));
        return (frame) => {
          for (const remove of deletes) remove(frame);
          return NORMAL;
        };
      }
      case 'unsupported': {
        const binds = statement.binds.map((name) => this.store({ kind: 'name', id: name, start: statement.start, end: statement.end }));
        const reason = `${statement.what} is outside the Python Activation Lens interprets`;
        return (frame) => {
          for (const bind of binds) bind(frame, new PyUnknown(`it is bound by ${statement.what}, which Activation Lens does not interpret`));
          throw new Refusal(reason, statement);
        };
      }
    }
  }

  private assign(statement: StmtOf<'assign'>): Execute {
    const value = this.expr(statement.value);
    const stores = statement.targets.map((target) => this.store(target));
    if (stores.length === 1) {
      const store = stores[0];
      return (frame) => {
        store(frame, value(frame));
        return NORMAL;
      };
    }
    return (frame) => {
      const result = value(frame);
      for (const store of stores) store(frame, result);
      return NORMAL;
    };
  }

  private augmentedAssign(statement: StmtOf<'augassign'>): Execute {
    const { target, op } = statement;
    const value = this.expr(statement.value);
    const rt = this.interpreter;
    const apply = (left: PyValue, right: PyValue): PyValue => inPlace(rt, op, left, right);
    if (target.kind === 'name') {
      const load = this.expr(target);
      const store = this.store(target);
      return (frame) => {
        const left = load(frame);
        store(frame, apply(left, value(frame)));
        return NORMAL;
      };
    }
    if (target.kind === 'subscript') {
      const container = this.expr(target.value);
      const index = this.index(target.index);
      return (frame) => {
        const object = container(frame);
        const key = index(frame);
        const left = getitem(rt, object, key);
        setitem(rt, object, key, apply(left, value(frame)));
        return NORMAL;
      };
    }
    if (target.kind === 'attribute') {
      const object = this.expr(target.value);
      return (frame) => {
        const owner = object(frame);
        setattr(rt, owner, target.attr, apply(getattr(rt, owner, target.attr), value(frame)));
        return NORMAL;
      };
    }
    return () => raise(TypeError, 'illegal expression for augmented assignment');
  }

  private ifStatement(statement: StmtOf<'if'>): Execute {
    const test = this.expr(statement.test);
    const body = this.block(statement.body);
    const orelse = statement.orelse.length ? this.block(statement.orelse) : undefined;
    const rt = this.interpreter;
    return (frame) => {
      const condition = test(frame);
      if (condition === true || (condition !== false && truthy(rt, condition))) return body(frame);
      return orelse ? orelse(frame) : NORMAL;
    };
  }

  private whileStatement(statement: StmtOf<'while'>): Execute {
    const test = this.expr(statement.test);
    const body = this.block(statement.body);
    const orelse = statement.orelse.length ? this.block(statement.orelse) : undefined;
    const rt = this.interpreter;
    return (frame) => {
      while (truthy(rt, test(frame))) {
        const completion = body(frame);
        if (completion === BREAK) return NORMAL;
        if (completion === RETURN) return RETURN;
      }
      return orelse ? orelse(frame) : NORMAL;
    };
  }

  private forStatement(statement: StmtOf<'for'>): Execute {
    const iterable = this.expr(statement.iter);
    const store = this.store(statement.target);
    const body = this.block(statement.body);
    const orelse = statement.orelse.length ? this.block(statement.orelse) : undefined;
    const rt = this.interpreter;
    return (frame) => {
      const iterator = iterate(rt, iterable(frame));
      for (let item = iterator.next(); item !== DONE; item = iterator.next()) {
        store(frame, item);
        const completion = body(frame);
        if (completion === BREAK) return NORMAL;
        if (completion === RETURN) return RETURN;
      }
      return orelse ? orelse(frame) : NORMAL;
    };
  }

  private functionDef(statement: StmtOf<'def'>): Execute {
    const create = this.functionMaker(statement, statement.name, statement.params, (compiler) => compiler.block(statement.body));
    const store = this.store({ kind: 'name', id: statement.name, start: statement.nameStart, end: statement.nameStart + statement.name.length });
    const inner = this.interpreter.scopes.scopeOf(statement);
    if (this.scope.kind === 'module') this.interpreter.assigned.add(statement.name);
    return (frame) => {
      if (inner.hasYield) throw new Refusal(`\`${statement.name}\` is a generator (it uses \`yield\`), which is outside the Python Activation Lens interprets`, { start: statement.start, end: statement.headerEnd });
      store(frame, create(frame));
      return NORMAL;
    };
  }

  /** What creates a function object at run time: defaults evaluated, cells captured. */
  private functionMaker(node: StmtOf<'def'> | ExprOf<'lambda'>, name: string, params: Parameters, compileBody: (compiler: Compiler) => Execute): Evaluate {
    const inner = this.interpreter.scopes.scopeOf(node);
    const qualname = this.qualifier + name;
    const compiler = new Compiler(this.interpreter, inner, `${qualname}.<locals>.`);
    const code: FunctionCode = {
      name,
      qualname,
      params,
      scope: inner,
      compile: () => compileBody(compiler),
      body: undefined,
      cellSlots: inner.locals.flatMap((local, slot) => (inner.cells.has(local) ? [slot] : [])),
      node,
    };
    const positionalDefaults = [...params.positionalOnly, ...params.positional].flatMap((p) => (p.default ? [this.expr(p.default)] : []));
    const keywordDefaults = params.keywordOnly.flatMap((p) => (p.default ? [[p.name, this.expr(p.default)] as const] : []));
    const captures = inner.frees.map((free) => this.cellGetter(free));
    const interpreter = this.interpreter;
    return (frame) => {
      const defaults = positionalDefaults.map((evaluate) => evaluate(frame));
      const kwDefaults = new Map(keywordDefaults.map(([key, evaluate]) => [key, evaluate(frame)]));
      return new PyFunction(code, defaults, kwDefaults, captures.map((get) => get(frame)), interpreter);
    };
  }

  /** The cell an inner function captures for `name`: this frame's own cell, or one from its closure. */
  private cellGetter(name: string): (frame: Frame) => PyCell {
    const location = ScopeTable.locate(this.scope, name);
    if (location.kind === 'cell') return (frame) => frame.slots[location.slot] as PyCell;
    if (location.kind === 'free') return (frame) => frame.closure[location.index];
    throw new Error(`no cell for ${name}`);
  }

  private importStatement(statement: StmtOf<'import'>): Execute {
    const rt = this.interpreter;
    const bindings = statement.names.map((name) => {
      const parts = name.name.split('.');
      const bound = name.asname ?? parts[0];
      return { name, parts, store: this.store({ kind: 'name', id: bound, start: name.start, end: name.end }, true) };
    });
    return (frame) => {
      for (const { name, parts, store } of bindings) {
        let module: PyValue;
        try {
          module = rt.environment.importModule(rt, name.name);
        } catch (error) {
          if (error instanceof Refusal) store(frame, new PyUnknown(`it is the module \`${name.name}\`, which Activation Lens does not interpret`));
          throw located(error, name);
        }
        if (name.asname) {
          store(frame, module);
        } else {
          // `import a.b.c` binds `a`.
          store(frame, parts.length > 1 ? rt.environment.importModule(rt, parts[0]) : module);
        }
      }
      return NORMAL;
    };
  }

  private fromImport(statement: StmtOf<'importfrom'>): Execute {
    const rt = this.interpreter;
    if (statement.level > 0) return () => refuseAt(`a relative import (\`from ${'.'.repeat(statement.level)}${statement.module} import …\`) reads your own package, which Activation Lens does not`, statement);
    if (statement.names === '*') return () => refuseAt(`\`from ${statement.module} import *\` is outside what Activation Lens interprets; import the names you use`, statement);
    const bindings = statement.names.map((name) => ({ name, store: this.store({ kind: 'name', id: name.asname ?? name.name, start: name.start, end: name.end }, true) }));
    return (frame) => {
      let module: PyValue;
      try {
        module = rt.environment.importModule(rt, statement.module);
      } catch (error) {
        for (const { store } of bindings) store(frame, new PyUnknown(`it is imported from \`${statement.module}\`, which Activation Lens does not interpret`));
        throw error;
      }
      for (const { name, store } of bindings) {
        try {
          store(frame, getattr(rt, module, name.name));
        } catch (error) {
          if (error instanceof PyError && error.type.name === 'AttributeError') {
            throw new PyError(ImportError, [`cannot import name '${name.name}' from '${statement.module}' (unknown location)`], name);
          }
          throw located(error, name);
        }
      }
      return NORMAL;
    };
  }

  private tryStatement(statement: StmtOf<'try'>): Execute {
    const body = this.block(statement.body);
    const handlers = statement.handlers.map((handler) => ({
      handler,
      type: handler.type ? this.expr(handler.type) : undefined,
      store: handler.name ? this.store({ kind: 'name', id: handler.name, start: handler.start, end: handler.end }) : undefined,
      remove: handler.name ? this.delete({ kind: 'name', id: handler.name, start: handler.start, end: handler.end }, true) : undefined,
      body: this.block(handler.body),
    }));
    const orelse = statement.orelse.length ? this.block(statement.orelse) : undefined;
    const finalbody = statement.finalbody.length ? this.block(statement.finalbody) : undefined;
    const rt = this.interpreter;
    const run = (frame: Frame): Completion => {
      let completion: Completion;
      try {
        completion = body(frame);
      } catch (error) {
        if (!(error instanceof PyError)) throw error;
        for (const { type, store, remove, body: handlerBody } of handlers) {
          if (type && !matchesException(error, type(frame))) continue;
          store?.(frame, exceptionInstance(error));
          rt.handlingPush(error);
          try {
            return handlerBody(frame);
          } finally {
            rt.handlingPop();
            remove?.(frame);
          }
        }
        throw error;
      }
      if (completion === NORMAL && orelse) return orelse(frame);
      return completion;
    };
    if (!finalbody) return run;
    return (frame) => {
      let completion: Completion;
      try {
        completion = run(frame);
      } catch (error) {
        const after = finalbody(frame);
        if (after !== NORMAL) return after;
        throw error;
      }
      const after = finalbody(frame);
      return after !== NORMAL ? after : completion;
    };
  }

  private raiseStatement(statement: StmtOf<'raise'>): Execute {
    const rt = this.interpreter;
    const exception = statement.exc ? this.expr(statement.exc) : undefined;
    const cause = statement.cause ? this.expr(statement.cause) : undefined;
    return (frame) => {
      if (!exception) {
        const current = rt.currentlyHandled();
        if (!current) throw new PyError(RuntimeError, ['No active exception to reraise'], statement);
        throw current;
      }
      const value = exception(frame);
      if (cause) cause(frame);
      // CPython places a raised exception at its `raise` statement.
      throw toRaisable(rt, value, statement);
    };
  }

  // -- targets ---------------------------------------------------------------------------------------------

  /** `imported`: an import binds the name, which does not count as the module's own (for NameError's hints). */
  store(target: Expr, imported = false): Store {
    const rt = this.interpreter;
    switch (target.kind) {
      case 'name': {
        const location = ScopeTable.locate(this.scope, target.id);
        if (this.scope.kind === 'module' && !imported) rt.assigned.add(target.id);
        switch (location.kind) {
          case 'local':
            return (frame, value) => {
              frame.slots[location.slot] = value;
            };
          case 'cell':
            return (frame, value) => {
              (frame.slots[location.slot] as PyCell).value = value;
            };
          case 'free':
            return (frame, value) => {
              frame.closure[location.index].value = value;
            };
          default: {
            const name = target.id;
            return (_frame, value) => {
              rt.globals.set(name, value);
            };
          }
        }
      }
      case 'tuple':
      case 'list': {
        const starAt = target.elts.findIndex((element) => element.kind === 'starred');
        if (starAt !== -1 && target.elts.slice(starAt + 1).some((element) => element.kind === 'starred')) {
          return () => refuseAt('multiple starred expressions in assignment', target);
        }
        const stores = target.elts.map((element) => this.store(element.kind === 'starred' ? element.value : element));
        const count = starAt === -1 ? stores.length : stores.length - 1;
        return (frame, value) => {
          const items = unpack(rt, value, count, starAt === -1 ? undefined : starAt);
          for (let i = 0; i < stores.length; i++) stores[i](frame, items[i]);
        };
      }
      case 'subscript': {
        const container = this.expr(target.value);
        const index = this.index(target.index);
        return (frame, value) => {
          const object = container(frame);
          const key = index(frame);
          try {
            setitem(rt, object, key, value);
          } catch (error) {
            throw located(error, target);
          }
        };
      }
      case 'attribute': {
        const object = this.expr(target.value);
        return (frame, value) => {
          try {
            setattr(rt, object(frame), target.attr, value);
          } catch (error) {
            throw located(error, target);
          }
        };
      }
      default:
        return () => refuseAt('this assignment target is outside what Activation Lens interprets', target);
    }
  }

  private delete(target: Expr, silent = false): (frame: Frame) => void {
    const rt = this.interpreter;
    switch (target.kind) {
      case 'name': {
        const location = ScopeTable.locate(this.scope, target.id);
        const name = target.id;
        const missing = (): never => {
          throw location.kind === 'global' ? new PyError(NameError, [`name '${name}' is not defined`], target) : new PyError(UnboundLocalError, [`cannot access local variable '${name}' where it is not associated with a value`], target);
        };
        switch (location.kind) {
          case 'local':
            return (frame) => {
              if (frame.slots[location.slot] === undefined && !silent) missing();
              frame.slots[location.slot] = undefined;
            };
          case 'cell':
            return (frame) => {
              const cell = frame.slots[location.slot] as PyCell;
              if (cell.value === undefined && !silent) missing();
              cell.value = undefined;
            };
          case 'free':
            return (frame) => {
              frame.closure[location.index].value = undefined;
            };
          default:
            return () => {
              if (!rt.globals.delete(name) && !silent) missing();
            };
        }
      }
      case 'tuple':
      case 'list': {
        const deletes = target.elts.map((element) => this.delete(element));
        return (frame) => deletes.forEach((remove) => remove(frame));
      }
      case 'subscript': {
        const container = this.expr(target.value);
        const index = this.index(target.index);
        return (frame) => {
          const object = container(frame);
          const key = index(frame);
          try {
            delitem(rt, object, key);
          } catch (error) {
            throw located(error, target);
          }
        };
      }
      default:
        return () => refuseAt('deleting attributes is outside what Activation Lens interprets', target);
    }
  }

  // -- expressions -----------------------------------------------------------------------------------------

  expr(expr: Expr): Evaluate {
    switch (expr.kind) {
      case 'constant': {
        const value = expr.value === ELLIPSIS ? ELLIPSIS_VALUE : expr.value;
        return () => value;
      }
      case 'name':
        return this.load(expr);
      case 'attribute': {
        const object = this.expr(expr.value);
        const name = expr.attr;
        const rt = this.interpreter;
        return (frame) => {
          const owner = object(frame);
          try {
            return getattr(rt, owner, name);
          } catch (error) {
            throw located(error, expr);
          }
        };
      }
      case 'subscript': {
        const object = this.expr(expr.value);
        const index = this.index(expr.index);
        const rt = this.interpreter;
        return (frame) => {
          const container = object(frame);
          const key = index(frame);
          try {
            return getitem(rt, container, key);
          } catch (error) {
            throw located(error, expr);
          }
        };
      }
      case 'slice':
        return this.index(expr);
      case 'call':
        return this.call(expr);
      case 'binop':
        return this.binaryOperation(expr);
      case 'unary': {
        const operand = this.expr(expr.operand);
        const rt = this.interpreter;
        if (expr.op === 'not') return (frame) => !truthy(rt, operand(frame));
        const op = expr.op;
        return (frame) => {
          const value = operand(frame);
          if (typeof value === 'number' && op === '-') return -value;
          try {
            return unary(rt, op, value);
          } catch (error) {
            throw located(error, expr);
          }
        };
      }
      case 'boolop': {
        const values = expr.values.map((value) => this.expr(value));
        const rt = this.interpreter;
        const isAnd = expr.op === 'and';
        return (frame) => {
          let result: PyValue = null;
          for (const value of values) {
            result = value(frame);
            if (truthy(rt, result) !== isAnd) return result;
          }
          return result;
        };
      }
      case 'compare':
        return this.comparison(expr);
      case 'ifexp': {
        const test = this.expr(expr.test);
        const body = this.expr(expr.body);
        const orelse = this.expr(expr.orelse);
        const rt = this.interpreter;
        return (frame) => (truthy(rt, test(frame)) ? body(frame) : orelse(frame));
      }
      case 'lambda': {
        const node = expr;
        return this.functionMaker(node, '<lambda>', node.params, (compiler) => {
          const body = compiler.expr(node.body);
          return (frame) => {
            frame.returnValue = body(frame);
            return RETURN;
          };
        });
      }
      case 'list':
      case 'tuple':
      case 'set':
        return this.display(expr);
      case 'dict':
        return this.dictDisplay(expr);
      case 'listcomp':
      case 'setcomp':
      case 'genexp':
      case 'dictcomp':
        return this.comprehension(expr);
      case 'starred':
        return () => refuseAt("can't use starred expression here", expr);
      case 'namedexpr': {
        const value = this.expr(expr.value);
        const store = this.store(expr.target);
        return (frame) => {
          const result = value(frame);
          store(frame, result);
          return result;
        };
      }
      case 'fstring':
        return this.fstring(expr.parts);
      case 'unsupported':
        return () => refuseAt(`${expr.what} ${expr.what.endsWith('s') ? 'are' : 'is'} outside the Python Activation Lens interprets`, expr);
    }
  }

  private load(expr: ExprOf<'name'>): Evaluate {
    const location = ScopeTable.locate(this.scope, expr.id);
    const name = expr.id;
    const rt = this.interpreter;
    switch (location.kind) {
      case 'local': {
        const slot = location.slot;
        return (frame) => {
          const value = frame.slots[slot];
          if (value === undefined) throw new PyError(UnboundLocalError, [`cannot access local variable '${name}' where it is not associated with a value`], expr);
          return value as PyValue;
        };
      }
      case 'cell': {
        const slot = location.slot;
        return (frame) => {
          const value = (frame.slots[slot] as PyCell).value;
          if (value === undefined) throw new PyError(UnboundLocalError, [`cannot access local variable '${name}' where it is not associated with a value`], expr);
          return value;
        };
      }
      case 'free': {
        const index = location.index;
        return (frame) => {
          const value = frame.closure[index].value;
          if (value === undefined) throw new PyError(NameError, [`cannot access free variable '${name}' where it is not associated with a value in enclosing scope`], expr);
          return value;
        };
      }
      default:
        return (frame) => rt.loadGlobal(frame, name, expr);
    }
  }

  /** A subscript's index: slices become slice objects, tuples of them tuples. */
  private index(expr: Expr): Evaluate {
    if (expr.kind === 'slice') {
      const lower = expr.lower ? this.expr(expr.lower) : undefined;
      const upper = expr.upper ? this.expr(expr.upper) : undefined;
      const step = expr.step ? this.expr(expr.step) : undefined;
      return (frame) => new PySlice(lower ? lower(frame) : null, upper ? upper(frame) : null, step ? step(frame) : null);
    }
    if (expr.kind === 'tuple' && expr.elts.some((element) => element.kind === 'slice')) {
      const items = expr.elts.map((element) => this.index(element));
      return (frame) => new PyTuple(items.map((item) => item(frame)));
    }
    return this.expr(expr);
  }

  private binaryOperation(expr: ExprOf<'binop'>): Evaluate {
    const left = this.expr(expr.left);
    const right = this.expr(expr.right);
    const op = expr.op as OperatorName;
    const rt = this.interpreter;
    return (frame) => {
      const a = left(frame);
      const b = right(frame);
      try {
        return operate(rt, op, a, b);
      } catch (error) {
        throw located(error, expr);
      }
    };
  }

  private comparison(expr: ExprOf<'compare'>): Evaluate {
    const left = this.expr(expr.left);
    const rights = expr.comparators.map((comparator) => this.expr(comparator));
    const ops = expr.ops;
    const rt = this.interpreter;
    const single = (op: string, a: PyValue, b: PyValue): PyValue => {
      if (COMPARISONS.has(op)) return compare(rt, op as ComparisonName, a, b);
      switch (op) {
        case 'in':
          return contains(rt, b, a);
        case 'not in':
          return !contains(rt, b, a);
        case 'is':
          return isSame(a, b);
        default:
          return !isSame(a, b);
      }
    };
    return (frame) => {
      let a = left(frame);
      for (let i = 0; i < rights.length; i++) {
        const b = rights[i](frame);
        let result: PyValue;
        try {
          result = single(ops[i], a, b);
        } catch (error) {
          throw located(error, expr);
        }
        if (i === rights.length - 1 || !truthy(rt, result)) return result;
        a = b;
      }
      return true;
    };
  }

  private call(expr: ExprOf<'call'>): Evaluate {
    const func = this.expr(expr.func);
    const rt = this.interpreter;
    const simple = !expr.args.some((arg) => arg.kind === 'starred') && expr.keywords.every((keyword) => keyword.name !== undefined);
    const args = expr.args.map((arg) => (arg.kind === 'starred' ? { starred: true, value: this.expr(arg.value) } : { starred: false, value: this.expr(arg) }));
    const keywords = expr.keywords.map((keyword) => ({ name: keyword.name, value: this.expr(keyword.value) }));
    const invoke = (callable: PyValue, values: readonly PyValue[], kwargs: Kwargs): PyValue => {
      rt.callSpan = expr;
      try {
        if (callable instanceof PyFunction) return rt.invoke(callable, values, kwargs);
        return call(rt, callable, values, kwargs);
      } catch (error) {
        throw located(error, expr);
      }
    };
    if (simple && keywords.length === 0) {
      const evaluators = args.map((arg) => arg.value);
      // The common call, written out: each JavaScript frame here is one less a deep Python recursion can use.
      return (frame) => {
        const callable = func(frame);
        const values = new Array<PyValue>(evaluators.length);
        for (let i = 0; i < evaluators.length; i++) values[i] = evaluators[i](frame);
        rt.callSpan = expr;
        try {
          if (callable instanceof PyFunction) return rt.invoke(callable, values, undefined);
          return call(rt, callable, values, undefined);
        } catch (error) {
          throw located(error, expr);
        }
      };
    }
    return (frame) => {
      const callable = func(frame);
      const values: PyValue[] = [];
      for (const arg of args) {
        if (!arg.starred) {
          values.push(arg.value(frame));
          continue;
        }
        const spread = arg.value(frame);
        try {
          values.push(...collect(rt, spread));
        } catch (error) {
          if (error instanceof PyError && error.type === TypeError) throw new PyError(TypeError, [`${describeCallee(callable)} argument after * must be an iterable, not ${typeName(spread)}`], expr);
          throw error;
        }
      }
      const kwargs = new Map<string, PyValue>();
      for (const keyword of keywords) {
        if (keyword.name !== undefined) {
          kwargs.set(keyword.name, keyword.value(frame));
          continue;
        }
        const mapping = keyword.value(frame);
        if (!(mapping instanceof PyDict)) throw new PyError(TypeError, [`${describeCallee(callable)} argument after ** must be a mapping, not ${typeName(mapping)}`], expr);
        for (const [key, value] of mapping.entries.values()) {
          if (typeof key !== 'string') throw new PyError(TypeError, ['keywords must be strings'], expr);
          if (kwargs.has(key)) throw new PyError(TypeError, [`${describeCallee(callable)} got multiple values for keyword argument '${key}'`], expr);
          kwargs.set(key, value);
        }
      }
      return invoke(callable, values, kwargs.size ? kwargs : undefined);
    };
  }

  private display(expr: ExprOf<'list'> | ExprOf<'tuple'> | ExprOf<'set'>): Evaluate {
    const rt = this.interpreter;
    const elements = expr.elts.map((element) => (element.kind === 'starred' ? { starred: true, value: this.expr(element.value) } : { starred: false, value: this.expr(element) }));
    const build = (frame: Frame): PyValue[] => {
      const items: PyValue[] = [];
      for (const element of elements) {
        if (element.starred) items.push(...collect(rt, element.value(frame)));
        else items.push(element.value(frame));
      }
      return items;
    };
    switch (expr.kind) {
      case 'list':
        return (frame) => new PyList(build(frame));
      case 'tuple':
        return (frame) => new PyTuple(build(frame));
      default:
        return (frame) => {
          const set = new PySet();
          for (const item of build(frame)) set.entries.set(hashKey(item), item);
          return set;
        };
    }
  }

  private dictDisplay(expr: ExprOf<'dict'>): Evaluate {
    const entries = expr.keys.map((key, i) => ({ key: key ? this.expr(key) : undefined, value: this.expr(expr.values[i]) }));
    return (frame) => {
      const dict = new PyDict();
      for (const entry of entries) {
        if (entry.key) {
          const key = entry.key(frame);
          dict.entries.set(hashKey(key), [key, entry.value(frame)]);
        } else {
          const mapping = entry.value(frame);
          if (!(mapping instanceof PyDict)) raise(TypeError, `'${typeName(mapping)}' object is not a mapping`);
          for (const [hash, pair] of mapping.entries) dict.entries.set(hash, pair);
        }
      }
      return dict;
    };
  }

  /**
   * A comprehension: a function scope of its own whose loop nest runs lazily (a generator expression gives
   * values as they are asked for, so `any(…)` stops early) or to the end (a list, set or dict).
   */
  private comprehension(expr: ExprOf<'listcomp'> | ExprOf<'setcomp'> | ExprOf<'genexp'> | ExprOf<'dictcomp'>): Evaluate {
    const rt = this.interpreter;
    const inner = rt.scopes.scopeOf(expr);
    const compiler = new Compiler(rt, inner, `${this.qualifier}<${expr.kind}>.<locals>.`);
    const first = this.expr(expr.generators[0].iter);
    const clauses = expr.generators.map((generator: Comprehension, i) => ({
      iter: i === 0 ? undefined : compiler.expr(generator.iter),
      store: compiler.store(generator.target),
      ifs: generator.ifs.map((condition) => compiler.expr(condition)),
    }));
    const element = expr.kind === 'dictcomp' ? undefined : compiler.expr(expr.elt);
    const key = expr.kind === 'dictcomp' ? compiler.expr(expr.key) : undefined;
    const value = expr.kind === 'dictcomp' ? compiler.expr(expr.value) : undefined;
    const captures = inner.frees.map((free) => this.cellGetter(free));
    const cellSlots = inner.locals.flatMap((local, slot) => (inner.cells.has(local) ? [slot] : []));
    const nest = (frame: Frame, produce: (frame: Frame) => PyValue): PyIterator => {
      const iterators: PyIterator[] = [];
      let active = 0;
      let started = false;
      const outer = first(frame);
      const local = new Frame(inner, captures.map((get) => get(frame)));
      for (const slot of cellSlots) local.slots[slot] = new PyCell();
      return {
        next: () => {
          if (!started) {
            started = true;
            iterators[0] = iterate(rt, outer);
            active = 1;
          }
          while (active > 0) {
            const item = iterators[active - 1].next();
            if (item === DONE) {
              active--;
              continue;
            }
            rt.step();
            const clause = clauses[active - 1];
            clause.store(local, item);
            let keep = true;
            for (const condition of clause.ifs) {
              if (!truthy(rt, condition(local))) {
                keep = false;
                break;
              }
            }
            if (!keep) continue;
            if (active === clauses.length) return produce(local);
            iterators[active] = iterate(rt, (clauses[active].iter as Evaluate)(local));
            active++;
          }
          return DONE;
        },
      };
    };
    switch (expr.kind) {
      case 'genexp':
        return (frame) => new PyIteratorObject(nest(frame, element as Evaluate), GENERATOR);
      case 'listcomp':
        return (frame) => {
          const iterator = nest(frame, element as Evaluate);
          const items: PyValue[] = [];
          for (let item = iterator.next(); item !== DONE; item = iterator.next()) items.push(item);
          return new PyList(items);
        };
      case 'setcomp':
        return (frame) => {
          const iterator = nest(frame, element as Evaluate);
          const set = new PySet();
          for (let item = iterator.next(); item !== DONE; item = iterator.next()) set.entries.set(hashKey(item), item);
          return set;
        };
      default: {
        let pending: PyValue = null;
        return (frame) => {
          const dict = new PyDict();
          const iterator = nest(frame, (local) => {
            pending = (key as Evaluate)(local);
            return (value as Evaluate)(local);
          });
          for (let item = iterator.next(); item !== DONE; item = iterator.next()) dict.entries.set(hashKey(pending), [pending, item]);
          return dict;
        };
      }
    }
  }

  private fstring(parts: readonly FStringPart[]): Evaluate {
    const rt = this.interpreter;
    const pieces = parts.map((part) => {
      if (typeof part === 'string') return () => part;
      const value = this.expr(part.expr);
      const spec = part.spec ? this.fstring(part.spec) : undefined;
      const { conversion, debug } = part;
      return (frame: Frame): string => {
        let result = value(frame);
        try {
          if (conversion === 'r' || conversion === 'a') result = repr(rt, result);
          else if (conversion === 's') result = str(rt, result);
          const text = formatValue(rt, result, spec ? (spec(frame) as string) : '');
          return (debug ?? '') + text;
        } catch (error) {
          throw located(error, part);
        }
      };
    });
    return (frame) => {
      let out = '';
      for (const piece of pieces) out += piece(frame);
      return out;
    };
  }
}

function refuseAt(message: string, span: Span): never {
  throw new Refusal(message, span);
}

function describeCallee(callable: PyValue): string {
  if (callable instanceof PyFunction) return `${callable.code.qualname}()`;
  const name = (callable as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? `${name}()` : 'the function';
}

/** `left op= right`: lists extend in place, objects with an in-place hook change themselves, the rest as `op`. */
function inPlace(rt: Runtime, op: OperatorName, left: PyValue, right: PyValue): PyValue {
  if (left instanceof PyList) {
    if (op === '+') {
      left.items.push(...collect(rt, right));
      return left;
    }
    if (op === '*') {
      const repeated = binary(rt, '*', left, right) as PyList;
      left.items = repeated.items;
      return left;
    }
  }
  if (left instanceof PyObject && left.inPlace) {
    const result = left.inPlace(rt, op, right);
    if (result !== undefined) return result;
  }
  return operate(rt, op, left, right);
}

/** `a op b` as the operator syntax means it: a string's `%` formats (str.__mod__), the rest is ops.binary. */
function operate(rt: Runtime, op: OperatorName, a: PyValue, b: PyValue): PyValue {
  return op === '%' && typeof a === 'string' ? formatPercent(rt, a, b) : binary(rt, op, a, b);
}

/** Whether an `except` clause's class (or tuple of classes) matches a raised exception. */
function matchesException(error: PyError, clause: PyValue): boolean {
  const types = clause instanceof PyTuple ? clause.items : [clause];
  return types.some((type) => {
    if (!(type instanceof PyType) || !type.isSubclassOf(BaseException)) {
      throw new PyError(TypeError, ['catching classes that do not inherit from BaseException is not allowed']);
    }
    return error.type.isSubclassOf(type);
  });
}

/** The exception object an `except … as e` binds. */
function exceptionInstance(error: PyError): PyExceptionInstance {
  const carried = (error as { instance?: PyExceptionInstance }).instance;
  if (carried) return carried;
  const instance = new PyExceptionInstance(error.type, error.args as PyValue[]);
  (error as { instance?: PyExceptionInstance }).instance = instance;
  return instance;
}

/** What `raise X` raises: an exception class is instantiated; an instance raises itself. */
function toRaisable(rt: Runtime, value: PyValue, span: Span): PyError {
  if (value instanceof PyType && value.isSubclassOf(BaseException)) {
    const instance = value.construct ? value.construct(rt, [], undefined) : new PyExceptionInstance(value, []);
    if (instance instanceof PyExceptionInstance) return instance.toError(span);
  }
  if (value instanceof PyExceptionInstance) return value.toError(span);
  return new PyError(TypeError, ['exceptions must derive from BaseException'], span);
}

