// Recognizer indexes per document version: each document is read once per edit (a Python file only where the
// edit reached), then hovers, checks and evaluations look only around a position. Notebook cells see the
// imports of every other cell of their notebook, as the kernel does (a Markdown cell's fences too), and a Python cell the code
// of the Python cells above it (its prelude: the functions it calls).
import * as vscode from 'vscode';
import {
  analyzeDocument,
  mergePythonImports,
  pythonImports,
  pythonPrelude,
  reanalyzeDocument,
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
  /** The document's version, and for a notebook cell the versions of the other cells (whose imports it sees). */
  readonly version: number;
  readonly cellsKey: string;
  readonly index: DocumentIndex;
}

/**
 * By document object, not URI: a closed and reopened `Untitled-1` is a new document at version 1 again, and
 * must not get the old one's index. The extension host keeps one object per open document.
 */
let cache = new WeakMap<vscode.TextDocument, CachedIndex>();
/** Each notebook cell's own import table at its version: an edit re-reads the edited cell only. */
const cellImports = new Map<string, { readonly version: number; readonly table: PythonImportTable }>();

/**
 * The index of a document at its current version, or undefined for languages we do not read. After an edit,
 * a document is read again from its previous index (only what the edit touched).
 */
export function documentIndex(document: vscode.TextDocument): DocumentIndex | undefined {
  const language = Object.hasOwn(DOCUMENT_LANGUAGES, document.languageId) ? DOCUMENT_LANGUAGES[document.languageId] : undefined;
  if (!language) return undefined;
  const notebook = language === 'python' || language === 'markdown' ? notebookOf(document) : undefined;
  const cellsKey = notebook ? notebook.getCells().filter((cell) => cell.document !== document).map((cell) => cell.document.version).join(',') : '';
  const cached = cache.get(document);
  if (cached?.version === document.version && cached.cellsKey === cellsKey && cached.index.language === language) return cached.index;
  let index: DocumentIndex;
  if (cached && cached.cellsKey === cellsKey && cached.index.language === language) {
    // The same context (the other cells unchanged): the previous index is a base for this version.
    index = reanalyzeDocument(cached.index, document.getText());
  } else {
    const context = notebook ? mergePythonImports(otherPythonCells(notebook, document).map(importsOf)) : undefined;
    const prelude = notebook && language === 'python' ? preludeOf(notebook, document) : '';
    index = analyzeDocument(document.getText(), language, { ...(context ? { context } : {}), ...(prelude ? { prelude } : {}) });
  }
  cache.set(document, { version: document.version, cellsKey, index });
  return index;
}

/** The index of a code document (Python, TS/JS); undefined for Markdown, where completions do not offer names yet. */
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

/** The code of the Python cells above `document`, which a notebook run top to bottom runs before it. */
function preludeOf(notebook: vscode.NotebookDocument, document: vscode.TextDocument): string {
  const cells = notebook.getCells().map((cell) => ({ source: cell.document.getText(), language: cell.document.languageId, kind: cell.kind === vscode.NotebookCellKind.Code ? ('code' as const) : ('markdown' as const) }));
  const position = notebook.getCells().findIndex((cell) => cell.document === document);
  return position < 0 ? '' : pythonPrelude(cells, position);
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
      cache.delete(document);
      cellImports.delete(document.uri.toString());
    }),
    {
      dispose: () => {
        cache = new WeakMap();
        cellImports.clear();
      },
    },
  );
}
