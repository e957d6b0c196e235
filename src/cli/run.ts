// `activation-lens run <file>`: a file evaluated as the editor's auto mode evaluates it (the same code
// path, `evaluateDocument` / `evaluateCells`): every line where an activation is evaluated, with the text the
// editor shows there in full. Text output is `<line>: <text>` (0-based lines, continuation lines indented);
// `--json` prints `[{ "line": n, "text": "…" }]`, with `cell` for notebooks (lines count from the cell's start).
import type { CliIo } from './args';
import { evaluateCells, evaluateDocument, type SnippetResult } from '../interpreter/snippet';
import { LANGUAGE_USAGE, readFileCommand } from './source';

export const usage = `run <file> [--json] [--keras 2|3] [${LANGUAGE_USAGE}]`;

export interface RunEntry {
  readonly cell?: number;
  readonly line: number;
  readonly text: string;
}

export function run(argv: readonly string[], io: CliIo): number {
  const { source, kerasVersion, json } = readFileCommand('run', usage, argv, io);
  const options = { kerasVersion };
  const entries: RunEntry[] =
    source.kind === 'notebook'
      ? evaluateCells(source.notebook.cells, options).flatMap(({ cell, results }) => results.map((result) => ({ cell, ...entryOf(result) })))
      : evaluateDocument(source.text, source.language, options).map(entryOf);
  io.stdout(json ? `${JSON.stringify(entries, null, 2)}\n` : textOutput(entries));
  return 0;
}

function entryOf(result: SnippetResult): RunEntry {
  return { line: result.line, text: result.text };
}

function textOutput(entries: readonly RunEntry[]): string {
  return entries
    .map((entry) => {
      const label = `${entry.cell !== undefined ? `cell ${entry.cell}, ` : ''}${entry.line}: `;
      const indent = ' '.repeat(label.length);
      return label + entry.text.split('\n').join(`\n${indent}`);
    })
    .map((block) => `${block}\n`)
    .join('');
}
