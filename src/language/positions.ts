// Offsets to line/character positions as VS Code counts them: 0-based lines split at \n, \r\n or \r;
// characters in UTF-16 code units (JavaScript string indices already are); and where two versions of a text differ.

/** Offsets where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export interface Position {
  readonly line: number;
  readonly character: number;
}

/** The line/character of an offset, given the text's line starts. */
export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export type ChangedRange = ReturnType<typeof changedRange>;

/**
 * What a re-read of `text` starts from: the version before an opener left open (`earlier`, kept because a
 * tokenizer does not recover from it) or else `previous`, with the range the edit changed and how much longer
 * the text got; or, when the text is one of those versions, that version itself (`same`).
 */
export function editAgainst<T extends { readonly text: string; readonly earlier?: T }>(previous: T, text: string): { same: T } | { base: T; range: ChangedRange; shift: number } {
  if (text === previous.text) return { same: previous };
  const base = previous.earlier ?? previous;
  if (text === base.text) return { same: base };
  return { base, range: changedRange(base.text, text), shift: text.length - base.text.length };
}

/** The text both versions share at the start and at the end: the edit replaced [start, previousEnd) with [start, nextEnd). */
export function changedRange(previous: string, next: string): { start: number; previousEnd: number; nextEnd: number } {
  const limit = Math.min(previous.length, next.length);
  // Whole chunks first: comparing slices runs in native code, many times faster than a loop over characters.
  let start = 0;
  while (start + CHUNK <= limit && previous.slice(start, start + CHUNK) === next.slice(start, start + CHUNK)) start += CHUNK;
  while (start < limit && previous.charCodeAt(start) === next.charCodeAt(start)) start++;
  const room = limit - start;
  let common = 0;
  while (common + CHUNK <= room && previous.slice(previous.length - common - CHUNK, previous.length - common) === next.slice(next.length - common - CHUNK, next.length - common)) common += CHUNK;
  const [p, n] = [previous.length - 1, next.length - 1];
  while (common < room && previous.charCodeAt(p - common) === next.charCodeAt(n - common)) common++;
  return { start, previousEnd: previous.length - common, nextEnd: next.length - common };
}

/** How many characters `changedRange` compares at once. */
const CHUNK = 256;
