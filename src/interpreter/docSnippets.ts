// Evaluating the code inside docs — a Markdown fence, a docstring's doctest, a JSDoc example — as its own
// snippet: a region runs after the regions before it (their imports and definitions in scope, as a reader
// runs a page top to bottom), and what it reports is positioned back in the document, whose columns differ
// from the region's where prompts (`>>> `), comment stars or block-quote markers were removed.
import { documentOffsetOf, documentRegions, regionOffsetAt, regionSource, type CodeRegion, type DocumentIndex, type SourceLanguage } from '../language';
import { lineStarts, positionAt } from '../language/positions';
import { evaluateSnippet, type DocumentEvaluation, type DocumentOptions } from './snippet';
import type { SnippetEvaluation, SnippetItem, SnippetOptions, UnevaluatedLine } from './snippetTypes';
import type { PositionedError } from './values';

/** What runs for one region, and how to map its positions into the document. */
export interface RegionRun {
  /** The earlier regions' code, then this region's. */
  readonly text: string;
  readonly language: SourceLanguage;
  readonly region: CodeRegion;
  /** Where the region's own code starts in `text`, in characters and in lines. */
  readonly offset: number;
  readonly lineOffset: number;
  /** The document line of each line of `text`. */
  readonly lineMap: readonly number[];
  /** The document's line starts, for lines and columns of mapped offsets. */
  readonly documentLines: readonly number[];
}

/**
 * The first code region of a document (a fence, a doctest, a JSDoc example) that the document range
 * `start`–`end` touches, ready to run, or undefined. A line's range finds the doctest behind its `>>> `.
 */
export function regionRunAt(index: DocumentIndex, documentText: string, start: number, end = start, documentLines = lineStarts(documentText)): RegionRun | undefined {
  const { regions } = documentRegions(index);
  const k = regions.findIndex((region) => region.start <= end && start <= region.end);
  if (k === -1) return undefined;
  // A doctest runs in its module's globals: the module's imports come first.
  const prelude = index.language === 'python' ? moduleImports(documentText) : { text: '', lines: [] };
  const source = regionSource(regions, k);
  const lineMap = [...prelude.lines];
  for (const i of source.chain) for (const lineStart of regions[i].documentLineStarts) lineMap.push(positionAt(documentLines, lineStart).line);
  const offset = prelude.text.length + source.offset;
  return { text: prelude.text + source.text, language: regions[k].language, region: regions[k], offset, lineOffset: lineMap.length - regions[k].documentLineStarts.length, lineMap, documentLines };
}

/** A Python module's top-level import statements (a parenthesised list joined on one line), and the document line of each. */
export function moduleImports(text: string): { text: string; lines: number[] } {
  const statements: string[] = [];
  const lines: number[] = [];
  const source = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < source.length; i++) {
    if (!/^(?:import|from)\s+[\w.]/.test(source[i])) continue;
    lines.push(i);
    let statement = source[i];
    while (/\(\s*(?:#.*)?$|,\s*$/.test(statement) && !statement.includes(')') && i + 1 < source.length) statement += ` ${source[++i].trim()}`;
    statements.push(`${statement.replace(/\s*#.*$/, '')}\n`);
  }
  return { text: statements.join(''), lines };
}

/** A document range as a range of the run's text (ends on a prompt or margin move to the nearest code). */
export function rangeInRun(run: RegionRun, start: number, end: number): { start: number; end: number } {
  const { region } = run;
  const inRegion = (documentOffset: number, fallback: number): number => {
    const clamped = Math.max(region.start, Math.min(region.end, documentOffset));
    return regionOffsetAt(region, clamped) ?? regionOffsetAt(region, documentLineEnd(run, clamped)) ?? fallback;
  };
  return { start: run.offset + inRegion(start, 0), end: run.offset + inRegion(end, region.text.length) };
}

/** The end of the document line holding an offset, as far as the region's code reaches. */
function documentLineEnd(run: RegionRun, documentOffset: number): number {
  const line = positionAt(run.documentLines, documentOffset).line;
  const next = line + 1 < run.documentLines.length ? run.documentLines[line + 1] - 1 : Number.MAX_SAFE_INTEGER;
  return Math.min(next, run.region.end);
}

/**
 * An item of the run (a result, an error, values or an activation waiting for the other half) positioned
 * in the document. Items of the earlier regions' code are dropped, except errors in it, which are shown on
 * the region's first line and say where they come from.
 */
export function itemInDocument<T extends { readonly line: number; readonly start: number; readonly end: number; readonly error?: PositionedError }>(run: RegionRun, item: T): T | undefined {
  const earlier = item.line < run.lineOffset;
  if (earlier && !item.error) return undefined;
  const line = run.lineMap[Math.max(run.lineOffset, item.line)];
  const moved = { ...item, line, start: toDocument(run, item.start), end: toDocument(run, item.end) };
  return item.error ? { ...moved, error: errorInDocument(run, item.error, earlier) } : moved;
}

function toDocument(run: RegionRun, offset: number): number {
  return documentOffsetOf(run.region, Math.max(0, Math.min(run.region.text.length, offset - run.offset)));
}

function errorInDocument(run: RegionRun, error: PositionedError, earlier: boolean): PositionedError {
  const offset = toDocument(run, error.offset);
  const { line, character } = positionAt(run.documentLines, offset);
  const where = earlier ? 'in an example above' : `line ${line + 1}, column ${character + 1}`;
  return { ...error, line, column: character, offset, end: Math.max(offset, toDocument(run, error.end)), message: `${where}: ${error.detail}` };
}

/** Evaluates a run (auto mode unless told; `range` in document offsets, else the region), positioned in the document. */
export function evaluateRun(run: RegionRun, options: Omit<SnippetOptions, 'language' | 'range'> & { readonly range?: { start: number; end: number } }): SnippetEvaluation {
  const range = options.range ? rangeInRun(run, options.range.start, options.range.end) : { start: run.offset, end: run.text.length };
  const evaluation = evaluateSnippet(run.text, { mode: 'auto', ...options, language: run.language, range, lineLabel: (line) => `line ${(run.lineMap[line] ?? line) + 1}` });
  const keep = <T extends SnippetItem | UnevaluatedLine>(items: readonly T[]): T[] => items.flatMap((item) => itemInDocument(run, item) ?? []);
  const { bareValues, pending } = evaluation;
  return {
    ...evaluation,
    items: keep(evaluation.items),
    unevaluated: keep(evaluation.unevaluated),
    bareValues: bareValues && itemInDocument(run, bareValues),
    pending: pending && itemInDocument(run, pending),
  };
}

/** Every code region of a document (a Markdown file's fences) evaluated in auto mode, items positioned in the document. */
export function evaluateDocRegions(index: DocumentIndex, documentText: string, options: DocumentOptions = {}): DocumentEvaluation {
  const { regions } = documentRegions(index);
  const documentLines = lineStarts(documentText);
  const parts = regions.map((region) => evaluateRun(regionRunAt(index, documentText, region.start, region.start, documentLines) as RegionRun, options));
  return { items: parts.flatMap((part) => part.items), unevaluated: parts.flatMap((part) => part.unevaluated) };
}
