// Python's tokens for the interpreter: names, numbers (ints as BigInt), strings (escapes decoded, f-strings
// kept whole for the parser), operators, and the line structure CPython's tokenizer gives — NEWLINE at the
// end of a logical line, INDENT / DEDENT as the indentation changes, line breaks inside brackets and after
// a backslash joining lines, comments and blank lines skipped. Number and string spellings are read by the
// value lexer's readers; errors carry CPython's wording and their offset. Restartable at any line start,
// which is how the parser resumes after a broken statement.
import { readNumber, readString, type NumberProblem } from '../valuesLexer';
import { PySyntaxError } from './errors';

export type PyTokenKind = 'name' | 'number' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'eof';

export interface PyToken {
  readonly kind: PyTokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Numbers: a Python int or float (absent for an imaginary literal, outside the subset). */
  readonly value?: bigint | number;
  /** Strings: the decoded text (f-strings: undecoded, the parser splits them into parts). */
  readonly string?: string;
  /** Strings: the letters before the quote, lower-cased (`f`, `r`, `rb`, ``). */
  readonly prefix?: string;
  /** Strings: where the content starts and ends, inside the quotes. */
  readonly contentStart?: number;
  readonly contentEnd?: number;
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '==', '!=', '<=', '>=', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=',
  '|=', '^=', '@=', '(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '=', '+', '-', '*', '/', '%', '@', '<', '>', '&', '|', '^', '~',
];
const OPERATORS_BY_LENGTH = [3, 2, 1].map((length) => new Set(OPERATORS.filter((op) => op.length === length)));

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** CPython's message for a bad number spelling. */
function numberProblem(kind: NumberProblem | undefined, text: string): string {
  const radix = /^0[xX]/.test(text) ? 'hexadecimal' : /^0[oO]/.test(text) ? 'octal' : /^0[bB]/.test(text) ? 'binary' : 'decimal';
  switch (kind) {
    case 'leading-zeros':
      return 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers';
    case 'radix-digit': {
      const digit = /^0[oObB](.*)$/.exec(text.replace(/_/g, ''))?.[1].split('').find((d) => (radix === 'octal' ? d > '7' : d > '1'));
      return digit !== undefined ? `invalid digit '${digit}' in ${radix} literal` : `invalid ${radix} literal`;
    }
    default:
      return `invalid ${radix} literal`;
  }
}

/** Where in a bad number CPython's tokenizer stops: the underscore not followed by a digit, the last digit
 * before glued letters, the radix letter with no digits after it, the digit outside the radix. */
function numberProblemColumn(kind: NumberProblem | undefined, text: string): number {
  switch (kind) {
    case 'underscore': {
      const at = text.search(/_(?![0-9a-fA-F])/);
      return at === -1 ? text.length - 1 : at;
    }
    case 'no-digits':
      return 1;
    case 'radix-digit': {
      const radix = /^0[oO]/.test(text) ? 8 : 2;
      const at = [...text].findIndex((c, i) => i >= 2 && /[0-9]/.test(c) && Number(c) >= radix);
      return at === -1 ? text.length - 1 : at;
    }
    case 'glued': {
      const at = text.search(/[a-zA-Z_](?![0-9]*$)|[a-zA-Z]/);
      return Math.max(at - 1, 0);
    }
    default:
      return 0;
  }
}

/** An integer literal's value: decimal or with a radix prefix, underscores allowed. */
function integerValue(text: string): bigint {
  const clean = text.replace(/_/g, '');
  if (/^0[oO]/.test(clean)) return BigInt(`0o${clean.slice(2)}`);
  if (/^0[bB]/.test(clean)) return BigInt(`0b${clean.slice(2)}`);
  if (/^0[xX]/.test(clean)) return BigInt(`0x${clean.slice(2)}`);
  return BigInt(clean);
}

const isIdentifierStart = (c: string): boolean => /[\p{ID_Start}_]/u.test(c);
const isIdentifierPart = (c: string): boolean => /[\p{ID_Continue}]/u.test(c);

export class PyLexer {
  private i: number;
  private readonly indents: number[] = [0];
  /** Open brackets: the character and where it is. */
  private readonly brackets: { readonly char: string; readonly at: number }[] = [];
  private pendingDedents = 0;
  /** At the start of a logical line, where indentation is measured. */
  private atLineStart = true;
  /** A NEWLINE has been given for the current logical line (none before the first token). */
  private lineHasTokens = false;

  /**
   * `source` may end early (an f-string's replacement field is lexed up to its end); `insideBrackets` reads
   * line breaks as joined, as within an f-string's braces.
   */
  constructor(
    readonly source: string,
    start = 0,
    insideBrackets = false,
  ) {
    this.i = start;
    if (insideBrackets) {
      this.brackets.push({ char: '{', at: start });
      this.atLineStart = false;
      this.lineHasTokens = true;
      this.joined = true;
    }
  }

  /** Lexing an f-string field: the field's brace is not a bracket the text must close. */
  private joined = false;

  next(): PyToken {
    if (this.pendingDedents > 0) {
      this.pendingDedents--;
      return { kind: 'dedent', text: '', start: this.i, end: this.i };
    }
    const source = this.source;
    const n = source.length;
    if (this.atLineStart && this.brackets.length === 0) {
      const token = this.lineStart();
      if (token) return token;
    }
    while (this.i < n) {
      const i = this.i;
      const c = source[i];
      if (c === '\n' || c === '\r') {
        this.i += c === '\r' && source[i + 1] === '\n' ? 2 : 1;
        if (this.brackets.length > 0) continue;
        this.atLineStart = true;
        if (!this.lineHasTokens) {
          const token = this.lineStart();
          if (token) return token;
          continue;
        }
        this.lineHasTokens = false;
        return { kind: 'newline', text: '\n', start: i, end: this.i };
      }
      if (c === ' ' || c === '\t' || c === '\f') {
        this.i++;
        continue;
      }
      if (c === '#') {
        while (this.i < n && source[this.i] !== '\n' && source[this.i] !== '\r') this.i++;
        continue;
      }
      if (c === '\\') {
        const next = source[i + 1];
        if (next === '\n' || next === '\r') {
          this.i += next === '\r' && source[i + 2] === '\n' ? 3 : 2;
          if (this.i >= n) throw tokenizerError('unexpected EOF while parsing', i, i + 1);
          continue;
        }
        throw tokenizerError('unexpected character after line continuation character', i, i + 1);
      }
      this.lineHasTokens = true;
      if ((c >= '0' && c <= '9') || (c === '.' && source[i + 1] >= '0' && source[i + 1] <= '9')) return this.number(i);
      const prefix = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?(['"])/.exec(source.slice(i, i + 3));
      if (prefix) return this.string(i, i + prefix[0].length - 1);
      if (isIdentifierStart(c) || (c >= '\ud800' && c <= '\udbff')) return this.name(i);
      return this.operator(i);
    }
    return this.end();
  }

  /** Indentation at the start of a logical line: INDENT, the first DEDENT, or nothing (blank lines are skipped). */
  private lineStart(): PyToken | undefined {
    const source = this.source;
    const n = source.length;
    for (;;) {
      const lineStart = this.i;
      let column = 0;
      let k = this.i;
      for (; k < n; k++) {
        const c = source[k];
        if (c === ' ') column++;
        else if (c === '\t') column = (Math.floor(column / 8) + 1) * 8;
        else if (c === '\f') column = 0;
        else break;
      }
      const c = source[k];
      if (k < n && (c === '\n' || c === '\r' || c === '#')) {
        // A blank or comment-only line: no indentation, no NEWLINE.
        while (k < n && source[k] !== '\n' && source[k] !== '\r') k++;
        this.i = k < n ? k + (source[k] === '\r' && source[k + 1] === '\n' ? 2 : 1) : k;
        if (this.i >= n) {
          this.atLineStart = false;
          return undefined;
        }
        continue;
      }
      if (k < n && c === '\\' && (source[k + 1] === '\n' || source[k + 1] === '\r')) {
        // A continuation at the start of a line: the indentation is the next line's.
        this.atLineStart = false;
        this.i = k;
        return undefined;
      }
      this.i = k;
      this.atLineStart = false;
      if (k >= n) return undefined;
      const current = this.indents[this.indents.length - 1];
      if (column > current) {
        this.indents.push(column);
        return { kind: 'indent', text: source.slice(lineStart, k), start: lineStart, end: k };
      }
      if (column < current) {
        let dedents = 0;
        while (this.indents.length > 1 && this.indents[this.indents.length - 1] > column) {
          this.indents.pop();
          dedents++;
        }
        if (this.indents[this.indents.length - 1] !== column) {
          let lineEnd = k;
          while (lineEnd < n && source[lineEnd] !== '\n' && source[lineEnd] !== '\r') lineEnd++;
          throw tokenizerError('unindent does not match any outer indentation level', lineEnd, lineEnd, 'IndentationError');
        }
        this.pendingDedents = dedents - 1;
        return { kind: 'dedent', text: '', start: k, end: k };
      }
      return undefined;
    }
  }

  private end(): PyToken {
    const n = this.source.length;
    const open = this.brackets[this.brackets.length - 1];
    if (this.joined && this.brackets.length === 1) return { kind: 'eof', text: '', start: n, end: n };
    if (open) {
      const error = tokenizerError(`'${open.char}' was never closed`, open.at, open.at + 1);
      error.unclosedBracket = true;
      throw error;
    }
    if (this.lineHasTokens) {
      this.lineHasTokens = false;
      return { kind: 'newline', text: '', start: n, end: n };
    }
    if (this.indents.length > 1) {
      this.indents.pop();
      return { kind: 'dedent', text: '', start: n, end: n };
    }
    return { kind: 'eof', text: '', start: n, end: n };
  }

  private number(i: number): PyToken {
    const token = readNumber(this.source, i, 'python');
    this.i = token.end;
    // An imaginary literal is valid Python outside the subset: the parser refuses it where it is used.
    if (token.problemKind === 'imaginary') return { kind: 'number', text: token.text, start: i, end: token.end };
    if (token.problem) {
      const at = i + numberProblemColumn(token.problemKind, token.text);
      throw tokenizerError(numberProblem(token.problemKind, token.text), at, at + 1);
    }
    const value = token.integer ? integerValue(token.text) : (token.number as number);
    return { kind: 'number', text: token.text, start: i, end: token.end, value };
  }

  private string(i: number, quoteAt: number): PyToken {
    const source = this.source;
    const token = readString(source, i, quoteAt, 'python');
    if (token.kind === 'invalid') {
      const triple = source.startsWith(source[quoteAt].repeat(3), quoteAt);
      if (token.problem === 'this string is not closed') {
        const line = lineNumberAt(source, token.end);
        throw tokenizerError(`unterminated ${triple ? 'triple-quoted ' : ''}string literal (detected at line ${line})`, i, token.end);
      }
      throw tokenizerError(token.problem ?? 'invalid string', token.start, token.end);
    }
    this.i = token.end;
    const prefix = source.slice(i, quoteAt).toLowerCase();
    const open = source.startsWith(source[quoteAt].repeat(3), quoteAt) ? 3 : 1;
    const contentStart = quoteAt + open;
    const contentEnd = token.end - open;
    // An f-string's parts are decoded by the parser, which must see the braces as written.
    const string = prefix.includes('f') ? source.slice(contentStart, contentEnd) : token.string;
    return { kind: 'string', text: token.text, start: i, end: token.end, string, prefix, contentStart, contentEnd };
  }

  private name(i: number): PyToken {
    const source = this.source;
    let j = i;
    while (j < source.length) {
      const c = source[j];
      if (c >= '\ud800' && c <= '\udbff') {
        const pair = source.slice(j, j + 2);
        if (!(j === i ? isIdentifierStart(pair) : isIdentifierPart(pair))) break;
        j += 2;
        continue;
      }
      if (!isIdentifierPart(c)) break;
      j++;
    }
    if (j === i) {
      const code = source.codePointAt(i) ?? 0;
      throw tokenizerError(`invalid character '${String.fromCodePoint(code)}' (U+${code.toString(16).toUpperCase().padStart(4, '0')})`, i, i + (code > 0xffff ? 2 : 1));
    }
    this.i = j;
    return { kind: 'name', text: source.slice(i, j), start: i, end: j };
  }

  private operator(i: number): PyToken {
    const source = this.source;
    for (const [index, length] of [3, 2, 1].entries()) {
      const text = source.slice(i, i + length);
      if (!OPERATORS_BY_LENGTH[index].has(text)) continue;
      if (text === '(' || text === '[' || text === '{') {
        if (this.brackets.length >= 200) throw tokenizerError('too many nested parentheses', i, i + 1);
        this.brackets.push({ char: text, at: i });
      } else if (text === ')' || text === ']' || text === '}') {
        const open = this.joined && this.brackets.length === 1 ? undefined : this.brackets.pop();
        if (!open) throw tokenizerError(`unmatched '${text}'`, i, i + 1);
        if (CLOSERS[open.char] !== text) {
          const line = lineNumberAt(source, open.at);
          const here = lineNumberAt(source, i);
          throw tokenizerError(`closing parenthesis '${text}' does not match opening parenthesis '${open.char}'${line !== here ? ` on line ${line}` : ''}`, i, i + 1);
        }
      }
      this.i = i + length;
      return { kind: 'op', text, start: i, end: i + length };
    }
    const c = source[i];
    if (c === '!') throw tokenizerError('invalid syntax', i, i + 1);
    const code = source.codePointAt(i) ?? 0;
    if (c === '$' || c === '?' || c === '`') throw tokenizerError('invalid syntax', i, i + 1);
    throw tokenizerError(`invalid character '${String.fromCodePoint(code)}' (U+${code.toString(16).toUpperCase().padStart(4, '0')})`, i, i + (code > 0xffff ? 2 : 1));
  }
}

function tokenizerError(message: string, start: number, end: number, type?: 'SyntaxError' | 'IndentationError' | 'TabError'): PySyntaxError {
  const error = new PySyntaxError(message, start, end, type);
  error.tokenizer = true;
  return error;
}

/** The 1-based line of an offset (for messages that name a line). */
export function lineNumberAt(source: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < source.length; k++) {
    const c = source[k];
    if (c === '\n') line++;
    else if (c === '\r' && source[k + 1] !== '\n') line++;
  }
  return line;
}
