// Activations in documentation: the code regions (regions.ts) of a Markdown document, of a Python file's
// docstrings and of a TS/JS file's JSDoc comments, each read by the recognizers as a document of its own,
// with the names it can see — a fence those of the earlier fences, a doctest its module's imports and the
// earlier examples of its docstring — and its positions mapped back into the document.
//
// A Markdown document is analysed whole (its fences need each other's imports), and after an edit again only
// in the fence the edit falls in (and the later fences it gives names to, when its names changed); a code
// file's docs only when first asked (a hover that finds nothing in the code, or a scan), once per analysis.
import { changedRange } from './positions';
import { analyzePython, mergePythonImports, pythonReferenceAt, reanalyzePython, scanPython, type PythonDocumentIndex, type PythonImportTable } from './python';
import { pythonStringParts } from './pythonLexer';
import type { ActivationReference, RecognizeOptions } from './reference';
import {
  docstringRegions,
  documentOffsetOf,
  hasFenceMarker,
  jsDocRegions,
  markdownFences,
  regionIndexAt,
  regionOffsetAt,
  shiftedRegion,
  type CodeRegion,
} from './regions';
import { analyzeScript, scanScript, scriptReferenceAt, type ScriptDocumentIndex } from './script';
import { TokenKind, isOp } from './tokens';

/** A document's code regions and, at the same positions, their analyses. */
export interface DocRegions {
  readonly regions: readonly CodeRegion[];
  readonly indexes: readonly (PythonDocumentIndex | ScriptDocumentIndex)[];
}

export interface MarkdownDocumentIndex extends DocRegions {
  readonly language: 'markdown';
  readonly text: string;
  /** Every fence's extent, in pairs of offsets (`markdownFences`): where a re-read finds the fence an edit falls in. */
  readonly fences: readonly number[];
  /** Names from elsewhere (a notebook's code cells), when given. */
  readonly context?: PythonImportTable;
}

/** Finds a Markdown document's fences and analyses them; `context` adds names from elsewhere (a notebook's code cells). */
export function analyzeMarkdown(text: string, options: { readonly context?: PythonImportTable } = {}): MarkdownDocumentIndex {
  const { regions, fences } = markdownFences(text);
  return { language: 'markdown', text, fences, ...analyzeRegions(regions, options.context), ...(options.context ? { context: options.context } : {}) };
}

/**
 * The same Markdown document after an edit, as `analyzeMarkdown` reads it with the same context. An edit that
 * adds or removes no fence marker (three backticks or tildes) leaves every fence where it was: only the fence it
 * falls in is read again (its code re-read from the previous one's), and a later fence keeps its analysis unless
 * the edited one now gives it other names.
 */
export function reanalyzeMarkdown(previous: MarkdownDocumentIndex, text: string): MarkdownDocumentIndex {
  if (text === previous.text) return previous;
  const whole = (): MarkdownDocumentIndex => analyzeMarkdown(text, previous.context ? { context: previous.context } : {});
  const range = changedRange(previous.text, text);
  // The lines the edit touched, in both versions (whole `\n` lines: every other line break lies inside them).
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  const lineEnd = (version: string, end: number): number => (version.indexOf('\n', end) + 1 || version.length + 1) - 1;
  if (hasFenceMarker(previous.text.slice(lineStart, lineEnd(previous.text, range.previousEnd))) || hasFenceMarker(text.slice(lineStart, lineEnd(text, range.nextEnd)))) return whole();
  const shift = text.length - previous.text.length;
  const { fences } = previous;
  // The fence the edit falls in: one that ends at the end of the text may hold what is typed there (unclosed).
  let fence = 0;
  while (fence < fences.length && fences[fence + 1] <= lineStart && fences[fence + 1] < previous.text.length) fence += 2;
  const inFence = fence < fences.length && fences[fence] <= lineStart;
  const movedFences = fences.map((offset, k) => (k < fence ? offset : offset + shift));
  // The regions before the edited fence stay, those after it move; the edited fence's own is read again.
  let first = 0;
  while (first < previous.regions.length && previous.regions[first].end < (inFence ? fences[fence] : lineStart)) first++;
  const editedAt = inFence && first < previous.regions.length && previous.regions[first].start < fences[fence + 1] ? first : -1;
  const after = editedAt === -1 ? first : first + 1;
  const regions = previous.regions.slice(0, first);
  const indexes = previous.indexes.slice(0, first);
  if (inFence) {
    const { regions: read, fences: extent } = markdownFences(text, fences[fence], fences[fence + 1] + shift);
    if (extent.length !== 2 || extent[0] !== fences[fence] || read.length !== (editedAt === -1 ? 0 : 1)) return whole();
    [movedFences[fence], movedFences[fence + 1]] = extent;
    if (editedAt !== -1) {
      const region = { ...read[0], previous: previous.regions[editedAt].previous };
      const before = previous.indexes[editedAt];
      const index =
        region.language === 'python' && before.language === 'python' ? reanalyzePython(before, region.text) : analyzeRegion(region, region.previous === -1 ? undefined : indexes[region.previous], previous.context);
      if (!sameExports(before, index)) return whole();
      regions.push(region);
      indexes.push(index);
    }
  }
  for (let k = after; k < previous.regions.length; k++) {
    regions.push(shiftedRegion(previous.regions[k], shift));
    indexes.push(previous.indexes[k]);
  }
  return { language: 'markdown', text, fences: movedFences, regions, indexes, ...(previous.context ? { context: previous.context } : {}) };
}

/** Whether a region's code, read again, gives the regions after it the names it gave them before. */
function sameExports(before: PythonDocumentIndex | ScriptDocumentIndex, after: PythonDocumentIndex | ScriptDocumentIndex): boolean {
  if (before.language === 'python' || after.language === 'python') return before.language === 'python' && after.language === 'python' && before.imports === after.imports;
  return before.usesTfjs === after.usesTfjs && before.bindings.size === after.bindings.size && [...before.bindings].every(([name, binding]) => JSON.stringify(binding) === JSON.stringify(after.bindings.get(name)));
}

/**
 * Analyses regions in order: each sees the names of the regions before it (the nearest first), then the
 * host's — the previous region's context with that region's own names in front, built once per region.
 */
function analyzeRegions(regions: readonly CodeRegion[], host?: PythonImportTable): DocRegions {
  const indexes: (PythonDocumentIndex | ScriptDocumentIndex)[] = [];
  for (const region of regions) indexes.push(analyzeRegion(region, region.previous === -1 ? undefined : indexes[region.previous], host));
  return { regions, indexes };
}

/** One region's analysis, given the analysis of the region whose code runs before it (if any) and the host's names. */
function analyzeRegion(region: CodeRegion, previous: PythonDocumentIndex | ScriptDocumentIndex | undefined, host: PythonImportTable | undefined): PythonDocumentIndex | ScriptDocumentIndex {
  if (region.language === 'python') {
    const context = previous?.language === 'python' ? mergePythonImports([previous.imports, previous.context]) : (host ?? EMPTY_IMPORTS);
    return analyzePython(region.text, { context });
  }
  return analyzeScript(region.text, region.language, previous && previous.language !== 'python' ? { bindings: previous.bindings, usesTfjs: previous.usesTfjs } : undefined);
}

const EMPTY_IMPORTS: PythonImportTable = { bindings: new Map(), starModules: [] };

// ---------------------------------------------------------------------------------------------------
// The docs inside code files

const CODE_DOCS = new WeakMap<PythonDocumentIndex | ScriptDocumentIndex, DocRegions>();

/** The code regions of a Python file's docstrings or a TS/JS file's JSDoc comments, analysed (once per analysis). */
export function codeFileDocs(index: PythonDocumentIndex | ScriptDocumentIndex): DocRegions {
  let docs = CODE_DOCS.get(index);
  if (!docs) CODE_DOCS.set(index, (docs = index.language === 'python' ? pythonDocs(index) : scriptDocs(index)));
  return docs;
}

/** Anything in a string or comment that could start a region: a prompt or a fence. */
const MAY_HOLD_CODE = /^[ \t]*(>>>|```|~~~)/m;

/** The docstring regions of a Python file, or of its tokens [from, to) (whole statements: what an edit touched), analysed. */
export function pythonDocs(index: PythonDocumentIndex, from = 0, to = index.tokens.count): DocRegions {
  const { tokens, text } = index;
  const regions: CodeRegion[] = [];
  for (let i = from; i < to; i++) {
    if (tokens.kind[i] !== TokenKind.String || !isStringStatement(index, i)) continue;
    const parts = pythonStringParts(text, tokens.start[i], tokens.end[i]);
    if (!parts.terminated || /[bft]/.test(parts.prefix)) continue;
    if (!MAY_HOLD_CODE.test(text.slice(parts.contentStart, parts.contentEnd))) continue;
    regions.push(...docstringRegions(text, parts.contentStart, parts.contentEnd, regions.length));
  }
  // Doctests run with the module's names (its imports, a notebook's other cells), after their own.
  return regions.length ? analyzeRegions(regions, mergePythonImports([index.imports, index.context])) : NO_DOCS;
}

/** Whether string token i is a statement by itself: a docstring (of a module, class or function) or a bare string. */
function isStringStatement(index: PythonDocumentIndex, i: number): boolean {
  const { tokens } = index;
  if (tokens.parent[i] !== -1) return false;
  const startsStatement = i === 0 || tokens.kind[i - 1] === TokenKind.Newline || isOp(tokens, i - 1, ';');
  const endsStatement = i + 1 >= tokens.count || tokens.kind[i + 1] === TokenKind.Newline || isOp(tokens, i + 1, ';');
  return startsStatement && endsStatement;
}

/** The JSDoc regions of a TS/JS file, or of its comments that start in text [from, to) (what an edit touched), analysed. */
export function scriptDocs(index: ScriptDocumentIndex, from = 0, to = index.text.length): DocRegions {
  const regions: CodeRegion[] = [];
  const comments = index.docComments;
  for (let k = 0; k < comments.length; k += 2) {
    if (comments[k] < from || comments[k] >= to) continue;
    const comment = index.text.slice(comments[k], comments[k + 1]);
    if (!comment.includes('@example') && !/```|~~~/.test(comment)) continue;
    regions.push(...jsDocRegions(index.text, comments[k], comments[k + 1], index.language));
  }
  // JSDoc examples stand alone: each is written for a reader who imports the library, not for this file.
  return regions.length ? analyzeRegions(regions) : NO_DOCS;
}

const NO_DOCS: DocRegions = { regions: [], indexes: [] };

// ---------------------------------------------------------------------------------------------------
// Recognition in regions

/** The activation named at a document offset inside one of the regions, with document offsets. */
export function docReferenceAt(docs: DocRegions, offset: number, options?: RecognizeOptions): ActivationReference | undefined {
  const k = regionIndexAt(docs.regions, offset);
  if (k === -1) return undefined;
  const region = docs.regions[k];
  const local = regionOffsetAt(region, offset);
  if (local === undefined) return undefined;
  const index = docs.indexes[k];
  const reference = index.language === 'python' ? pythonReferenceAt(index, local, options) : scriptReferenceAt(index, local);
  return reference && placed(region, reference);
}

/** Every activation named in the regions, in document order, with document offsets. */
export function scanDocs(docs: DocRegions, options?: RecognizeOptions): ActivationReference[] {
  return docs.regions.flatMap((region, k) => {
    const index = docs.indexes[k];
    return (index.language === 'python' ? scanPython(index, options) : scanScript(index)).map((reference) => placed(region, reference));
  });
}

/** A region's reference moved into the document. References are made fresh for each request, so it is moved in place. */
function placed(region: CodeRegion, reference: ActivationReference): ActivationReference {
  const moved = reference as { -readonly [K in keyof ActivationReference]: ActivationReference[K] };
  moved.start = documentOffsetOf(region, reference.start);
  moved.end = documentOffsetOf(region, reference.end);
  moved.region = region.kind;
  return moved;
}
