// Expressions of TypeScript/JavaScript as far as values and activation calls need them: literals,
// names, attribute access, calls with keyword arguments, lists / tuples / objects, indexing, unary and
// binary operators, `await`, JS `new`. Errors are ParseErrors with an offset and say what was expected and
// what was found. Lists of plain numbers are packed into one node, so a million-element literal costs a
// Float64Array rather than a million nodes. Depth is bounded, so deep nesting is an error, never a stack
// overflow.
import { BlockTooLarge, Lexer, bracketStep, typeBracketStep, type Token } from './valuesLexer';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | (Span & { readonly kind: 'number'; readonly value: number; readonly integer: boolean })
  /** A list or tuple of plain (optionally signed) numbers, nested lists of them when shape has several axes. */
  | (Span & { readonly kind: 'numbers'; readonly values: Float64Array; readonly shape: readonly number[]; readonly integer: boolean; readonly tuple: boolean })
  | (Span & { readonly kind: 'string'; readonly value: string })
  | (Span & { readonly kind: 'constant'; readonly value: boolean | null | undefined })
  | (Span & { readonly kind: 'name'; readonly name: string })
  | (Span & { readonly kind: 'attribute'; readonly object: Expr; readonly name: string; readonly nameStart: number })
  | (Span & { readonly kind: 'call'; readonly callee: Expr; readonly args: readonly Expr[]; readonly isNew?: boolean })
  | (Span & { readonly kind: 'list'; readonly items: readonly Expr[]; readonly tuple: boolean })
  | (Span & { readonly kind: 'object'; readonly entries: readonly ObjectEntry[] })
  | (Span & { readonly kind: 'index'; readonly object: Expr; readonly index: Expr })
  | (Span & { readonly kind: 'unary'; readonly op: string; readonly operand: Expr })
  | (Span & { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr })
  | (Span & { readonly kind: 'await'; readonly operand: Expr })
  /** A JavaScript arrow function without parameters that returns one expression (`() => tf.relu(x)`), for `tf.tidy`. */
  | (Span & { readonly kind: 'arrow'; readonly body: Expr })
  /** Something read but not modelled: arrow functions with parameters, function expressions, conditionals. */
  | (Span & { readonly kind: 'opaque'; readonly what: string });

/** `name: value` of an object literal. */
export interface ObjectEntry extends Span {
  readonly name: string;
  readonly value: Expr;
}

/** A syntax error at an offset; the message says what was expected and what was found. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    message: string,
    readonly offset: number,
    readonly end: number = offset,
    /** Another position the message refers to as `{related}` (where an unclosed bracket opened). */
    readonly related?: number,
    /** A size limit was hit: the input is refused, not wrong. */
    readonly refusal = false,
  ) {
    super(message);
  }
}

/** The most numbers one value may hold; bigger inputs are refused before they are allocated. */
export const MAX_ELEMENTS = 1_000_000;

/** How deeply brackets and operators may nest before the text is refused. */
const MAX_NESTING = 200;

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the text';
    case 'string':
      return `the string ${abbreviate(token.text)}`;
    case 'invalid':
      return token.problem ? `${abbreviate(token.text)} (${token.problem})` : `the character '${token.text}'`;
    default:
      return `'${abbreviate(token.text)}'`;
  }
}

function abbreviate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 21)}…` : text;
}

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** Binary operator precedence (higher binds tighter); a Map, as any name is looked up (`constructor` too). */
const JS_BINARY: ReadonlyMap<string, number> = new Map(Object.entries({
  '??': 1, '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '===': 6, '!==': 6,
  '<': 7, '<=': 7, '>': 7, '>=': 7, instanceof: 7, in: 7, '<<': 8, '>>': 8, '>>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
}));

/** TypeScript's `as` binds like the relational operators: `a + b as T` is `(a + b) as T`. */
const RELATIONAL_PRECEDENCE = JS_BINARY.get('<') as number;
const TYPE_OPERATORS: ReadonlySet<string> = new Set(['typeof', 'keyof', 'readonly', 'unique', 'infer']);

/** A recursive-descent reader over the lexer's tokens, read on demand. */
export class ExpressionParser {
  /** Tokens read ahead; `buffer[head]` is the current token. */
  private buffer: Token[] = [];
  private head = 0;
  private depth = 0;

  constructor(
    private readonly lexer: Lexer,
    private readonly maxElements = MAX_ELEMENTS,
  ) {}

  peek(ahead = 0): Token {
    while (this.buffer.length - this.head <= ahead) {
      const last = this.buffer[this.buffer.length - 1];
      if (last?.kind === 'eof') return last;
      this.buffer.push(this.lexer.next());
    }
    return this.buffer[this.head + ahead];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') {
      this.head++;
      if (this.head > 1024) {
        this.buffer = this.buffer.slice(this.head);
        this.head = 0;
      }
    }
    return token;
  }

  isOp(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'op' && token.text === text;
  }

  isName(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'name' && token.text === text;
  }

  expectOp(text: string, context: string): Token {
    const token = this.peek();
    if (token.kind === 'op' && token.text === text) return this.next();
    throw this.unexpected(`'${text}' ${context}`);
  }

  unexpected(expected: string): ParseError {
    const token = this.peek();
    return new ParseError(`expected ${expected}, found ${describeToken(token)}`, token.start, token.end);
  }

  private enter(at: number): void {
    if (++this.depth > MAX_NESTING) throw new ParseError(`nested more than ${MAX_NESTING} levels deep`, at);
  }

  private leave(): void {
    this.depth--;
  }

  /** A full expression. */
  parseExpression(): Expr {
    return this.parseSingle();
  }

  /** Whether the next token ends an expression (end of text, line or statement, a closing bracket). */
  atExpressionEnd(): boolean {
    const token = this.peek();
    if (token.kind === 'eof') return true;
    return token.kind === 'op' && (token.text === ')' || token.text === ']' || token.text === '}' || token.text === ';' || token.text === '=');
  }

  /** One expression without top-level commas: conditionals and lambdas become opaque. */
  parseSingle(): Expr {
    const start = this.peek().start;
    if (this.isArrowFunctionAhead()) return this.parseThunk() ?? this.skipOpaque('an arrow function', start);
    if (this.isName('function') || this.isName('class')) return this.skipOpaque(`a ${this.peek().text} expression`, start);
    const expr = this.parseBinary(0);
    if (this.isOp('?')) return this.skipOpaque('a conditional expression', start);
    return expr;
  }

  /** Skips to the end of the current expression (bracket-balanced); the result is opaque. */
  private skipOpaque(what: string, start: number): Expr {
    let depth = 0;
    let end = start;
    let previous: Token | undefined;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof') break;
      if (depth === 0 && token.kind === 'op' && [',', ')', ']', '}', ';'].includes(token.text)) break;
      // JavaScript: a line break where an expression can end (after a name, literal or closing bracket)
      // ends the statement, unless the next line continues it.
      const canEnd = previous !== undefined && (previous.kind !== 'op' || bracketStep(previous) < 0);
      const continues = token.kind === 'op' && ['.', '?.', '=>', '?', ':', '+', '-', '*', '/', '&&', '||', '??'].includes(token.text);
      if (depth === 0 && token.newlineBefore && canEnd && !continues) break;
      depth += bracketStep(token);
      end = token.end;
      previous = token;
      this.next();
    }
    return { kind: 'opaque', what, start, end };
  }

  /**
   * `() => expr` or `() => { return expr; }` (optionally `async`), what `tf.tidy` takes; undefined, with
   * nothing read, for any other arrow function.
   */
  private parseThunk(): Expr | undefined {
    const start = this.peek().start;
    const k = this.isName('async') ? 1 : 0;
    if (!(this.isOp('(', k) && this.isOp(')', k + 1) && this.isOp('=>', k + 2))) return undefined;
    const block = this.isOp('{', k + 3);
    if (block && !this.isName('return', k + 4)) return undefined;
    for (let i = 0; i < k + (block ? 5 : 3); i++) this.next();
    const body = this.parseSingle();
    let end = body.end;
    if (block) {
      if (this.isOp(';')) this.next();
      end = this.expectOp('}', 'to end the arrow function after its return').end;
    }
    return { kind: 'arrow', body, start, end };
  }

  private isArrowFunctionAhead(): boolean {
    // `x => …`, `async x => …`, `(a, b) => …`, `async (…) => …`. Reads ahead only from a name or '(', so
    // a '[' stays the last token read and a list of numbers can be read in one pass.
    const first = this.peek();
    if (first.kind !== 'name' && !(first.kind === 'op' && first.text === '(')) return false;
    let k = 0;
    if (this.isName('async', k) && this.peek(k + 1).kind !== 'op') k++;
    if (this.peek(k).kind === 'name' && this.isOp('=>', k + 1)) return true;
    if (this.isName('async', k) && this.isOp('(', k + 1)) k++;
    if (!this.isOp('(', k)) return false;
    let depth = 0;
    for (let j = k; j < k + 400; j++) {
      const token = this.peek(j);
      if (token.kind === 'eof') return false;
      const step = bracketStep(token);
      depth += step;
      if (step < 0 && depth === 0) return this.isOp('=>', j + 1);
    }
    return false;
  }

  private binaryPrecedence(token: Token): number | undefined {
    if (token.kind === 'op' || token.kind === 'name') {
      return JS_BINARY.get(token.text);
    }
    return undefined;
  }

  private parseBinary(minPrecedence: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (this.isTypeAssertion(token) && RELATIONAL_PRECEDENCE >= minPrecedence) {
        // TypeScript's `x as tf.Tensor` / `x satisfies T`: the value is x's.
        this.next();
        this.skipType();
        continue;
      }
      const precedence = this.binaryPrecedence(token);
      if (precedence === undefined || precedence < minPrecedence) break;
      this.next();
      const op = token.text;
      this.enter(token.start);
      try {
        const right = this.parseBinary(precedence + 1);
        left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
      } finally {
        this.leave();
      }
    }
    return left;
  }

  private isTypeAssertion(token: Token): boolean {
    return token.kind === 'name' && (token.text === 'as' || token.text === 'satisfies') && !token.newlineBefore;
  }

  /** Reads past a TypeScript type: names, literals, generics, `[]`, bracketed and function types, unions. */
  private skipType(): void {
    for (;;) {
      const token = this.peek();
      if (token.kind === 'name' && TYPE_OPERATORS.has(token.text) && this.peek(1).kind === 'name') {
        this.next();
        continue;
      }
      if (token.kind === 'op' && bracketStep(token) > 0) this.skipBalanced();
      else if (token.kind === 'name' || token.kind === 'string' || token.kind === 'number') this.next();
      else throw this.unexpected('a type');
      for (;;) {
        if (this.isOp('.') && this.peek(1).kind === 'name') {
          this.next();
          this.next();
        } else if (this.isOp('<')) this.skipBalanced();
        else if (this.isOp('[') && this.isOp(']', 1)) {
          this.next();
          this.next();
        } else break;
      }
      if (!(this.isOp('|') || this.isOp('&') || this.isOp('=>'))) return;
      this.next();
    }
  }

  /** From an opening bracket or a generic's `<` to its match. */
  private skipBalanced(): void {
    const open = this.peek();
    let depth = 0;
    do {
      const token = this.next();
      if (token.kind === 'eof') throw new ParseError(`expected '${CLOSERS[open.text]}' to close the '${open.text}' opened at {related}, found the end of the text`, token.start, token.end, open.start);
      depth += typeBracketStep(token);
    } while (depth > 0);
  }

  private parseUnary(): Expr {
    const token = this.peek();
    const isUnaryOp = token.kind === 'op' && (token.text === '-' || token.text === '+' || token.text === '~' || token.text === '!');
    const isWordOp = token.kind === 'name' && (token.text === 'typeof' || token.text === 'void');
    if (isUnaryOp || isWordOp) {
      this.next();
      this.enter(token.start);
      try {
        const operand = this.parseUnary();
        return this.foldUnary(token.text, operand, token.start);
      } finally {
        this.leave();
      }
    }
    // `await x`, also `await(x)`.
    if (token.kind === 'name' && token.text === 'await' && (this.peek(1).kind !== 'op' || this.isOp('(', 1))) {
      this.next();
      this.enter(token.start);
      try {
        const operand = this.parseUnary();
        return { kind: 'await', operand, start: token.start, end: operand.end };
      } finally {
        this.leave();
      }
    }
    return this.parsePower();
  }

  /** `-3` is one number token to later stages: keeps packed number lists packed. */
  private foldUnary(op: string, operand: Expr, start: number): Expr {
    if ((op === '-' || op === '+') && operand.kind === 'number') {
      return { kind: 'number', value: op === '-' ? -operand.value : operand.value, integer: operand.integer, start, end: operand.end };
    }
    return { kind: 'unary', op, operand, start, end: operand.end };
  }

  private parsePower(): Expr {
    const base = this.parsePostfix();
    if (this.isOp('**')) {
      const token = this.next();
      this.enter(token.start);
      try {
        const exponent = this.parseUnary(); // right-associative, binds tighter than a unary on its left
        return { kind: 'binary', op: '**', left: base, right: exponent, start: base.start, end: exponent.end };
      } finally {
        this.leave();
      }
    }
    return base;
  }

  private parsePostfix(): Expr {
    let expr = this.parseAtom();
    for (;;) {
      if (this.isOp('.') || this.isOp('?.')) {
        const dot = this.next();
        if (dot.text === '?.' && (this.isOp('(') || this.isOp('['))) continue;
        const name = this.peek();
        if (name.kind !== 'name') throw this.unexpected(`a name after '${dot.text}'`);
        this.next();
        expr = { kind: 'attribute', object: expr, name: name.text, nameStart: name.start, start: expr.start, end: name.end };
      } else if (this.isOp('(')) {
        expr = this.parseCall(expr, false);
      } else if (this.isOp('[')) {
        const open = this.next();
        this.enter(open.start);
        try {
          const index = this.isOp(']') ? ({ kind: 'opaque', what: 'an empty index', start: open.start, end: open.end } as Expr) : this.parseIndex();
          const close = this.expectClose('[', open);
          expr = { kind: 'index', object: expr, index, start: expr.start, end: close.end };
        } finally {
          this.leave();
        }
      } else if (this.isOp('!') && this.peek().start === expr.end) {
        // TypeScript's non-null assertion `x!`.
        this.next();
      } else {
        return expr;
      }
    }
  }

  private parseIndex(): Expr {
    return this.parseExpression();
  }

  private expectClose(opener: string, open: Token): Token {
    const closer = CLOSERS[opener];
    const token = this.peek();
    if (token.kind === 'op' && token.text === closer) return this.next();
    throw new ParseError(
      `expected '${closer}' to close the '${opener}' opened at {related}, found ${describeToken(token)}`,
      token.start,
      token.end,
      open.start,
    );
  }

  /** A call, tuple, list or object whose next token neither continues it (`,`) nor closes it. */
  private unclosed(closer: string, what: string, open: Token): ParseError {
    const token = this.peek();
    return new ParseError(`expected ',' or '${closer}' to close ${what} opened at {related}, found ${describeToken(token)}`, token.start, token.end, open.start);
  }

  private parseCall(callee: Expr, isNew: boolean): Expr {
    const open = this.next();
    this.enter(open.start);
    try {
      const args: Expr[] = [];
      while (!this.isOp(')')) {
        if (this.isOp('*') || this.isOp('**') || this.isOp('...')) {
          const star = this.next();
          const value = this.parseSingle();
          args.push({ kind: 'opaque', what: `an unpacked argument '${star.text}'`, start: star.start, end: value.end });
        } else {
          args.push(this.parseSingle());
        }
        if (this.isOp(',')) {
          this.next();
          continue;
        }
        if (!this.isOp(')')) throw this.unclosed(')', 'the call', open);
      }
      const close = this.next();
      return { kind: 'call', callee, args, ...(isNew ? { isNew } : {}), start: callee.start, end: close.end };
    } finally {
      this.leave();
    }
  }

  private parseAtom(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'number': {
        if (token.problem) throw new ParseError(token.problem, token.start, token.end);
        this.next();
        return { kind: 'number', value: token.number ?? NaN, integer: token.integer ?? false, start: token.start, end: token.end };
      }
      case 'string': {
        this.next();
        // A template literal with a substitution is text made by running code.
        if (token.text.startsWith('`') && token.text.includes('${')) return { kind: 'opaque', what: 'a template literal with ${…}', start: token.start, end: token.end };
        return { kind: 'string', value: token.string ?? '', start: token.start, end: token.end };
      }
      case 'name':
        return this.parseNameAtom(token);
      case 'op':
        if (token.text === '(') return this.parseParenthesised();
        if (token.text === '[') return this.parseList();
        if (token.text === '{') return this.parseObject();
        break;
      case 'invalid':
        throw new ParseError(token.problem ? `${token.problem}` : `unexpected character '${token.text}'`, token.start, token.end);
      default:
        break;
    }
    throw this.unexpected('a value');
  }

  private parseNameAtom(token: Token): Expr {
    const constants: Readonly<Record<string, boolean | null | undefined>> = { true: true, false: false, null: null, undefined };
    this.next();
    if (Object.prototype.hasOwnProperty.call(constants, token.text)) {
      return { kind: 'constant', value: constants[token.text], start: token.start, end: token.end };
    }
    if (token.text === 'new') {
      const callee = this.parseNewCallee();
      if (this.isOp('(')) return this.parseCall(callee, true);
      return { kind: 'call', callee, args: [], isNew: true, start: token.start, end: callee.end };
    }
    return { kind: 'name', name: token.text, start: token.start, end: token.end };
  }

  private parseNewCallee(): Expr {
    let expr = this.parseAtom();
    while (this.isOp('.')) {
      this.next();
      const name = this.peek();
      if (name.kind !== 'name') throw this.unexpected("a name after '.'");
      this.next();
      expr = { kind: 'attribute', object: expr, name: name.text, nameStart: name.start, start: expr.start, end: name.end };
    }
    return expr;
  }

  private parseParenthesised(): Expr {
    const open = this.next();
    this.enter(open.start);
    try {
      if (this.isOp(')')) {
        const close = this.next();
        return { kind: 'list', items: [], tuple: true, start: open.start, end: close.end };
      }
      const first = this.parseSingle();
      if (this.isOp(')')) {
        this.next();
        return first;
      }
      if (!this.isOp(',')) throw this.unclosed(')', "the '('", open);
      const items = [first];
      while (this.isOp(',')) {
        this.next();
        if (this.isOp(')')) break;
        items.push(this.parseSingle());
      }
      const close = this.expectClose('(', open);
      return this.packList(items, true, open.start, close.end);
    } finally {
      this.leave();
    }
  }

  private parseList(): Expr {
    const block = this.tryNumberBlock();
    if (block) return block;
    const open = this.next();
    this.enter(open.start);
    try {
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        items.push(this.parseSingle());
        if (this.isOp(',')) {
          this.next();
          continue;
        }
        if (this.isOp(']')) break;
        throw this.unclosed(']', "the '['", open);
      }
      const close = this.next();
      return this.packList(items, false, open.start, close.end);
    } finally {
      this.leave();
    }
  }

  /** A list of plain numbers read straight from the text, when the '[' is next and nothing was read past it. */
  private tryNumberBlock(): Expr | undefined {
    const open = this.peek();
    if (this.buffer.length - this.head !== 1 || this.lexer.offset !== open.end) return undefined;
    let block;
    try {
      block = this.lexer.scanNumberBlock(open.start, this.maxElements);
    } catch (error) {
      if (error instanceof BlockTooLarge) {
        throw new ParseError(
          `this list has more than ${this.maxElements.toLocaleString('en-US')} numbers; Activation Lens evaluates at most ${this.maxElements.toLocaleString('en-US')}`,
          open.start,
          open.end,
          undefined,
          true,
        );
      }
      throw error;
    }
    if (!block) return undefined;
    this.next();
    this.lexer.finishBlock(block.end);
    return { kind: 'numbers', values: block.values, shape: block.shape, integer: block.integer, tuple: false, start: block.start, end: block.end };
  }

  private packList(items: Expr[], tuple: boolean, start: number, end: number): Expr {
    if (items.length > 0 && items.every((item) => item.kind === 'number')) {
      const values = new Float64Array(items.length);
      let integer = true;
      items.forEach((item, i) => {
        if (item.kind !== 'number') return;
        values[i] = item.value;
        integer &&= item.integer;
      });
      return { kind: 'numbers', values, shape: [items.length], integer, tuple, start, end };
    }
    return { kind: 'list', items, tuple, start, end };
  }

  private parseObject(): Expr {
    const open = this.next();
    this.enter(open.start);
    try {
      const entries: ObjectEntry[] = [];
      while (!this.isOp('}')) {
        const key = this.peek();
        if (this.isOp('...') || this.isOp('**')) {
          this.next();
          this.parseSingle();
          throw new ParseError('spread entries in an object are not supported', key.start, key.end);
        }
        let name: string;
        if (key.kind === 'name' || key.kind === 'number') name = key.text;
        else if (key.kind === 'string') name = key.string ?? '';
        else throw this.unexpected('a key');
        this.next();
        if ((this.isOp(',') || this.isOp('}')) && key.kind === 'name') {
          // Shorthand `{ alpha }`.
          entries.push({ name, value: { kind: 'name', name, start: key.start, end: key.end }, start: key.start, end: key.end });
        } else {
          this.expectOp(':', `after the key ${describeToken(key)}`);
          const value = this.parseSingle();
          entries.push({ name, value, start: key.start, end: value.end });
        }
        if (this.isOp(',')) {
          this.next();
          continue;
        }
        if (!this.isOp('}')) throw this.unclosed('}', "the '{'", open);
      }
      const close = this.next();
      return { kind: 'object', entries, start: open.start, end: close.end };
    } finally {
      this.leave();
    }
  }
}

/** The dotted path of a name or attribute chain (`tf.keras.activations.relu` → its parts), or undefined. */
export function dottedPath(expr: Expr): string[] | undefined {
  if (expr.kind === 'name') return [expr.name];
  if (expr.kind === 'attribute') {
    const base = dottedPath(expr.object);
    return base && [...base, expr.name];
  }
  return undefined;
}
