// Python code where people look at it: the module is run by the interpreter up to the end of the part asked
// for, and each top-level statement in that part says what it shows — what it printed (after the print's
// line at module level, after the calling line for prints inside functions), the value a bare expression
// shows in a notebook (its repr), the array an activation computed (NumPy's repr, as `.numpy()` shows it),
// an exception as Python raises it, or why Activation Lens cannot run it. In 'selection' mode also values
// with no activation (the editor asks which to apply) and activations with no input (it asks for values);
// in 'auto' mode only prints, activation results, bare expressions and exceptions of code that otherwise runs.
import { analyzeDocument, literalParams, referenceAt, type ActivationReference, type DocumentIndex, type PythonImportTable } from '../language';
import { lineStarts, positionAt } from '../language/positions';
import { numpyValueRepr } from '../render/numpy';
import type { ActivationRef, AppliedActivation } from './activation';
import type { Expr, Stmt } from './python/ast';
import { runPythonModule, type PythonModule, type PythonProblem, type StatementRecord } from './python';
import { ActivationLayer } from './python/library';
import { NdArray, NpScalar } from './python/numpy/ndarray';
import { PyList, PyTuple } from './python/objects';
import { Tensor } from './python/tensorflow';
import type { PyValue } from './python/types';
import type { BareValues, PendingActivation, SnippetError, SnippetEvaluation, SnippetItem, SnippetResult, UnevaluatedLine } from './snippetTypes';
import { makeArray, toFloat32, type ArrayValue, type PositionedError } from './values';

export interface PythonSnippetOptions {
  readonly kerasVersion?: '2' | '3';
  readonly range?: { readonly start: number; readonly end: number };
  readonly mode?: 'selection' | 'auto';
  readonly context?: PythonImportTable;
  readonly lineLabel?: (line: number) => string;
}

const FUNCTION_APIS = new Set(['keras.activations', 'tf.nn', 'keras.ops', 'tf.math']);

/** An activation a statement names without applying it, or the error of evaluating it. */
interface PendingFound {
  readonly pending?: PendingActivation;
  readonly error?: { readonly problem: PythonProblem; readonly item: SnippetError };
}

/** Evaluates Python `text` for the statements overlapping `range` (all of it when absent). Never throws. */
export function evaluatePythonSnippet(text: string, options: PythonSnippetOptions): SnippetEvaluation {
  const range = options.range;
  const mode = options.mode ?? (range ? 'selection' : 'auto');
  const stop = range ? Math.max(range.end, range.start + 1) : text.length;
  const module = runPythonModule(text, { kerasVersion: options.kerasVersion ?? '3', stop, ...(options.context ? { context: options.context } : {}), ...(options.lineLabel ? { lineLabel: options.lineLabel } : {}) });
  return new PythonSnippet(text, module, options, mode).evaluation(range, stop);
}

class PythonSnippet {
  private readonly lines: readonly number[];
  private index: DocumentIndex | undefined;

  private readonly range: PythonSnippetOptions['range'];

  constructor(
    private readonly text: string,
    private readonly module: PythonModule,
    private readonly options: PythonSnippetOptions,
    private readonly mode: 'selection' | 'auto',
  ) {
    this.lines = lineStarts(text);
    this.range = options.range;
  }

  evaluation(range: PythonSnippetOptions['range'], stop: number): SnippetEvaluation {
    const items: SnippetItem[] = [];
    const unevaluated: UnevaluatedLine[] = [];
    let bareValues: BareValues | undefined;
    let pending: PendingActivation | undefined;
    for (const record of this.module.statements) {
      const inRange = !range || (record.end >= range.start && record.start < stop) || (record.start === record.end && record.start >= range.start && record.start <= range.end);
      if (!inRange) continue;
      if (record.problem) unevaluated.push(this.errorItem(record, record.problem));
      const outcome = this.outcome(record);
      items.push(...outcome.items);
      if (outcome.values) bareValues = outcome.values;
      if (outcome.pending) pending = outcome.pending;
    }
    const hasResult = items.some((item) => item.kind === 'result');
    return {
      dialect: 'python',
      items,
      unevaluated,
      ...(bareValues && !hasResult ? { bareValues } : {}),
      ...(pending && !hasResult && !bareValues ? { pending } : {}),
    };
  }

  private outcome(record: StatementRecord): { items: SnippetItem[]; values?: BareValues; pending?: PendingActivation } {
    const items: SnippetItem[] = [];
    const base = { start: record.start, end: record.end, applied: record.applied, notes: record.notes };
    for (const [line, output] of [...record.output].sort(([a], [b]) => a - b)) {
      const origin = record.applied[record.applied.length - 1];
      items.push({ kind: 'result', line, ...base, display: 'print', text: output.endsWith('\n') ? output.slice(0, -1) : output, ...(origin ? { origin } : {}) });
    }
    const statement = record.statement;
    if (record.problem) {
      const found = this.pendingOf(record);
      items.push(...this.failure(record, record.problem, found));
      return { items, ...(this.mode === 'selection' && found.pending && !items.length ? { pending: found.pending } : {}) };
    }
    if (!statement || record.value === undefined || record.value === null) {
      // A loop or block that applied activations shows each one's result on its line (the last of a loop's).
      const inside = record.applied.filter((application) => application.span.start >= record.start && application.span.end <= record.end);
      if (inside.length && statement && statement.kind !== 'expr') return { items: [...items, ...this.perApplication(record, inside)] };
      if (statement?.kind === 'def' && this.mode === 'selection' && this.range && this.range.start > statement.headerEnd) {
        const inside = this.insideFunction(record, statement);
        return { items: [...items, ...inside.items], ...(inside.pending ? { pending: inside.pending } : {}) };
      }
      if (this.mode !== 'selection' || items.length) return { items };
      const found = this.pendingOf(record);
      return { items: found.error ? [found.error.item] : items, ...(found.pending ? { pending: found.pending } : {}) };
    }
    const value = record.value;
    const origin = originOf(value) ?? record.applied[record.applied.length - 1];
    const derived = origin !== undefined;
    if (statement.kind === 'expr') {
      if (this.mode === 'selection' && !derived && !record.calledCode) {
        const values = this.bareValues(record, value, this.sourceOf(statement.value));
        if (values) return { items, values };
      }
      if (this.mode === 'auto' && statement.value.kind === 'constant') return { items };
      const text = this.show(() => this.module.repr(value), record);
      if (typeof text !== 'string') return { items: [...items, text] };
      items.push({ kind: 'result', line: record.line, ...base, display: 'repr', text, ...arrayOf(value), ...(origin ? { origin } : {}) });
      return { items };
    }
    // An assignment: shown when an activation computed it, or (selection) as the value it binds.
    if (value instanceof ActivationLayer) return { items, ...(this.mode === 'selection' ? { pending: this.pendingRef(record, value.ref) } : {}) };
    if (!derived) {
      if (this.mode !== 'selection') return { items };
      if (!record.calledCode) {
        const label = statement.kind === 'assign' && statement.targets[0]?.kind === 'name' ? statement.targets[0].id : this.sourceOf(statement);
        const values = this.bareValues(record, value, label);
        if (values) return { items, values };
        const found = this.pendingOf(record);
        if (found.pending || found.error) return { items: found.error ? [...items, found.error.item] : items, ...(found.pending ? { pending: found.pending } : {}) };
      }
    }
    const text = this.show(() => valueText(this.module, value), record);
    if (typeof text !== 'string') return { items: [...items, text] };
    items.push({ kind: 'result', line: record.line, ...base, display: 'value', text, ...arrayOf(value), ...(origin ? { origin } : {}) });
    return { items };
  }

  /** Text of a value, or the error item when Python would print what cannot be known (an address). */
  private show(text: () => string, record: StatementRecord): string | SnippetError {
    try {
      return text();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return this.errorItem(record, { kind: 'refusal', type: 'Refusal', message, text: message, span: { start: record.start, end: record.end }, ...this.position(record.start), limit: false, suggestsAssigned: false });
    }
  }

  /**
   * What a statement that failed shows: the activations it computed on the way, and its exception — or, when
   * it names an activation never applied, the error of evaluating that (`ELU(alpha=elu_alpha)`).
   */
  private failure(record: StatementRecord, problem: PythonProblem, found: PendingFound): SnippetItem[] {
    const applied = record.applied.filter((application) => application.span.start >= record.start && application.span.end <= record.end);
    const results = applied.length ? this.perApplication(record, applied) : [];
    if (this.mode === 'auto') {
      if (this.shownInAuto(problem)) return [...results, this.errorItem(record, problem)];
      if (found.error && this.shownInAuto(found.error.problem)) return [...results, found.error.item];
      return results;
    }
    if (results.length) return results;
    if (found.pending) return [];
    if (found.error) return [found.error.item];
    return [this.errorItem(record, problem)];
  }

  /** Auto mode shows Python's exceptions of code that runs, not the noise of a partial snippet (an undefined `model`). */
  private shownInAuto(problem: PythonProblem): boolean {
    if (problem.kind !== 'exception') return false;
    if (problem.type === 'NameError' && problem.undefinedName !== undefined) return problem.suggestsAssigned;
    return true;
  }

  private perApplication(record: StatementRecord, applied: readonly AppliedActivation[]): SnippetResult[] {
    const byLine = new Map<number, SnippetResult>();
    for (const application of applied) {
      const line = this.lastLineOf(application.span);
      byLine.set(line, {
        kind: 'result',
        line,
        start: record.start,
        end: record.end,
        display: 'value',
        text: record.outputs.has(application) ? valueText(this.module, record.outputs.get(application) as PyValue) : numpyValueRepr(application.output),
        value: application.output,
        applied: [application],
        origin: application,
        notes: record.notes,
      });
    }
    return [...byLine.values()];
  }

  private errorItem(record: StatementRecord, problem: PythonProblem): SnippetError {
    const error = positioned(problem);
    // Module-level code shows its error after the line that raised it; code in a function after the calling line.
    const inside = problem.span.start >= record.start && problem.span.end <= record.end && problem.kind !== 'syntax';
    const line = inside ? this.lastLineOf(problem.span) : problem.kind === 'syntax' ? problem.line : record.line;
    return { kind: 'error', line, start: record.start, end: record.end, error };
  }

  private bareValues(record: StatementRecord, value: PyValue, label: string): BareValues | undefined {
    const array = arrayValueOf(value);
    if (!array) return undefined;
    return { value: array, array: toFloat32(array), line: record.line, start: record.start, end: record.end, label };
  }

  // -- activations waiting for input --------------------------------------------------------------------------

  private pendingRef(record: StatementRecord, ref: ActivationRef, reason?: string): PendingActivation {
    return { ref, line: record.line, start: record.start, end: record.end, ...(reason ? { reason } : {}) };
  }

  /**
   * An activation named in a statement but never applied (`model.add(LeakyReLU(alpha=0.1))`,
   * `activation='tanh'`), found by the recognizers at the place it is written; or the error of evaluating it.
   */
  private pendingOf(record: StatementRecord): PendingFound {
    if (!record.statement) return {};
    const reason = record.problem?.text;
    let found: PendingFound = {};
    const calleeStarts = new Set<number>();
    walkStatement(record.statement, (node) => {
      if (node.kind === 'call' && node.func.kind === 'attribute') calleeStarts.add(node.func.attrStart);
    });
    walkStatement(record.statement, (node) => {
      if (found.pending || found.error) return;
      if (node.kind === 'call') {
        const nameStart = node.func.kind === 'attribute' ? node.func.attrStart : node.func.kind === 'name' ? node.func.start : undefined;
        if (nameStart === undefined) return;
        const reference = this.reference(nameStart) ?? this.stringArgumentReference(node);
        if (!reference) return;
        if (reference.api === 'layer' || reference.api === 'activation string' || reference.api === 'activations.get') {
          const result = this.module.evaluate(node);
          if ('problem' in result) found = { error: { problem: result.problem, item: this.errorItem(record, result.problem) } };
          else if (result.value instanceof ActivationLayer) found = { pending: this.pendingRef(record, result.value.ref, reason) };
          else found = { pending: this.pendingRef(record, refOf(reference, reference.written), reason) };
          return;
        }
        if (FUNCTION_APIS.has(reference.api) && node.args.length === 0 && node.keywords.length === 0) found = { pending: this.pendingRef(record, refOf(reference, reference.site?.label ?? reference.written), reason) };
        return;
      }
      if (node.kind === 'constant' && typeof node.value === 'string') {
        const reference = this.reference(node.start + 1);
        if (reference?.api === 'activation string') found = { pending: this.pendingRef(record, refOf(reference, reference.written), reason) };
        return;
      }
      if (node.kind === 'attribute' && !calleeStarts.has(node.attrStart)) {
        const reference = this.reference(node.attrStart);
        if (reference && FUNCTION_APIS.has(reference.api)) found = { pending: this.pendingRef(record, refOf(reference, reference.site?.label ?? reference.written), reason) };
      }
    });
    return found;
  }

  /**
   * A selection inside a function's body, which runs only when the function is called: an activation written
   * on the selected line waits for values (its literal parameters as written); otherwise the editor says so.
   */
  private insideFunction(record: StatementRecord, def: Extract<Stmt, { kind: 'def' }>): { readonly pending?: PendingActivation; readonly items: SnippetItem[] } {
    const range = this.range as { start: number; end: number };
    const reason = `this line is in the body of \`${def.name}\`, which runs when \`${def.name}\` is called`;
    for (let offset = range.start; offset <= Math.max(range.start, range.end - 1); offset++) {
      const reference = this.reference(offset);
      if (!reference || reference.api === 'activation string') continue;
      const params = literalParams(reference).params;
      return { items: [], pending: this.pendingRef(record, { ...refOf(reference, reference.site?.label ?? reference.written), params: { ...reference.implied, ...params } }, reason) };
    }
    const message = `${reason}; evaluate a line that calls it`;
    return { items: [this.errorItem(record, { kind: 'refusal', type: 'Refusal', message, text: message, span: { start: range.start, end: range.start }, ...this.position(range.start), limit: false, suggestsAssigned: false })] };
  }

  private stringArgumentReference(call: Extract<Expr, { kind: 'call' }>): ActivationReference | undefined {
    const first = call.args[0] ?? call.keywords.find((keyword) => keyword.name === 'activation')?.value;
    if (first?.kind !== 'constant' || typeof first.value !== 'string') return undefined;
    const reference = this.reference(first.start + 1);
    return reference && (reference.api === 'activation string' || reference.api === 'activations.get') ? reference : undefined;
  }

  private reference(offset: number): ActivationReference | undefined {
    this.index ??= analyzeDocument(this.text, 'python', this.options.context ? { context: this.options.context } : {});
    const reference = referenceAt(this.index, offset, { kerasVersion: this.options.kerasVersion ?? '3' });
    return reference && offset >= reference.start && offset <= reference.end ? reference : undefined;
  }

  // -- positions ----------------------------------------------------------------------------------------------

  private position(offset: number): { line: number; column: number } {
    const at = positionAt(this.lines, offset);
    return { line: at.line, column: at.character };
  }

  private lastLineOf(span: { start: number; end: number }): number {
    return positionAt(this.lines, Math.max(span.start, span.end - 1)).line;
  }

  private sourceOf(span: { start: number; end: number }, max = 60): string {
    const source = this.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    return source.length > max ? `${source.slice(0, max - 1)}…` : source;
  }
}

function refOf(reference: ActivationReference, label: string): ActivationRef {
  return { name: reference.name, flavour: reference.flavour, params: { ...reference.implied }, label, layer: reference.api === 'layer' || reference.api === 'activation string' };
}

/** A placed problem as the editor's positioned message: `line L, column C: Type: message`. */
function positioned(problem: PythonProblem): PositionedError {
  return {
    message: `line ${problem.line + 1}, column ${problem.column + 1}: ${problem.text}`,
    detail: problem.text,
    line: problem.line,
    column: problem.column,
    offset: problem.span.start,
    end: problem.span.end,
    refusal: problem.limit,
  };
}

/** The activation result a value is (or was derived from). */
function originOf(value: PyValue): AppliedActivation | undefined {
  if (value instanceof Tensor || value instanceof NdArray || value instanceof NpScalar) return value.origin as AppliedActivation | undefined;
  return undefined;
}

/** What an assignment of a value shows: NumPy's repr (a tensor as its `.numpy()`), any other value's repr. */
function valueText(module: PythonModule, value: PyValue): string {
  if (value instanceof Tensor) return module.repr(value.numpy());
  return module.repr(value);
}

function arrayOf(value: PyValue): { value?: ReturnType<typeof toFloat32> } {
  const array = arrayValueOf(value);
  return array ? { value: toFloat32(array) } : {};
}

/** Numbers a value holds, as the editor's bare values (an array, a tensor, a number, a list of numbers). */
function arrayValueOf(value: PyValue): ArrayValue | undefined {
  if (value instanceof NdArray) return makeArray('ndarray', value.dtype, value.shape, Float64Array.from(value.values()));
  if (value instanceof NpScalar) return makeArray('ndarray', value.dtype, [], Float64Array.of(value.value));
  if (value instanceof Tensor) return makeArray('tensor', value.dtype, value.shape, Float64Array.from(value.values));
  if (typeof value === 'number') return makeArray('list', 'float64', [], Float64Array.of(value));
  if (typeof value === 'bigint') return makeArray('list', 'int64', [], Float64Array.of(Number(value)));
  if (value instanceof PyList || value instanceof PyTuple) {
    const flat: number[] = [];
    const shape: number[] = [];
    let integer = true;
    const visit = (item: PyValue, depth: number): boolean => {
      if (typeof item === 'number' || typeof item === 'bigint') {
        if (typeof item === 'number') integer = false;
        flat.push(Number(item));
        return shape.length === depth;
      }
      if (!(item instanceof PyList || item instanceof PyTuple)) return false;
      if (shape.length === depth) shape.push(item.items.length);
      else if (shape[depth] !== item.items.length) return false;
      return item.items.every((inner) => visit(inner, depth + 1));
    };
    if (!visit(value, 0) || flat.length === 0) return undefined;
    return makeArray('list', integer ? 'int64' : 'float64', shape, Float64Array.from(flat));
  }
  return undefined;
}

/** Pre-order walk of a statement's module-level expressions (not into function bodies). */
function walkStatement(statement: Stmt, visit: (node: Expr) => void): void {
  const expr = (node: Expr | undefined): void => {
    if (!node) return;
    visit(node);
    switch (node.kind) {
      case 'attribute':
        expr(node.value);
        break;
      case 'call':
        expr(node.func);
        node.args.forEach(expr);
        node.keywords.forEach((keyword) => expr(keyword.value));
        break;
      case 'subscript':
        expr(node.value);
        expr(node.index);
        break;
      case 'binop':
        expr(node.left);
        expr(node.right);
        break;
      case 'unary':
        expr(node.operand);
        break;
      case 'boolop':
        node.values.forEach(expr);
        break;
      case 'compare':
        expr(node.left);
        node.comparators.forEach(expr);
        break;
      case 'ifexp':
        expr(node.test);
        expr(node.body);
        expr(node.orelse);
        break;
      case 'list':
      case 'tuple':
      case 'set':
        node.elts.forEach(expr);
        break;
      case 'dict':
        node.keys.forEach(expr);
        node.values.forEach(expr);
        break;
      case 'starred':
        expr(node.value);
        break;
      default:
        break;
    }
  };
  switch (statement.kind) {
    case 'expr':
      expr(statement.value);
      break;
    case 'assign':
      expr(statement.value);
      break;
    case 'annassign':
    case 'augassign':
      expr(statement.value);
      break;
    case 'return':
      expr(statement.value);
      break;
    default:
      break;
  }
}
