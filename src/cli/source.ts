// What `scan` and `run` read: the file named on the command line, in the language `--language` or its
// extension says (a notebook parsed into its cells); and the arguments both commands take.
import type { CliIo } from '../cli';
import { languageOfPath, parseNotebook, type Notebook, type SourceLanguage } from '../language';
import { UsageError, kerasVersionOf, parseArgs, type ParsedArgs } from './args';

const LANGUAGES: readonly SourceLanguage[] = ['python', 'typescript', 'javascript'];

export const LANGUAGE_USAGE = `--language ${LANGUAGES.join('|')}`;

export type Source =
  | { readonly kind: 'document'; readonly text: string; readonly language: SourceLanguage }
  | { readonly kind: 'notebook'; readonly notebook: Notebook };

/** A file command's arguments: one file, `--language`, `--keras 2|3`, `--json`, and no `--param`. */
export function readFileCommand(
  command: string,
  usage: string,
  argv: readonly string[],
  io: CliIo,
): { readonly source: Source; readonly kerasVersion: '2' | '3'; readonly json: boolean } {
  const args = parseArgs(argv, { valued: ['language', 'keras'], flags: ['json'] });
  if (args.params.length) throw new UsageError(`${command} takes no --param`);
  if (args.positionals.length !== 1) throw new UsageError(`${command} needs exactly one file; usage: ${usage}`);
  const kerasVersion = kerasVersionOf(args, args.positionals[0], io);
  return { source: readSource(args.positionals[0], args, io), kerasVersion, json: args.options.has('json') };
}

/** Reads the file; `--language` overrides the extension (and, in a notebook, every code cell's language). */
export function readSource(path: string, args: ParsedArgs, io: CliIo): Source {
  const requested = args.options.get('language') as SourceLanguage | undefined;
  if (requested !== undefined && !LANGUAGES.includes(requested)) {
    throw new UsageError(`unknown --language '${requested}'; expected one of: ${LANGUAGES.join(', ')}`);
  }
  const fromPath = languageOfPath(path);
  if (requested === undefined && fromPath === undefined) {
    throw new UsageError(`cannot tell the language of '${path}' from its extension; pass ${LANGUAGE_USAGE}`);
  }
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read '${path}': ${error instanceof Error ? error.message : String(error)}`);
  }
  // VS Code does not count a byte-order mark as a character.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (fromPath !== 'notebook') return { kind: 'document', text, language: requested ?? (fromPath as SourceLanguage) };
  let notebook: Notebook;
  try {
    notebook = parseNotebook(text);
  } catch (error) {
    throw new UsageError(`'${path}' is not a Jupyter notebook: ${(error as Error).message}`);
  }
  if (requested !== undefined) notebook = { ...notebook, cells: notebook.cells.map((cell) => ({ ...cell, language: requested })) };
  return { kind: 'notebook', notebook };
}
