// TypeScript / JavaScript tokens for the recognizer: names, numbers, strings, template literals (each
// chunk a String token; `${` … `}` a bracket pair whose inside is lexed as code), regular expression
// literals (told from division by the token before), operators and brackets. Comments produce no tokens
// (JSDoc ones are listed apart, for the code in their examples).
// Total on any input and linear: every step advances.
import { isDigit, isIdentifierPart, isIdentifierStart, lineBreakAt, scanNumber } from './pythonLexer';
import { TokenBuilder, TokenKind, type TokenIndex } from './tokens';

const OPERATORS_4 = new Set(['>>>=']);
const OPERATORS_3 = new Set(['===', '!==', '**=', '...', '>>>', '<<=', '>>=', '&&=', '||=', '??=']);
const OPERATORS_2 = new Set(['=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>']);
const OPERATOR_CHARS = new Set([...'=<>!&|?.+-*/%^'].map((ch) => ch.charCodeAt(0)));
/** After these words a `/` starts a regular expression, not a division. */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

const isScriptIdentifierStart = (text: string, i: number): boolean => text[i] === '$' || isIdentifierStart(text, i);
const isScriptIdentifierPart = (text: string, i: number): boolean => text[i] === '$' || isIdentifierPart(text, i);

// A loop of its own, like tokenizePython's: regexes, templates and `$` names make the per-character tests differ.
// `docComments`, when given, receives the start and end offsets of every `/** … */` comment (JSDoc), in order.
//
// From an offset other than 0, lexing must start at a token that no bracket encloses and that is not a `/` (so
// the token before it, which decides between regex and division, does not matter): the lexer's state there is
// the same as the whole text's. Whenever no bracket is open after a token, `stop(kind, start, end)` may end the
// lexing there (the rest lexes as before an edit).
export function tokenizeScript(text: string, docComments?: number[], from = 0, stop?: (kind: number, start: number, end: number) => boolean): TokenIndex {
  const tokens = new TokenBuilder(text, from === 0 ? text.length : 256);
  const n = text.length;
  let pos = from;
  if (from === 0 && text.startsWith('#!')) while (pos < n && !lineBreakAt(text, pos)) pos++;
  let asked = 0;
  while (pos < n) {
    if (stop && tokens.size !== asked && tokens.depth === 0) {
      asked = tokens.size;
      if (stop(tokens.lastKind(), tokens.lastStart(), tokens.lastEnd())) break;
    }
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xfeff || c === 0xa0 || c === 0x2028 || c === 0x2029) {
      pos++;
      continue;
    }
    if (c === 47 /* / */) {
      const next = text[pos + 1];
      if (next === '/') {
        while (pos < n && !lineBreakAt(text, pos)) pos++;
        continue;
      }
      if (next === '*') {
        const close = text.indexOf('*/', pos + 2);
        const end = close === -1 ? n : close + 2;
        // `/**/` is an empty comment, not a JSDoc one.
        if (docComments && text[pos + 2] === '*' && text[pos + 3] !== '/') docComments.push(pos, end);
        pos = end;
        continue;
      }
      if (regexAllowed(tokens, text)) {
        const end = scanRegex(text, pos);
        if (end > 0) {
          tokens.push(TokenKind.Other, pos, end);
          pos = end;
          continue;
        }
      }
    }
    if (c === 39 || c === 34) {
      const end = scanQuoted(text, pos);
      tokens.push(TokenKind.String, pos, end);
      pos = end;
      continue;
    }
    if (c === 96 /* ` */) {
      pos = scanTemplateChunk(tokens, text, pos, pos + 1);
      continue;
    }
    if (isScriptIdentifierStart(text, pos) || (c === 35 /* # */ && isScriptIdentifierStart(text, pos + 1))) {
      let end = pos + 1;
      while (end < n && isScriptIdentifierPart(text, end)) end++;
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
    if (c === 125 /* } */ && tokens.inTemplateSubstitution()) {
      // The end of a template substitution: back to the template's text.
      tokens.push(TokenKind.Close, pos, pos + 1);
      pos = scanTemplateChunk(tokens, text, pos + 1, pos + 1);
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      tokens.push(TokenKind.Close, pos, pos + 1);
      pos++;
      continue;
    }
    if (c < 128) {
      let length = 1;
      // Only operator characters followed by another one can start a longer operator: no slicing otherwise.
      if (OPERATOR_CHARS.has(text.charCodeAt(pos + 1))) {
        if (OPERATORS_4.has(text.slice(pos, pos + 4))) length = 4;
        else if (OPERATORS_3.has(text.slice(pos, pos + 3))) length = 3;
        else if (OPERATORS_2.has(text.slice(pos, pos + 2)) && !(text.startsWith('?.', pos) && isDigit(text.charCodeAt(pos + 2)))) length = 2;
      }
      if (c > 32 && c !== 127) tokens.push(TokenKind.Op, pos, pos + length);
      pos += length;
      continue;
    }
    pos++;
  }
  return tokens.finish();
}

function regexAllowed(tokens: TokenBuilder, text: string): boolean {
  const kind = tokens.lastKind();
  if (kind === 0 || kind === TokenKind.Open || kind === TokenKind.Op) return true;
  if (kind === TokenKind.Name) return REGEX_AFTER_WORDS.has(text.slice(tokens.lastStart(), tokens.lastEnd()));
  return false;
}

/** The end of a regex literal starting at pos, or -1 when the line ends first (then `/` is an operator). */
function scanRegex(text: string, pos: number): number {
  const n = text.length;
  let inClass = false;
  let i = pos + 1;
  while (i < n) {
    const ch = text[i];
    if (lineBreakAt(text, i)) return -1;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) {
      i++;
      while (i < n && isScriptIdentifierPart(text, i)) i++;
      return i;
    }
    i++;
  }
  return -1;
}

function scanQuoted(text: string, pos: number): number {
  const n = text.length;
  const quote = text[pos];
  let i = pos + 1;
  while (i < n) {
    const ch = text[i];
    if (ch === '\\') {
      i += 1 + (lineBreakAt(text, i + 1) || 1);
      continue;
    }
    if (ch === quote) return i + 1;
    if (lineBreakAt(text, i)) return i;
    i++;
  }
  return n;
}

/**
 * Pushes the template chunk that starts at `start` (a backtick or the `}` ending a substitution) and
 * scans from `from`; a `${` becomes an Open token whose inside the main loop lexes. Returns where to go on.
 */
function scanTemplateChunk(tokens: TokenBuilder, text: string, start: number, from: number): number {
  const n = text.length;
  // Only a chunk that opens the template can be a whole string literal; later chunks are kept as Other.
  const kind = text[start] === '`' ? TokenKind.String : TokenKind.Other;
  let i = from;
  while (i < n) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '`') {
      tokens.push(kind, start, i + 1);
      return i + 1;
    }
    if (ch === '$' && text[i + 1] === '{') {
      if (i > start) tokens.push(kind, start, i);
      tokens.push(TokenKind.Open, i, i + 2);
      return i + 2;
    }
    i++;
  }
  if (n > start) tokens.push(kind, start, n);
  return n;
}

/** The content range of a whole string literal token ('…', "…" or a template without substitutions). */
export function scriptStringParts(text: string, start: number, end: number): { contentStart: number; contentEnd: number; whole: boolean } {
  const quote = text[start];
  const terminated = end - start >= 2 && text[end - 1] === quote;
  const whole = terminated && (quote === "'" || quote === '"' || quote === '`');
  return { contentStart: start + 1, contentEnd: terminated ? end - 1 : end, whole };
}
