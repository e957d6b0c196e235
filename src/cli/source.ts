// What `scan`, `run` and `check` read: the file named on the command line, in the language `--language` or its
// extension says (a notebook parsed into its cells); and the arguments they take. Markdown only for the
// commands that read it (`scan`, `check`).
import { languageOfPath, parseNotebook, type DocumentLanguage, type Notebook, type SourceLanguage } from '../language';
import { UsageError, kerasVersionOf, parseArgs, type ParsedArgs, type CliIo } from './args';

const LANGUAGES: readonly SourceLanguage[] = ['python', 'typescript', 'javascript'];
const WITH_MARKDOWN: readonly DocumentLanguage[] = [...LANGUAGES, 'markdown'];

export const LANGUAGE_USAGE = `--language ${LANGUAGES.join('|')}`;
export const DOCUMENT_LANGUAGE_USAGE = `--language ${WITH_MARKDOWN.join('|')}`;

export type Source<Language extends DocumentLanguage = SourceLanguage> =
  | { readonly kind: 'document'; readonly text: string; readonly language: Language }
  | { readonly kind: 'notebook'; readonly notebook: Notebook };

interface FileCommand<Language extends DocumentLanguage> {
  readonly source: Source<Language>;
  readonly kerasVersion: '2' | '3';
  readonly json: boolean;
}

/** A file command's arguments: one file, `--language`, `--keras 2|3`, `--json`, and no `--param`. */
export function readFileCommand(command: string, usage: string, argv: readonly string[], io: CliIo): FileCommand<SourceLanguage>;
export function readFileCommand(command: string, usage: string, argv: readonly string[], io: CliIo, options: { readonly markdown: true }): FileCommand<DocumentLanguage>;
export function readFileCommand(command: string, usage: string, argv: readonly string[], io: CliIo, options?: { readonly markdown: true }): FileCommand<DocumentLanguage> {
  const args = parseArgs(argv, { valued: ['language', 'keras'], flags: ['json'] });
  if (args.params.length) throw new UsageError(`${command} takes no --param`);
  if (args.positionals.length !== 1) throw new UsageError(`${command} needs exactly one file; usage: ${usage}`);
  const kerasVersion = kerasVersionOf(args, args.positionals[0], io);
  return { source: readDocument(args.positionals[0], args, io, options?.markdown ? WITH_MARKDOWN : LANGUAGES), kerasVersion, json: args.options.has('json') };
}

/** Reads a source file (Markdown only when asked); `--language` overrides the extension. */
export function readSource(path: string, args: ParsedArgs, io: CliIo): Source;
export function readSource(path: string, args: ParsedArgs, io: CliIo, options: { readonly markdown: true }): Source<DocumentLanguage>;
export function readSource(path: string, args: ParsedArgs, io: CliIo, options?: { readonly markdown: true }): Source<DocumentLanguage> {
  return readDocument(path, args, io, options?.markdown ? WITH_MARKDOWN : LANGUAGES);
}

/** Reads the file; `--language` overrides the extension (and, in a notebook, every code cell's language). */
function readDocument(path: string, args: ParsedArgs, io: CliIo, languages: readonly DocumentLanguage[]): Source<DocumentLanguage> {
  const requested = args.options.get('language') as DocumentLanguage | undefined;
  if (requested !== undefined && !languages.includes(requested)) {
    throw new UsageError(`unknown --language '${requested}'; expected one of: ${languages.join(', ')}`);
  }
  const known = languageOfPath(path);
  const fromPath = known === 'notebook' || (known !== undefined && languages.includes(known)) ? known : undefined;
  if (requested === undefined && fromPath === undefined) {
    throw new UsageError(`cannot tell the language of '${path}' from its extension; pass --language ${languages.join('|')}`);
  }
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read '${path}': ${error instanceof Error ? error.message : String(error)}`);
  }
  // VS Code does not count a byte-order mark as a character.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (fromPath !== 'notebook') return { kind: 'document', text, language: requested ?? (fromPath as DocumentLanguage) };
  let notebook: Notebook;
  try {
    notebook = parseNotebook(text);
  } catch (error) {
    throw new UsageError(`'${path}' is not a Jupyter notebook: ${(error as Error).message}`);
  }
  if (requested === 'markdown') throw new UsageError(`'${path}' is a notebook; --language markdown reads Markdown files`);
  if (requested !== undefined) notebook = { ...notebook, cells: notebook.cells.map((cell) => ({ ...cell, language: requested })) };
  return { kind: 'notebook', notebook };
}
