// The activation recognizers' public face: analyse a document once per version, then ask what is named
// at an offset (hover) or list everything named (scan, CLI). Pure: no `vscode`, no Node APIs.
//
//   const index = analyzeDocument(text, 'python');          // linear; cache per document version
//   referenceAt(index, offset, { kerasVersion: '3' });      // looks only around the offset
//   scanDocument(index);                                     // every reference, in order
import { analyzePython, pythonReferenceAt, scanPython, type PythonDocumentIndex, type PythonImportTable } from './python';
import { analyzeNotebook, type Notebook, type NotebookCell } from './notebook';
import type { ActivationReference, RecognizeOptions } from './reference';
import { analyzeScript, scanScript, scriptReferenceAt, type ScriptDocumentIndex, type ScriptLanguage } from './script';

export type SourceLanguage = 'python' | ScriptLanguage;
export type DocumentIndex = PythonDocumentIndex | ScriptDocumentIndex;

export interface AnalyzeOptions {
  /** Python only: bindings in scope from elsewhere (the other cells of a notebook: their `pythonImports`, merged). */
  readonly context?: PythonImportTable;
}

/** Lexes a document and reads its imports: linear in its length. Cache the result per document version. */
export function analyzeDocument(text: string, language: SourceLanguage, options: AnalyzeOptions = {}): DocumentIndex {
  return language === 'python' ? analyzePython(text, options) : analyzeScript(text, language);
}

/** The activation named at `offset` (within its name, or anywhere in its string literal), or undefined. */
export function referenceAt(index: DocumentIndex, offset: number, options?: RecognizeOptions): ActivationReference | undefined {
  return index.language === 'python' ? pythonReferenceAt(index, offset, options) : scriptReferenceAt(index, offset, options);
}

/** Every activation named in an analysed document, in order of position. */
export function scanDocument(index: DocumentIndex, options?: RecognizeOptions): ActivationReference[] {
  return index.language === 'python' ? scanPython(index, options) : scanScript(index, options);
}

/** Every activation named in a notebook's code cells, by cell. */
export function scanNotebook(notebook: Notebook, options?: RecognizeOptions): { cell: NotebookCell; references: ActivationReference[] }[] {
  return analyzeNotebook(notebook).map(({ cell, index }) => ({ cell, references: scanDocument(index, options) }));
}

/** Every activation named in a text. */
export function scanReferences(text: string, language: SourceLanguage, options?: RecognizeOptions & AnalyzeOptions): ActivationReference[] {
  return scanDocument(analyzeDocument(text, language, options), options);
}

/** The language of a file from its extension: a source language, 'notebook' for .ipynb, or undefined. */
export function languageOfPath(path: string): SourceLanguage | 'notebook' | undefined {
  const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  switch (extension) {
    case 'py':
    case 'pyi':
    case 'pyw':
      return 'python';
    case 'ipynb':
      return 'notebook';
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

export { analyzePython, mergePythonImports, pythonImports, pythonReferenceAt, scanPython, withPythonContext } from './python';
export type { PythonBinding, PythonDocumentIndex, PythonImportTable } from './python';
export { analyzeScript, scanScript, scriptReferenceAt } from './script';
export type { ScriptBinding, ScriptDocumentIndex, ScriptLanguage } from './script';
export { NotebookError, analyzeNotebook, parseNotebook } from './notebook';
export type { AnalyzedCell, CellLanguage, Notebook, NotebookCell } from './notebook';
export { literalParams, matchArguments } from './reference';
export type { ActivationReference, ArgumentSpan, RecognizeOptions, ReferenceApi, SignatureSite, Slot, UnresolvedName, WrittenValue } from './reference';
export { lineStarts, positionAt, type Position } from './positions';
