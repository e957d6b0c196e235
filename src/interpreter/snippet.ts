// What a snippet shows, per statement in the part asked for: the editor's contract (SnippetEvaluation) for
// both languages. Python is run by the interpreter (pythonSnippet.ts). TypeScript / JavaScript is read as
// straight-line code without running it: names bound to values, to activation calls and to layer objects,
// numbers used as parameters, and the ways tfjs results are displayed (`b.print()`, `b.dataSync()`,
// `console.log(await b.data())`). Activations are recognised by the language recognizers (so import
// aliases and every API spelling work) and computed by the float32 core; the text is what TensorFlow.js
// prints. Anything not written in the code is reported plainly, at its position: "`a` is not a literal: …".
import type { Flavour, ParamValue } from '../core';
import { applyActivation, type ActivationRef, type AppliedActivation } from './activation';
import { numpyValueRepr, type Float32NdArray } from '../render/numpy';
import { nestedArrayText, tfjsTensorString, typedArrayText, type TfjsDType } from '../render/tfjsPrint';
import { analyzeDocument, preludeCells, referenceAt, type ActivationReference, type DocumentIndex, type PythonImportTable, type SourceLanguage } from '../language';
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
  type ArrayValue,
  type EvalContext,
  type PositionedError,
  type Value,
} from './values';
import { lineStarts, positionAt } from '../language/positions';
import { evaluatePythonSnippet } from './pythonSnippet';
import type { Dialect } from './valuesLexer';
import { dottedPath, type Expr, type Span } from './valuesParser';

import type { BareValues, DisplayKind, PendingActivation, SnippetError, SnippetEvaluation, SnippetItem, SnippetOptions, SnippetResult, UnevaluatedLine } from './snippetTypes';
export type { BareValues, DisplayKind, PendingActivation, SnippetError, SnippetEvaluation, SnippetItem, SnippetOptions, SnippetResult, UnevaluatedLine } from './snippetTypes';

/** A result before it is placed: `line` overrides the statement's last line. */
interface Shown {
  readonly line?: number;
  readonly result: Omit<SnippetResult, 'kind' | 'line' | 'start' | 'end'>;
}

type Slot =
  /** `origin`: the activation that computed the value, when one did (directly or through other names). */
  | { readonly kind: 'value'; readonly value: Value; readonly origin?: AppliedActivation }
  | { readonly kind: 'unknown'; readonly reason: string; readonly span: Span };

/** A call argument (or a tfjs config entry) as the signature matcher sees it, with its value and where it is written. */
interface SnippetArgument {
  readonly keyword?: string;
  readonly value: Expr;
  readonly span: Span;
}

/**
 * Evaluates `text` and reports, per statement in range, what it shows: Python is run by the interpreter
 * (src/interpreter/python), TS/JS is read as straight-line code. Never throws; nothing is handed to Python
 * or to JavaScript's eval.
 */
export function evaluateSnippet(text: string, options: SnippetOptions): SnippetEvaluation {
  const dialect: Dialect = options.language === 'python' ? 'python' : 'javascript';
  if (text.length > MAX_TEXT_LENGTH) {
    const item: SnippetError = { kind: 'error', line: 0, start: 0, end: 0, error: refuseLongText('the text', text.length, MAX_TEXT_LENGTH) };
    return { dialect, items: [item], unevaluated: [item] };
  }
  if (dialect === 'python') {
    return evaluatePythonSnippet(text, options);
  }
  try {
    return new SnippetEvaluator(text, options).run();
  } catch (error) {
    // A bug of ours must not take the editor down: report it at the start of the range.
    const at = options.range?.start ?? 0;
    const positioned = positionError(error instanceof Error ? new Error(`internal error: ${error.message}`) : error, lineStarts(text), at);
    const item: SnippetError = { kind: 'error', line: positioned.line, start: at, end: at, error: positioned };
    return { dialect, items: [item], unevaluated: [item] };
  }
}

class SnippetEvaluator implements EvalContext {
  readonly dialect = 'javascript';
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
  ) {
    this.maxElements = options.maxElements ?? MAX_ELEMENTS;
    this.lines = lineStarts(text);
    this.evaluator = new ValueEvaluator(this);
  }

  run(): SnippetEvaluation {
    const range = this.options.range;
    const mode = this.options.mode ?? (range ? 'selection' : 'auto');
    const stop = range ? Math.max(range.end, range.start + 1) : this.text.length;
    const statements = readStatements(this.text, stop);
    const items: SnippetItem[] = [];
    const unevaluated: UnevaluatedLine[] = [];
    let bareValues: BareValues | undefined;
    let pending: PendingActivation | undefined;
    for (const statement of statements) {
      const inRange = !range || (statement.end >= range.start && statement.start < stop) || (statement.start === statement.end && statement.start >= range.start && statement.start <= range.end);
      const outcome = this.execute(statement);
      if (!inRange) continue;
      const line = this.lastLineOf(statement);
      if (outcome.kind === 'error') unevaluated.push({ line, start: statement.start, end: statement.end, error: outcome.error });
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
      unevaluated,
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
          this.env.set(name, { kind: 'unknown', reason: `its line (${this.lineLabel(statement.start)}) could not be read: ${error.detail}`, span: statement });
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
    let display: DisplayKind = 'value';
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
            reason: `it is assigned at ${this.lineLabel(statement.start)} from \`${this.sourceOf(expr, 40)}\`, and ${lowerFirst(detail)}`,
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
        byLine.set(line, { line, result: { display: 'value', text: tfjsTensorString(application.output), value: application.output, applied: [application], origin: application, notes } });
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
      return single({ display, text: this.consoleText(value), value: toFloat32(value), applied, notes });
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

  /** The words a message names the line of an offset with (`line 7`). */
  private lineLabel(offset: number): string {
    const line = this.lineOf(offset);
    return this.options.lineLabel?.(line) ?? `line ${line + 1}`;
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
    return CONVENTIONAL_MODULES.get(name);
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
      if (object.kind === 'activation') return this.applyCall(object.ref, call, call.args[0]);
      return undefined;
    }
    const found = this.activationAtCall(call);
    if (!found) return this.tfjsDataMethod(call);
    if (found.kind === 'layer') return { kind: 'activation', ref: found.ref };
    return this.applyCall(found.ref, call, found.input);
  }

  /** tfjs `t.dataSync()`, `await t.data()`, `t.arraySync()`, `await t.array()`, `t.toString()`. */
  private tfjsDataMethod(call: Extract<Expr, { kind: 'call' }>): Value | undefined {
    if (call.callee.kind !== 'attribute') return undefined;
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
    if (calleeName === 'activation') {
      const stringArg = this.activationStringArg(call);
      if (stringArg) {
        const reference = this.reference(stringArg.start + 1);
        if (reference?.layer?.activation === null || reference?.api === 'activation string') {
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
      case 'tfjs op': {
        const input = call.args[0];
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
    return undefined;
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
    const config = reference.layer && call.args.length === 1 && call.args[0].kind === 'object' ? call.args[0] : undefined;
    const args: SnippetArgument[] = config
      ? config.entries.map((entry) => ({ keyword: entry.name, value: entry.value, span: entry }))
      : [
          ...call.args.map((arg) => ({ value: arg, span: arg })),
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
    // TensorFlow.js activations compute in float32.
    if (input.dtype !== 'float32') this.notes.push(`the input is ${input.dtype}; Activation Lens computes in float32`);
    const application = positionedApplication(ref, toFloat32(input), call);
    this.applied.push(application);
    return makeArray('tfjs', 'float32', application.output.shape, Float64Array.from(application.output.data));
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
          if (reference?.api === 'activation string') {
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

/** Applies an activation with the core; a parameter or shape the core refuses is a positioned error at `span`. */
function positionedApplication(ref: ActivationRef, input: Float32NdArray, span: Span): AppliedActivation {
  try {
    return applyActivation(ref, input, span);
  } catch (error) {
    if (error instanceof Error) throw new EvaluationError(error.message, span.start, span.end);
    throw error;
  }
}

export interface DocumentOptions {
  readonly kerasVersion?: '2' | '3';
  readonly context?: PythonImportTable;
}

/** What auto mode shows over a document (results, and the exceptions it shows) and what it could not evaluate. */
export interface DocumentEvaluation {
  readonly items: readonly SnippetItem[];
  readonly unevaluated: readonly UnevaluatedLine[];
}

/** A document read as the editor's auto mode reads it, over the whole text. */
export function evaluateDocument(text: string, language: SourceLanguage, options: DocumentOptions = {}): DocumentEvaluation {
  const { items, unevaluated } = evaluateSnippet(text, { language, mode: 'auto', ...options });
  return { items, unevaluated };
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
export function cellWithPrelude(cells: readonly CellSource[], index: number): CellText {
  const above = preludeCells(cells, index);
  // Where each cell above starts in the text, in lines, for messages that name a line there.
  const starts: { position: number; line: number }[] = [];
  let lineOffset = 0;
  for (const { position, source } of above) {
    starts.push({ position, line: lineOffset });
    lineOffset += source.split('\n').length - 1;
  }
  const prelude = above.map(({ source }) => source).join('');
  const lineLabel = (line: number): string => {
    if (line >= lineOffset) return `line ${line - lineOffset + 1}`;
    let cell = starts[0];
    for (const start of starts) if (start.line <= line) cell = start;
    return `line ${line - cell.line + 1} of cell ${cell.position}`;
  };
  return { text: prelude + cells[index].source, offset: prelude.length, lineOffset, lineLabel };
}

/** A notebook cell's text to evaluate: the cells above it, then the cell; where the cell starts; how lines are named. */
export interface CellText {
  readonly text: string;
  readonly offset: number;
  readonly lineOffset: number;
  /** The words naming a line of the text in a message: `line 3` in the cell, `line 2 of cell 4` above it. */
  readonly lineLabel: (line: number) => string;
}

/**
 * A notebook in auto mode: each code cell with the Python cells above it as context (a notebook run top to
 * bottom). Result lines and offsets count from the start of their cell.
 */
export function evaluateCells(cells: readonly CellSource[], options: DocumentOptions = {}): ({ cell: number } & DocumentEvaluation)[] {
  const out: ({ cell: number } & DocumentEvaluation)[] = [];
  cells.forEach((cell, index) => {
    if ((cell.kind ?? 'code') !== 'code') return;
    const { text, offset, lineOffset, lineLabel } = cellWithPrelude(cells, index);
    const evaluation = evaluateSnippet(text, { language: cell.language, mode: 'auto', range: { start: offset, end: text.length }, lineLabel, ...options });
    const inCell = <T extends SnippetItem | UnevaluatedLine>(item: T): T => ({
      ...item,
      line: item.line - lineOffset,
      start: item.start - offset,
      end: item.end - offset,
      ...('error' in item ? { error: errorInCell(item.error, offset, lineOffset) } : {}),
    });
    out.push({ cell: index, items: evaluation.items.map(inCell), unevaluated: evaluation.unevaluated.map(inCell) });
  });
  return out;
}

/**
 * An error positioned in a cell's text with the cells above it, positioned in the cell (an error in code
 * of a cell above, such as a function it calls, says so).
 */
export function errorInCell(error: PositionedError, offset: number, lineOffset: number): PositionedError {
  if (offset === 0) return error;
  const line = error.line - lineOffset;
  const where = line >= 0 ? `line ${line + 1}, column ${error.column + 1}` : 'in a cell above';
  return { ...error, line: Math.max(0, line), offset: error.offset - offset, end: error.end - offset, message: `${where}: ${error.detail}` };
}

/** The text a result shows for a language: NumPy's repr in Python, tfjs' print text in TS/JS. */
export function resultText(output: Float32NdArray, dialect: Dialect): string {
  return dialect === 'python' ? numpyValueRepr(output) : tfjsTensorString(output);
}

export type { ActivationRef, AppliedActivation, Flavour };

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
