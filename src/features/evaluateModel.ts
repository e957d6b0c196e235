// What the evaluate feature keeps and shows, without `vscode`: the results attached to lines of each
// document (moved or dropped as the text is edited), the one-line form of a result for an inline
// decoration, the plot of an evaluated activation with its points, and the list of recently used
// activations. The seam in evaluate.ts renders this state.
import { FLAVOUR_LABELS, getActivation } from '../core';
import { parseScalar } from '../language/scalar';
import type { AppliedActivation, SnippetItem, SnippetResult } from '../interpreter/snippet';
import { LIMITS, type PlotRequest } from '../webview/protocol';

/** One result (or error) attached after a line of a document. */
export interface InlineResult {
  readonly line: number;
  readonly kind: 'result' | 'error';
  /** The full text: NumPy's output exactly (what Copy copies), or the positioned error message. */
  readonly text: string;
  /** Remarks on the result (an input's dtype was not float32, …), shown below it. */
  readonly notes?: readonly string[];
  /** The one-line text shown after the line. */
  readonly inline: string;
  /** Who put it there: the command (kept until the line is edited) or auto mode (recomputed as you type). */
  readonly source: 'command' | 'auto';
  /** What was evaluated, for the hover and the output channel: `sigmoid (Keras 3)`. */
  readonly title?: string;
  /** The evaluated activation with its points marked, for the hover's Plot link. */
  readonly plot?: PlotRequest;
}

/** A text change in line terms: lines startLine..endLine (inclusive, before the edit) became `newLineCount` lines. */
export interface LineChange {
  readonly startLine: number;
  readonly endLine: number;
  readonly newLineCount: number;
}

/** Longest inline text before it is shortened with an ellipsis (the full text is in the hover). */
export const INLINE_MAX_LENGTH = 140;

/** A result on one line: each line break with the indentation around it becomes one space (NumPy's alignment within a line stays). */
export function inlineText(text: string, maxLength = INLINE_MAX_LENGTH): string {
  const flat = text.replace(/[ \t]*\r?\n\s*/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  // Keep the tail (`dtype=float32)`, the closing brackets) so the shape of the output stays readable.
  const tailMatch = /(\],?\s*(?:shape=\([^)]*\),\s*)?dtype=\w+\)>?|\]\)?>?)$/.exec(flat);
  const tail = tailMatch && tailMatch[0].length < maxLength / 3 ? tailMatch[0] : '';
  const head = flat.slice(0, maxLength - tail.length - 2).replace(/,?\s*[^,\s]*$/, '');
  return `${head}, …${tail}`;
}

/** A snippet's result as the editor shows it after `line`: titled and linked to the plot by the activation behind it. */
export function inlineResultOf(result: SnippetResult, line: number, source: InlineResult['source']): InlineResult {
  const origin = result.origin;
  return {
    line,
    kind: 'result',
    text: result.text,
    inline: inlineText(result.text),
    source,
    ...(result.notes.length ? { notes: result.notes } : {}),
    ...(origin ? { title: `${origin.ref.label} · ${origin.ref.name} (${FLAVOUR_LABELS[origin.ref.flavour]})`, plot: plotRequestFor(origin) } : {}),
  };
}

/** A result or an error (Python's exception, or why it cannot be evaluated) as the editor shows it after `line`. */
export function inlineItemOf(item: SnippetItem, line: number, source: InlineResult['source']): InlineResult {
  if (item.kind === 'result') return inlineResultOf(item, line, source);
  return { line, kind: 'error', text: item.error.message, inline: inlineText(`⚠ ${item.error.detail}`), source };
}

/** Results per document (keyed by URI string), kept in step with edits. */
export class InlineResultStore {
  private readonly byDocument = new Map<string, InlineResult[]>();

  get(uri: string): readonly InlineResult[] {
    return this.byDocument.get(uri) ?? [];
  }

  uris(): string[] {
    return [...this.byDocument.keys()];
  }

  /** Adds results from the command, replacing whatever was on their lines. */
  addFromCommand(uri: string, results: readonly InlineResult[]): void {
    const lines = new Set(results.map((result) => result.line));
    const kept = this.get(uri).filter((result) => !lines.has(result.line));
    this.set(uri, [...kept, ...results]);
  }

  /** Replaces auto mode's results; a command's result on the same line stays and wins. */
  setAuto(uri: string, results: readonly InlineResult[]): void {
    const commandResults = this.get(uri).filter((result) => result.source === 'command');
    const taken = new Set(commandResults.map((result) => result.line));
    this.set(uri, [...commandResults, ...results.filter((result) => !taken.has(result.line))]);
  }

  clearAuto(): void {
    for (const uri of this.uris()) this.set(uri, this.get(uri).filter((result) => result.source !== 'auto'));
  }

  clear(uri?: string): void {
    if (uri === undefined) this.byDocument.clear();
    else this.byDocument.delete(uri);
  }

  /**
   * Applies edits: results on edited lines go away, results below move with their lines. Returns whether
   * anything changed. Changes are applied in order, each in the coordinates left by the previous one
   * (VS Code reports them that way when sorted from the bottom up; callers sort them).
   */
  applyEdits(uri: string, changes: readonly LineChange[]): boolean {
    let results = this.get(uri);
    if (!results.length) return false;
    const before = results;
    for (const change of changes) {
      const delta = change.newLineCount - (change.endLine - change.startLine + 1);
      results = results
        .filter((result) => result.line < change.startLine || result.line > change.endLine)
        .map((result) => (result.line > change.endLine && delta !== 0 ? { ...result, line: result.line + delta } : result));
    }
    if (results.length === before.length && results.every((result, i) => result === before[i])) return false;
    this.set(uri, results);
    return true;
  }

  private set(uri: string, results: readonly InlineResult[]): void {
    if (results.length) this.byDocument.set(uri, [...results].sort((a, b) => a.line - b.line));
    else this.byDocument.delete(uri);
  }
}

/** Most recent first, without duplicates, at most `limit`. */
export function rememberRecent(recent: readonly string[], name: string, limit = 8): string[] {
  return [name, ...recent.filter((entry) => entry !== name)].slice(0, limit);
}

/** Reads a parameter typed into an input box: a number, True/False, None; an error message otherwise. */
export function parseParameterInput(
  text: string,
  type: 'number' | 'integer' | 'boolean' | 'string',
  nullable: boolean,
): { value: number | boolean | null } | { error: string } {
  const value = parseScalar(text);
  if (value === null && nullable) return { value };
  if (type === 'boolean') return typeof value === 'boolean' ? { value } : { error: 'Enter True or False' };
  if (typeof value !== 'number') return { error: `Enter ${type === 'integer' ? 'a whole number' : 'a number'}${nullable ? ' or None' : ''}` };
  if (type === 'integer' && !Number.isInteger(value)) return { error: 'Enter a whole number (an axis such as -1)' };
  return { value };
}

/** A parameter value as it is prefilled in an input box (Python spelling). */
export function formatParameter(value: number | boolean | null | string | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

/** Most points a Plot link marks: the request travels in a command link of the result's hover. */
export const PLOT_MARK_LIMIT = 1000;

/**
 * The plot of an evaluated activation (its parameters as evaluated) with the evaluated points marked and
 * in view. Functions along an axis are plotted without marks: their outputs do not lie on the plotted slice.
 */
export function plotRequestFor(applied: Pick<AppliedActivation, 'ref' | 'input' | 'output'>): PlotRequest {
  const { ref, input, output } = applied;
  const activation = { name: ref.name, params: ref.params, variant: ref.flavour };
  const spec = getActivation(ref.name);
  const count = input.data.length;
  if (!spec.elementwise || count === 0 || count > PLOT_MARK_LIMIT || output.data.length !== count) return { activations: [activation] };
  const x: number[] = [];
  const y: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    const xi = input.data[i];
    if (!Number.isFinite(xi) || Math.abs(xi) > LIMITS.domainMagnitude) continue;
    const yi = output.data[i];
    x.push(xi);
    y.push(Number.isFinite(yi) ? yi : null);
  }
  if (!x.length) return { activations: [activation] };
  return { activations: [activation], domain: domainAround(x, spec.plotDomain), marks: [{ name: ref.label, activation: ref.name, x, y }] };
}

/** The points with a margin; a lone point (or a tight cluster) sits inside the activation's usual domain. */
function domainAround(x: readonly number[], usual: readonly [number, number]): [number, number] {
  let low = Math.min(...x);
  let high = Math.max(...x);
  const margin = (high - low) * 0.05;
  if (high - low < (usual[1] - usual[0]) / 4) {
    low = Math.min(low, usual[0]);
    high = Math.max(high, usual[1]);
  } else {
    low -= margin;
    high += margin;
  }
  const bound = LIMITS.domainMagnitude;
  return [Math.max(low, -bound), Math.min(high, bound)];
}
