// Activations in documentation: the code regions (regions.ts) of a Markdown document, of a Python file's
// docstrings and of a TS/JS file's JSDoc comments, each read by the recognizers as a document of its own,
// with the names it can see — a fence those of the earlier fences, a doctest its module's imports and the
// earlier examples of its docstring — and its positions mapped back into the document.
//
// A Markdown document is analysed whole (its fences need each other's imports); a code file's docs only
// when first asked (a hover that finds nothing in the code, or a scan), once per analysis.
import { analyzePython, mergePythonImports, pythonReferenceAt, scanPython, type PythonDocumentIndex, type PythonImportTable } from './python';
import { pythonStringParts } from './pythonLexer';
import type { ActivationReference, RecognizeOptions } from './reference';
import { docstringRegions, documentOffsetOf, jsDocRegions, markdownRegions, regionIndexAt, regionOffsetAt, type CodeRegion } from './regions';
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
}

/** Finds a Markdown document's fences and analyses them; `context` adds names from elsewhere (a notebook's code cells). */
export function analyzeMarkdown(text: string, options: { readonly context?: PythonImportTable } = {}): MarkdownDocumentIndex {
  return { language: 'markdown', text, ...analyzeRegions(markdownRegions(text), options.context) };
}

/**
 * Analyses regions in order: each sees the names of the regions before it (the nearest first), then the
 * host's — the previous region's context with that region's own names in front, built once per region.
 */
function analyzeRegions(regions: readonly CodeRegion[], host?: PythonImportTable): DocRegions {
  const indexes: (PythonDocumentIndex | ScriptDocumentIndex)[] = [];
  const hostContext = host ?? EMPTY_IMPORTS;
  for (const region of regions) {
    const previous = region.previous === -1 ? undefined : indexes[region.previous];
    if (region.language === 'python') {
      const context = previous?.language === 'python' ? mergePythonImports([previous.imports, previous.context]) : hostContext;
      indexes.push(analyzePython(region.text, { context }));
    } else {
      indexes.push(analyzeScript(region.text, region.language, previous && previous.language !== 'python' ? { bindings: previous.bindings, usesTfjs: previous.usesTfjs } : undefined));
    }
  }
  return { regions, indexes };
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

function scriptDocs(index: ScriptDocumentIndex): DocRegions {
  const regions: CodeRegion[] = [];
  const comments = index.docComments;
  for (let k = 0; k < comments.length; k += 2) {
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
