// `activation-lens scan <file>`: every activation named in a Python, TypeScript/JavaScript or Markdown file
// or a Jupyter notebook — in code and in the code of its docs (fences, doctests, JSDoc examples) — as a JSON
// array. Positions are 0-based lines and UTF-16 characters, as in VS Code; the range covers the text that
// names the activation. In a notebook each entry also has `cell` (the index in the notebook's `cells` array,
// Markdown cells included) and its line/character count from the start of that cell's source.
import { analyzeDocument, lineStarts, positionAt, scanDocument, scanNotebook, type ActivationReference } from '../language';
import type { CliIo } from './args';
import { DOCUMENT_LANGUAGE_USAGE, readFileCommand } from './source';

export const usage = `scan <file> [${DOCUMENT_LANGUAGE_USAGE}] [--keras 2|3]`;

/** One reference as printed. */
export interface ScanEntry {
  readonly name: string;
  readonly cell?: number;
  readonly line: number;
  readonly character: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly written: string;
  readonly flavour: string;
  readonly api: string;
  readonly symbol?: string;
  readonly layer?: string;
  readonly op?: string;
  readonly keyword?: string;
  readonly callee?: string;
  readonly params: ActivationReference['params'];
  readonly implied: ActivationReference['implied'];
  readonly otherArgs: ActivationReference['otherArgs'];
  readonly notes: readonly string[];
  /** Named in the code of documentation: `fence`, `doctest` or `example` (JSDoc). */
  readonly region?: string;
}

export function run(argv: readonly string[], io: CliIo): number {
  // Always JSON; `--json` is accepted for symmetry with `run`.
  const { source, kerasVersion } = readFileCommand('scan', usage, argv, io, { markdown: true });
  const options = { kerasVersion };
  const entries: ScanEntry[] =
    source.kind === 'notebook'
      ? scanNotebook(source.notebook, options).flatMap(({ cell, references }) => toEntries(cell.source, references, cell.index))
      : toEntries(source.text, scanDocument(analyzeDocument(source.text, source.language), options));
  io.stdout(`${JSON.stringify(entries, jsonNumbers, 2)}\n`);
  return 0;
}

function toEntries(text: string, references: readonly ActivationReference[], cell?: number): ScanEntry[] {
  const starts = lineStarts(text);
  return references.map((reference) => {
    const start = positionAt(starts, reference.start);
    const end = positionAt(starts, reference.end);
    return {
      name: reference.name,
      ...(cell !== undefined ? { cell } : {}),
      line: start.line,
      character: start.character,
      endLine: end.line,
      endCharacter: end.character,
      written: reference.written,
      flavour: reference.flavour,
      api: reference.api,
      ...(reference.symbol !== undefined ? { symbol: reference.symbol } : {}),
      ...(reference.layer ? { layer: reference.layer.name } : {}),
      ...(reference.op ? { op: `${reference.op.namespace === 'tfjs' ? 'tf' : reference.op.namespace}.${reference.op.name}` } : {}),
      ...(reference.keyword !== undefined ? { keyword: reference.keyword } : {}),
      ...(reference.callee ? { callee: reference.callee } : {}),
      params: reference.params,
      implied: reference.implied,
      otherArgs: reference.otherArgs,
      notes: reference.notes,
      ...(reference.region ? { region: reference.region } : {}),
    };
  });
}

/** JSON has no Infinity or NaN: `float('inf')` prints as the string "Infinity" (also "-Infinity", "NaN"). */
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}
