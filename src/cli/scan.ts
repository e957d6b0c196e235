// `activation-lens scan <file>`: every activation named in a Python, TypeScript/JavaScript file or Jupyter
// notebook, as a JSON array. Positions are 0-based lines and UTF-16 characters, as in VS Code; the range
// covers the text that names the activation. In a notebook each entry also has `cell` (the index in the
// notebook's `cells` array) and its line/character count from the start of that cell's source.
import type { CliIo } from '../cli';
import {
  analyzeDocument,
  languageOfPath,
  lineStarts,
  parseNotebook,
  positionAt,
  scanDocument,
  scanNotebook,
  type ActivationReference,
  type RecognizeOptions,
  type SourceLanguage,
} from '../language';
import { UsageError, parseArgs } from './args';

export const usage = 'scan <file> [--language python|typescript|javascript] [--keras 2|3]';

const LANGUAGES: readonly SourceLanguage[] = ['python', 'typescript', 'javascript'];

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
}

export function run(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['language', 'keras'], flags: ['json'] });
  if (args.params.length) throw new UsageError('scan takes no --param');
  if (args.positionals.length !== 1) throw new UsageError(`scan needs exactly one file; usage: ${usage}`);
  const [path] = args.positionals;
  const requested = args.options.get('language');
  if (requested !== undefined && !LANGUAGES.includes(requested as SourceLanguage)) {
    throw new UsageError(`unknown --language '${requested}'; expected one of: ${LANGUAGES.join(', ')}`);
  }
  const keras = args.options.get('keras');
  if (keras !== undefined && keras !== '2' && keras !== '3') throw new UsageError(`--keras must be 2 or 3, got '${keras}'`);
  const options: RecognizeOptions = { kerasVersion: keras === '2' ? '2' : '3' };

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

  let entries: ScanEntry[];
  if (fromPath === 'notebook') {
    let notebook;
    try {
      notebook = parseNotebook(text);
    } catch (error) {
      throw new UsageError(`'${path}' is not a Jupyter notebook: ${(error as Error).message}`);
    }
    // --language overrides the kernel's language for every code cell.
    const cells = requested === undefined ? notebook : { ...notebook, cells: notebook.cells.map((cell) => ({ ...cell, language: requested as SourceLanguage })) };
    entries = scanNotebook(cells, options).flatMap(({ cell, references }) => toEntries(cell.source, references, cell.index));
  } else {
    const language = (requested ?? fromPath) as SourceLanguage;
    entries = toEntries(text, scanDocument(analyzeDocument(text, language), options));
  }
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
    };
  });
}

/** JSON has no Infinity or NaN: `float('inf')` prints as the string "Infinity" (also "-Infinity", "NaN"). */
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}
