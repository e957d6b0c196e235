// Evaluates straight-line code without running it: names bound to values, to activation calls and to layer
// objects, numbers used as parameters, and the ways results are displayed (`b.numpy()`, `print(b)`, a
// bare `b` in a notebook; tfjs `b.print()`, `b.dataSync()`, `console.log(await b.data())`). Activations
// are recognised by the language recognizers (so import aliases and every API spelling work) and
// computed by the float32 core; the text is what NumPy, TensorFlow or TensorFlow.js would print.
// Anything not written in the code (a function we do not model, a name from elsewhere) is reported
// plainly, at its position: "`a` is not a literal: …".
import { evaluate as evaluateActivation, outputShape, type Flavour, type ParamValue, type ResolvedParams, resolveParams, getActivation } from '../core';
import { numpyValueRepr, type Float32NdArray } from '../render/numpy';
import { nestedArrayText, tfjsTensorString, typedArrayText, type TfjsDType } from '../render/tfjsPrint';
import { analyzeDocument, referenceAt, type ActivationReference, type DocumentIndex, type PythonImportTable, type SourceLanguage } from '../language';
import { matchArguments } from '../language/reference';
import { readStatements, type Statement } from './snippetStatements';
import {
  EvaluationError,
  MAX_ELEMENTS,
  MAX_TEXT_LENGTH,
  ValueEvaluator,
  asArrayValue,
  CONVENTIONAL_MODULES,
  describeValue,
  makeArray,
  positionError,
  refuseLongText,
  toFloat32,
  toNdArray,
  type ActivationRef,
  type ArrayValue,
  type EvalContext,
  type PositionedError,
  type Value,
} from './values';
import { lineStarts, positionAt } from '../language/positions';
import { pythonRepr, pythonStr } from './pythonPrint';
import type { Dialect } from './valuesLexer';
import { dottedPath, type Expr, type Span } from './valuesParser';

export interface SnippetOptions {
  readonly language: SourceLanguage;
  /** Which Keras `keras.*` and `tf.keras.*` mean. Default '3'. */
  readonly kerasVersion?: '2' | '3';
  /**
   * The part whose results are wanted (offsets): statements overlapping it are reported, the code above
   * is their context, nothing below is read. Absent: the whole text, as the editor's auto mode.
   */
  readonly range?: { readonly start: number; readonly end: number };
  /**
   * 'selection' reports every statement in range (values, errors, activations waiting for input);
   * 'auto' reports only lines where an activation was evaluated, and no errors.
   */
  readonly mode?: 'selection' | 'auto';
  /** Python notebooks: imports of the other cells. */
  readonly context?: PythonImportTable;
  readonly maxElements?: number;
}

/** How a result is displayed, which decides its text. */
export type DisplayKind =
  /** A value assigned or returned: NumPy's repr of it (what `.numpy()` shows), tfjs' print text in TS/JS. */
  | 'value'
  /** A bare expression in a notebook: its repr (`<tf.Tensor: …>`, `array(…)`). */
  | 'repr'
  /** `print(x)`: its str (`tf.Tensor(…)`, `[…]`). */
  | 'print'
  /** tfjs `x.print()` / `console.log(x.toString())`. */
  | 'tfjs-print'
  /** `console.log(...)` of typed arrays, nested arrays, numbers. */
  | 'console';

export interface AppliedActivation {
  readonly ref: ActivationRef;
  readonly params: ResolvedParams;
  readonly input: Float32NdArray;
  readonly output: Float32NdArray;
  readonly span: Span;
}

export interface SnippetResult {
  readonly kind: 'result';
  /** 0-based line the result belongs after: the statement's last line. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly display: DisplayKind;
  /** The full text, exactly as the library would print it. */
  readonly text: string;
  /** The value shown, as float32 (absent for non-array output such as a Python float). */
  readonly value?: Float32NdArray;
  /** Activations evaluated in this statement, in order. */
  readonly applied: readonly AppliedActivation[];
  /**
   * The activation whose output is shown: this statement's last, or the one that computed the names it
   * shows (`b.numpy()` after `b = tf.keras.activations.sigmoid(a)`).
   */
  readonly origin?: AppliedActivation;
  readonly notes: readonly string[];
}

export interface SnippetError {
  readonly kind: 'error';
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly error: PositionedError;
}

export type SnippetItem = SnippetResult | SnippetError;

/** Values in range with no activation applied to them: the editor asks which activation to apply. */
export interface BareValues {
  readonly value: ArrayValue;
  readonly array: Float32NdArray;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** How to name them: the variable, or the expression text. */
  readonly label: string;
}

/** An activation in range with no input (`LeakyReLU(alpha=0.1)`, `activation='tanh'`): the editor asks for values. */
export interface PendingActivation {
  readonly ref: ActivationRef;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** Why the statement itself gives no result (`model` is not defined above), if it fails. */
  readonly reason?: string;
}

export interface SnippetEvaluation {
  readonly items: readonly SnippetItem[];
  readonly bareValues?: BareValues;
  readonly pending?: PendingActivation;
  readonly dialect: Dialect;
}

/** A result before it is placed: `line` overrides the statement's last line. */
interface Shown {
  readonly line?: number;
  readonly result: Omit<SnippetResult, 'kind' | 'line' | 'start' | 'end'>;
}

type Slot =
  /** `origin`: the activation that computed the value, when one did (directly or through other names). */
  | { readonly kind: 'value'; readonly value: Value; readonly origin?: AppliedActivation }
  | { readonly kind: 'unknown'; readonly reason: string; readonly span: Span };

const PY_DISPLAY_NAMES = new Set(['print', 'display']);

/** Keyword names of the input tensor across activation functions, TensorFlow ops and layer calls. */
const INPUT_KEYWORDS: ReadonlySet<string> = new Set(['x', 'features', 'logits', 'inputs']);

/** A call argument (or a tfjs config entry) as the signature matcher sees it, with its value and where it is written. */
interface SnippetArgument {
  readonly keyword?: string;
  readonly value: Expr;
  readonly span: Span;
}

/**
 * Evaluates `text` as straight-line code and reports, per statement in range, what it shows. Never throws
 * and never runs anything.
 */
export function evaluateSnippet(text: string, options: SnippetOptions): SnippetEvaluation {
  const dialect: Dialect = options.language === 'python' ? 'python' : 'javascript';
  if (text.length > MAX_TEXT_LENGTH) {
    return { dialect, items: [{ kind: 'error', line: 0, start: 0, end: 0, error: refuseLongText('the text', text.length, MAX_TEXT_LENGTH) }] };
  }
  try {
    return new SnippetEvaluator(text, options, dialect).run();
  } catch (error) {
    // A bug of ours must not take the editor down: report it at the start of the range.
    const at = options.range?.start ?? 0;
    const positioned = positionError(error instanceof Error ? new Error(`internal error: ${error.message}`) : error, lineStarts(text), at);
    return { dialect, items: [{ kind: 'error', line: positioned.line, start: at, end: at, error: positioned }] };
  }
}

class SnippetEvaluator implements EvalContext {
  readonly dialect: Dialect;
  readonly maxElements: number;
  /** The text's line starts, for positions in messages and the line each result belongs to. */
  private readonly lines: readonly number[];
  private readonly env = new Map<string, Slot>();
  private readonly modules = new Map<string, string>();
  private readonly evaluator: ValueEvaluator;
  private index: DocumentIndex | undefined;
  private applied: AppliedActivation[] = [];
  private readonly notes: string[] = [];
  /** Names read while evaluating the current statement. */
  private readonly used = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly options: SnippetOptions,
    dialect: Dialect,
  ) {
    this.dialect = dialect;
    this.maxElements = options.maxElements ?? MAX_ELEMENTS;
    this.lines = lineStarts(text);
    this.evaluator = new ValueEvaluator(this);
  }

  run(): SnippetEvaluation {
    const range = this.options.range;
    const mode = this.options.mode ?? (range ? 'selection' : 'auto');
    const stop = range ? Math.max(range.end, range.start + 1) : this.text.length;
    const statements = readStatements(this.text, this.dialect, stop);
    const items: SnippetItem[] = [];
    let bareValues: BareValues | undefined;
    let pending: PendingActivation | undefined;
    for (const statement of statements) {
      const inRange = !range || (statement.end >= range.start && statement.start < stop) || (statement.start === statement.end && statement.start >= range.start && statement.start <= range.end);
      const outcome = this.execute(statement);
      if (!inRange) continue;
      const line = this.lastLineOf(statement);
      if (outcome.kind === 'shown') {
        if (mode === 'selection' || outcome.activation) {
          for (const shown of outcome.results) items.push({ kind: 'result', line: shown.line ?? line, start: statement.start, end: statement.end, ...shown.result });
        }
        continue;
      }
      if (mode !== 'selection') continue;
      if (outcome.kind === 'values') {
        bareValues = { value: outcome.value, array: toFloat32(outcome.value), line, start: statement.start, end: statement.end, label: outcome.label };
        continue;
      }
      // An activation never applied (`model.add(ELU(alpha=0.5))`) matters more than the call around it.
      const found = this.findPending(statement);
      if (found && 'ref' in found) {
        pending = { ref: found.ref, line, start: statement.start, end: statement.end, ...(outcome.kind === 'error' ? { reason: outcome.error.detail } : {}) };
      } else if (found) {
        items.push({ kind: 'error', line: found.error.line, start: statement.start, end: statement.end, error: found.error });
      } else if (outcome.kind === 'error') {
        items.push({ kind: 'error', line: outcome.error.line, start: statement.start, end: statement.end, error: outcome.error });
      }
    }
    const hasResult = items.some((item) => item.kind === 'result');
    return {
      dialect: this.dialect,
      items,
      ...(bareValues && !hasResult ? { bareValues } : {}),
      ...(pending && !hasResult && !bareValues ? { pending } : {}),
    };
  }

  // -- statements -------------------------------------------------------------------------------------

  private execute(
    statement: Statement,
  ):
    | { kind: 'shown'; activation: boolean; results: readonly Shown[] }
    | { kind: 'values'; value: ArrayValue; label: string }
    | { kind: 'error'; error: PositionedError }
    | { kind: 'nothing' } {
    switch (statement.kind) {
      case 'import':
        for (const binding of statement.bindings) {
          this.modules.set(binding.name, binding.module);
          this.env.delete(binding.name);
        }
        return { kind: 'nothing' };
      case 'unbind':
        for (const binding of statement.bindings) {
          this.env.set(binding.name, { kind: 'unknown', reason: binding.reason ?? 'its value is not known here', span: binding.span });
        }
        return { kind: 'nothing' };
      case 'invalid': {
        const error = positionError(statement.error, this.lines);
        for (const name of statement.assigned) {
          this.env.set(name, { kind: 'unknown', reason: `its line (line ${this.lineOf(statement.start) + 1}) could not be read: ${error.detail}`, span: statement });
        }
        return { kind: 'error', error };
      }
      case 'assign':
      case 'expression':
        return this.executeCode(statement);
    }
  }

  /** The activation behind the last name read in this statement that an activation computed. */
  private originOfNamesUsed(): AppliedActivation | undefined {
    let origin: AppliedActivation | undefined;
    for (const name of this.used) {
      const slot = this.env.get(name);
      if (slot?.kind === 'value' && slot.origin) origin = slot.origin;
    }
    return origin;
  }

  private executeCode(statement: Extract<Statement, { kind: 'assign' | 'expression' }>) {
    this.applied = [];
    this.notes.length = 0;
    this.used.clear();
    const expr = statement.kind === 'assign' ? statement.value : statement.expr;
    let value: Value | undefined;
    let display: DisplayKind = statement.kind === 'assign' || statement.keyword === 'return' ? 'value' : this.dialect === 'python' ? 'repr' : 'value';
    let text: string | undefined;
    let failure: unknown;
    try {
      const shown = statement.kind === 'expression' && !statement.keyword ? this.displayForm(statement.expr) : undefined;
      if (shown) {
        display = shown.display;
        text = shown.text;
        value = shown.value;
      } else {
        value = this.evaluator.evaluate(expr);
      }
    } catch (error) {
      failure = error;
    }
    const origin = this.applied.at(-1) ?? this.originOfNamesUsed();
    const derived = origin !== undefined;
    if (statement.kind === 'assign') {
      for (const target of statement.targets) {
        if (target.reason) {
          this.env.set(target.name, { kind: 'unknown', reason: target.reason, span: target.span });
        } else if (value !== undefined) {
          this.env.set(target.name, { kind: 'value', value, ...(origin ? { origin } : {}) });
        } else {
          const detail = failure === undefined ? 'its value is not known' : positionError(failure, this.lines).detail;
          this.env.set(target.name, {
            kind: 'unknown',
            reason: `it is assigned at line ${this.lineOf(statement.start) + 1} from \`${this.sourceOf(expr, 40)}\`, and ${lowerFirst(detail)}`,
            span: target.span,
          });
        }
      }
    }
    const applied = this.applied;
    const notes = [...new Set(this.notes)];
    // Activations evaluated inside something that shows nothing itself (`model.add(tf.nn.relu(x))`, a
    // list of calls, a call we cannot follow): each shows its output on its own line.
    const perApplication = (): { kind: 'shown'; activation: true; results: Shown[] } => {
      const byLine = new Map<number, Shown>();
      for (const application of applied) {
        const line = this.lastLineOf(application.span);
        byLine.set(line, { line, result: { display: 'value', text: resultText(application.output, this.dialect), value: application.output, applied: [application], origin: application, notes } });
      }
      return { kind: 'shown', activation: true, results: [...byLine.values()] };
    };
    if (failure !== undefined) {
      if (applied.length) return perApplication();
      return { kind: 'error' as const, error: positionError(failure, this.lines, statement.start) };
    }
    if (value === undefined) return applied.length ? perApplication() : { kind: 'nothing' as const };
    const single = (result: Shown['result']): { kind: 'shown'; activation: boolean; results: Shown[] } => ({
      kind: 'shown',
      activation: derived,
      results: [{ result: origin ? { ...result, origin } : result }],
    });
    if (text !== undefined) {
      const array = arrayOf(value);
      return single({ display, text, ...(array ? { value: array } : {}), applied, notes });
    }
    if (value.kind === 'array') {
      if (!derived) return { kind: 'values' as const, value, label: statement.kind === 'assign' ? statement.targets[0]?.name ?? this.sourceOf(expr) : this.sourceOf(expr) };
      const shownText = display === 'repr' ? pythonRepr(value, expr) : this.valueText(value);
      return single({ display, text: shownText, value: toFloat32(value), applied, notes });
    }
    if (applied.length) return perApplication();
    if (value.kind === 'number' || value.kind === 'bool' || value.kind === 'sequence') {
      try {
        const array = asArrayValue(value, expr, this.evaluator);
        return { kind: 'values' as const, value: array, label: statement.kind === 'assign' ? statement.targets[0]?.name ?? this.sourceOf(expr) : this.sourceOf(expr) };
      } catch {
        return { kind: 'nothing' as const };
      }
    }
    return { kind: 'nothing' as const };
  }

  /** `print(x)`, `display(x)`; tfjs `x.print()`, `console.log(…)`, `x.dataSync()`: their text. */
  private displayForm(expr: Expr): { display: DisplayKind; text: string; value: Value } | undefined {
    if (expr.kind !== 'call') return undefined;
    const callee = expr.callee;
    if (this.dialect === 'python') {
      if (callee.kind === 'name' && PY_DISPLAY_NAMES.has(callee.name) && !this.isBound(callee.name) && expr.args.length >= 1) {
        const values = expr.args.map((arg) => this.evaluator.evaluate(arg));
        const separator = expr.keywords.find((k) => k.name === 'sep');
        const sep = separator && separator.value.kind === 'string' ? separator.value.value : ' ';
        if (callee.name === 'display') return { display: 'repr', text: values.map((v, i) => pythonRepr(v, expr.args[i])).join('\n'), value: values[values.length - 1] };
        return { display: 'print', text: values.map((v, i) => pythonStr(v, expr.args[i])).join(sep), value: values[values.length - 1] };
      }
      return undefined;
    }
    const path = dottedPath(callee)?.join('.');
    if (path === 'console.log' || path === 'console.info' || path === 'console.debug' || path === 'console.warn' || path === 'console.error') {
      if (expr.args.length === 0) return undefined;
      const values = expr.args.map((arg) => this.evaluator.evaluate(arg));
      return { display: 'console', text: values.map((v) => this.consoleText(v)).join(' '), value: values[values.length - 1] };
    }
    if (callee.kind === 'attribute' && callee.name === 'print' && expr.args.length <= 1) {
      const object = this.evaluator.evaluate(callee.object);
      if (object.kind === 'array' && object.container === 'tfjs') {
        const verbose = expr.args[0] ? this.evaluator.evaluate(expr.args[0]) : undefined;
        return { display: 'tfjs-print', text: tfjsTensorString(toFloat32(object), verbose?.kind === 'bool' && verbose.value, tfjsDType(object)), value: object };
      }
    }
    return undefined;
  }

  // -- texts ----------------------------------------------------------------------------------------

  /** What an assignment's value shows: NumPy's repr in Python (as `.numpy()` would), what console.log prints in JS. */
  private valueText(value: ArrayValue): string {
    return this.dialect === 'javascript' ? this.consoleText(value) : numpyValueRepr(toNdArray(value));
  }

  private consoleText(value: Value): string {
    switch (value.kind) {
      case 'array': {
        if (value.container === 'typed') return typedArrayText(dataSyncArray(value));
        if (value.container === 'tfjs') return tfjsTensorString(toFloat32(value), false, tfjsDType(value));
        return nestedArrayText(toNdArray(value));
      }
      case 'number':
        return String(value.value);
      case 'string':
        return value.value;
      case 'bool':
        return String(value.value);
      case 'none':
        return 'null';
      default:
        return describeValue(value);
    }
  }

  private lineOf(offset: number): number {
    return positionAt(this.lines, offset).line;
  }

  /** The 0-based line a span's result is shown after: its last line. */
  private lastLineOf(span: Span): number {
    return this.lineOf(Math.max(span.start, span.end - 1));
  }

  /** A span's source on one line, cut to `max` characters: how results and errors name an expression. */
  private sourceOf(span: Span, max = 60): string {
    const source = this.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    return source.length > max ? `${source.slice(0, max - 1)}…` : source;
  }

  // -- EvalContext ----------------------------------------------------------------------------------

  isBound(name: string): boolean {
    return this.env.has(name);
  }

  lookup(name: string, span: Span): Value {
    this.used.add(name);
    const slot = this.env.get(name);
    if (slot?.kind === 'value') return slot.value;
    if (slot?.kind === 'unknown') throw new EvaluationError(`\`${name}\` is not a literal: ${slot.reason}`, span.start, span.end);
    if (this.modules.has(name)) throw new EvaluationError(`\`${name}\` is a module, not a value`, span.start, span.end);
    const suggestion = this.closestName(name);
    throw new EvaluationError(
      `\`${name}\` is not defined above${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
      span.start,
      span.end,
    );
  }

  modulePath(name: string): string | undefined {
    if (this.env.has(name)) return undefined;
    const imported = this.modules.get(name);
    if (imported !== undefined) return imported;
    // Other notebook cells' imports, read from the table given rather than from an analysis of this text.
    const binding = this.dialect === 'python' ? this.options.context?.bindings.get(name) : undefined;
    if (binding?.kind === 'module') return binding.path;
    return CONVENTIONAL_MODULES[this.dialect].get(name);
  }

  private closestName(name: string): string | undefined {
    let best: string | undefined;
    let bestDistance = 3;
    for (const [candidate, slot] of this.env) {
      if (slot.kind !== 'value' || candidate.length < 3) continue;
      const distance = editDistance(name, candidate, bestDistance);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private documentIndex(): DocumentIndex {
    this.index ??= analyzeDocument(this.text, this.options.language, this.options.context ? { context: this.options.context } : {});
    return this.index;
  }

  private reference(offset: number): ActivationReference | undefined {
    const reference = referenceAt(this.documentIndex(), offset, { kerasVersion: this.options.kerasVersion ?? '3' });
    return reference && offset >= reference.start && offset <= reference.end ? reference : undefined;
  }

  // -- activations ----------------------------------------------------------------------------------

  callHook(call: Extract<Expr, { kind: 'call' }>): Value | undefined {
    const callee = call.callee;
    // A layer object applied: `layer(x)`, `LeakyReLU(0.1)(x)`, tfjs `layer.apply(x)`.
    if (callee.kind === 'attribute' && (callee.name === 'apply' || callee.name === '__call__' || callee.name === 'call')) {
      const object = this.evaluator.evaluate(callee.object);
      if (object.kind === 'activation') return this.applyCall(object.ref, call, call.args[0]);
    }
    if (callee.kind === 'call' || (callee.kind === 'name' && this.isBound(callee.name))) {
      const object = this.evaluator.evaluate(callee);
      if (object.kind === 'activation') return this.applyCall(object.ref, call, call.args[0] ?? call.keywords.find((k) => INPUT_KEYWORDS.has(k.name))?.value);
      return undefined;
    }
    const found = this.activationAtCall(call);
    if (!found) return this.tfjsDataMethod(call);
    if (found.kind === 'layer') return { kind: 'activation', ref: found.ref };
    return this.applyCall(found.ref, call, found.input);
  }

  /** tfjs `t.dataSync()`, `await t.data()`, `t.arraySync()`, `await t.array()`, `t.toString()`. */
  private tfjsDataMethod(call: Extract<Expr, { kind: 'call' }>): Value | undefined {
    if (this.dialect !== 'javascript' || call.callee.kind !== 'attribute') return undefined;
    const method = call.callee.name;
    if (!['dataSync', 'data', 'arraySync', 'array', 'toString', 'bufferSync'].includes(method)) return undefined;
    const object = this.evaluator.evaluate(call.callee.object);
    if (object.kind !== 'array' || object.container !== 'tfjs') return undefined;
    if (method === 'toString') return { kind: 'string', value: tfjsTensorString(toFloat32(object), false, tfjsDType(object)) };
    const container = method === 'dataSync' || method === 'data' ? 'typed' : 'jsarray';
    return makeArray(container, object.dtype, method === 'dataSync' || method === 'data' ? [object.data.length] : object.shape, object.data);
  }

  /**
   * What the recognizer says a call is: an activation function or op applied to an input, a tensor method
   * (`x.relu()`), or a layer being constructed.
   */
  private activationAtCall(call: Extract<Expr, { kind: 'call' }>): { kind: 'apply'; ref: ActivationRef; input: Expr | undefined } | { kind: 'layer'; ref: ActivationRef } | undefined {
    const callee = call.callee;
    const nameStart = callee.kind === 'attribute' ? callee.nameStart : callee.kind === 'name' ? callee.start : undefined;
    if (nameStart === undefined) return undefined;
    const calleeName = callee.kind === 'attribute' ? callee.name : callee.kind === 'name' ? callee.name : '';
    // `Activation('relu')`, tfjs `tf.layers.activation({activation: 'relu'})`, `activations.get('relu')`: the
    // string names the activation, and the result is a function of the input.
    const lookup = this.dialect === 'python' && (calleeName === 'get' || calleeName === 'deserialize');
    if (calleeName === 'Activation' || (this.dialect === 'javascript' && calleeName === 'activation') || lookup) {
      const stringArg = this.activationStringArg(call);
      if (stringArg) {
        const reference = this.reference(stringArg.start + 1);
        if (reference?.layer?.activation === null || reference?.api === 'activation string' || (lookup && reference?.api === 'activations.get')) {
          if (reference) return { kind: 'layer', ref: this.refFrom(reference, {}, true, this.sourceOf(call)) };
        }
      }
      return undefined;
    }
    const reference = this.reference(nameStart);
    if (!reference || reference.start !== nameStart) return undefined;
    switch (reference.api) {
      case 'layer': {
        const params = this.mapArguments(reference, call);
        return { kind: 'layer', ref: this.refFrom(reference, params, true, this.sourceOf(call)) };
      }
      case 'tfjs method': {
        if (callee.kind !== 'attribute') return undefined;
        const params = this.mapArguments(reference, call);
        return { kind: 'apply', ref: this.refFrom(reference, params, false, `${this.sourceOf(callee.object)}.${callee.name}`), input: callee.object };
      }
      case 'keras.activations':
      case 'keras.ops':
      case 'tf.nn':
      case 'tf.math':
      case 'tfjs op': {
        const input = call.args[0] ?? call.keywords.find((k) => INPUT_KEYWORDS.has(k.name))?.value;
        const params = this.mapArguments(reference, call);
        return { kind: 'apply', ref: this.refFrom(reference, params, false, this.sourceOf(callee)), input };
      }
      default:
        return undefined;
    }
  }

  private activationStringArg(call: Extract<Expr, { kind: 'call' }>): Span | undefined {
    const first = call.args[0];
    if (first?.kind === 'string') return first;
    if (first?.kind === 'object') {
      const entry = first.entries.find((e) => e.name === 'activation');
      if (entry?.value.kind === 'string') return entry.value;
    }
    const keyword = call.keywords.find((k) => k.name === 'activation');
    return keyword?.value.kind === 'string' ? keyword.value : undefined;
  }

  private refFrom(reference: ActivationReference, params: Record<string, ParamValue>, layer: boolean, label: string): ActivationRef {
    for (const note of reference.notes) this.notes.push(note);
    return { name: reference.name, flavour: reference.flavour, params: { ...reference.implied, ...params }, label, layer };
  }

  /**
   * Arguments of an activation site mapped onto Keras 3 parameter names, each evaluated: matched against
   * the signature the recognizer read the site with, an argument that fits nowhere is an error at its place.
   */
  private mapArguments(reference: ActivationReference, call: Extract<Expr, { kind: 'call' }>): Record<string, ParamValue> {
    const params: Record<string, ParamValue> = {};
    if (!reference.site) return params;
    // tfjs layers take one config object (`tf.layers.leakyReLU({alpha: 0.1})`): its entries are the arguments.
    const config = this.dialect === 'javascript' && reference.layer && call.args.length === 1 && call.args[0].kind === 'object' ? call.args[0] : undefined;
    const args: SnippetArgument[] = config
      ? config.entries.map((entry) => ({ keyword: entry.name, value: entry.value, span: entry }))
      : [
          ...call.args.map((arg) => ({ value: arg, span: arg })),
          // The input by keyword sets nothing.
          ...call.keywords.filter((k) => !INPUT_KEYWORDS.has(k.name)).map((k) => ({ keyword: k.name, value: k.value, span: k })),
        ];
    matchArguments(args, reference.site, {
      assign: (slot, arg) => {
        if (slot.target) {
          params[slot.target] = this.paramValue(this.evaluator.evaluate(arg.value), slot.name, arg.value);
          return;
        }
        // Arguments that set no activation parameter (an op's `name`, PReLU's initializer) are not read,
        // except TensorFlow silu's β, which changes the function.
        if (slot.name !== 'beta') return;
        const value = this.paramValue(this.evaluator.evaluate(arg.value), slot.name, arg.value);
        if (value !== null && value !== 1) this.notes.push(`\`beta=${value}\` makes TensorFlow compute x·σ(β·x), which is not Keras' silu; shown with β = 1`);
      },
      problem: (message, arg) => {
        throw new EvaluationError(message, arg.span.start, arg.span.end);
      },
      // Deprecations reach the notes with the reference's own.
      note: () => {},
    });
    return params;
  }

  private paramValue(value: Value, name: string, span: Span): ParamValue {
    switch (value.kind) {
      case 'number':
        return value.value;
      case 'bool':
        return value.value;
      case 'none':
        return null;
      case 'array':
        if (value.shape.length === 0) return value.data[0];
        if (value.data.length === 1) return value.data[0];
        throw new EvaluationError(`\`${name}\` must be one number here, got ${describeValue(value)}`, span.start, span.end);
      default:
        throw new EvaluationError(`\`${name}\` must be a number, got ${describeValue(value)}`, span.start, span.end);
    }
  }

  /** Applies an activation to the value of `inputExpr`, records it, and returns the output tensor. */
  private applyCall(ref: ActivationRef, call: Span, inputExpr: Expr | undefined): Value {
    if (!inputExpr) throw new EvaluationError(`${ref.label} needs an input tensor`, call.start, call.end);
    const input = asArrayValue(this.evaluator.evaluate(inputExpr), inputExpr, this.evaluator);
    // Keras layers cast float inputs to their compute dtype (float32); functions and ops keep the input's.
    if (input.dtype !== 'float32' && !(ref.layer && input.dtype === 'float64')) {
      this.notes.push(
        `the input is ${input.container === 'list' ? 'a Python list' : input.dtype}; Activation Lens computes in float32 (Keras' default floatx)${input.dtype === 'float64' && input.container === 'ndarray' ? ', while TensorFlow would keep float64' : ''}`,
      );
    }
    const application = applyActivation(ref, toFloat32(input), call);
    this.applied.push(application);
    return makeArray(this.dialect === 'python' ? 'tensor' : 'tfjs', 'float32', application.output.shape, Float64Array.from(application.output.data));
  }

  /** An activation in a statement that is never applied (`model.add(LeakyReLU(0.1))`, `activation='tanh'`). */
  private findPending(statement: Statement): { ref: ActivationRef } | { error: PositionedError } | undefined {
    if (statement.kind !== 'assign' && statement.kind !== 'expression') return undefined;
    const root = statement.kind === 'assign' ? statement.value : statement.expr;
    let result: { ref: ActivationRef } | { error: PositionedError } | undefined;
    // Functions that are called were judged with their call; only ones passed as values are pending here.
    const calleeStarts = new Set<number>();
    walk(root, (node) => {
      if (node.kind === 'call' && node.callee.kind === 'attribute') calleeStarts.add(node.callee.nameStart);
      return true;
    });
    walk(root, (node) => {
      if (result) return false;
      try {
        if (node.kind === 'call') {
          const found = this.activationAtCall(node);
          if (found?.kind === 'layer') result = { ref: found.ref };
          else if (found?.kind === 'apply' && !found.input) result = { ref: found.ref };
        } else if (node.kind === 'string' || (node.kind === 'attribute' && !calleeStarts.has(node.nameStart))) {
          const reference = this.reference(node.kind === 'string' ? node.start + 1 : node.nameStart);
          if (reference && (reference.api === 'activation string' || reference.api === 'keras.activations' || reference.api === 'tf.nn' || reference.api === 'keras.ops')) {
            result = { ref: this.refFrom(reference, {}, false, reference.written) };
          }
        }
      } catch (error) {
        result = { error: positionError(error, this.lines, node.start) };
      }
      return true;
    });
    return result;
  }
}

/**
 * Applies an activation to float32 values with the core kernels; parameter problems become positioned
 * errors at `span`.
 */
export function applyActivation(ref: ActivationRef, input: Float32NdArray, span: Span = { start: 0, end: 0 }): AppliedActivation {
  try {
    const spec = getActivation(ref.name);
    const params = resolveParams(spec, ref.params, ref.flavour);
    const options = { ...ref.params, shape: input.shape, variant: ref.flavour };
    const data = evaluateActivation(ref.name, input.data, options);
    // Only glu changes the shape (it halves its axis, its one parameter).
    const shape = spec.elementwise
      ? input.shape
      : outputShape(ref.name, input.shape, { variant: ref.flavour, ...(typeof params.axis === 'number' ? { axis: params.axis } : {}) });
    return { ref, params, input, output: { shape, data }, span };
  } catch (error) {
    // An ActivationError (unknown parameter, wrong type) or a shape the kernels refuse.
    if (error instanceof Error) throw new EvaluationError(error.message, span.start, span.end);
    throw error;
  }
}

export interface DocumentOptions {
  readonly kerasVersion?: '2' | '3';
  readonly context?: PythonImportTable;
}

/** A document read as the editor's auto mode reads it: a result for every line where an activation is evaluated. */
export function evaluateDocument(text: string, language: SourceLanguage, options: DocumentOptions = {}): SnippetResult[] {
  return evaluateSnippet(text, { language, mode: 'auto', ...options }).items.filter((item): item is SnippetResult => item.kind === 'result');
}

/** A code cell of a notebook, in notebook order. */
export interface CellSource {
  readonly source: string;
  readonly language: SourceLanguage;
  readonly kind?: 'code' | 'markdown' | 'raw';
}

/**
 * The code of the cells before `index` that runs first in a notebook read top to bottom, as one prelude
 * (Python cells only; a TS/JS cell stands alone), and the text to evaluate for the cell.
 */
export function cellWithPrelude(cells: readonly CellSource[], index: number): { text: string; offset: number; lineOffset: number } {
  const cell = cells[index];
  const earlier = cell.language === 'python' ? cells.slice(0, index).filter((c) => (c.kind ?? 'code') === 'code' && c.language === 'python') : [];
  const prelude = earlier.map((c) => (c.source.endsWith('\n') ? c.source : `${c.source}\n`)).join('');
  return { text: prelude + cell.source, offset: prelude.length, lineOffset: prelude.split('\n').length - 1 };
}

/**
 * A notebook in auto mode: each code cell with the Python cells above it as context (a notebook run top to
 * bottom). Result lines and offsets count from the start of their cell.
 */
export function evaluateCells(cells: readonly CellSource[], options: DocumentOptions = {}): { cell: number; results: SnippetResult[] }[] {
  const out: { cell: number; results: SnippetResult[] }[] = [];
  cells.forEach((cell, index) => {
    if ((cell.kind ?? 'code') !== 'code') return;
    const { text, offset, lineOffset } = cellWithPrelude(cells, index);
    const evaluation = evaluateSnippet(text, { language: cell.language, mode: 'auto', range: { start: offset, end: text.length }, ...options });
    const results = evaluation.items
      .filter((item): item is SnippetResult => item.kind === 'result')
      .map((result) => ({ ...result, line: result.line - lineOffset, start: result.start - offset, end: result.end - offset }));
    out.push({ cell: index, results });
  });
  return out;
}

/** The text a result shows for a language: NumPy's repr in Python, tfjs' print text in TS/JS. */
export function resultText(output: Float32NdArray, dialect: Dialect): string {
  return dialect === 'python' ? numpyValueRepr(output) : tfjsTensorString(output);
}

export type { ActivationRef, Flavour };

/** The dtype a TensorFlow.js tensor prints: its own (float32, int32 or bool). */
function tfjsDType(value: ArrayValue): TfjsDType {
  return value.dtype === 'int32' || value.dtype === 'bool' ? value.dtype : 'float32';
}

/** The typed array `dataSync()` / `await data()` gives for a tensor's dtype: Int32Array, Uint8Array (bool) or Float32Array. */
function dataSyncArray(value: ArrayValue): Int32Array | Uint8Array | Float32Array {
  return value.dtype === 'int32' ? Int32Array.from(value.data) : value.dtype === 'bool' ? Uint8Array.from(value.data) : Float32Array.from(value.data);
}

function arrayOf(value: Value): Float32NdArray | undefined {
  return value.kind === 'array' ? toFloat32(value) : undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Pre-order walk; the visitor returns false to stop descending. */
function walk(expr: Expr, visit: (node: Expr) => boolean): void {
  if (!visit(expr)) return;
  switch (expr.kind) {
    case 'attribute':
      walk(expr.object, visit);
      break;
    case 'call':
      walk(expr.callee, visit);
      for (const arg of expr.args) walk(arg, visit);
      for (const keyword of expr.keywords) walk(keyword.value, visit);
      break;
    case 'list':
      for (const item of expr.items) walk(item, visit);
      break;
    case 'object':
      for (const entry of expr.entries) walk(entry.value, visit);
      break;
    case 'index':
      walk(expr.object, visit);
      walk(expr.index, visit);
      break;
    case 'unary':
    case 'await':
      walk(expr.operand, visit);
      break;
    case 'binary':
      walk(expr.left, visit);
      walk(expr.right, visit);
      break;
    case 'arrow':
      walk(expr.body, visit);
      break;
    default:
      break;
  }
}

/** Edit distance with adjacent transpositions (`aplha` ↔ `alpha` is 1), giving up at `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best >= limit) return limit;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}
