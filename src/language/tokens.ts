// A document's tokens in flat typed arrays, built once per document version by a lexer: kind, offsets and
// bracket structure (the token that closes each bracket, the bracket enclosing each token). Recognizers
// then find a position's neighbourhood by binary search and walk only the tokens of the call around it,
// so a hover never re-reads the file and a full scan stays linear.

export const TokenKind = {
  Name: 1,
  Number: 2,
  /** A string literal, quotes and prefix included; in TS/JS also a template literal up to its end or first `${`. */
  String: 3,
  Op: 4,
  /** `(`, `[`, `{` (and `${` in a template literal). */
  Open: 5,
  /** `)`, `]`, `}`. */
  Close: 6,
  /** Python: the end of a logical line (never inside brackets). */
  Newline: 7,
  /** Anything else the lexer keeps whole: a JS regular expression literal, a template literal's text after a substitution. */
  Other: 8,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface TokenIndex {
  readonly text: string;
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /**
   * For an open bracket, the token that ended it: its own closing bracket, or the outer closing bracket
   * that forced it shut (`f(a, [b)`); -1 when never closed. For a close bracket, its open bracket or -1.
   */
  readonly match: Int32Array;
  /** The innermost open bracket around the token, or -1. */
  readonly parent: Int32Array;
}

/** Bracket families by first character: `(` `)` 0, `[` `]` 1, `{` `}` and `${` (a template substitution) 2. */
function familyOf(code: number): number {
  return code === 40 || code === 41 ? 0 : code === 91 || code === 93 ? 1 : 2;
}

export class TokenBuilder {
  private kind!: Uint8Array;
  private start!: Int32Array;
  private end!: Int32Array;
  private match!: Int32Array;
  private parent!: Int32Array;
  private count = 0;
  /** Open brackets not yet closed, innermost last, with their family. */
  private readonly open: number[] = [];
  private readonly openFamily: number[] = [];
  /** How many brackets of each family are open: a closer with none open is stray, found in O(1). */
  private readonly openCount = [0, 0, 0];

  /** `expectedLength`: how much text will be lexed (the whole text unless told), to size the arrays. */
  constructor(private readonly text: string, expectedLength = text.length) {
    this.allocate(Math.max(64, expectedLength >> 2));
  }

  /** Brackets currently open (Python ends logical lines only at depth 0). */
  get depth(): number {
    return this.open.length;
  }

  get size(): number {
    return this.count;
  }

  lastKind(): number {
    return this.count ? this.kind[this.count - 1] : 0;
  }

  lastStart(): number {
    return this.count ? this.start[this.count - 1] : -1;
  }

  lastEnd(): number {
    return this.count ? this.end[this.count - 1] : -1;
  }

  push(kind: TokenKind, start: number, end: number): void {
    if (this.count === this.kind.length) this.grow();
    const i = this.count++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.match[i] = -1;
    this.parent[i] = this.open.length ? this.open[this.open.length - 1] : -1;
    if (kind === TokenKind.Open) {
      const family = familyOf(this.text.charCodeAt(start));
      this.open.push(i);
      this.openFamily.push(family);
      this.openCount[family]++;
    } else if (kind === TokenKind.Close) {
      this.close(i);
    }
  }

  /** Whether the innermost open bracket is `${` (a template substitution in TS/JS). */
  inTemplateSubstitution(): boolean {
    if (!this.open.length) return false;
    return this.text.charCodeAt(this.start[this.open[this.open.length - 1]]) === 36; // $
  }

  private close(i: number): void {
    const family = familyOf(this.text.charCodeAt(this.start[i]));
    // A stray closer (nothing of its family open) closes nothing and stays a token of the enclosing bracket.
    if (this.openCount[family] === 0) return;
    // Otherwise it closes the nearest opener of its family; brackets left open inside are forced shut here.
    // Each bracket is popped once, so this is amortised O(1).
    for (;;) {
      const opener = this.open.pop() as number;
      const openerFamily = this.openFamily.pop() as number;
      this.openCount[openerFamily]--;
      this.match[opener] = i;
      if (openerFamily === family) {
        this.match[i] = opener;
        this.parent[i] = this.open.length ? this.open[this.open.length - 1] : -1;
        return;
      }
    }
  }

  private grow(): void {
    const old = { kind: this.kind, start: this.start, end: this.end, match: this.match, parent: this.parent };
    this.allocate(this.kind.length * 2);
    this.kind.set(old.kind);
    this.start.set(old.start);
    this.end.set(old.end);
    this.match.set(old.match);
    this.parent.set(old.parent);
  }

  /**
   * The five arrays share one buffer: a document, and each code block of a Markdown file, costs one
   * allocation here and one in `finish`, not ten (small typed arrays are what a scan of many blocks pays for).
   */
  private allocate(capacity: number): void {
    const arrays = tokenArrays(capacity);
    this.kind = arrays.kind;
    this.start = arrays.start;
    this.end = arrays.end;
    this.match = arrays.match;
    this.parent = arrays.parent;
  }

  finish(): TokenIndex {
    const n = this.count;
    // A small document keeps its buffer (a few unused slots); a large one gets exact arrays, not up to twice its size.
    if (this.kind.length <= 2 * n + 64) {
      const view = <T extends Int32Array | Uint8Array>(array: T): T => array.subarray(0, n) as T;
      return { text: this.text, count: n, kind: view(this.kind), start: view(this.start), end: view(this.end), match: view(this.match), parent: view(this.parent) };
    }
    const arrays = tokenArrays(n);
    arrays.kind.set(this.kind.subarray(0, n));
    arrays.start.set(this.start.subarray(0, n));
    arrays.end.set(this.end.subarray(0, n));
    arrays.match.set(this.match.subarray(0, n));
    arrays.parent.set(this.parent.subarray(0, n));
    return { text: this.text, count: n, ...arrays };
  }
}

/** The token arrays for `capacity` tokens, in one buffer: four Int32Arrays, then the kinds. */
function tokenArrays(capacity: number): Pick<TokenIndex, 'kind' | 'start' | 'end' | 'match' | 'parent'> {
  const buffer = new ArrayBuffer(capacity * 17);
  return {
    start: new Int32Array(buffer, 0, capacity),
    end: new Int32Array(buffer, capacity * 4, capacity),
    match: new Int32Array(buffer, capacity * 8, capacity),
    parent: new Int32Array(buffer, capacity * 12, capacity),
    kind: new Uint8Array(buffer, capacity * 16, capacity),
  };
}

export function tokenText(tokens: TokenIndex, i: number): string {
  return tokens.text.slice(tokens.start[i], tokens.end[i]);
}

/** Whether token i exists and is the operator or bracket `op`. */
export function isOp(tokens: TokenIndex, i: number, op: string): boolean {
  if (i < 0 || i >= tokens.count) return false;
  const kind = tokens.kind[i];
  if (kind !== TokenKind.Op && kind !== TokenKind.Open && kind !== TokenKind.Close) return false;
  const start = tokens.start[i];
  return tokens.end[i] - start === op.length && tokens.text.startsWith(op, start);
}

export function isName(tokens: TokenIndex, i: number, name?: string): boolean {
  if (i < 0 || i >= tokens.count || tokens.kind[i] !== TokenKind.Name) return false;
  if (name === undefined) return true;
  const start = tokens.start[i];
  return tokens.end[i] - start === name.length && tokens.text.startsWith(name, start);
}

/** Whether token i is a member access dot: `.`, or JavaScript's optional `?.` (never a Python token). */
export function isDot(tokens: TokenIndex, i: number): boolean {
  return isOp(tokens, i, '.') || isOp(tokens, i, '?.');
}

/** The most names a dotted chain may have and still be read as a library path (`tf.compat.v1.keras.…`). */
const MAX_CHAIN = 8;

/**
 * The first token of the dotted name (`a.b.c`) that ends at name token `last`, or -1 when `last` is not a
 * name or the chain is longer than MAX_CHAIN names. A chain that hangs off an expression (`f().a.b`,
 * `x[0].b`) starts at its first name, after a dot: callers tell it apart with `isDot(tokens, first - 1)`.
 */
export function dottedNameStart(tokens: TokenIndex, last: number): number {
  if (!isName(tokens, last)) return -1;
  let first = last;
  while (isDot(tokens, first - 1) && isName(tokens, first - 2)) {
    if (last - first >= 2 * (MAX_CHAIN - 1)) return -1;
    first -= 2;
  }
  return first;
}

/** The names of the dotted name from token `first` to token `last` (as `dottedNameStart` found it). */
export function dottedNames(tokens: TokenIndex, first: number, last: number): string[] {
  const names: string[] = [];
  for (let j = first; j <= last; j += 2) names.push(tokenText(tokens, j));
  return names;
}

/** Tokens whose extent contains `offset` (a boundary between two tokens touches both), at most two. */
export function tokensAt(tokens: TokenIndex, offset: number): number[] {
  const last = lastTokenFrom(tokens, offset);
  const found: number[] = [];
  if (last > 0 && tokens.end[last - 1] === offset && tokens.start[last] === offset) found.push(last - 1);
  if (last >= 0 && offset <= tokens.end[last]) found.push(last);
  return found;
}

/** The token index just past the bracket opened at `open` (its own close or the end of the tokens). */
function extentEnd(tokens: TokenIndex, open: number): number {
  const close = tokens.match[open];
  return close === -1 ? tokens.count : close;
}

/**
 * The comma-separated items directly inside the bracket opened at `open`, as inclusive token ranges
 * [first, last] (first > last for an empty item). Nested brackets are skipped whole, so the cost is the
 * number of tokens at this level, capped by `limit`.
 */
export function bracketItems(tokens: TokenIndex, open: number, limit = 4096): { first: number; last: number }[] {
  const items: { first: number; last: number }[] = [];
  const end = extentEnd(tokens, open);
  let first = open + 1;
  let j = open + 1;
  let visited = 0;
  while (j < end && visited++ < limit) {
    const kind = tokens.kind[j];
    if (kind === TokenKind.Op && isOp(tokens, j, ',')) {
      items.push({ first, last: j - 1 });
      first = j + 1;
      j++;
      continue;
    }
    if (kind === TokenKind.Open) {
      // A bracket forced shut inside this one would have been forced by this one's own closer (or an outer
      // one): so a nested bracket either closes itself before `end` or runs to `end`.
      const close = tokens.match[j];
      j = close === -1 || close >= end ? end : close + 1;
      continue;
    }
    j++;
  }
  const last = j - 1;
  if (last >= first || items.length) items.push({ first, last });
  // A trailing comma leaves an empty last item: drop it.
  if (items.length && items[items.length - 1].first > items[items.length - 1].last) items.pop();
  return items;
}

/** The token that starts exactly at `offset`, or -1. */
export function tokenStartingAt(tokens: TokenIndex, offset: number): number {
  const i = lastTokenFrom(tokens, offset);
  return i !== -1 && tokens.start[i] === offset ? i : -1;
}

/** The last token starting at or before `offset`, or -1. */
export function lastTokenFrom(tokens: TokenIndex, offset: number): number {
  let lo = 0;
  let hi = tokens.count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.start[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The tokens of an edited text from three runs: the first `head` tokens of `previous` (before the edit, as
 * they were), `middle` (lexed again over the edited statements, offsets already the new text's), and
 * `previous`'s tokens from `tailFrom` on, moved by `shift` characters. Each run's brackets stay inside it (the
 * runs meet where no bracket is open), so only the indices that cross into the tail need moving.
 */
export function spliceTokens(previous: TokenIndex, text: string, head: number, middle: TokenIndex, tailFrom: number, shift: number): TokenIndex {
  const middleCount = middle.count;
  const tailCount = previous.count - tailFrom;
  const count = head + middleCount + tailCount;
  const arrays = tokenArrays(count);
  const { kind, start, end, match, parent } = arrays;
  kind.set(previous.kind.subarray(0, head));
  start.set(previous.start.subarray(0, head));
  end.set(previous.end.subarray(0, head));
  match.set(previous.match.subarray(0, head));
  parent.set(previous.parent.subarray(0, head));
  kind.set(middle.kind, head);
  start.set(middle.start, head);
  end.set(middle.end, head);
  for (let i = 0; i < middleCount; i++) {
    const m = middle.match[i];
    const p = middle.parent[i];
    match[head + i] = m === -1 ? -1 : m + head;
    parent[head + i] = p === -1 ? -1 : p + head;
  }
  const at = head + middleCount;
  const moved = at - tailFrom;
  kind.set(previous.kind.subarray(tailFrom), at);
  for (let i = 0; i < tailCount; i++) {
    const from = tailFrom + i;
    start[at + i] = previous.start[from] + shift;
    end[at + i] = previous.end[from] + shift;
    const m = previous.match[from];
    const p = previous.parent[from];
    match[at + i] = m === -1 ? -1 : m + moved;
    parent[at + i] = p === -1 ? -1 : p + moved;
  }
  return { text, count, ...arrays };
}
