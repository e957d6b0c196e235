// Jupyter notebooks (.ipynb, nbformat 4): the code cells, each scanned as its own document, with the
// imports of every cell in scope (cells run in any order, so a name bound anywhere counts everywhere;
// a cell's own bindings come first); the Markdown cells' fences likewise, after their earlier fences.
// Positions are per cell: cell index in the notebook's `cells` array (markdown cells included, as nbformat
// numbers them) and offsets into that cell's source.
import { analyzeMarkdown, type MarkdownDocumentIndex } from './docs';
import { analyzePython, mergePythonImports, withPythonContext, type PythonDocumentIndex } from './python';
import { analyzeScript, type ScriptDocumentIndex, type ScriptLanguage } from './script';

export type CellLanguage = 'python' | ScriptLanguage;

export interface NotebookCell {
  /** Position in the notebook's `cells` array. */
  readonly index: number;
  readonly kind: 'code' | 'markdown' | 'raw';
  /** The source joined into one string, as the cell shows it. */
  readonly source: string;
  /** A code cell's language: its own (VS Code's `metadata.vscode.languageId`) or the notebook's. */
  readonly language: CellLanguage;
}

export interface Notebook {
  /** The kernel's language (`metadata.language_info.name` or `kernelspec.language`), Python when absent or unknown. */
  readonly language: CellLanguage;
  readonly cells: readonly NotebookCell[];
}

/** The notebook is not JSON, or not shaped like one (no `cells` array). */
export class NotebookError extends Error {
  override readonly name = 'NotebookError';
}

const asLanguage = (value: unknown): CellLanguage | undefined => {
  const name = typeof value === 'string' ? value.toLowerCase() : '';
  if (name === 'python' || name === 'python3') return 'python';
  if (name === 'typescript' || name === 'javascript') return name;
  return undefined;
};

const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Reads a notebook's cells; throws NotebookError when the text is not a notebook. */
export function parseNotebook(json: string): Notebook {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new NotebookError(`not valid JSON: ${(error as Error).message}`);
  }
  const root = record(data);
  if (!Array.isArray(root.cells)) throw new NotebookError('no "cells" array (expected an nbformat 4 notebook)');
  const metadata = record(root.metadata);
  const language = asLanguage(record(metadata.language_info).name) ?? asLanguage(record(metadata.kernelspec).language) ?? 'python';
  const cells = root.cells.map((value: unknown, index): NotebookCell => {
    const cell = record(value);
    const kind = cell.cell_type === 'markdown' || cell.cell_type === 'raw' ? cell.cell_type : 'code';
    const source = Array.isArray(cell.source) ? cell.source.filter((line) => typeof line === 'string').join('') : typeof cell.source === 'string' ? cell.source : '';
    const own = asLanguage(record(record(cell.metadata).vscode).languageId);
    return { index, kind, source, language: own ?? language };
  });
  return { language, cells };
}

export interface AnalyzedCell {
  readonly cell: NotebookCell;
  readonly index: PythonDocumentIndex | ScriptDocumentIndex | MarkdownDocumentIndex;
}

/**
 * Analyses every code and Markdown cell, in order; Python code (cells and fences) sees the imports of all Python
 * cells, and a Python cell the code of the Python cells above it (its prelude).
 */
export function analyzeNotebook(notebook: Notebook): AnalyzedCell[] {
  const code = notebook.cells.filter((cell) => cell.kind === 'code');
  const own = new Map(code.map((cell) => [cell, cell.language === 'python' ? analyzePython(cell.source) : analyzeScript(cell.source, cell.language)]));
  const context = mergePythonImports([...own.values()].flatMap((index) => (index.language === 'python' ? [index.imports] : [])));
  return notebook.cells.flatMap((cell, position): AnalyzedCell[] => {
    if (cell.kind === 'markdown') return [{ cell, index: analyzeMarkdown(cell.source, { context }) }];
    const index = own.get(cell);
    if (!index) return [];
    return [{ cell, index: index.language === 'python' ? withPythonContext(index, context, pythonPrelude(notebook.cells, position)) : index }];
  });
}

/** A cell as the prelude reads it: its source, its language, and whether it is code (the default). */
export interface PreludeCell {
  readonly source: string;
  readonly language: string;
  readonly kind?: 'code' | 'markdown' | 'raw';
}

/**
 * The code that ran before cell `position` in a notebook run top to bottom: the Python code cells above it,
 * each ending with a newline ('' for a TS/JS cell, which stands alone, and for the first Python cell).
 */
export function pythonPrelude(cells: readonly PreludeCell[], position: number): string {
  return preludeCells(cells, position)
    .map(({ source }) => source)
    .join('');
}

/** The cells `pythonPrelude` is made of, in order: each one's position in the notebook and its source as joined. */
export function preludeCells(cells: readonly PreludeCell[], position: number): { readonly position: number; readonly source: string }[] {
  if (cells[position].language !== 'python') return [];
  return cells.slice(0, position).flatMap((cell, at) =>
    (cell.kind ?? 'code') === 'code' && cell.language === 'python' ? [{ position: at, source: cell.source.endsWith('\n') ? cell.source : `${cell.source}\n` }] : [],
  );
}
