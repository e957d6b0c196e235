// `activation-lens run <file>`: a file evaluated as the editor's auto mode evaluates it (the same code
// path, `evaluateDocument` / `evaluateCells`): every line where it shows something — prints, activation
// results, bare values in notebooks, exceptions of code that runs — with the text the editor shows there in
// full, and the lines it could not evaluate with why. Text output is `<line>: <text>` on stdout (1-based
// lines, as its stderr and editors count them; continuation lines indented) and the lines not evaluated on stderr; `--json` prints
// `{ "results": [{ "line", "text" }], "unevaluated": [{ "line", "column", "reason", "message" }] }`, with `cell` for
// notebooks (lines count from the cell's start) and `"error": true` on a result that is an exception.
// A Markdown file runs its fences top to bottom (each with the fences above in scope), lines counted in the file.
// The exit code is 1 when any line could not be evaluated.
import type { CliIo } from './args';
import { evaluateCells, evaluateDocument, type DocumentEvaluation, type SnippetItem, type UnevaluatedLine } from '../interpreter/snippet';
import { evaluateDocRegions } from '../interpreter/docSnippets';
import { analyzeDocument } from '../language';
import { DOCUMENT_LANGUAGE_USAGE, readFileCommand } from './source';

export const usage = `run <file> [--json] [--keras 2|3] [${DOCUMENT_LANGUAGE_USAGE}]`;

export interface RunEntry {
  readonly cell?: number;
  readonly line: number;
  readonly text: string;
  readonly error?: true;
}

export interface UnevaluatedEntry {
  readonly cell?: number;
  /** 0-based, where the problem is. */
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  /** `line 7, column 3: reason` (1-based, as editors and Python show positions). */
  readonly message: string;
}

export function run(argv: readonly string[], io: CliIo): number {
  const { source, kerasVersion, json } = readFileCommand('run', usage, argv, io, { markdown: true });
  const options = { kerasVersion };
  const parts: ({ cell?: number } & DocumentEvaluation)[] =
    source.kind === 'notebook'
      ? evaluateCells(source.notebook.cells, options)
      : source.language === 'markdown'
        ? [evaluateDocRegions(analyzeDocument(source.text, 'markdown'), source.text, options)]
        : [evaluateDocument(source.text, source.language, options)];
  const results = parts.flatMap((part) => part.items.map((item) => entryOf(item, part.cell)));
  const unevaluated = parts.flatMap((part) => part.unevaluated.map((line) => unevaluatedOf(line, part.cell)));
  if (json) {
    io.stdout(`${JSON.stringify({ results, unevaluated }, null, 2)}\n`);
  } else {
    io.stdout(textOutput(results));
    if (unevaluated.length) {
      io.stderr(`${unevaluated.length} ${unevaluated.length === 1 ? 'line' : 'lines'} could not be evaluated:\n`);
      io.stderr(unevaluated.map((entry) => `  ${cellLabel(entry.cell)}${entry.message}\n`).join(''));
    }
  }
  return unevaluated.length ? 1 : 0;
}

function entryOf(item: SnippetItem, cell: number | undefined): RunEntry {
  const where = { ...(cell !== undefined ? { cell } : {}), line: item.line };
  return item.kind === 'result' ? { ...where, text: item.text } : { ...where, text: item.error.detail, error: true };
}

function unevaluatedOf(line: UnevaluatedLine, cell: number | undefined): UnevaluatedEntry {
  return { ...(cell !== undefined ? { cell } : {}), line: line.error.line, column: line.error.column, reason: line.error.detail, message: line.error.message };
}

function cellLabel(cell: number | undefined): string {
  return cell !== undefined ? `cell ${cell}, ` : '';
}

function textOutput(entries: readonly RunEntry[]): string {
  return entries
    .map((entry) => {
      const label = `${cellLabel(entry.cell)}${entry.line + 1}: `;
      const indent = ' '.repeat(label.length);
      return label + entry.text.split('\n').join(`\n${indent}`);
    })
    .map((block) => `${block}\n`)
    .join('');
}
