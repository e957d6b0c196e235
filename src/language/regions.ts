// Code inside documentation: Markdown fences (```python, ~~~py, ```js, ```ts …), Python docstrings (doctest
// `>>>` / `...` lines and fences) and JSDoc comments (`@example` blocks and fences). Each region is the code
// as it would run — prompts, comment stars, block-quote markers and fence indentation removed, one line per
// document line (a doctest's output lines left empty) — with the offset of every line in the document, so
// the recognizers read a region as a document of its own and their positions map back exactly.
// Prose, inline code spans and fences that do not say their language (often a program's output) are never
// regions. Pure and linear in the text.
import type { RegionKind } from './reference';
import type { ScriptLanguage } from './script';

export type { RegionKind } from './reference';

/** The languages code is written in (a Markdown file is not one: its regions are). */
export type SourceLanguage = 'python' | ScriptLanguage;

export interface CodeRegion {
  readonly language: SourceLanguage;
  readonly kind: RegionKind;
  /** The code, one line per document line, joined with `\n`. */
  readonly text: string;
  /** Document offsets of the first code character and just past the last: regions never overlap. */
  readonly start: number;
  readonly end: number;
  /** Where each line of `text` starts, in `text` and in the document. */
  readonly codeLineStarts: Int32Array;
  readonly documentLineStarts: Int32Array;
  /**
   * The index of the region whose code runs just before this one's, or -1: in a Markdown file (or notebook
   * cell) the fence above of the same language family, in a docstring the region above in it. Following
   * these links gives every earlier region whose imports are in scope here; Evaluate runs their code first
   * (`regionSource`).
   */
  readonly previous: number;
}

/** A line of a container (Markdown text, docstring content, JSDoc comment) after its prefix: its text and offset. */
interface DocLine {
  readonly start: number;
  readonly text: string;
}

/** One line of a region being built: its code and where that code starts in the document. */
interface CodeLine {
  readonly start: number;
  readonly code: string;
}

const FENCE_LANGUAGES: ReadonlyMap<string, SourceLanguage> = new Map([
  ...['python', 'py', 'python3', 'py3', 'ipython', 'ipython3', 'pycon', 'pyi'].map((info): [string, SourceLanguage] => [info, 'python']),
  ...['js', 'javascript', 'jsx', 'mjs', 'cjs', 'node'].map((info): [string, SourceLanguage] => [info, 'javascript']),
  ...['ts', 'typescript', 'tsx', 'mts', 'cts'].map((info): [string, SourceLanguage] => [info, 'typescript']),
]);

/**
 * A container's lines, each made only when asked for: the prose lines of a Markdown file are scanned for a
 * fence marker and never copied.
 */
class Lines {
  private constructor(
    readonly count: number,
    private readonly text: string,
    /** Start and end offsets of each line, in pairs (for lines of a text). */
    private readonly bounds: Int32Array | undefined,
    /** Or the lines themselves (already cut: JSDoc lines without their stars). */
    private readonly made: readonly DocLine[] | undefined,
  ) {}

  /** The lines of text[from, to), at any line break. */
  static of(text: string, from: number, to: number): Lines {
    let count = 1;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && !(text.charCodeAt(i + 1) === 10 && i + 1 < to))) count++;
    }
    const bounds = new Int32Array(2 * count);
    let line = 0;
    let start = from;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      bounds[2 * line] = start;
      bounds[2 * line + 1] = i;
      line++;
      if (c === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < to) i++;
      start = i + 1;
    }
    bounds[2 * line] = start;
    bounds[2 * line + 1] = to;
    return new Lines(count, text, bounds, undefined);
  }

  static from(lines: readonly DocLine[]): Lines {
    return new Lines(lines.length, '', undefined, lines);
  }

  line(k: number): DocLine {
    if (this.made) return this.made[k];
    const bounds = this.bounds as Int32Array;
    return { start: bounds[2 * k], text: this.text.slice(bounds[2 * k], bounds[2 * k + 1]) };
  }

  /** Whether line k holds three backticks or tildes in a row (a fence could open there). */
  hasFenceMarker(k: number): boolean {
    if (this.made) return hasFenceMarker(this.made[k].text);
    const bounds = this.bounds as Int32Array;
    let run = 0;
    let previous = 0;
    for (let i = bounds[2 * k]; i < bounds[2 * k + 1]; i++) {
      const c = this.text.charCodeAt(i);
      run = (c === 96 || c === 126) && (run === 0 || c === previous) ? run + 1 : c === 96 || c === 126 ? 1 : 0;
      previous = c;
      if (run === 3) return true;
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Fences and doctests over a container's lines

/** `(indent and block-quote markers)(``` or ~~~)(info)`: a fence opener, as VS Code highlights one (any indent). */
// Written so that no two parts can match the same characters: a line of spaces fails in linear time.
const FENCE_OPENER = /^((?:[ \t]*>)*[ \t]*)(`{3,}|~{3,})(.*)$/;

interface Fence {
  readonly info: string;
  /** The lines inside, without the opener's prefix. */
  readonly body: DocLine[];
  /** Index of the line after the closing fence (or the end). */
  readonly next: number;
}

/** The fenced block opening at line k, or undefined when line k opens none. */
function fenceAt(lines: Lines, k: number): Fence | undefined {
  if (!lines.hasFenceMarker(k)) return undefined;
  const opener = FENCE_OPENER.exec(lines.line(k).text);
  if (!opener) return undefined;
  const [, prefix, marker, rest] = opener;
  // A backtick fence's info string has no backticks (```` ```x``` ```` on one line is inline code).
  if (marker[0] === '`' && rest.includes('`')) return undefined;
  const quotes = (prefix.match(/>/g) ?? []).length;
  // The indentation after the last block-quote marker and its optional space (stripPrefix removes those).
  const afterQuotes = prefix.slice(prefix.lastIndexOf('>') + 1);
  const indent = quotes && afterQuotes[0] === ' ' ? afterQuotes.length - 1 : afterQuotes.length;
  const closing = closingFence(marker);
  const body: DocLine[] = [];
  let j = k + 1;
  for (; j < lines.count; j++) {
    const line = stripPrefix(lines.line(j), quotes, indent);
    if (closing.test(line.text)) return { info: infoLanguage(rest), body, next: j + 1 };
    body.push(line);
  }
  return { info: infoLanguage(rest), body, next: j };
}

const CLOSING_FENCES = new Map<string, RegExp>();

/** The line that closes a fence opened by `marker`: the same character, at least as many, nothing else. */
function closingFence(marker: string): RegExp {
  let pattern = CLOSING_FENCES.get(marker);
  if (!pattern) {
    pattern = new RegExp(`^[ \\t]*\\${marker[0]}{${marker.length},}[ \\t]*$`);
    // Markers come from user text: keep the memo small.
    if (CLOSING_FENCES.size < 64) CLOSING_FENCES.set(marker, pattern);
  }
  return pattern;
}

/** The first word of an info string, lower case: `python`, `{.python}` and `python title="x"` all say python. */
function infoLanguage(rest: string): string {
  return (rest.trim().split(/[\s{},]+/).find(Boolean) ?? '').replace(/^\./, '').toLowerCase();
}

/** A fenced line without the opener's block-quote markers and (up to) its indentation. */
function stripPrefix(line: DocLine, quotes: number, indent: number): DocLine {
  let i = 0;
  const text = line.text;
  if (quotes) {
    for (let q = 0; q < quotes; q++) {
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (text[i] !== '>') break;
      i++;
      if (text[i] === ' ') i++;
    }
  }
  for (let n = 0; n < indent && (text[i] === ' ' || text[i] === '\t'); n++) i++;
  return i ? { start: line.start + i, text: text.slice(i) } : line;
}

/** `>>> code` or `... code` (after any indentation): the code's column, or -1. */
function promptColumn(text: string, prompt: '>>>' | '...'): number {
  let i = 0;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (!text.startsWith(prompt, i)) return -1;
  const after = text[i + 3];
  if (after === undefined) return i + 3;
  return after === ' ' ? i + 4 : -1;
}

/**
 * Doctest lines as code: `>>>` lines and the `...` lines that continue them; every other line (expected
 * output, prose) becomes an empty line, so line numbers stay those of the document.
 */
function doctestLines(lines: readonly DocLine[]): CodeLine[] {
  let inExample = false;
  return lines.map((line) => {
    let column = promptColumn(line.text, '>>>');
    if (column === -1 && inExample) column = promptColumn(line.text, '...');
    inExample = column !== -1;
    return column === -1 ? { start: line.start, code: '' } : { start: line.start + column, code: line.text.slice(column) };
  });
}

const hasPrompt = (lines: readonly DocLine[]): boolean => lines.some((line) => promptColumn(line.text, '>>>') !== -1);

function regionOf(language: SourceLanguage, kind: RegionKind, lines: readonly CodeLine[], previous: number): CodeRegion | undefined {
  // Trim lines without code at both ends: a region covers code, never the prose around it.
  let first = 0;
  let last = lines.length - 1;
  while (first <= last && !lines[first].code.trim()) first++;
  while (last >= first && !lines[last].code.trim()) last--;
  if (first > last) return undefined;
  const kept = lines.slice(first, last + 1);
  // Both offset tables in one buffer: one allocation per region.
  const buffer = new ArrayBuffer(kept.length * 8);
  const codeLineStarts = new Int32Array(buffer, 0, kept.length);
  const documentLineStarts = new Int32Array(buffer, kept.length * 4, kept.length);
  let offset = 0;
  kept.forEach((line, k) => {
    codeLineStarts[k] = offset;
    documentLineStarts[k] = line.start;
    offset += line.code.length + 1;
  });
  const lastLine = kept[kept.length - 1];
  return {
    language,
    kind,
    text: kept.map((line) => line.code).join('\n'),
    start: kept[0].start,
    end: lastLine.start + lastLine.code.length,
    codeLineStarts,
    documentLineStarts,
    previous,
  };
}

const asCode = (lines: readonly DocLine[]): CodeLine[] => lines.map((line) => ({ start: line.start, code: line.text }));

/** A fence's code: a console session (`>>>` lines) is read as doctest lines. */
function fenceRegion(fence: Fence, language: SourceLanguage, previous: number): CodeRegion | undefined {
  const doctest = language === 'python' && hasPrompt(fence.body);
  return regionOf(language, doctest ? 'doctest' : 'fence', doctest ? doctestLines(fence.body) : asCode(fence.body), previous);
}

// ---------------------------------------------------------------------------------------------------
// Containers

/**
 * The fences of a Markdown text (or of one of its parts): their code regions, each seeing the earlier fences of
 * its language family, and every fence's extent (any language), as pairs of offsets: its opener line's start and
 * the start of the line after its closer (or `to`). An edit that adds or removes no fence marker leaves these
 * extents in place, so a re-read need only read the fence it falls in again.
 */
export function markdownFences(text: string, from = 0, to = text.length): { regions: CodeRegion[]; fences: number[] } {
  const lines = Lines.of(text, from, to);
  const regions: CodeRegion[] = [];
  const fences: number[] = [];
  // The last region of each family: Python, and TypeScript / JavaScript together.
  const last = { python: -1, script: -1 };
  for (let k = 0; k < lines.count; ) {
    const fence = fenceAt(lines, k);
    if (!fence) {
      k++;
      continue;
    }
    fences.push(lines.line(k).start, fence.next < lines.count ? lines.line(fence.next).start : to);
    const language = FENCE_LANGUAGES.get(fence.info);
    const family = language === 'python' ? 'python' : 'script';
    const region = language && fenceRegion(fence, language, last[family]);
    if (region) last[family] = regions.push(region) - 1;
    k = fence.next;
  }
  return { regions, fences };
}

/** Whether a text holds three backticks or tildes in a row: where a fence could open or close. */
export const hasFenceMarker = (text: string): boolean => text.includes('```') || text.includes('~~~');

/** A region moved `shift` characters along in its document (its code unchanged). */
export function shiftedRegion(region: CodeRegion, shift: number): CodeRegion {
  if (shift === 0) return region;
  return { ...region, start: region.start + shift, end: region.end + shift, documentLineStarts: region.documentLineStarts.map((start) => start + shift) };
}

/**
 * How far `next` lies from `previous` when it is the same code at every line moved by one distance (so what
 * was found in one is found in the other, moved); undefined when it is other code or placed otherwise.
 */
export function regionShift(previous: CodeRegion, next: CodeRegion): number | undefined {
  if (previous === next) return 0;
  if (previous.text !== next.text || previous.language !== next.language || previous.kind !== next.kind || previous.previous !== next.previous) return undefined;
  const shift = next.start - previous.start;
  const before = previous.documentLineStarts;
  const after = next.documentLineStarts;
  if (before.length !== after.length) return undefined;
  for (let k = 0; k < before.length; k++) if (after[k] - before[k] !== shift) return undefined;
  return shift;
}

/**
 * The code of a Python string's content text[from, to) (a docstring): its doctest examples, split around
 * fences, and its Python fences. Each sees the earlier regions of the string.
 * `offset` is where the first of `regions`' indices will sit in the caller's list.
 */
export function docstringRegions(text: string, from: number, to: number, offset = 0): CodeRegion[] {
  const lines = Lines.of(text, from, to);
  const regions: CodeRegion[] = [];
  const previous = (): number => (regions.length ? offset + regions.length - 1 : -1);
  let pending: DocLine[] = [];
  const flush = (): void => {
    if (hasPrompt(pending)) {
      const region = regionOf('python', 'doctest', doctestLines(pending), previous());
      if (region) regions.push(region);
    }
    pending = [];
  };
  for (let k = 0; k < lines.count; ) {
    const fence = fenceAt(lines, k);
    if (!fence) {
      pending.push(lines.line(k++));
      continue;
    }
    flush();
    const region = FENCE_LANGUAGES.get(fence.info) === 'python' ? fenceRegion(fence, 'python', previous()) : undefined;
    if (region) regions.push(region);
    k = fence.next;
  }
  flush();
  return regions;
}

/**
 * The code of a JSDoc comment text[from, to) (from `/**` to `*\/`): its fenced blocks and its `@example`
 * blocks (up to the next tag, in the host's language) that have no fence. Each stands alone.
 */
export function jsDocRegions(text: string, from: number, to: number, host: SourceLanguage): CodeRegion[] {
  const raw = Lines.of(text, from + 3, Math.max(from + 3, to - 2));
  const cut: DocLine[] = [];
  for (let k = 0; k < raw.count; k++) {
    // Every line after the first loses its leading `*` and one space.
    const line = raw.line(k);
    const star = k === 0 ? null : /^[ \t]*\*(?!\/) ?/.exec(line.text);
    cut.push(star ? { start: line.start + star[0].length, text: line.text.slice(star[0].length) } : line);
  }
  const lines = Lines.from(cut);
  const regions: CodeRegion[] = [];
  let example: DocLine[] | undefined;
  let exampleHasFence = false;
  const closeExample = (): void => {
    if (example && !exampleHasFence) {
      const region = regionOf(host, 'example', asCode(example), -1);
      if (region) regions.push(region);
    }
    example = undefined;
  };
  for (let k = 0; k < lines.count; ) {
    const fence = fenceAt(lines, k);
    if (fence) {
      const language = FENCE_LANGUAGES.get(fence.info);
      const region = language ? fenceRegion(fence, language, -1) : undefined;
      if (region) regions.push(region);
      if (example) exampleHasFence = true;
      k = fence.next;
      continue;
    }
    const line = lines.line(k);
    const tag = /^[ \t]*@(\w+)/.exec(line.text);
    if (tag) {
      closeExample();
      if (tag[1] === 'example') {
        example = [];
        exampleHasFence = false;
        // Code may follow the tag on its line, unless that is a caption.
        const rest = line.text.slice(tag[0].length);
        if (rest.trim() && !rest.includes('<caption>')) example.push({ start: line.start + tag[0].length, text: rest });
      }
    } else if (example) {
      example.push(line);
    }
    k++;
  }
  closeExample();
  // Fences inside an example come before the example's close: keep the regions in document order.
  return regions.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------------
// Offsets

/** The last index whose value is ≤ target in an increasing array, or -1. */
function floorIndex(values: Int32Array, target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= target) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The length of code line k of a region. */
function lineLength(region: CodeRegion, k: number): number {
  const next = k + 1 < region.codeLineStarts.length ? region.codeLineStarts[k + 1] - 1 : region.text.length;
  return next - region.codeLineStarts[k];
}

/** The region offset of a document offset, or undefined when the document offset is not on the region's code. */
export function regionOffsetAt(region: CodeRegion, documentOffset: number): number | undefined {
  const k = floorIndex(region.documentLineStarts, documentOffset);
  if (k === -1) return undefined;
  const column = documentOffset - region.documentLineStarts[k];
  return column <= lineLength(region, k) ? region.codeLineStarts[k] + column : undefined;
}

/** The document offset of a region offset. */
export function documentOffsetOf(region: CodeRegion, regionOffset: number): number {
  const k = Math.max(0, floorIndex(region.codeLineStarts, regionOffset));
  return region.documentLineStarts[k] + (regionOffset - region.codeLineStarts[k]);
}

/** The region whose extent holds a document offset (regions in document order, never overlapping), or -1. */
export function regionIndexAt(regions: readonly CodeRegion[], documentOffset: number): number {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid].end < documentOffset) lo = mid + 1;
    else if (regions[mid].start > documentOffset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * What to evaluate for region k: the code of the regions that run before it (`previous`, followed), then its
 * own, as one text; `offset` is where region k's text starts in it (add it to a region offset); `chain` the
 * indexes of the regions it joins, in order (region k last).
 */
export function regionSource(regions: readonly CodeRegion[], k: number): { readonly text: string; readonly offset: number; readonly chain: readonly number[] } {
  const chain: number[] = [];
  for (let earlier = k; earlier !== -1; earlier = regions[earlier].previous) chain.push(earlier);
  chain.reverse();
  const prefix = chain.length > 1 ? `${chain.slice(0, -1).map((i) => regions[i].text).join('\n')}\n` : '';
  return { text: prefix + regions[k].text, offset: prefix.length, chain };
}
