// `activation-lens run <file>`: a file evaluated as the editor's auto mode evaluates it (the same code
// path, `evaluateDocument` / `evaluateCells`): every line where an activation is evaluated, with the text the
// editor shows there in full. Text output is `<line>: <text>` (0-based lines, continuation lines indented);
// `--json` prints `[{ "line": n, "text": "…" }]`, with `cell` for notebooks (lines count from the cell's start).
import type { CliIo } from '../cli';
import { languageOfPath, parseNotebook, type SourceLanguage } from '../language';
import { evaluateCells, evaluateDocument, type SnippetResult } from '../language/snippet';
import { UsageError, parseArgs } from './args';

export const usage = 'run <file> [--json] [--keras 2|3] [--language python|typescript|javascript]';

const LANGUAGES: readonly SourceLanguage[] = ['python', 'typescript', 'javascript'];

export interface RunEntry {
  readonly cell?: number;
  readonly line: number;
  readonly text: string;
}

export function run(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['keras', 'language'], flags: ['json'] });
  if (args.params.length) throw new UsageError('run takes no --param');
  if (args.positionals.length !== 1) throw new UsageError(`run needs exactly one file; usage: ${usage}`);
  const [path] = args.positionals;
  const keras = args.options.get('keras') ?? '3';
  if (keras !== '2' && keras !== '3') throw new UsageError(`--keras must be 2 or 3, got '${keras}'`);
  const requested = args.options.get('language');
  if (requested !== undefined && !LANGUAGES.includes(requested as SourceLanguage)) {
    throw new UsageError(`unknown --language '${requested}'; expected one of: ${LANGUAGES.join(', ')}`);
  }
  const fromPath = languageOfPath(path);
  if (requested === undefined && fromPath === undefined) {
    throw new UsageError(`cannot tell the language of '${path}' from its extension; pass --language ${LANGUAGES.join('|')}`);
  }
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read '${path}': ${error instanceof Error ? error.message : String(error)}`);
  }
  // VS Code does not count a byte-order mark as a character.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const options = { kerasVersion: keras as '2' | '3' };

  let entries: RunEntry[];
  if (fromPath === 'notebook' && requested === undefined) {
    let notebook;
    try {
      notebook = parseNotebook(text);
    } catch (error) {
      throw new UsageError(`'${path}' is not a Jupyter notebook: ${(error as Error).message}`);
    }
    entries = evaluateCells(notebook.cells, options).flatMap(({ cell, results }) => results.map((result) => ({ cell, ...entryOf(result) })));
  } else {
    entries = evaluateDocument(text, (requested ?? fromPath) as SourceLanguage, options).map(entryOf);
  }
  io.stdout(args.options.has('json') ? `${JSON.stringify(entries, null, 2)}\n` : textOutput(entries));
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
