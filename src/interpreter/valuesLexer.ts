// Tokens of the Python and TypeScript/JavaScript people select: numbers in every spelling, names, strings,
// operators, and line breaks where they end a statement. Never throws: a character that belongs to
// neither language becomes an `invalid` token the parser reports with its position. Linear in the text.

export type Dialect = 'python' | 'javascript';

export type TokenKind = 'number' | 'name' | 'string' | 'op' | 'newline' | 'invalid' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token. */
  readonly text: string;
  /** Offsets into the source. */
  readonly start: number;
  readonly end: number;
  /** Numbers: the value (integers beyond 2^53 lose digits, as any double does). */
  readonly number?: number;
  /** Numbers: written as an integer (no point, no exponent). */
  readonly integer?: boolean;
  /** Numbers: why the spelling is not accepted (imaginary literals, malformed digits). */
  readonly problem?: string;
  /** Strings: the decoded value (escapes resolved as far as values need). */
  readonly string?: string;
  /** Newlines: the indentation (columns) of the line that follows. */
  readonly indent?: number;
  /** A line break comes between this token and the one before (JavaScript has no newline tokens). */
  readonly newlineBefore?: boolean;
}

const PYTHON_OPS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '==', '!=', '<=', '>=', '<<', '>>',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '=', '+', '-', '*', '/', '%', '@', '<', '>', '&', '|', '^', '~', '!',
];

const JS_OPS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||',
  '??', '?.', '**', '++', '--', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '=', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '~', '!', '?', '@',
];

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const ID_START = /[\p{L}\p{Nl}_$]/u;
const ID_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_$\u200c\u200d]/u;

function isIdentifierStart(c: string, dialect: Dialect): boolean {
  if (c === '$') return dialect === 'javascript';
  return ID_START.test(c);
}

function isIdentifierPart(c: string, dialect: Dialect): boolean {
  if (c === '$') return dialect === 'javascript';
  return ID_PART.test(c);
}

/** A packed n-d list of plain numbers, read without making a token per number. */
export interface NumberBlock {
  readonly start: number;
  readonly end: number;
  readonly values: Float64Array;
  readonly shape: readonly number[];
  readonly integer: boolean;
}

/** Raised while scanning a number block that is too big to hold. */
export class BlockTooLarge {
  constructor(
    readonly start: number,
    readonly count: number,
  ) {}
}

/**
 * Reads tokens on demand. In Python a line break outside brackets is a `newline` token, one inside
 * brackets or after a backslash continues the statement; in JavaScript line breaks are no tokens but
 * mark the next token `newlineBefore`, and the statement reader applies the semicolon rules.
 */
export class Lexer {
  private i = 0;
  private depth = 0;
  private newlinePending = false;

  constructor(
    readonly source: string,
    readonly dialect: Dialect,
    start = 0,
  ) {
    this.i = start;
  }

  /** Offset of the next character the lexer will read. */
  get offset(): number {
    return this.i;
  }

  private lineIndentAt(from: number): number {
    const source = this.source;
    let indent = 0;
    let k = from;
    while (k < source.length && (source[k] === ' ' || source[k] === '\t')) {
      indent += source[k] === '\t' ? 8 - (indent % 8) : 1;
      k++;
    }
    return indent;
  }

  next(): Token {
    const token = this.read();
    if (!this.newlinePending || token.kind === 'newline') return token;
    this.newlinePending = false;
    return { ...token, newlineBefore: true };
  }

  private read(): Token {
    const source = this.source;
    const dialect = this.dialect;
    const n = source.length;
    while (this.i < n) {
      const i = this.i;
      const c = source[i];
      if (c === '\n' || c === '\r') {
        let j = i;
        if (c === '\r' && source[j + 1] === '\n') j++;
        j++;
        this.i = j;
        if (this.depth === 0 && dialect === 'python') return { kind: 'newline', text: '\n', start: i, end: j, indent: this.lineIndentAt(j) };
        this.newlinePending = true;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
        this.i++;
        continue;
      }
      if (dialect === 'python' && c === '#') {
        while (this.i < n && source[this.i] !== '\n' && source[this.i] !== '\r') this.i++;
        continue;
      }
      if (dialect === 'javascript' && c === '/' && source[i + 1] === '/') {
        while (this.i < n && source[this.i] !== '\n' && source[this.i] !== '\r') this.i++;
        continue;
      }
      if (dialect === 'javascript' && c === '/' && source[i + 1] === '*') {
        const close = source.indexOf('*/', i + 2);
        const end = close === -1 ? n : close + 2;
        this.i = end;
        // A block comment spanning lines still separates statements.
        if (/[\r\n]/.test(source.slice(i, end))) this.newlinePending = true;
        continue;
      }
      if (dialect === 'python' && c === '\\' && (source[i + 1] === '\n' || source[i + 1] === '\r')) {
        this.i += source[i + 1] === '\r' && source[i + 2] === '\n' ? 3 : 2;
        continue;
      }
      if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
        const token = readNumber(source, i, dialect);
        this.i = token.end;
        return token;
      }
      if (dialect === 'python') {
        const prefix = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?(['"])/.exec(source.slice(i, i + 3));
        if (prefix) {
          const token = readString(source, i, i + prefix[0].length - 1, dialect);
          this.i = token.end;
          return token;
        }
      } else if (c === '"' || c === "'" || c === '`') {
        const token = readString(source, i, i, dialect);
        this.i = token.end;
        return token;
      }
      if (isIdentifierStart(c, dialect) || (c >= '\ud800' && c <= '\udbff')) {
        let j = i + 1;
        // Code points outside the BMP arrive as surrogate pairs; take them whole.
        if (c >= '\ud800' && c <= '\udbff') j++;
        while (j < n) {
          const d = source[j];
          if (d >= '\ud800' && d <= '\udbff') {
            j += 2;
            continue;
          }
          if (!isIdentifierPart(d, dialect)) break;
          j++;
        }
        this.i = j;
        return { kind: 'name', text: source.slice(i, j), start: i, end: j };
      }
      const op = matchOp(source, i, dialect);
      if (op) {
        if (op === '(' || op === '[' || op === '{') this.depth++;
        else if ((op === ')' || op === ']' || op === '}') && this.depth > 0) this.depth--;
        this.i += op.length;
        return { kind: 'op', text: op, start: i, end: i + op.length };
      }
      this.i++;
      return { kind: 'invalid', text: c, start: i, end: i + 1 };
    }
    return { kind: 'eof', text: '', start: n, end: n };
  }

  /**
   * Reads the bracketed list of plain numbers starting at \`open\` (a '[' the lexer has not passed yet)
   * in one pass: \`[1, -2.5, 3e4]\`, nested and rectangular. Returns undefined, reading nothing, when the
   * text is anything else (names, calls, comments, ragged rows, odd spellings); the token parser then
   * reads it and reports any problem. Throws BlockTooLarge past \`limit\` numbers, before holding them.
   * \`lenient\` also accepts NumPy's printed rows, numbers separated by spaces only.
   */
  scanNumberBlock(open: number, limit: number, lenient: boolean): NumberBlock | undefined {
    const source = this.source;
    const n = source.length;
    if (source[open] !== '[') return undefined;
    let values = new Float64Array(64);
    let count = 0;
    let integer = true;
    const shape: number[] = [];
    // Items seen so far at each open depth, and whether that depth holds lists or numbers.
    const counts: number[] = [];
    let leafDepth = -1;
    let i = open;
    let depth = 0;
    let expectItem = true;
    let sawComma = false;
    const dialect = this.dialect;
    while (i < n) {
      const c = source[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        i++;
        continue;
      }
      if (c === '[') {
        if (!expectItem && !(lenient && !sawComma)) return undefined;
        if (depth > 0) counts[depth - 1]++;
        if (leafDepth !== -1 && depth >= leafDepth) return undefined;
        depth++;
        if (depth > 64) return undefined;
        counts[depth - 1] = 0;
        expectItem = true;
        i++;
        continue;
      }
      if (c === ']') {
        if (depth === 0) return undefined;
        const items = counts[depth - 1];
        const axis = depth - 1;
        if (shape[axis] === undefined) shape[axis] = items;
        else if (shape[axis] !== items) return undefined;
        if (items === 0 && (leafDepth === -1 || leafDepth !== depth)) {
          // An empty list fixes the depth of the leaves.
          if (leafDepth !== -1 && leafDepth !== depth) return undefined;
          leafDepth = depth;
        }
        depth--;
        i++;
        expectItem = false;
        if (depth === 0) {
          if (leafDepth === -1) return undefined;
          if (shape.length !== leafDepth) return undefined;
          return { start: open, end: i, values: values.subarray(0, count), shape, integer };
        }
        continue;
      }
      if (c === ',') {
        if (expectItem) return undefined;
        sawComma = true;
        expectItem = true;
        i++;
        continue;
      }
      // A number, optionally signed.
      let j = i;
      let negative = false;
      if (c === '-' || c === '+') {
        negative = c === '-';
        j++;
        while (source[j] === ' ' || source[j] === '\t') j++;
      }
      const d = source[j] ?? '';
      if (!(isDigit(d) || (d === '.' && isDigit(source[j + 1] ?? '')))) return undefined;
      if (!expectItem && !(lenient && !sawComma)) return undefined;
      if (depth === 0) return undefined;
      if (leafDepth === -1) leafDepth = depth;
      else if (leafDepth !== depth) return undefined;
      const token = readNumber(source, j, dialect);
      if (token.problem || token.number === undefined) return undefined;
      if (count === values.length) {
        if (count >= limit) throw new BlockTooLarge(open, count + 1);
        const grown = new Float64Array(Math.min(values.length * 2, limit + 1));
        grown.set(values);
        values = grown;
      }
      values[count++] = negative ? -token.number : token.number;
      integer &&= token.integer === true;
      counts[depth - 1]++;
      expectItem = false;
      i = token.end;
    }
    return undefined;
  }

  /** Moves past a number block that scanNumberBlock read, whose '[' was the last token returned. */
  finishBlock(end: number): void {
    this.i = end;
    if (this.depth > 0) this.depth--;
  }
}

/** How a token changes the bracket depth: +1 for `(` `[` `{`, -1 for `)` `]` `}`, 0 for anything else. */
export function bracketStep(token: Token): number {
  if (token.kind !== 'op' || token.text.length !== 1) return 0;
  const c = token.text;
  return c === '(' || c === '[' || c === '{' ? 1 : c === ')' || c === ']' || c === '}' ? -1 : 0;
}

/** bracketStep inside a TypeScript type, where a generic's `<` opens too and `>`, `>>`, `>>>` close one, two, three. */
export function typeBracketStep(token: Token): number {
  if (token.kind === 'op' && token.text === '<') return 1;
  if (token.kind === 'op' && /^>+$/.test(token.text)) return -token.text.length;
  return bracketStep(token);
}

/** All tokens of a text (tests and small inputs; the parser reads on demand). */
export function tokenize(source: string, dialect: Dialect): Token[] {
  const lexer = new Lexer(source, dialect);
  const tokens: Token[] = [];
  for (;;) {
    const token = lexer.next();
    tokens.push(token);
    if (token.kind === 'eof') return tokens;
  }
}

/** Operators grouped by first character, longest first. */
function indexOps(ops: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const byFirst = new Map<string, string[]>();
  for (const op of ops) {
    const list = byFirst.get(op[0]) ?? [];
    list.push(op);
    byFirst.set(op[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return byFirst;
}

const OPS_BY_FIRST: Readonly<Record<Dialect, ReadonlyMap<string, readonly string[]>>> = {
  python: indexOps(PYTHON_OPS),
  javascript: indexOps(JS_OPS),
};

function matchOp(source: string, at: number, dialect: Dialect): string | undefined {
  const candidates = OPS_BY_FIRST[dialect].get(source[at]);
  if (!candidates) return undefined;
  for (const op of candidates) {
    if (op.length === 1 || source.startsWith(op, at)) return op;
  }
  return undefined;
}

/** Plain decimal spellings (`12`, `-`-less `3.25`, `.5`, `1e-3`) read without regular expressions. */
function readSimpleNumber(source: string, start: number): Token | undefined {
  const n = source.length;
  let j = start;
  let c = source.charCodeAt(j);
  // Leading zeros, radix prefixes and underscores take the careful path.
  if (c === 48 /* 0 */) {
    const next = source.charCodeAt(j + 1);
    if (next >= 48 && next <= 57) return undefined;
  }
  let integer = true;
  while (j < n && (c = source.charCodeAt(j)) >= 48 && c <= 57) j++;
  if (c === 46 /* . */) {
    integer = false;
    j++;
    while (j < n && (c = source.charCodeAt(j)) >= 48 && c <= 57) j++;
  }
  if (j < n && (c === 101 || c === 69) /* e E */) {
    let k = j + 1;
    let d = source.charCodeAt(k);
    if (d === 43 || d === 45) d = source.charCodeAt(++k);
    if (!(d >= 48 && d <= 57)) return undefined;
    while (k < n && (d = source.charCodeAt(k)) >= 48 && d <= 57) k++;
    integer = false;
    j = k;
    c = source.charCodeAt(j);
  }
  // Anything glued on (letters, underscores, a second point) takes the careful path.
  if (j < n && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57))) return undefined;
  const text = source.slice(start, j);
  return { kind: 'number', text, start, end: j, number: Number(text), integer };
}

function readNumber(source: string, start: number, dialect: Dialect): Token {
  const simple = readSimpleNumber(source, start);
  if (simple && !(dialect === 'javascript' && source[simple.end] === '.' && source[simple.end + 1] === '.')) return simple;
  // Greedy scan of everything that can belong to a numeric literal, then validation of the spelling.
  let j = start;
  const n = source.length;
  const radix = /^0[xXoObB]/.test(source.slice(start, start + 2));
  if (radix) {
    j += 2;
    while (j < n && /[0-9a-fA-F_]/.test(source[j])) j++;
  } else {
    while (j < n && (isDigit(source[j]) || source[j] === '_')) j++;
    if (source[j] === '.' && !(dialect === 'javascript' && source[j + 1] === '.')) {
      j++;
      while (j < n && (isDigit(source[j]) || source[j] === '_')) j++;
    }
    if ((source[j] === 'e' || source[j] === 'E') && /[0-9+-]/.test(source[j + 1] ?? '')) {
      const save = j;
      j++;
      if (source[j] === '+' || source[j] === '-') j++;
      if (isDigit(source[j] ?? '')) {
        while (j < n && (isDigit(source[j]) || source[j] === '_')) j++;
      } else {
        j = save;
      }
    }
  }
  let suffix = '';
  if (dialect === 'python' && (source[j] === 'j' || source[j] === 'J')) suffix = 'j';
  if (dialect === 'javascript' && source[j] === 'n') suffix = 'n';
  // Letters glued to the number (`12abc`) are part of the bad spelling.
  let k = j + suffix.length;
  while (k < n && /[A-Za-z0-9_]/.test(source[k])) k++;
  const text = source.slice(start, k);
  const base = { kind: 'number' as const, text, start, end: k };
  if (k > j + suffix.length) return { ...base, problem: `'${text}' is not a number` };
  if (suffix === 'j') return { ...base, problem: `'${text}' is an imaginary number; activations take real numbers` };
  const body = source.slice(start, j);
  if (/^0[xXoObB]_?$/.test(body)) return { ...base, problem: `'${text}' is not a number (no digits after ${body.slice(0, 2)})` };
  if (/__|_$|_\.|\._|_[eE]|[eE][+-]?_/.test(body) || (!radix && /^_/.test(body))) {
    return { ...base, problem: `'${text}' has a misplaced underscore` };
  }
  const digits = body.replace(/_/g, '');
  if (radix) {
    const value = digits[1] === 'x' || digits[1] === 'X' ? parseInt(digits.slice(2), 16) : digits[1] === 'o' || digits[1] === 'O' ? parseIntStrict(digits.slice(2), 8) : parseIntStrict(digits.slice(2), 2);
    if (Number.isNaN(value)) return { ...base, problem: `'${text}' is not a number` };
    return { ...base, number: value, integer: true };
  }
  // Python rejects leading zeros in non-zero integers (`007`); JS reads them as legacy octal. Both: refuse.
  if (/^0[0-9]/.test(digits) && /^[0-9]+$/.test(digits) && !/^0+$/.test(digits)) {
    return { ...base, problem: `'${text}' has leading zeros (write ${digits.replace(/^0+/, '')}${dialect === 'python' ? ', or 0o… for octal' : ''})` };
  }
  const value = Number(digits.endsWith('.') ? digits.slice(0, -1) || '0' : digits);
  if (Number.isNaN(value)) return { ...base, problem: `'${text}' is not a number` };
  return { ...base, number: value, integer: suffix === 'n' || /^[0-9]+$/.test(digits) };
}

function parseIntStrict(digits: string, radix: number): number {
  const valid = radix === 8 ? /^[0-7]+$/ : /^[01]+$/;
  return valid.test(digits) ? parseInt(digits, radix) : NaN;
}

function readString(source: string, start: number, quoteAt: number, dialect: Dialect): Token {
  const quote = source[quoteAt];
  const triple = dialect === 'python' && source.startsWith(quote.repeat(3), quoteAt);
  const raw = dialect === 'python' && /[rR]/.test(source.slice(start, quoteAt));
  const open = triple ? 3 : 1;
  let j = quoteAt + open;
  const n = source.length;
  let value = '';
  while (j < n) {
    const c = source[j];
    if (triple ? source.startsWith(quote.repeat(3), j) : c === quote) {
      return { kind: 'string', text: source.slice(start, j + open), start, end: j + open, string: value };
    }
    if (!triple && quote !== '`' && (c === '\n' || c === '\r')) break;
    if (c === '\\' && j + 1 < n) {
      const next = source[j + 1];
      value += raw ? c + next : ESCAPES[next] ?? next;
      j += 2;
      continue;
    }
    value += c;
    j++;
  }
  return { kind: 'invalid', text: source.slice(start, j), start, end: j, problem: 'this string is not closed' };
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"', '`': '`' };
