// Tokens of the TypeScript/JavaScript people select (numbers in every spelling, names, strings, operators,
// line breaks that may end a statement), and the number and string readers the Python interpreter's
// lexer shares, with each language's spellings. Never throws: a character that belongs to neither
// language becomes an `invalid` token the parser reports with its position. Linear in the text.

export type Dialect = 'python' | 'javascript';

export type TokenKind = 'number' | 'name' | 'string' | 'op' | 'invalid' | 'eof';

/**
 * What is wrong with a number's spelling: letters glued on (`12abc`), an imaginary suffix, a radix prefix
 * without digits (`0x`), a misplaced underscore, digits outside the radix (`0o8`), leading zeros (`007`).
 */
export type NumberProblem = 'glued' | 'imaginary' | 'no-digits' | 'underscore' | 'radix-digit' | 'leading-zeros';

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
  /** Numbers and strings: why the spelling is not accepted (imaginary literals, malformed digits, bad escapes). */
  readonly problem?: string;
  /** Numbers: which rule the spelling breaks, for a caller that words it its own way (the Python interpreter says what CPython says). */
  readonly problemKind?: NumberProblem;
  /** Strings: the decoded value (escapes resolved as far as values need). */
  readonly string?: string;
  /** A line break comes between this token and the one before. */
  readonly newlineBefore?: boolean;
}

const JS_OPS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||',
  '??', '?.', '**', '++', '--', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '(', ')', '[', ']', '{', '}', ',', ':', ';', '.', '=', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '~', '!', '?', '@',
];

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const ID_START = /[\p{L}\p{Nl}_$]/u;
const ID_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_$\u200c\u200d]/u;

/** A JavaScript identifier's characters (`$` included). */
const isIdentifierStart = (c: string): boolean => ID_START.test(c);
const isIdentifierPart = (c: string): boolean => ID_PART.test(c);

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
 * Reads TypeScript / JavaScript tokens on demand. Line breaks are no tokens but mark the next token
 * `newlineBefore`, and the statement reader applies the semicolon rules.
 */
export class Lexer {
  private i = 0;
  private newlinePending = false;

  constructor(
    readonly source: string,
    start = 0,
  ) {
    this.i = start;
  }

  /** Offset of the next character the lexer will read. */
  get offset(): number {
    return this.i;
  }

  next(): Token {
    const token = this.read();
    if (!this.newlinePending) return token;
    this.newlinePending = false;
    return { ...token, newlineBefore: true };
  }

  private read(): Token {
    const source = this.source;
    const dialect: Dialect = 'javascript';
    const n = source.length;
    while (this.i < n) {
      const i = this.i;
      const c = source[i];
      if (c === '\n' || c === '\r') {
        let j = i;
        if (c === '\r' && source[j + 1] === '\n') j++;
        j++;
        this.i = j;
        this.newlinePending = true;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
        this.i++;
        continue;
      }
      if (c === '/' && source[i + 1] === '/') {
        while (this.i < n && source[this.i] !== '\n' && source[this.i] !== '\r') this.i++;
        continue;
      }
      if (c === '/' && source[i + 1] === '*') {
        const close = source.indexOf('*/', i + 2);
        const end = close === -1 ? n : close + 2;
        this.i = end;
        // A block comment spanning lines still separates statements.
        if (/[\r\n]/.test(source.slice(i, end))) this.newlinePending = true;
        continue;
      }
      if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
        const token = readNumber(source, i, dialect);
        this.i = token.end;
        return token;
      }
      if (c === '"' || c === "'" || c === '`') {
        const token = readString(source, i, i, dialect);
        this.i = token.end;
        return token;
      }
      if (isIdentifierStart(c) || (c >= '\ud800' && c <= '\udbff')) {
        let j = i + 1;
        // Code points outside the BMP arrive as surrogate pairs; take them whole.
        if (c >= '\ud800' && c <= '\udbff') j++;
        while (j < n) {
          const d = source[j];
          if (d >= '\ud800' && d <= '\udbff') {
            j += 2;
            continue;
          }
          if (!isIdentifierPart(d)) break;
          j++;
        }
        this.i = j;
        return { kind: 'name', text: source.slice(i, j), start: i, end: j };
      }
      const op = matchOp(source, i);
      if (op) {
        this.i += op.length;
        return { kind: 'op', text: op, start: i, end: i + op.length };
      }
      this.i++;
      return { kind: 'invalid', text: c, start: i, end: i + 1 };
    }
    return { kind: 'eof', text: '', start: n, end: n };
  }

  /** The plain number list at `open` read in one pass (see scanNumberBlock), with JavaScript's spellings. */
  scanNumberBlock(open: number, limit: number): NumberBlock | undefined {
    return scanNumberBlock(this.source, open, limit, false, 'javascript');
  }

  /** Moves past a number block that scanNumberBlock read, whose '[' was the last token returned. */
  finishBlock(end: number): void {
    this.i = end;
  }
}

/**
 * Reads the bracketed list of plain numbers starting at \`open\` (a '[')
 * in one pass: \`[1, -2.5, 3e4]\`, nested and rectangular. Returns undefined, reading nothing, when the
 * text is anything else (names, calls, comments, ragged rows, odd spellings); the token parser then
 * reads it and reports any problem. Throws BlockTooLarge past \`limit\` numbers, before holding them.
 * \`lenient\` also accepts NumPy's printed rows, numbers separated by spaces only.
 */
export function scanNumberBlock(source: string, open: number, limit: number, lenient: boolean, dialect: Dialect): NumberBlock | undefined {
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
export function tokenize(source: string): Token[] {
  const lexer = new Lexer(source);
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

const OPS_BY_FIRST: ReadonlyMap<string, readonly string[]> = indexOps(JS_OPS);

function matchOp(source: string, at: number): string | undefined {
  const candidates = OPS_BY_FIRST.get(source[at]);
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

/** The number literal at `start` (simple spellings without regular expressions); a bad spelling is a token with a `problem`. */
export function readNumber(source: string, start: number, dialect: Dialect): Token {
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
  if (k > j + suffix.length) return { ...base, problem: `'${text}' is not a number`, problemKind: 'glued' };
  if (suffix === 'j') return { ...base, problem: `'${text}' is an imaginary number; activations take real numbers`, problemKind: 'imaginary' };
  const body = source.slice(start, j);
  if (/^0[xXoObB]_?$/.test(body)) return { ...base, problem: `'${text}' is not a number (no digits after ${body.slice(0, 2)})`, problemKind: 'no-digits' };
  if (/__|_$|_\.|\._|_[eE]|[eE][+-]?_/.test(body) || (!radix && /^_/.test(body))) {
    return { ...base, problem: `'${text}' has a misplaced underscore`, problemKind: 'underscore' };
  }
  const digits = body.replace(/_/g, '');
  if (radix) {
    const value = digits[1] === 'x' || digits[1] === 'X' ? parseInt(digits.slice(2), 16) : digits[1] === 'o' || digits[1] === 'O' ? parseIntStrict(digits.slice(2), 8) : parseIntStrict(digits.slice(2), 2);
    if (Number.isNaN(value)) return { ...base, problem: `'${text}' is not a number`, problemKind: 'radix-digit' };
    return { ...base, number: value, integer: true };
  }
  // Python rejects leading zeros in non-zero integers (`007`); JS reads them as legacy octal. Both: refuse.
  if (/^0[0-9]/.test(digits) && /^[0-9]+$/.test(digits) && !/^0+$/.test(digits)) {
    return { ...base, problem: `'${text}' has leading zeros (write ${digits.replace(/^0+/, '')}${dialect === 'python' ? ', or 0o… for octal' : ''})`, problemKind: 'leading-zeros' };
  }
  const value = Number(digits.endsWith('.') ? digits.slice(0, -1) || '0' : digits);
  if (Number.isNaN(value)) return { ...base, problem: `'${text}' is not a number`, problemKind: 'glued' };
  return { ...base, number: value, integer: suffix === 'n' || /^[0-9]+$/.test(digits) };
}

function parseIntStrict(digits: string, radix: number): number {
  const valid = radix === 8 ? /^[0-7]+$/ : /^[01]+$/;
  return valid.test(digits) ? parseInt(digits, radix) : NaN;
}

/**
 * The string literal whose prefix starts at `start` and whose quote is at `quoteAt`, decoded: Python's
 * escapes in full (raw strings keep their backslashes), JavaScript's common ones. An unclosed string or a
 * bad Python escape is an `invalid` token with its problem.
 */
export function readString(source: string, start: number, quoteAt: number, dialect: Dialect): Token {
  const quote = source[quoteAt];
  const triple = dialect === 'python' && source.startsWith(quote.repeat(3), quoteAt);
  const raw = dialect === 'python' && /[rR]/.test(source.slice(start, quoteAt));
  const open = triple ? 3 : 1;
  const contentStart = quoteAt + open;
  let j = contentStart;
  const n = source.length;
  while (j < n) {
    const c = source[j];
    if (triple ? source.startsWith(quote.repeat(3), j) : c === quote) {
      const text = source.slice(start, j + open);
      const content = source.slice(contentStart, j);
      if (dialect !== 'python') return { kind: 'string', text, start, end: j + open, string: decodeScriptEscapes(content) };
      if (raw) return { kind: 'string', text, start, end: j + open, string: content };
      const decoded = decodePythonEscapes(content);
      if (typeof decoded !== 'string') return { kind: 'invalid', text, start: contentStart + decoded.at, end: j + open, problem: decoded.problem };
      return { kind: 'string', text, start, end: j + open, string: decoded };
    }
    if (!triple && quote !== '`' && (c === '\n' || c === '\r')) break;
    // A backslash takes the next character with it (a quote, or a line break that continues the string).
    if (c === '\\' && j + 1 < n) j += source[j + 1] === '\r' && source[j + 2] === '\n' ? 3 : 2;
    else j++;
  }
  return { kind: 'invalid', text: source.slice(start, j), start, end: j, problem: 'this string is not closed' };
}

const SCRIPT_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

function decodeScriptEscapes(content: string): string {
  if (!content.includes('\\')) return content;
  return content.replace(/\\(.)/gs, (_, next: string) => SCRIPT_ESCAPES[next] ?? next);
}

const PYTHON_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/**
 * Python's escapes in a (non-raw) string's content: `\n`, `\x41`, `\u00e9`, `\U0001F600`, octal `\101`, a
 * backslash before a line break joining lines; an unknown escape keeps its backslash, as Python does. A
 * truncated `\x`/`\u`/`\U` or a `\N{…}` (Unicode names are not bundled) is reported with its offset in the content.
 */
export function decodePythonEscapes(content: string): string | { readonly problem: string; readonly at: number } {
  if (!content.includes('\\')) return content;
  let out = '';
  let i = 0;
  while (i < content.length) {
    const c = content[i];
    if (c !== '\\' || i + 1 >= content.length) {
      out += c;
      i++;
      continue;
    }
    const next = content[i + 1];
    const simple = PYTHON_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (next === '\n') {
      i += 2;
    } else if (next === '\r') {
      i += content[i + 2] === '\n' ? 3 : 2;
    } else if (next >= '0' && next <= '7') {
      let k = i + 1;
      while (k < content.length && k < i + 4 && content[k] >= '0' && content[k] <= '7') k++;
      out += String.fromCharCode(parseInt(content.slice(i + 1, k), 8));
      i = k;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = content.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) {
        return { problem: `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${i + 1 + hex.replace(/[^0-9a-fA-F].*$/, '').length}: truncated \\${next}${'X'.repeat(width)} escape`, at: i };
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return { problem: `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${i + 9}: illegal Unicode character`, at: i };
      out += String.fromCodePoint(code);
      i += 2 + width;
    } else if (next === 'N') {
      return { problem: 'Activation Lens does not read \\N{…} escapes (Unicode character names)', at: i };
    } else {
      out += c + next;
      i += 2;
    }
  }
  return out;
}
