// Python tokens for the recognizer: names, numbers, strings (prefixes, triple quotes, f-string
// substitutions with nested quotes as in Python 3.12), operators, brackets and logical-line ends.
// Comments produce no tokens, so nothing inside them is ever recognised. Total on any input: malformed
// text yields some tokens, never an exception, and every step advances, so the time is linear.
import { TokenBuilder, TokenKind, type TokenIndex } from './tokens';

const OPERATORS_3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPERATORS_2 = new Set(['->', ':=', '==', '!=', '<=', '>=', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '<>']);
const OPERATOR_CHARS = new Set([...'=<>!*/.-:+%&|^@'].map((ch) => ch.charCodeAt(0)));
const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);

const isAsciiIdentifierStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isAsciiIdentifierPart = (c: number): boolean => isAsciiIdentifierStart(c) || (c >= 48 && c <= 57);
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const UNICODE_START = /[\p{ID_Start}]/u;
const UNICODE_PART = /[\p{ID_Continue}]/u;

export function isIdentifierStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? isAsciiIdentifierStart(c) : UNICODE_START.test(text[i]);
}

export function isIdentifierPart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? isAsciiIdentifierPart(c) : UNICODE_PART.test(text[i]);
}

/** Length of the line break at i (`\n`, `\r\n`, `\r`), or 0. */
export function lineBreakAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 10) return 1;
  if (c === 13) return text.charCodeAt(i + 1) === 10 ? 2 : 1;
  return 0;
}

export function tokenizePython(text: string): TokenIndex {
  return tokenizePythonFrom(text, 0);
}

/**
 * The tokens of `text` from offset `from` on, which must be where no statement is under way (0, or the end of
 * a logical line's Newline token): the lexer's state there is always the same, so these are the whole text's
 * tokens from that point. After each Newline token it pushes, `stop(start)` may end the lexing there (the rest
 * of the text is known to lex as before an edit). Offsets are the text's.
 */
// The main loop is its own rather than shared with scriptLexer's: the per-character tests differ (line
// ends, `#`, string prefixes) and a shared loop would pay for callbacks on every character.
export function tokenizePythonFrom(text: string, from: number, stop?: (newlineStart: number) => boolean): TokenIndex {
  const tokens = new TokenBuilder(text, from === 0 ? text.length : 256);
  const n = text.length;
  let pos = from;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    const lineBreak = lineBreakAt(text, pos);
    if (lineBreak) {
      if (tokens.depth === 0 && tokens.size && tokens.lastKind() !== TokenKind.Newline) {
        tokens.push(TokenKind.Newline, pos, pos + lineBreak);
        if (stop?.(pos)) break;
      }
      pos += lineBreak;
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 0xfeff) {
      pos++;
      continue;
    }
    if (c === 35 /* # */) {
      while (pos < n && !lineBreakAt(text, pos)) pos++;
      continue;
    }
    if (c === 92 /* \ */) {
      // A line continuation joins lines; a stray backslash is skipped.
      pos += 1 + lineBreakAt(text, pos + 1);
      continue;
    }
    if (c === 39 || c === 34) {
      const end = scanString(text, pos, false);
      tokens.push(TokenKind.String, pos, end);
      pos = end;
      continue;
    }
    if (isIdentifierStart(text, pos)) {
      let end = pos + 1;
      while (end < n && isIdentifierPart(text, end)) end++;
      const quote = text.charCodeAt(end);
      if ((quote === 39 || quote === 34) && end - pos <= 2 && STRING_PREFIXES.has(text.slice(pos, end).toLowerCase())) {
        const prefix = text.slice(pos, end).toLowerCase();
        const stringEnd = scanString(text, end, prefix.includes('f') || prefix.includes('t'));
        tokens.push(TokenKind.String, pos, stringEnd);
        pos = stringEnd;
        continue;
      }
      tokens.push(TokenKind.Name, pos, end);
      pos = end;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(pos + 1)))) {
      const end = scanNumber(text, pos);
      tokens.push(TokenKind.Number, pos, end);
      pos = end;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      tokens.push(TokenKind.Open, pos, pos + 1);
      pos++;
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      tokens.push(TokenKind.Close, pos, pos + 1);
      pos++;
      continue;
    }
    if (c < 128) {
      // Only operator characters followed by another one can start a longer operator: no slicing otherwise.
      const length = !OPERATOR_CHARS.has(text.charCodeAt(pos + 1))
        ? 1
        : OPERATORS_3.has(text.slice(pos, pos + 3))
          ? 3
          : OPERATORS_2.has(text.slice(pos, pos + 2))
            ? 2
            : 1;
      if (c > 32 && c !== 127) tokens.push(TokenKind.Op, pos, pos + length);
      pos += length;
      continue;
    }
    // Other non-ASCII characters (symbols, stray surrogates) are not Python tokens: skip them.
    pos++;
  }
  return tokens.finish();
}

/** The end of a number from pos: greedy over digits, letters, `_`, `.` and an exponent's sign (Python and JS alike). */
export function scanNumber(text: string, pos: number): number {
  const n = text.length;
  const hex = text.charCodeAt(pos) === 48 && (text[pos + 1] === 'x' || text[pos + 1] === 'X');
  let end = pos;
  while (end < n) {
    const c = text.charCodeAt(end);
    if (isAsciiIdentifierPart(c) || c === 46) {
      end++;
    } else if ((c === 43 || c === 45) && !hex && (text[end - 1] === 'e' || text[end - 1] === 'E')) {
      end++;
    } else {
      break;
    }
  }
  return end;
}

/**
 * The end of the string literal whose (first) quote is at `quoteAt`.
 * Single-quoted strings end at an unescaped line break (unterminated); triple-quoted ones at end of text.
 */
function scanString(text: string, quoteAt: number, formatted: boolean): number {
  const n = text.length;
  const quote = text[quoteAt];
  const triple = text[quoteAt + 1] === quote && text[quoteAt + 2] === quote;
  let i = quoteAt + (triple ? 3 : 1);
  while (i < n) {
    const ch = text[i];
    if (ch === '\\') {
      i += 1 + (lineBreakAt(text, i + 1) || 1);
      continue;
    }
    if (ch === quote && (!triple || (text[i + 1] === quote && text[i + 2] === quote))) return i + (triple ? 3 : 1);
    if (!triple && lineBreakAt(text, i)) return i;
    if (formatted && ch === '{') {
      if (text[i + 1] === '{') {
        i += 2;
        continue;
      }
      i = skipSubstitution(text, i + 1, triple);
      continue;
    }
    i++;
  }
  return n;
}

/** Skips an f-string substitution `{expr!r:spec}` from just after `{`; nested strings may reuse the quote. */
function skipSubstitution(text: string, i: number, triple: boolean): number {
  const n = text.length;
  let depth = 1;
  while (i < n) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (ch === "'" || ch === '"') {
      const end = scanString(text, i, false);
      // An unterminated nested string ends the substitution where it stopped.
      if (end >= n || lineBreakAt(text, end)) return end;
      i = end;
      continue;
    } else if (!triple && lineBreakAt(text, i)) {
      return i;
    }
    i++;
  }
  return n;
}

/** The content range of a string token (after prefix and opening quotes, before closing quotes), and its prefix. */
export function pythonStringParts(text: string, start: number, end: number): { prefix: string; contentStart: number; contentEnd: number; terminated: boolean } {
  let quoteAt = start;
  while (quoteAt < end && text[quoteAt] !== "'" && text[quoteAt] !== '"') quoteAt++;
  const quote = text[quoteAt];
  const triple = text[quoteAt + 1] === quote && text[quoteAt + 2] === quote && end - quoteAt >= 3;
  const width = triple ? 3 : 1;
  const contentStart = Math.min(quoteAt + width, end);
  const closing = triple ? quote.repeat(3) : quote;
  const terminated = end - contentStart >= width && text.startsWith(closing, end - width);
  return { prefix: text.slice(start, quoteAt).toLowerCase(), contentStart, contentEnd: terminated ? end - width : end, terminated };
}
