// The activation recognizers' public face: analyse a document once per version, then ask what is named
// at an offset (hover) or list everything named (scan, CLI). Code files and the code inside docs alike:
// Markdown fences, docstring doctests, JSDoc examples. Pure: no `vscode`, no Node APIs.
//
//   const index = analyzeDocument(text, 'python');          // linear; cache per document version
//   referenceAt(index, offset, { kerasVersion: '3' });      // looks only around the offset
//   scanDocument(index);                                     // every reference, in order
import { analyzeMarkdown, codeFileDocs, docReferenceAt, reanalyzeMarkdown, scanDocs, type DocRegions, type MarkdownDocumentIndex } from './docs';
import { analyzePython, pythonReferenceAt, reanalyzePython, scanPython, type PythonDocumentIndex, type PythonImportTable } from './python';
import { analyzeNotebook, type Notebook, type NotebookCell } from './notebook';
import type { ActivationReference, RecognizeOptions } from './reference';
import type { SourceLanguage } from './regions';
import { analyzeScript, reanalyzeScript, scanScript, scriptReferenceAt, type ScriptDocumentIndex } from './script';

export type { SourceLanguage } from './regions';
/** What a document is written in: a code language, or Markdown (whose fences hold code). */
export type DocumentLanguage = SourceLanguage | 'markdown';
export type DocumentIndex = PythonDocumentIndex | ScriptDocumentIndex | MarkdownDocumentIndex;
/** A code file's index (Python or TS/JS), as the checks read it; Markdown's holds the indexes of its fences. */
export type CodeDocumentIndex = PythonDocumentIndex | ScriptDocumentIndex;

export interface AnalyzeOptions {
  /** Python (and Markdown's Python fences): bindings in scope from elsewhere (the other cells of a notebook: their `pythonImports`, merged). */
  readonly context?: PythonImportTable;
  /** Python in a notebook: the code of the Python cells above, which ran before this cell. */
  readonly prelude?: string;
}

/** Lexes a document and reads its imports (Markdown: finds and reads its fences): linear in its length. Cache the result per document version. */
export function analyzeDocument(text: string, language: SourceLanguage, options?: AnalyzeOptions): PythonDocumentIndex | ScriptDocumentIndex;
export function analyzeDocument(text: string, language: DocumentLanguage, options?: AnalyzeOptions): DocumentIndex;
export function analyzeDocument(text: string, language: DocumentLanguage, options: AnalyzeOptions = {}): DocumentIndex {
  if (language === 'markdown') return analyzeMarkdown(text, options);
  return language === 'python' ? analyzePython(text, options) : analyzeScript(text, language);
}

/**
 * The same document after an edit. A Python file is read again only over the statements the edit touched (the
 * rest is `previous`'s: tokens moved, and the import table when the edit bound nothing new); TS/JS likewise
 * from a token before the edit to one past it where lexing agrees again; a Markdown file only in the fence the
 * edit falls in. `previous` is an earlier version of this document (read with the context it still has).
 */
export function reanalyzeDocument(previous: DocumentIndex, text: string): DocumentIndex {
  if (previous.language === 'markdown') return reanalyzeMarkdown(previous, text);
  return previous.language === 'python' ? reanalyzePython(previous, text) : reanalyzeScript(previous, text);
}

/**
 * The activation named at `offset` (within its name, or anywhere in its string literal), or undefined. In a
 * code file, the code first, then its docstrings' or JSDoc comments' examples.
 */
export function referenceAt(index: DocumentIndex, offset: number, options?: RecognizeOptions): ActivationReference | undefined {
  if (index.language === 'markdown') return docReferenceAt(index, offset, options);
  const inCode = index.language === 'python' ? pythonReferenceAt(index, offset, options) : scriptReferenceAt(index, offset, options);
  return inCode ?? docReferenceAt(codeFileDocs(index), offset, options);
}

/** Every activation named in an analysed document, code and docs, in order of position. */
export function scanDocument(index: DocumentIndex, options?: RecognizeOptions): ActivationReference[] {
  if (index.language === 'markdown') return scanDocs(index, options);
  const inCode = index.language === 'python' ? scanPython(index, options) : scanScript(index, options);
  const inDocs = scanDocs(codeFileDocs(index), options);
  return inDocs.length ? [...inCode, ...inDocs].sort((a, b) => a.start - b.start) : inCode;
}

/**
 * The code regions of a document with their analyses: a Markdown document's fences, a Python file's
 * docstring examples, a TS/JS file's JSDoc examples. What Evaluate needs to run a doc line: the region at
 * the cursor (`regionIndexAt`), its text with the code that runs before it (`regionSource`), offsets both ways (`regionOffsetAt`,
 * `documentOffsetOf`), and the names in scope there (`indexes[k]`: a Python region's `context`).
 */
export function documentRegions(index: DocumentIndex): DocRegions {
  return index.language === 'markdown' ? index : codeFileDocs(index);
}

/** Every activation named in a notebook's cells (code cells, and the fences of Markdown cells), by cell. */
export function scanNotebook(notebook: Notebook, options?: RecognizeOptions): { cell: NotebookCell; references: ActivationReference[] }[] {
  return analyzeNotebook(notebook).map(({ cell, index }) => ({ cell, references: scanDocument(index, options) }));
}

/** Every activation named in a text. */
export function scanReferences(text: string, language: DocumentLanguage, options?: RecognizeOptions & AnalyzeOptions): ActivationReference[] {
  return scanDocument(analyzeDocument(text, language, options), options);
}

/** The language of a file from its extension: a document language, 'notebook' for .ipynb, or undefined. */
export function languageOfPath(path: string): DocumentLanguage | 'notebook' | undefined {
  const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  switch (extension) {
    case 'py':
    case 'pyi':
    case 'pyw':
      return 'python';
    case 'ipynb':
      return 'notebook';
    case 'md':
    case 'markdown':
    case 'mdx':
      return 'markdown';
    case 'ts':
    case 'tsx':
    case 'mts':
    case 'cts':
      return 'typescript';
    case 'js':
    case 'jsx':
    case 'mjs':
    case 'cjs':
      return 'javascript';
    default:
      return undefined;
  }
}

export { analyzePython, mergePythonImports, pythonEdit, pythonImports, pythonReferenceAt, reanalyzePython, sameNameMeanings, scanPython, withPythonContext } from './python';
export type { PythonBinding, PythonDocumentIndex, PythonImportTable, StatementEdit } from './python';
export { analyzeScript, reanalyzeScript, sameScriptNames, scanScript, scriptEdit, scriptReferenceAt } from './script';
export type { ScriptBinding, ScriptContext, ScriptDocumentIndex, ScriptLanguage } from './script';
export { NotebookError, analyzeNotebook, parseNotebook, preludeCells, pythonPrelude } from './notebook';
export type { AnalyzedCell, CellLanguage, Notebook, NotebookCell } from './notebook';
export { analyzeMarkdown, pythonDocs, reanalyzeMarkdown, scriptDocs, type DocRegions, type MarkdownDocumentIndex } from './docs';
export { documentOffsetOf, regionIndexAt, regionShift, regionOffsetAt, regionSource, type CodeRegion, type RegionKind } from './regions';
export { literalParams, matchArguments } from './reference';
export type { ActivationReference, ArgumentSpan, RecognizeOptions, ReferenceApi, SignatureSite, Slot, UnresolvedName, WrittenValue } from './reference';
export { changedRange, lineStarts, positionAt, type Position } from './positions';
