// Recognizer indexes per document version: each document is lexed and its imports read once per edit,
// then hovers and evaluations look only around a position. Notebook cells see the imports of every
// other cell of their notebook, as the kernel does (a Markdown cell's fences too).
import * as vscode from 'vscode';
import {
  analyzeDocument,
  mergePythonImports,
  pythonImports,
  type CodeDocumentIndex,
  type DocumentIndex,
  type DocumentLanguage,
  type PythonImportTable,
  type SourceLanguage,
} from '../language';

const LANGUAGES: Readonly<Record<string, SourceLanguage>> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  javascript: 'javascript',
  javascriptreact: 'javascript',
};

/** Documents read for the code in them: code files, and Markdown for its fences. */
const DOCUMENT_LANGUAGES: Readonly<Record<string, DocumentLanguage>> = { ...LANGUAGES, markdown: 'markdown' };

/** The recognizers' code language for a VS Code language id, or undefined for languages that are not code. */
export function sourceLanguageOf(languageId: string): SourceLanguage | undefined {
  return Object.hasOwn(LANGUAGES, languageId) ? LANGUAGES[languageId] : undefined;
}

/** The documents the recognizers understand: Python (files and notebook cells), TS/JS and Markdown, any scheme. */
export const ACTIVATION_SELECTOR: vscode.DocumentSelector = Object.keys(DOCUMENT_LANGUAGES).map((language) => ({ language }));

interface CachedIndex {
  readonly key: string;
  readonly index: DocumentIndex;
}

const cache = new Map<string, CachedIndex>();
/** Each notebook cell's own import table at its version: an edit re-reads the edited cell only. */
const cellImports = new Map<string, { readonly version: number; readonly table: PythonImportTable }>();

/** The index of a document at its current version, or undefined for languages we do not read. */
export function documentIndex(document: vscode.TextDocument): DocumentIndex | undefined {
  const language = Object.hasOwn(DOCUMENT_LANGUAGES, document.languageId) ? DOCUMENT_LANGUAGES[document.languageId] : undefined;
  if (!language) return undefined;
  const notebook = language === 'python' || language === 'markdown' ? notebookOf(document) : undefined;
  // A cell's index also depends on the other cells' imports, so their versions are part of the key.
  const key = notebook
    ? notebook.getCells().map((cell) => cell.document.version).join(',') + `:${document.version}`
    : `${document.version}`;
  const uri = document.uri.toString();
  const cached = cache.get(uri);
  if (cached?.key === key) return cached.index;
  const context = notebook ? mergePythonImports(otherPythonCells(notebook, document).map(importsOf)) : undefined;
  const index = analyzeDocument(document.getText(), language, context ? { context } : {});
  cache.set(uri, { key, index });
  return index;
}

/** The index of a code document (Python, TS/JS); undefined for Markdown, whose fences the checks do not read yet. */
export function codeIndex(document: vscode.TextDocument): CodeDocumentIndex | undefined {
  const index = documentIndex(document);
  return index?.language === 'markdown' ? undefined : index;
}

/** The notebook a cell document belongs to, or undefined for other documents. */
export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.uri.path === document.uri.path);
}

function otherPythonCells(notebook: vscode.NotebookDocument, document: vscode.TextDocument): vscode.TextDocument[] {
  return notebook
    .getCells()
    .filter((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document !== document && cell.document.languageId === 'python')
    .map((cell) => cell.document);
}

function importsOf(cell: vscode.TextDocument): PythonImportTable {
  const key = cell.uri.toString();
  const cached = cellImports.get(key);
  if (cached?.version === cell.version) return cached.table;
  const table = pythonImports(cell.getText());
  cellImports.set(key, { version: cell.version, table });
  return table;
}

/** Forgets closed documents so the cache holds only what is open. */
export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.onDidCloseTextDocument((document) => {
      cache.delete(document.uri.toString());
      cellImports.delete(document.uri.toString());
    }),
    {
      dispose: () => {
        cache.clear();
        cellImports.clear();
      },
    },
  );
}
