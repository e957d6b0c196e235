// "Activation Lens: Evaluate Selection": the snippet (or values) at the selection is evaluated by the pure
// layers and the result is shown after its line as an error-lens-style decoration in themeable colours,
// written in full to the output channel, and kept for "Copy Last Result". With
// `activationLens.inlineResults: "auto"` every evaluable activation line of the visible editors keeps its
// result up to date as you type. Nothing the user wrote is ever run.
import * as vscode from 'vscode';
import {
  ACTIVATIONS,
  FLAVOUR_LABELS,
  formulaFor,
  getActivation,
  paramsOf,
  type ActivationSpec,
  type Flavour,
  type ParamValue,
} from '../core';
import { documentRegions, scanDocument, type ActivationReference, type SourceLanguage } from '../language';
import { lineStarts } from '../language/positions';
import { evaluateRun, regionRunAt } from '../interpreter/docSnippets';
import { literalParams } from '../language/reference';
import { applyActivation, type ActivationRef } from '../interpreter/activation';
import { cellWithPrelude, errorInCell, evaluateSnippet, resultText, type CellText, type SnippetEvaluation, type SnippetItem } from '../interpreter/snippet';
import { parseValues } from '../interpreter/values';
import { EVALUATE_COMMAND, commandUri } from '../render/hover';
import type { Float32NdArray } from '../render/numpy';
import { OPEN_PLOT_COMMAND } from '../webview/protocol';
import { documentIndex, notebookOf, sourceLanguageOf } from './documentIndex';
import {
  INLINE_MAX_LENGTH,
  InlineResultStore,
  formatParameter,
  inlineItemOf,
  inlineText,
  parseParameterInput,
  plotRequestFor,
  rememberRecent,
  type InlineResult,
  type LineChange,
} from './evaluateModel';
import { getOutputChannel } from './output';
import { kerasMajor } from './kerasVersion';
import { autoInlineResults } from './settings';

export const COPY_COMMAND = 'activationLens.copyLastResult';
export const CLEAR_COMMAND = 'activationLens.clearInlineResults';
/** Internal, for the integration tests: the inline results of every document and what was written to the output. */
export const INSPECT_COMMAND = 'activationLens.test.inlineResults';

const RECENT_KEY = 'activationLens.recentActivations';
const LAST_VALUES_KEY = 'activationLens.lastInputValues';
const AUTO_DEBOUNCE_MS = 300;
/** Auto mode skips documents larger than this (the command still evaluates them). */
const AUTO_MAX_LENGTH = 2_000_000;

/** What the command shows, as it returns it (also read by the integration tests). */
export interface ShownResult {
  readonly uri: string;
  readonly line: number;
  readonly kind: 'result' | 'error';
  readonly text: string;
  readonly inline: string;
}

export interface EvaluateOutcome {
  readonly results: readonly ShownResult[];
  /** The user dismissed a quick pick or input box. */
  readonly cancelled?: boolean;
}

/** Arguments of the command from a hover link: evaluate this line of this document. */
interface LineArgument {
  readonly uri: string;
  readonly line: number;
}

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(new EvaluateFeature(context));
}

class EvaluateFeature implements vscode.Disposable {
  private readonly store = new InlineResultStore();
  private readonly resultType: vscode.TextEditorDecorationType;
  private readonly errorType: vscode.TextEditorDecorationType;
  private readonly disposables: vscode.Disposable[] = [];
  private lastResult: string | undefined;
  /** Everything this feature wrote to the output channel, for the integration tests. */
  private readonly written: string[] = [];
  private autoTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    const after = { margin: '0 0 0 2.5em', fontStyle: 'normal' } as const;
    this.resultType = vscode.window.createTextEditorDecorationType({
      after: { ...after, color: new vscode.ThemeColor('activationLens.inlineResultForeground'), backgroundColor: new vscode.ThemeColor('activationLens.inlineResultBackground') },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.errorType = vscode.window.createTextEditorDecorationType({
      after: { ...after, color: new vscode.ThemeColor('activationLens.inlineErrorForeground'), backgroundColor: new vscode.ThemeColor('activationLens.inlineErrorBackground') },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.disposables.push(
      this.resultType,
      this.errorType,
      vscode.commands.registerCommand(EVALUATE_COMMAND, (argument?: LineArgument) => this.evaluateCommand(argument)),
      vscode.commands.registerCommand(COPY_COMMAND, (text?: unknown) => this.copyLastResult(typeof text === 'string' ? text : undefined)),
      vscode.commands.registerCommand(CLEAR_COMMAND, () => {
        this.store.clear();
        this.render();
        this.scheduleAuto(0);
      }),
      vscode.commands.registerCommand(INSPECT_COMMAND, () => this.inspect()),
      vscode.workspace.onDidChangeTextDocument((event) => this.onDidChange(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.store.clear(document.uri.toString())),
      vscode.window.onDidChangeVisibleTextEditors(() => {
        this.render();
        this.scheduleAuto();
      }),
      // Auto mode computes the visible lines only: scrolling shows others.
      vscode.window.onDidChangeTextEditorVisibleRanges(() => this.scheduleAuto()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('activationLens.inlineResults') || event.affectsConfiguration('activationLens.kerasVersion')) {
          if (!autoInlineResults()) {
            this.store.clearAuto();
            this.render();
          }
          this.scheduleAuto(0);
        }
      }),
    );
    this.scheduleAuto(0);
  }

  dispose(): void {
    if (this.autoTimer) clearTimeout(this.autoTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  // -- the command ----------------------------------------------------------------------------------

  private async evaluateCommand(argument?: LineArgument): Promise<EvaluateOutcome> {
    try {
      return await this.evaluate(argument);
    } catch (error) {
      // Never a crash: an unexpected failure is reported like any other error.
      const message = `Activation Lens could not evaluate this: ${error instanceof Error ? error.message : String(error)}`;
      void vscode.window.showErrorMessage(message);
      this.log(message);
      return { results: [] };
    }
  }

  private async evaluate(argument?: LineArgument): Promise<EvaluateOutcome> {
    const editor = await this.targetEditor(argument);
    if (!editor) {
      void vscode.window.showInformationMessage('Activation Lens: open a Python, TypeScript, JavaScript or Markdown file and select an activation call or values to evaluate.');
      return { results: [] };
    }
    const document = editor.document;
    const keras = kerasMajor(document);
    const selection = argument ? new vscode.Selection(argument.line, 0, argument.line, 0) : editor.selection;
    const lineRange = document.lineAt(selection.active.line).range;
    const range = selection.isEmpty ? lineRange : selection;
    const { evaluation, language, toLine } = this.evaluateRange(document, range, keras);

    const shown = evaluation.items.map((item) => inlineItemOf(item, toLine(item.line), 'command'));
    if (shown.some((result) => result.kind === 'result')) return this.show(document, shown);

    if (evaluation.bareValues) {
      return this.evaluateBareValues(editor, evaluation.bareValues.array, toLine(evaluation.bareValues.line), evaluation.bareValues.label, language, keras);
    }
    if (evaluation.pending) {
      return this.evaluatePending(document, evaluation.pending.ref, toLine(evaluation.pending.line), language, evaluation.pending.reason);
    }
    // A literal selected inside a statement that does not evaluate (`f([1, 2, 3])`).
    if (!selection.isEmpty) {
      const parsed = parseValues(document.getText(selection), { dialect: language === 'python' ? 'python' : 'javascript' });
      if (parsed.ok) return this.evaluateBareValues(editor, parsed.array, selection.end.line, document.getText(selection).trim(), language, keras);
    }
    if (shown.length) {
      const errors = shown.filter((result) => result.kind === 'error');
      void vscode.window.showWarningMessage(`Activation Lens: ${errors[0].text}`);
      return this.show(document, shown);
    }
    void vscode.window.showInformationMessage(
      'Activation Lens: nothing to evaluate here. Select an activation call (such as tf.keras.activations.relu(x)), a layer, or values such as [-1.0, 0.0, 1.0].',
    );
    return { results: [] };
  }

  /**
   * Evaluates a range of a document as Evaluate Selection does: the code example it is in (a Markdown fence,
   * a docstring's doctest, a JSDoc example) with the examples above it, else the code (a notebook cell with
   * the cells above it). Items come positioned in the document.
   */
  private evaluateRange(document: vscode.TextDocument, range: vscode.Range, keras: '2' | '3'): { evaluation: SnippetEvaluation; language: SourceLanguage; toLine: (line: number) => number } {
    const toLine = (line: number): number => Math.max(0, Math.min(document.lineCount - 1, line));
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const index = documentIndex(document);
    const run = index && regionRunAt(index, document.getText(), start, end);
    if (run) return { evaluation: evaluateRun(run, { kerasVersion: keras, range: { start, end }, mode: 'selection' }), language: run.language, toLine };
    const language = sourceLanguageOf(document.languageId) ?? 'python';
    const source = this.sourceOf(document);
    const evaluation = evaluateSnippet(source.text, { language, kerasVersion: keras, range: { start: source.offset + start, end: source.offset + end }, mode: 'selection', lineLabel: source.lineLabel });
    return { evaluation: { ...evaluation, items: evaluation.items.map((item) => inCell(item, source)) }, language, toLine: (line) => toLine(line - source.lineOffset) };
  }

  private async targetEditor(argument?: LineArgument): Promise<vscode.TextEditor | undefined> {
    if (argument && typeof argument.uri === 'string' && typeof argument.line === 'number') {
      const uri = vscode.Uri.parse(argument.uri);
      const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
      if (visible) return visible;
      const document = await vscode.workspace.openTextDocument(uri);
      return vscode.window.showTextDocument(document);
    }
    return vscode.window.activeTextEditor;
  }

  /** The text to evaluate: the document, or for a notebook cell the Python cells above it and the cell. */
  private sourceOf(document: vscode.TextDocument): CellText {
    const notebook = notebookOf(document);
    if (!notebook) return { text: document.getText(), offset: 0, lineOffset: 0, lineLabel: (line) => `line ${line + 1}` };
    const cells = notebook.getCells();
    const index = cells.findIndex((cell) => cell.document === document);
    const sources = cells.map((cell) => ({
      source: cell.document.getText(),
      language: sourceLanguageOf(cell.document.languageId) ?? 'python',
      kind: cell.kind === vscode.NotebookCellKind.Code ? ('code' as const) : ('markdown' as const),
    }));
    return cellWithPrelude(sources, index);
  }

  private show(document: vscode.TextDocument, results: readonly InlineResult[]): EvaluateOutcome {
    const uri = document.uri.toString();
    this.store.addFromCommand(uri, results);
    this.render();
    const name = vscode.workspace.asRelativePath(document.uri, false);
    for (const result of results) {
      const notes = (result.notes ?? []).map((note) => `\nnote: ${note}`).join('');
      this.log(`${name}:${result.line + 1}${result.title ? ` — ${result.title}` : ''}${result.kind === 'error' ? ' — error' : ''}\n${result.text}${notes}`);
    }
    const last = [...results].reverse().find((result) => result.kind === 'result');
    if (last) this.lastResult = last.text;
    return { results: results.map((result) => ({ uri, line: result.line, kind: result.kind, text: result.text, inline: result.inline })) };
  }

  private log(text: string): void {
    this.written.push(text);
    getOutputChannel().appendLine(text);
  }

  // -- bare values: which activation? ----------------------------------------------------------------

  private async evaluateBareValues(
    editor: vscode.TextEditor,
    values: Float32NdArray,
    line: number,
    label: string,
    language: SourceLanguage,
    keras: '2' | '3',
  ): Promise<EvaluateOutcome> {
    const document = editor.document;
    const defaultFlavour: Flavour = language === 'python' ? (keras === '2' ? 'keras2' : 'keras3') : 'tfjs';
    const picked = await this.pickActivation(document, editor.selection.active, defaultFlavour, label);
    if (!picked) return { results: [], cancelled: true };
    const params = await this.askParameters(picked.spec, picked.flavour, picked.initial);
    if (!params) return { results: [], cancelled: true };
    const ref: ActivationRef = { name: picked.spec.name, flavour: picked.flavour, params, label: picked.spec.name, layer: false };
    return this.applyAndShow(document, ref, values, line, language, label);
  }

  private applyAndShow(document: vscode.TextDocument, ref: ActivationRef, values: Float32NdArray, line: number, language: SourceLanguage, inputLabel: string): EvaluateOutcome {
    const dialect = language === 'python' ? 'python' : 'javascript';
    const paramText = Object.entries(ref.params)
      .map(([key, value]) => `${key}=${formatParameter(value)}`)
      .join(', ');
    const title = `${ref.name}${paramText ? `(${paramText})` : ''} (${FLAVOUR_LABELS[ref.flavour]}) on ${inputLabel}`;
    try {
      const applied = applyActivation(ref, values);
      const text = resultText(applied.output, dialect);
      void this.context.globalState.update(RECENT_KEY, rememberRecent(this.recent(), ref.name));
      // The line shows the input: say which activation the output is of.
      const label = `${ref.layer ? ref.label : ref.name}${!ref.layer && paramText ? `(${paramText})` : ''}`;
      const inline = `${label}: ${inlineText(text, INLINE_MAX_LENGTH - label.length - 2)}`;
      return this.show(document, [{ line, kind: 'result', text, inline, source: 'command', title, plot: plotRequestFor(applied) }]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showWarningMessage(`Activation Lens: ${message}`);
      return this.show(document, [{ line, kind: 'error', text: message, inline: inlineText(`⚠ ${message}`), source: 'command', title }]);
    }
  }

  private recent(): string[] {
    const stored = this.context.globalState.get<unknown>(RECENT_KEY);
    return Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string') : [];
  }

  /** Quick pick: the activation nearest the cursor first, then recent ones, then all, each with its formula. */
  private async pickActivation(
    document: vscode.TextDocument,
    position: vscode.Position,
    flavour: Flavour,
    label: string,
  ): Promise<{ spec: ActivationSpec; flavour: Flavour; initial: Readonly<Record<string, ParamValue>> } | undefined> {
    type Item = vscode.QuickPickItem & { spec?: ActivationSpec; flavour?: Flavour; initial?: Readonly<Record<string, ParamValue>> };
    const items: Item[] = [];
    const item = (spec: ActivationSpec, itemFlavour: Flavour, extra: Partial<Item> = {}): Item => ({
      label: spec.name,
      description: `${spec.title}${itemFlavour !== flavour ? ` · ${FLAVOUR_LABELS[itemFlavour]}` : ''}`,
      detail: formulaFor(spec, {}, itemFlavour).formula.text,
      spec,
      flavour: itemFlavour,
      ...extra,
    });
    const nearest = this.nearestReference(document, position);
    const used = new Set<string>();
    if (nearest) {
      items.push({ label: 'Nearest the cursor', kind: vscode.QuickPickItemKind.Separator });
      const initial = { ...nearest.implied, ...literalParams(nearest).params };
      items.push(item(nearest.spec, nearest.flavour, { description: `${nearest.written} at line ${document.positionAt(nearest.start).line + 1} · ${nearest.spec.title}`, initial }));
      used.add(nearest.spec.name);
    }
    const recent = this.recent().filter((name) => !used.has(name) && ACTIVATIONS.some((spec) => spec.name === name));
    if (recent.length) {
      items.push({ label: 'Recently used', kind: vscode.QuickPickItemKind.Separator });
      for (const name of recent) {
        items.push(item(getActivation(name), this.flavourFor(getActivation(name), flavour)));
        used.add(name);
      }
    }
    items.push({ label: 'All activations', kind: vscode.QuickPickItemKind.Separator });
    for (const spec of ACTIVATIONS) if (!used.has(spec.name)) items.push(item(spec, this.flavourFor(spec, flavour)));
    const choice = await vscode.window.showQuickPick(items, {
      title: `Activation Lens: apply which activation to ${label.length > 40 ? `${label.slice(0, 39)}…` : label}?`,
      placeHolder: 'Type to filter by name',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!choice?.spec || !choice.flavour) return undefined;
    return { spec: choice.spec, flavour: choice.flavour, initial: choice.initial ?? {} };
  }

  /** TensorFlow.js lacks many activations; those are computed as Keras 3 defines them. */
  private flavourFor(spec: ActivationSpec, flavour: Flavour): Flavour {
    return flavour !== 'keras3' && spec[flavour] === null ? 'keras3' : flavour;
  }

  private nearestReference(document: vscode.TextDocument, position: vscode.Position): ActivationReference | undefined {
    const index = documentIndex(document);
    if (!index) return undefined;
    const offset = document.offsetAt(position);
    let best: ActivationReference | undefined;
    let bestDistance = Infinity;
    for (const reference of scanDocument(index, { kerasVersion: kerasMajor(document) })) {
      const distance = offset < reference.start ? reference.start - offset : offset > reference.end ? offset - reference.end : 0;
      if (distance < bestDistance) {
        best = reference;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Input boxes for each numeric parameter, prefilled with the default (or what the code wrote). */
  private async askParameters(spec: ActivationSpec, flavour: Flavour, initial: Readonly<Record<string, ParamValue>>): Promise<Record<string, ParamValue> | undefined> {
    const params: Record<string, ParamValue> = {};
    const spelled = paramsOf(spec, flavour).filter((param) => param.type !== 'string');
    for (const [i, param] of spelled.entries()) {
      const current = initial[param.target] ?? (typeof param.default === 'string' ? undefined : param.default);
      const answer = await vscode.window.showInputBox({
        title: `${spec.name} (${FLAVOUR_LABELS[flavour]}): ${param.name} (${i + 1}/${spelled.length})`,
        prompt: `${param.description}${param.default === undefined ? ' Required.' : ` Default ${formatParameter(param.default)}.`}`,
        value: formatParameter(current),
        validateInput: (text) => {
          const parsed = parseParameterInput(text, param.type, param.nullable ?? false);
          return 'error' in parsed ? parsed.error : undefined;
        },
      });
      if (answer === undefined) return undefined;
      const parsed = parseParameterInput(answer, param.type, param.nullable ?? false);
      if ('error' in parsed) return undefined;
      params[param.target] = parsed.value;
    }
    return params;
  }

  // -- an activation without input: which values? ---------------------------------------------------

  private async evaluatePending(document: vscode.TextDocument, ref: ActivationRef, line: number, language: SourceLanguage, reason?: string): Promise<EvaluateOutcome> {
    const dialect = language === 'python' ? 'python' : 'javascript';
    const remembered = this.context.globalState.get<string>(`${LAST_VALUES_KEY}.${dialect}`);
    const example = dialect === 'python' ? 'np.linspace(-3, 3, 7)' : 'tf.linspace(-3, 3, 7)';
    const answer = await vscode.window.showInputBox({
      title: `Activation Lens: evaluate ${ref.label} on which values?`,
      prompt: `${reason ? `${reason}. ` : ''}Enter values such as [-3, -1, 0, 1, 3] or ${example}.`,
      value: remembered ?? example,
      validateInput: (text) => {
        const parsed = parseValues(text, { dialect });
        return parsed.ok ? undefined : parsed.error.message;
      },
    });
    if (answer === undefined) return { results: [], cancelled: true };
    const parsed = parseValues(answer, { dialect });
    if (!parsed.ok) return { results: [], cancelled: true };
    void this.context.globalState.update(`${LAST_VALUES_KEY}.${dialect}`, answer);
    return this.applyAndShow(document, ref, parsed.array, line, language, answer.trim());
  }

  // -- copy, inspect ----------------------------------------------------------------------------------

  /** Copies the last result, or the one a decoration's hover link names. */
  private async copyLastResult(text?: string): Promise<string | undefined> {
    const copied = text ?? this.lastResult;
    if (copied === undefined) {
      void vscode.window.showInformationMessage('Activation Lens: no result yet. Run "Activation Lens: Evaluate Selection" first.');
      return undefined;
    }
    await vscode.env.clipboard.writeText(copied);
    vscode.window.setStatusBarMessage('Activation Lens: result copied', 2000);
    return copied;
  }

  private inspect(): {
    documents: { uri: string; results: InlineResult[]; decorations: { line: number; kind: string; contentText: string; hover: string }[] }[];
    output: string[];
    lastResult?: string;
  } {
    return {
      documents: this.store.uris().map((uri) => ({
        uri,
        results: [...this.store.get(uri)],
        decorations: this.decorationsFor(uri).map((decoration) => ({
          line: decoration.line,
          kind: decoration.kind,
          contentText: decoration.options.renderOptions?.after?.contentText ?? '',
          hover: (decoration.options.hoverMessage as vscode.MarkdownString).value,
        })),
      })),
      output: [...this.written],
      ...(this.lastResult !== undefined ? { lastResult: this.lastResult } : {}),
    };
  }

  // -- rendering --------------------------------------------------------------------------------------

  private decorationsFor(uri: string): { line: number; kind: 'result' | 'error'; options: vscode.DecorationOptions }[] {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
    return this.store.get(uri).flatMap((result) => {
      if (document && result.line >= document.lineCount) return [];
      const end = document ? document.lineAt(result.line).range.end : new vscode.Position(result.line, 0);
      const hover = new vscode.MarkdownString();
      // appendText escapes what it is given; the title and notes are not markdown.
      if (result.title) hover.appendMarkdown('**').appendText(result.title).appendMarkdown('**\n\n');
      hover.appendCodeblock(result.text, result.kind === 'error' ? 'text' : 'python');
      for (const note of result.notes ?? []) hover.appendText(`note: ${note}`).appendMarkdown('  \n');
      if (result.kind === 'result') {
        hover.appendMarkdown(`\n[$(copy) Copy](${commandUri(COPY_COMMAND, [result.text])} "Copy this result")`);
        if (result.plot) {
          const marked = result.plot.marks?.length ? 'with these points marked' : 'with these parameters';
          hover.appendMarkdown(` · [$(graph-line) Plot](${commandUri(OPEN_PLOT_COMMAND, [result.plot])} "Plot the activation ${marked}")`);
        }
        hover.supportThemeIcons = true;
      }
      hover.isTrusted = { enabledCommands: [COPY_COMMAND, OPEN_PLOT_COMMAND] };
      return [
        {
          line: result.line,
          kind: result.kind,
          options: {
            range: new vscode.Range(end, end),
            hoverMessage: hover,
            renderOptions: { after: { contentText: `${result.kind === 'result' ? '⇒ ' : ''}${keepAlignment(result.inline)}` } },
          },
        },
      ];
    });
  }

  private render(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const decorations = this.decorationsFor(editor.document.uri.toString());
      editor.setDecorations(this.resultType, decorations.filter((d) => d.kind === 'result').map((d) => d.options));
      editor.setDecorations(this.errorType, decorations.filter((d) => d.kind === 'error').map((d) => d.options));
    }
  }

  private onDidChange(event: vscode.TextDocumentChangeEvent): void {
    if (!event.contentChanges.length) return;
    const uri = event.document.uri.toString();
    // Bottom-up, so each change's line numbers are still those of the text before it.
    const changes: LineChange[] = [...event.contentChanges]
      .sort((a, b) => b.range.start.line - a.range.start.line)
      .map((change) => ({ startLine: change.range.start.line, endLine: change.range.end.line, newLineCount: change.text.split(/\r\n|\r|\n/).length }));
    if (this.store.applyEdits(uri, changes)) this.render();
    if (autoInlineResults()) this.scheduleAuto();
  }

  // -- auto mode ----------------------------------------------------------------------------------------

  private scheduleAuto(delay = AUTO_DEBOUNCE_MS): void {
    if (!autoInlineResults()) return;
    if (this.autoTimer) clearTimeout(this.autoTimer);
    this.autoTimer = setTimeout(() => {
      this.autoTimer = undefined;
      try {
        this.refreshAuto();
      } catch (error) {
        getOutputChannel().warn(`auto evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, delay);
  }

  /**
   * Recomputes auto results for the visible lines of every visible editor of a language we read: the code
   * above them is read as context, nothing below them is, and results nobody sees are not formatted.
   */
  private refreshAuto(): void {
    if (!autoInlineResults()) return;
    const shown = new Map<vscode.TextDocument, vscode.Range>();
    for (const editor of vscode.window.visibleTextEditors) {
      if (!documentIndex(editor.document)) continue;
      for (const range of editor.visibleRanges) {
        const known = shown.get(editor.document);
        shown.set(editor.document, known ? known.union(range) : range);
      }
    }
    for (const [document, visible] of shown) {
      if (document.languageId === 'markdown') {
        this.store.setAuto(document.uri.toString(), this.autoInMarkdown(document, visible));
        continue;
      }
      const source = this.sourceOf(document);
      if (source.text.length > AUTO_MAX_LENGTH) continue;
      const range = {
        start: source.offset + document.offsetAt(new vscode.Position(visible.start.line, 0)),
        end: source.offset + document.offsetAt(document.lineAt(visible.end.line).range.end),
      };
      const language = sourceLanguageOf(document.languageId) ?? 'python';
      const evaluation = evaluateSnippet(source.text, { language, kerasVersion: kerasMajor(document), mode: 'auto', range, lineLabel: source.lineLabel });
      const results: InlineResult[] = [];
      for (const item of evaluation.items) {
        const line = item.line - source.lineOffset;
        if (line >= 0 && line < document.lineCount) results.push(inlineItemOf(inCell(item, source), line, 'auto'));
      }
      this.store.setAuto(document.uri.toString(), results);
    }
    this.render();
  }

  /** Markdown in auto mode: each visible fence, with the fences above it, over its visible lines. */
  private autoInMarkdown(document: vscode.TextDocument, visible: vscode.Range): InlineResult[] {
    const index = documentIndex(document);
    const text = document.getText();
    if (!index || text.length > AUTO_MAX_LENGTH) return [];
    const start = document.offsetAt(new vscode.Position(visible.start.line, 0));
    const end = document.offsetAt(document.lineAt(visible.end.line).range.end);
    const documentLines = lineStarts(text);
    const results: InlineResult[] = [];
    for (const region of documentRegions(index).regions) {
      if (region.end < start || region.start > end) continue;
      const run = regionRunAt(index, text, region.start, region.start, documentLines);
      if (!run) continue;
      const range = { start: Math.max(start, region.start), end: Math.min(end, region.end) };
      for (const item of evaluateRun(run, { kerasVersion: kerasMajor(document), mode: 'auto', range }).items) results.push(inlineItemOf(item, item.line, 'auto'));
    }
    return results;
  }
}

/** An item of a notebook cell evaluated with the cells above it: its error positioned in the cell. */
function inCell(item: SnippetItem, source: { offset: number; lineOffset: number }): SnippetItem {
  return item.kind === 'error' ? { ...item, error: errorInCell(item.error, source.offset, source.lineOffset) } : item;
}

/** Decoration text collapses runs of spaces; NumPy's column alignment needs them kept (as no-break spaces). */
function keepAlignment(text: string): string {
  return text.replace(/ {2,}/g, (run) => '\u00a0'.repeat(run.length));
}
