// The Python interpreter's public face: run a module's code (or the part of it above a position) statement
// by statement, as a notebook runs cells — a statement that raises records its exception and the next one
// still runs — and keep what each statement printed, computed, warned and raised; then call the module's
// own functions again as often as needed without reading the text again.
//
//   const module = runPythonModule(text, { kerasVersion: '3' });
//   module.statements                       // per top-level statement: outcome, printed text by line, activations, notes
//   const [elu] = module.functions;         // every `def` and name bound to a lambda: name, line, parameters, …
//   const result = module.call(elu, [-3, 0.5], { stepLimit: 100_000 });   // numbers are Python floats,
//   if (result.kind === 'value') toNumbers(result.value);      // a Float64Array a float64 NumPy array; a number,
//   else result.kind === 'exception' && result.type;           // or a Float64Array of an array's values;
//                                                              // or 'OverflowError', with its message and span
//
// Nothing is handed to Python or to JavaScript's eval: the code is read by the parser here and run by the
// tree-walking evaluator, which refuses what is outside the subset (a Refusal, positioned and named). Caps:
// a step budget per statement and per call (an endless loop stops in well under a second), Python's
// recursion limit (1000 frames), 1,000,000 elements per array, ints of at most 2^20 bits, 2 MB of printed
// text, 10 MB of source. Nothing throws out of this API.
import type { PythonImportTable } from '../../language';
import { changedRange, lineStarts, positionAt } from '../../language/positions';
import type { AppliedActivation } from '../activation';
import type { Expr, Parameters, Stmt } from './ast';
import { PyError, PySyntaxError, Refusal, type Span } from './errors';
import { DEFAULT_STEP_LIMIT, Interpreter, PyFunction, type Frame } from './interpreter';
import { createEnvironment } from './library';
import { NdArray, NpScalar } from './numpy/ndarray';
import { arrayFrom } from './numpy/module';
import type { DType } from './numpy/dtypes';
import { PyList, PyModule, PyTuple, PyUnknown } from './objects';
import { parseModule, parseStatementAt } from './parser';
import { literalExpression, definitionOf, globalReads, isolated, namesTheRunReads, reaches } from './isolation';
import { exceptionStr } from './printing';
import { Tensor } from './tensorflow';
import type { PyValue } from './types';

export type { PyValue } from './types';
export { PyError, Refusal, PySyntaxError } from './errors';
export { pythonDefinitions, simpleStatements } from './definitions';

/** Longest source text run (10 MB). */
export const MAX_SOURCE_LENGTH = 10_000_000;

/** Steps all the statements of one run may take together, beyond which the rest is not run. */
export const MODULE_STEP_LIMIT = 10 * DEFAULT_STEP_LIMIT;

export interface PythonRunOptions {
  /** Which Keras `keras.*` and `tf.keras.*` mean. Default '3'. */
  readonly kerasVersion?: '2' | '3';
  /** Only statements starting before this offset run (the code below a selection is not read). */
  readonly stop?: number;
  /** Imports of other notebook cells, for names the code uses without importing them. */
  readonly context?: PythonImportTable;
  /** Steps each top-level statement may take. */
  readonly stepLimit?: number;
  /** Also read NumPy's printed names as values: `array(…)`, `dtype=float32`, `nan`, `inf`. */
  readonly numpyText?: boolean;
  /** The words a message names a 0-based line of the text with (a doc example's lines are the document's). */
  readonly lineLabel?: (line: number) => string;
}

/** An exception or refusal, placed: its Python type (`ZeroDivisionError`; `Refusal` for one), message, span. */
export interface PythonProblem {
  readonly kind: 'exception' | 'refusal' | 'syntax';
  /** CPython's qualified class name (`ValueError`, `numpy.exceptions.AxisError`), or `SyntaxError`. */
  readonly type: string;
  /** The message as CPython prints it after the type. */
  readonly message: string;
  /** `Type: message` with CPython's "Did you mean" suggestion: the last line of a traceback. */
  readonly text: string;
  readonly span: Span;
  /** 0-based line and character of the span's start. */
  readonly line: number;
  readonly column: number;
  /** A step or size limit was hit (the code itself may be fine). */
  readonly limit: boolean;
  /** NameError only: its suggestion is a name the code assigned (likely a typo), not an import or builtin. */
  readonly suggestsAssigned: boolean;
  /** NameError only: the name that is not defined. */
  readonly undefinedName?: string;
  /** Refused for using a value not known: the first value of that chain, named with its reason. */
  readonly unknownOrigin?: string;
}

export interface StatementRecord {
  readonly statement: Stmt | undefined;
  readonly start: number;
  readonly end: number;
  /** 0-based line of the statement's last character. */
  readonly line: number;
  /** Whether it ran (false: a syntax error, or the run's step budget was spent above it). */
  readonly ran: boolean;
  /** A bare expression's value, or what an assignment bound (when it ran without a problem). */
  readonly value?: PyValue;
  readonly problem?: PythonProblem;
  /** Printed text by the line it belongs after (its print call at module level; the statement for prints in functions). */
  readonly output: ReadonlyMap<number, string>;
  /** Everything it printed, in order. */
  readonly printed: string;
  /** Activations computed while it ran, in order, and the value each gave (a tensor of its dtype). */
  readonly applied: readonly AppliedActivation[];
  readonly outputs: ReadonlyMap<AppliedActivation, PyValue>;
  /** Warnings (NumPy's RuntimeWarning) and library remarks. */
  readonly notes: readonly string[];
  /** Whether a function of the code was called (the value was computed, not written as data). */
  readonly calledCode: boolean;
}

export interface UserFunctionParameter {
  readonly name: string;
  readonly kind: 'positional' | 'keyword-only' | 'varargs' | 'kwargs';
  /** The default as written (`0.5`), and its value as evaluated at definition. */
  readonly default?: { readonly source: string; readonly value: PyValue | undefined };
}

/** A function the module defines: a `def`, or a name bound to a `lambda`. */
export interface UserFunction {
  readonly name: string;
  readonly kind: 'def' | 'lambda';
  /** 0-based line of its name. */
  readonly line: number;
  readonly nameSpan: Span;
  readonly span: Span;
  readonly parameters: readonly UserFunctionParameter[];
  /** Whether its body reads NumPy (the module, or arrays bound in the module as the run left it). */
  readonly usesNumpy: boolean;
  /** The names its body (and the functions inside it) reads without binding: module globals and builtins. */
  readonly reads: readonly string[];
  /** The function object, for `call`. */
  readonly value: PyValue;
}

export type CallOutcome = { readonly kind: 'value'; readonly value: PyValue; readonly notes: readonly string[] } | ({ readonly notes: readonly string[] } & PythonProblem);

export interface CallOptions {
  /** Steps the call may take (default: the run's step limit). */
  readonly stepLimit?: number;
}

export interface PythonModule {
  readonly statements: readonly StatementRecord[];
  readonly functions: readonly UserFunction[];
  /** Calls one of the module's functions with numbers (Python floats), Float64Arrays (1-d float64 NumPy arrays) or Python values. */
  call(fn: UserFunction | PyValue, args: readonly (number | Float64Array | PyValue)[], options?: CallOptions): CallOutcome;
  /** The text Python prints for a value (`str`), or a problem when it cannot be known. */
  str(value: PyValue): string;
  repr(value: PyValue): string;
  /** A value as numbers the way np.asarray reads it, and what made it; a problem when it holds no numbers. */
  toArray(value: PyValue): ValueArray | { readonly problem: PythonProblem };
  /** Evaluates a module-level expression of the text in the module's globals as the run left them. */
  evaluate(expr: Expr): { readonly value: PyValue } | { readonly problem: PythonProblem };
  /**
   * Takes `text`, the module's text with an edit inside the body of one of its functions or inside a `name =
   * literal` statement, as a run of it would leave the module, without running it again: the function
   * recompiled or the name bound again, the other functions moved. Only when that is certain — every statement
   * ran and none above the edited one has a syntax error, the run reads neither the function (nor a function
   * that reads it) nor the name elsewhere, and every function is isolated (its calls change nothing another
   * call sees: see isolation.ts), so that calls after the run give what they would give after a run of `text`.
   * Gives the functions whose calls may now give something else (that one, and those reading it or the name);
   * undefined, with the module as it was, otherwise. `statements` stay the run's.
   */
  redefine(text: string): readonly UserFunction[] | undefined;
}

/** Numbers of a value with their dtype and shape, and what held them (a list, an ndarray, a tensor). */
export interface ValueArray {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly values: Float64Array;
  readonly container: 'list' | 'ndarray' | 'tensor';
}

/** Whether a value holds float32 numbers (a NumPy float32 array or scalar, a float32 tensor): computed in float32. */
export function isFloat32(value: PyValue): boolean {
  return (value instanceof NdArray || value instanceof NpScalar || value instanceof Tensor) && value.dtype === 'float32';
}

/** A float64 NumPy array of the given shape (row-major values), to pass to `PythonModule.call`. */
export const float64Array = (values: Float64Array, shape: readonly number[]): PyValue => new NdArray(Float64Array.from(values), [...shape], 'float64');

/** A Python number or a NumPy / TensorFlow array as numbers: a double, or the values row-major; undefined otherwise. */
export function toNumbers(value: PyValue): number | Float64Array | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof NpScalar) return value.value;
  if (value instanceof NdArray) return Float64Array.from(value.values());
  if (value instanceof Tensor) return value.shape.length === 0 ? value.values[0] : Float64Array.from(value.values);
  if (value instanceof PyList || value instanceof PyTuple) {
    const items = value.items.map(toNumbers);
    if (items.every((item): item is number => typeof item === 'number')) return Float64Array.from(items);
  }
  return undefined;
}

class ModuleRun implements PythonModule {
  readonly statements: StatementRecord[] = [];
  readonly functions: UserFunction[] = [];
  private starts: readonly number[];
  /** What `redefine` reads, found at its first call: the top-level statements as the text is now. */
  private layout: Layout | undefined;
  private readonly interpreter: Interpreter;
  private readonly frame: Frame;
  /** What the statement running now collects. */
  private output = new Map<number, string>();
  private printed = '';
  private applied: AppliedActivation[] = [];
  private outputs = new Map<AppliedActivation, PyValue>();
  private notes: string[] = [];
  private seenWarnings = new Set<string>();
  private currentLine = 0;

  constructor(
    private text: string,
    private readonly options: PythonRunOptions,
  ) {
    this.starts = lineStarts(text);
    const items = text.length > MAX_SOURCE_LENGTH ? [] : parseSafely(text);
    const statements = items.flatMap((item) => (item.kind === 'stmt' ? [item.stmt] : []));
    const { environment } = createEnvironment({
      kerasVersion: options.kerasVersion ?? '3',
      source: text,
      ...(options.context ? { context: options.context } : {}),
      ...(options.numpyText ? { numpyText: true } : {}),
      onApply: (applied, output) => {
        this.applied.push(applied);
        this.outputs.set(applied, output);
      },
      onNote: (note) => this.note(note),
    });
    this.interpreter = new Interpreter(statements, { environment, ...(options.stepLimit ? { stepLimit: options.stepLimit } : {}) });
    this.interpreter.onWrite = (text, depth, span) => {
      const line = depth === 0 && span ? this.lastLineOf(span) : this.currentLine;
      this.output.set(line, (this.output.get(line) ?? '') + text);
      this.printed += text;
    };
    this.interpreter.onWarn = (category, message, span) => {
      const key = `${category}|${message}|${span ? this.lineOf(span.start) : ''}`;
      if (this.seenWarnings.has(key)) return;
      this.seenWarnings.add(key);
      this.note(`${category}: ${message}`);
    };
    this.frame = this.interpreter.moduleFrame();
    if (text.length > MAX_SOURCE_LENGTH) {
      this.statements.push(this.refusedText());
      return;
    }
    this.runAll(items);
    // Calls come after the run: what a function reads is what the run left.
    this.functions.forEach((fn, k) => (this.functions[k] = { ...fn, usesNumpy: this.usesNumpy(fn.value as PyFunction) }));
  }

  private note(note: string): void {
    if (!this.notes.includes(note)) this.notes.push(note);
  }

  private refusedText(): StatementRecord {
    const message = `the text is ${(this.text.length / 1e6).toFixed(1)} MB; Activation Lens reads at most ${MAX_SOURCE_LENGTH / 1e6} MB`;
    return { statement: undefined, start: 0, end: 0, line: 0, ran: false, problem: this.problem(new Refusal(message, { start: 0, end: 0 }, true), { start: 0, end: 0 }), output: new Map(), printed: '', applied: [], outputs: new Map(), notes: [], calledCode: false };
  }

  private runAll(items: ReturnType<typeof parseModule>): void {
    const stop = this.options.stop ?? Infinity;
    let spent = 0;
    for (const item of items) {
      const start = item.kind === 'stmt' ? item.stmt.start : item.start;
      if (start >= stop && !(start === stop && item.kind === 'stmt' && item.stmt.start === item.stmt.end)) break;
      if (item.kind === 'error') {
        const error = item.error;
        const span = error instanceof PySyntaxError ? { start: error.start, end: error.end } : { start: item.start, end: item.end };
        if (error instanceof PySyntaxError) this.markBrokenAssignment(item.start, error);
        this.statements.push({ statement: undefined, start: item.start, end: item.end, line: this.lastLineOf({ start: item.start, end: item.end }), ran: false, problem: this.problem(error, span), output: new Map(), printed: '', applied: [], outputs: new Map(), notes: [], calledCode: false });
        continue;
      }
      const statement = item.stmt;
      if (spent >= MODULE_STEP_LIMIT) {
        const refusal = new Refusal(`not run: the code above used all ${MODULE_STEP_LIMIT.toLocaleString('en-US')} steps Activation Lens gives a run`, statement, true);
        this.statements.push({ statement, start: statement.start, end: statement.end, line: this.lastLineOf(statement), ran: false, problem: this.problem(refusal, statement), output: new Map(), printed: '', applied: [], outputs: new Map(), notes: [], calledCode: false });
        continue;
      }
      this.statements.push(this.runStatement(statement));
      spent += this.interpreter.stepLimit - Math.max(this.interpreter.budget, 0);
      this.collectFunctions(statement);
    }
  }

  private runStatement(statement: Stmt): StatementRecord {
    this.output = new Map();
    this.printed = '';
    this.applied = [];
    this.outputs = new Map();
    this.notes = [];
    this.currentLine = this.lastLineOf(statement);
    const callsBefore = this.interpreter.calls;
    let value: PyValue | undefined;
    let problem: PythonProblem | undefined;
    try {
      if (statement.kind === 'expr') {
        value = this.interpreter.evaluateExpression(statement.value, this.frame);
      } else {
        this.interpreter.runStatement(statement, this.frame);
        value = this.boundValue(statement);
      }
    } catch (error) {
      problem = this.problem(error, statement);
      if (error instanceof Refusal) this.markUnknown(statement, problem);
    }
    return {
      statement,
      start: statement.start,
      end: statement.end,
      line: this.currentLine,
      ran: true,
      ...(value !== undefined ? { value } : {}),
      ...(problem ? { problem } : {}),
      output: this.output,
      printed: this.printed,
      applied: this.applied,
      outputs: this.outputs,
      notes: this.notes,
      calledCode: this.interpreter.calls > callsBefore,
    };
  }

  /** Evaluates a module-level expression in the module's globals as they are now. */
  evaluate(expr: Expr): { readonly value: PyValue } | { readonly problem: PythonProblem } {
    this.applied = [];
    this.notes = [];
    try {
      return { value: this.interpreter.evaluateExpression(expr, this.frame) };
    } catch (error) {
      return { problem: this.problem(error, expr) };
    }
  }

  /** What a simple assignment bound (`b = …`), for showing it. */
  private boundValue(statement: Stmt): PyValue | undefined {
    if ((statement.kind === 'assign' && statement.targets.length >= 1) || statement.kind === 'annassign' || statement.kind === 'augassign') {
      const target = statement.kind === 'assign' ? statement.targets[0] : statement.target;
      if (target.kind === 'name') return this.interpreter.globals.get(target.id);
    }
    return undefined;
  }

  /** An assignment Activation Lens could not evaluate binds its names to "not known", with the reason. */
  private markUnknown(statement: Stmt, problem: PythonProblem): void {
    if (statement.kind !== 'assign' && statement.kind !== 'annassign' && statement.kind !== 'augassign') return;
    const targets = statement.kind === 'assign' ? statement.targets : [statement.target];
    const value = statement.kind === 'augassign' ? undefined : statement.value;
    const assigned = `it is assigned at ${this.lineLabel(statement.start)}${value ? ` from \`${this.sourceOf(value, 40)}\`` : ''}`;
    // A value computed from one not known names the first of the chain, not every link between (real code
    // derives many names from one dataset it loads).
    const reason = problem.unknownOrigin ? `${assigned}, which depends on ${problem.unknownOrigin}` : `${assigned}, which Activation Lens could not evaluate: ${problem.message}`;
    const names = (target: Expr): string[] => (target.kind === 'name' ? [target.id] : target.kind === 'tuple' || target.kind === 'list' ? target.elts.flatMap(names) : target.kind === 'starred' ? names(target.value) : []);
    for (const name of targets.flatMap(names)) this.interpreter.globals.set(name, new PyUnknown(reason, problem.unknownOrigin));
  }

  /** A line that does not parse but reads as `name = …`: the name becomes "not known", with the syntax error. */
  private markBrokenAssignment(start: number, error: PySyntaxError): void {
    const lineEnd = this.text.indexOf('\n', start);
    const line = this.text.slice(start, lineEnd === -1 ? undefined : lineEnd);
    const match = /^([\p{L}_][\p{L}\p{N}_]*)\s*(?::[^=]*)?=(?!=)/u.exec(line);
    if (match) this.interpreter.globals.set(match[1], new PyUnknown(`its line (${this.lineLabel(start)}) could not be read: ${error.type}: ${error.message}`));
  }

  private collectFunctions(statement: Stmt): void {
    if (statement.kind === 'def') {
      const value = this.interpreter.globals.get(statement.name);
      if (value instanceof PyFunction && value.code.node === statement) {
        this.replaceFunction(this.describe(statement.name, 'def', { start: statement.nameStart, end: statement.nameStart + statement.name.length }, statement, statement.params, value));
      }
      return;
    }
    if (statement.kind === 'assign' && statement.value.kind === 'lambda') {
      for (const target of statement.targets) {
        if (target.kind !== 'name') continue;
        const value = this.interpreter.globals.get(target.id);
        if (value instanceof PyFunction) this.replaceFunction(this.describe(target.id, 'lambda', target, statement, statement.value.params, value));
      }
    }
  }

  /** A later definition of the same name replaces the earlier one, as in Python. */
  private replaceFunction(fn: UserFunction): void {
    const at = this.functions.findIndex((existing) => existing.name === fn.name);
    if (at !== -1) this.functions.splice(at, 1);
    this.functions.push(fn);
  }

  private describe(name: string, kind: UserFunction['kind'], nameSpan: Span, span: Span, params: Parameters, value: PyFunction): UserFunction {
    const positional = [...params.positionalOnly, ...params.positional];
    const firstDefault = positional.length - value.defaults.length;
    const parameters: UserFunctionParameter[] = [
      ...positional.map((p, i): UserFunctionParameter => ({
        name: p.name,
        kind: 'positional',
        ...(p.default ? { default: { source: this.sourceOf(p.default, 80), value: value.defaults[i - firstDefault] } } : {}),
      })),
      ...(params.vararg ? [{ name: params.vararg.name, kind: 'varargs' as const }] : []),
      ...params.keywordOnly.map((p): UserFunctionParameter => ({
        name: p.name,
        kind: 'keyword-only',
        ...(p.default ? { default: { source: this.sourceOf(p.default, 80), value: value.kwDefaults.get(p.name) } } : {}),
      })),
      ...(params.kwarg ? [{ name: params.kwarg.name, kind: 'kwargs' as const }] : []),
    ];
    return {
      name,
      kind,
      line: this.lineOf(nameSpan.start),
      nameSpan: { start: nameSpan.start, end: nameSpan.end },
      span: { start: span.start, end: span.end },
      parameters,
      usesNumpy: this.usesNumpy(value),
      reads: [...globalReads(value.code.scope)],
      value,
    };
  }

  private usesNumpy(fn: PyFunction): boolean {
    const numpyValue = (value: PyValue | undefined): boolean => value instanceof NdArray || value instanceof NpScalar || (value instanceof PyModule && value.name === 'numpy');
    const reads = (scope: typeof fn.code.scope): boolean =>
      [...scope.uses].some((name) => !scope.localSet.has(name) && (numpyValue(this.interpreter.globals.get(name)) || (name === 'np' && !this.interpreter.globals.has(name)))) || scope.children.some(reads);
    return reads(fn.code.scope);
  }

  redefine(text: string): readonly UserFunction[] | undefined {
    if (text === this.text) return [];
    if (text.length > MAX_SOURCE_LENGTH || this.options.stop !== undefined) return undefined;
    const layout = (this.layout ??= this.layoutOf());
    if (!layout.read) return undefined;
    const changed = changedRange(this.text, text);
    const k = lastAtOrBefore(layout.starts, changed.start);
    const statement = k >= 0 ? layout.statements[k] : undefined;
    if (!statement || layout.statements.slice(0, k).includes(undefined)) return undefined;
    const next = k + 1 < layout.starts.length ? layout.starts[k + 1] : this.text.length;
    const shift = text.length - this.text.length;
    if (changed.previousEnd > next) return undefined;
    // Read as the whole text is read there: one statement, ending where the next one began.
    const parsed = parseStatementAt(text, statement.start);
    const replacement = parsed?.statements.length === 1 && parsed.next === next + shift ? parsed.statements[0] : undefined;
    if (!replacement) return undefined;
    const name = definitionOf(statement) ? this.recompile(layout, changed.start, statement, replacement) : this.rebind(layout, k, statement, replacement);
    if (name === undefined) return undefined;
    this.text = text;
    this.starts = lineStarts(text);
    layout.statements[k] = replacement;
    for (let i = k + 1; i < layout.starts.length; i++) layout.starts[i] += shift;
    const moved = (span: Span): Span => ({ start: span.start + shift, end: span.end + shift });
    for (let i = 0; i < this.functions.length; i++) {
      const fn = this.functions[i];
      if (fn.span.start > statement.start) this.functions[i] = { ...fn, line: this.lineOf(fn.nameSpan.start + shift), nameSpan: moved(fn.nameSpan), span: moved(fn.span) };
    }
    return this.functions.filter((fn) => fn.name === name || reaches(fn.value as PyFunction, name, this.interpreter.globals));
  }

  /**
   * A function's definition with an edit after its header, compiled and run in the module's frame when the run
   * never reads it and every function stays isolated: the function's name, else undefined (the module as it was).
   */
  private recompile(layout: Layout, editStart: number, statement: Stmt, replacement: Stmt): string | undefined {
    const definition = definitionOf(statement);
    const redefinition = definitionOf(replacement);
    if (!definition || !layout.read || editStart < definition.bodyStart || layout.read.has(definition.name) || redefinition?.name !== definition.name) return undefined;
    const at = this.functions.findIndex((fn) => fn.span.start === statement.start && fn.name === definition.name);
    const previous = this.functions[at];
    const globals = this.interpreter.globals;
    if (!previous || globals.get(previous.name) !== previous.value) return undefined;
    const parameters = [...redefinition.parameters.positionalOnly, ...redefinition.parameters.positional, ...redefinition.parameters.keywordOnly];
    if (!parameters.every((parameter) => !parameter.default || literalExpression(parameter.default))) return undefined;
    this.interpreter.scopes.add(replacement);
    try {
      this.interpreter.runStatement(replacement, this.frame);
    } catch {
      globals.set(previous.name, previous.value);
      return undefined;
    }
    const value = globals.get(previous.name);
    const node = replacement.kind === 'def' ? replacement : replacement.kind === 'assign' ? replacement.value : undefined;
    // The earlier calls of the function it replaces came before other functions' calls too.
    if (!(value instanceof PyFunction) || value.code.node !== node || !this.calledIsolated([previous.value, value])) {
      globals.set(previous.name, previous.value);
      return undefined;
    }
    const nameSpan = replacement.kind === 'def' ? { start: replacement.nameStart, end: replacement.nameStart + replacement.name.length } : previous.nameSpan;
    this.functions[at] = this.describe(previous.name, previous.kind, nameSpan, replacement, redefinition.parameters, value);
    // What the run reads without a constant's statement was found with the old body: found again when next asked.
    layout.readWithout = undefined;
    return previous.name;
  }

  /**
   * `name = literal` as another literal (`ALPHA = 3`), bound in the module's frame when nothing else the run
   * runs reads or binds the name and every function is isolated: the name, else undefined (the module as it was).
   */
  private rebind(layout: Layout, k: number, statement: Stmt, replacement: Stmt): string | undefined {
    const name = literalBinding(statement);
    if (name === undefined || literalBinding(replacement) !== name || this.functions.some((fn) => fn.name === name)) return undefined;
    if (layout.readWithout?.at !== k) layout.readWithout = { at: k, read: namesTheRunReads(layout.statements.map((other, i) => (i === k ? undefined : other))) };
    const globals = this.interpreter.globals;
    const before = globals.get(name);
    if (!layout.readWithout.read || layout.readWithout.read.has(name) || before === undefined || before !== (layout.bound.get(k) ?? this.statements[k].value)) return undefined;
    try {
      this.interpreter.runStatement(replacement, this.frame);
    } catch {
      globals.set(name, before);
      return undefined;
    }
    if (!this.calledIsolated([])) {
      globals.set(name, before);
      return undefined;
    }
    layout.bound.set(k, globals.get(name) as PyValue);
    return name;
  }

  /**
   * Whether `more` and the functions a check calls (those with a positional parameter, the others only through
   * them) are isolated: then no call changes what a later one sees.
   */
  private calledIsolated(more: readonly PyValue[]): boolean {
    const called = [...this.functions.filter((fn) => fn.parameters.some((parameter) => parameter.kind === 'positional')).map((fn) => fn.value), ...more];
    return called.every((fn) => fn instanceof PyFunction && isolated(fn, this.interpreter.globals));
  }

  private layoutOf(): Layout {
    const statements = this.statements.map((record) => record.statement);
    const ran = this.statements.every((record) => record.ran || !record.statement);
    return { starts: this.statements.map((record) => record.start), statements, read: ran ? namesTheRunReads(statements) : undefined, readWithout: undefined, bound: new Map() };
  }

  call(fn: UserFunction | PyValue, args: readonly (number | Float64Array | PyValue)[], options: CallOptions = {}): CallOutcome {
    const callable = isUserFunction(fn) ? fn.value : fn;
    this.notes = [];
    this.applied = [];
    this.output = new Map();
    try {
      const values = args.map((arg) => (arg instanceof Float64Array ? new NdArray(Float64Array.from(arg), [arg.length], 'float64') : arg));
      const value = this.interpreter.callWithBudget(callable, values, options.stepLimit ?? this.interpreter.stepLimit);
      return { kind: 'value', value, notes: this.notes };
    } catch (error) {
      const span = isUserFunction(fn) ? fn.span : { start: 0, end: 0 };
      return { ...this.problem(error, span), notes: this.notes };
    }
  }

  str(value: PyValue): string {
    return this.interpreter.str(value);
  }

  toArray(value: PyValue): ValueArray | { readonly problem: PythonProblem } {
    try {
      if (value instanceof Tensor) return { dtype: value.dtype, shape: value.shape, values: value.values, container: 'tensor' };
      const array = arrayFrom(this.interpreter, value);
      return { dtype: array.dtype, shape: array.shape, values: array.values(), container: value instanceof NdArray || value instanceof NpScalar ? 'ndarray' : 'list' };
    } catch (error) {
      return { problem: this.problem(error, { start: 0, end: 0 }) };
    }
  }

  repr(value: PyValue): string {
    return this.interpreter.repr(value);
  }

  /** Any failure as a placed problem; an unexpected JavaScript error becomes a refusal, never a throw. */
  private problem(error: unknown, fallback: Span): PythonProblem {
    if (error instanceof PySyntaxError) {
      return this.placed('syntax', error.type, error.message, { start: error.start, end: error.end }, false, `${error.type}: ${error.message}`);
    }
    if (error instanceof PyError) {
      const message = exceptionStr(this.interpreter, error);
      const type = error.type.qualifiedName;
      const text = `${type}${message ? `: ${message}` : ''}${error.suggestion ? `. Did you mean: '${error.suggestion}'?` : ''}`;
      const undefinedName = type === 'NameError' ? /^name '(.*)' is not defined$/.exec(message)?.[1] : undefined;
      return { ...this.placed('exception', type, message, error.span ?? fallback, false, text), suggestsAssigned: error.suggestsAssigned, ...(undefinedName ? { undefinedName } : {}) };
    }
    if (error instanceof Refusal) {
      const problem = this.placed('refusal', 'Refusal', error.message, error.span ?? fallback, error.limit, error.message);
      return error.unknownOrigin ? { ...problem, unknownOrigin: error.unknownOrigin } : problem;
    }
    if (error instanceof RangeError) return this.placed('refusal', 'Refusal', 'the code is nested too deeply for Activation Lens to run', fallback, true, 'the code is nested too deeply for Activation Lens to run');
    const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return this.placed('refusal', 'Refusal', message, fallback, false, message);
  }

  private placed(kind: PythonProblem['kind'], type: string, message: string, span: Span, limit: boolean, text: string): PythonProblem {
    const at = positionAt(this.starts, span.start);
    return { kind, type, message, text, span, line: at.line, column: at.character, limit, suggestsAssigned: false };
  }

  private lineOf(offset: number): number {
    return positionAt(this.starts, offset).line;
  }

  /** The words a message names the line of an offset with (`line 7`). */
  private lineLabel(offset: number): string {
    const line = this.lineOf(offset);
    return this.options.lineLabel?.(line) ?? `line ${line + 1}`;
  }

  lastLineOf(span: Span): number {
    return this.lineOf(Math.max(span.start, span.end - 1));
  }

  private sourceOf(span: Span, max: number): string {
    const source = this.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    return source.length > max ? `${source.slice(0, max - 1)}…` : source;
  }
}

/** The top-level statements (undefined: a syntax error) and where each starts, as the module's text is now. */
interface Layout {
  readonly starts: number[];
  readonly statements: (Stmt | undefined)[];
  /** What the run reads (undefined: maybe anything, or a statement did not run). */
  readonly read: ReadonlySet<string> | undefined;
  /** What it reads without statement `at` (the one a literal is typed in), found for the last such statement. */
  readWithout: { readonly at: number; readonly read: ReadonlySet<string> | undefined } | undefined;
  /** What `rebind` bound by a statement since the run (the run's records hold the rest). */
  readonly bound: Map<number, PyValue>;
}

/** The name `name = literal` binds (a number, string, bool or None, signed or not), else undefined. */
function literalBinding(statement: Stmt): string | undefined {
  return statement.kind === 'assign' && statement.targets.length === 1 && statement.targets[0].kind === 'name' && literalExpression(statement.value) ? statement.targets[0].id : undefined;
}

/** The last of ascending `starts` at or before `offset`, -1 when none is. */
function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The module's statements; a bug of the parser's becomes a refusal of the text, never a throw. */
function parseSafely(text: string): ReturnType<typeof parseModule> {
  try {
    return parseModule(text);
  } catch (error) {
    const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return [{ kind: 'error', error: new Refusal(message, { start: 0, end: 0 }), start: 0, end: 0 }];
  }
}

function isUserFunction(value: unknown): value is UserFunction {
  return typeof value === 'object' && value !== null && 'parameters' in value && 'nameSpan' in value;
}

/** Runs a module's code (up to `options.stop`) and keeps it ready for calls. Never throws. */
export function runPythonModule(text: string, options: PythonRunOptions = {}): PythonModule {
  return new ModuleRun(text, options);
}
