// A recursive-descent parser from tokens to the syntax tree, following CPython 3.11's grammar for the
// statements and the full expression language (lambda, conditional expressions, comprehensions, chained
// comparisons, `not in` / `is not`, slices, starred and keyword arguments, f-strings). A module is read one
// top-level statement at a time: a statement that does not parse becomes a positioned SyntaxError and
// reading resumes at the next top-level line, so one typo never hides the rest of a file.
import type { BinaryOperator, CompareOperator, Comprehension, ExceptHandler, Expr, FStringPart, ImportName, Keyword, Parameter, Parameters, Stmt } from './ast';
import { ELLIPSIS } from './ast';
import { PySyntaxError, Refusal, type Span } from './errors';
import { PyLexer, lineNumberAt, type PyToken } from './lexer';
import { decodePythonEscapes } from '../valuesLexer';

export type ModuleItem = { readonly kind: 'stmt'; readonly stmt: Stmt } | { readonly kind: 'error'; readonly error: PySyntaxError | Refusal; readonly start: number; readonly end: number };

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
]);

const AUGMENTED: ReadonlyMap<string, BinaryOperator> = new Map(
  (['+', '-', '*', '/', '//', '%', '**', '@', '<<', '>>', '&', '|', '^'] as const).map((op) => [`${op}=`, op]),
);

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** The statement that needs a block, as CPython names it in "expected an indented block after …". */
type BlockOwner = string;

/** Parses a whole module; never throws. */
export function parseModule(source: string): ModuleItem[] {
  const items: ModuleItem[] = [];
  let offset = 0;
  for (let guard = 0; guard <= source.length + 1; guard++) {
    const parser = new Parser(source, offset);
    let resumeAt: number | undefined;
    try {
      for (;;) {
        if (parser.atEnd()) return items;
        for (const stmt of parser.topLevelStatement()) items.push({ kind: 'stmt', stmt });
      }
    } catch (error) {
      if (error instanceof RangeError) {
        // Deeper than the JavaScript stack lets a recursive-descent parser go: refused, with the rest read on.
        const start = parser.statementStart;
        items.push({ kind: 'error', error: new Refusal('this statement is nested too deeply for Activation Lens to read', { start, end: start }, true), start, end: start });
        resumeAt = resumePoint(source, start);
        if (resumeAt >= source.length) return items;
        offset = resumeAt;
        continue;
      }
      let syntax = error instanceof PySyntaxError ? error : undefined;
      if (!syntax) throw error;
      const start = parser.statementStart;
      const magic = ipythonCommand(source, start);
      if (magic) {
        items.push({ kind: 'error', error: new Refusal(magic.message, magic.span), start, end: magic.span.end });
        resumeAt = resumePoint(source, start);
        if (resumeAt >= source.length) return items;
        offset = resumeAt;
        continue;
      }
      // As CPython does, a parser's error gives way to an error the tokenizer finds later (an unclosed bracket).
      if (!syntax.tokenizer) {
        const later = parser.laterTokenizerError();
        // An unclosed bracket counts only when it opened on an earlier line than the furthest token read.
        const furthest = Math.max(parser.furthest, syntax.start);
        if (later && (!later.unclosedBracket || lineNumberAt(source, later.start) < lineNumberAt(source, furthest))) syntax = later;
      }
      resumeAt = resumePoint(source, Math.max(syntax.start, start));
      items.push({ kind: 'error', error: syntax, start, end: Math.max(syntax.end, start) });
    }
    if (resumeAt >= source.length) return items;
    offset = resumeAt;
  }
  return items;
}

/**
 * The top-level statements of the logical line or compound statement at `start` (a column-0 line start outside
 * any bracket), read as `parseModule` reads them there, and where the next one begins; undefined when they do
 * not parse.
 */
export function parseStatementAt(source: string, start: number): { readonly statements: readonly Stmt[]; readonly next: number } | undefined {
  try {
    const parser = new Parser(source, start);
    const statements = parser.topLevelStatement();
    return { statements, next: parser.peek().start };
  } catch {
    return undefined;
  }
}

/**
 * A notebook's IPython line at `start` (`!pip install …`, `%matplotlib inline`, `%%time`): not Python, so it
 * is refused by name rather than reported as CPython's SyntaxError.
 */
function ipythonCommand(source: string, start: number): { message: string; span: Span } | undefined {
  const lineEnd = source.indexOf('\n', start);
  const line = source.slice(start, lineEnd === -1 ? source.length : lineEnd);
  const match = /^([ \t]*)(!|%%?)(\S*)/.exec(line);
  if (!match) return undefined;
  const span = { start: start + match[1].length, end: start + line.trimEnd().length };
  const what = match[2] === '!' ? `the shell command \`!${match[3]}\`` : `the magic \`${match[2]}${match[3]}\``;
  return { message: `${what} is IPython, not Python; Activation Lens does not run it`, span };
}

/**
 * Where reading resumes after a syntax error at `at`: the first line after the error's line that starts at
 * column 0 with a statement (not a comment, a closing bracket, or a clause of the broken statement).
 */
function resumePoint(source: string, at: number): number {
  let lineEnd = source.indexOf('\n', at);
  while (lineEnd !== -1) {
    const next = lineEnd + 1;
    const c = source[next];
    const rest = source.slice(next, next + 9);
    const clause = /^(else|elif|except|finally)\b/.test(rest);
    if (next < source.length && c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '#' && c !== ')' && c !== ']' && c !== '}' && !clause) return next;
    lineEnd = source.indexOf('\n', next);
  }
  return source.length;
}

class Parser {
  private readonly lexer: PyLexer;
  private readonly buffer: PyToken[] = [];
  /** Where the statement being read began (for the error item). */
  statementStart: number;
  /** Function nesting, for `return` outside a function. */
  private functionDepth = 0;
  /** Loop nesting within the current function, for `break` outside a loop. */
  private loopDepth = 0;

  constructor(
    private readonly source: string,
    start: number,
    lexer?: PyLexer,
  ) {
    this.lexer = lexer ?? new PyLexer(source, start);
    this.statementStart = start;
  }

  // -- tokens -------------------------------------------------------------------------------------------

  peek(ahead = 0): PyToken {
    while (this.buffer.length <= ahead) {
      const last = this.buffer[this.buffer.length - 1];
      if (last?.kind === 'eof') return last;
      const token = this.lexer.next();
      this.furthest = token.start;
      this.buffer.push(token);
    }
    return this.buffer[ahead];
  }

  next(): PyToken {
    const token = this.peek();
    if (token.kind !== 'eof') this.buffer.shift();
    return token;
  }

  /** Where the furthest token read starts (CPython weighs an unclosed bracket against its line). */
  furthest = 0;

  /** Reads the rest of the tokens for an error the tokenizer would report (CPython checks the whole source). */
  laterTokenizerError(): PySyntaxError | undefined {
    try {
      for (let token = this.lexer.next(); token.kind !== 'eof'; token = this.lexer.next());
    } catch (error) {
      if (error instanceof PySyntaxError) return error;
    }
    return undefined;
  }

  position(): number {
    return this.buffer[0]?.start ?? 0;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  private isOp(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'op' && token.text === text;
  }

  private isKeyword(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'name' && token.text === text;
  }

  private acceptOp(text: string): PyToken | undefined {
    return this.isOp(text) ? this.next() : undefined;
  }

  private expectOp(text: string, message = text === ':' ? "expected ':'" : 'invalid syntax'): PyToken {
    if (this.isOp(text)) return this.next();
    throw this.error(message);
  }

  private expectKeyword(text: string): PyToken {
    if (this.isKeyword(text)) return this.next();
    throw this.error('invalid syntax');
  }

  private error(message: string, token = this.peek()): PySyntaxError {
    return new PySyntaxError(message, token.start, Math.max(token.end, token.start));
  }

  private expectName(): PyToken {
    const token = this.peek();
    if (token.kind !== 'name' || KEYWORDS.has(token.text)) throw this.error('invalid syntax');
    return this.next();
  }

  // -- statements ---------------------------------------------------------------------------------------

  topLevelStatement(): Stmt[] {
    const first = this.peek();
    this.statementStart = first.start;
    if (first.kind === 'indent') throw new PySyntaxError('unexpected indent', first.end - 1, first.end, 'IndentationError');
    return this.statement();
  }

  private statement(): Stmt[] {
    const token = this.peek();
    if (token.kind === 'name') {
      switch (token.text) {
        case 'def':
          return [this.functionDef()];
        case 'if':
          return [this.ifStatement()];
        case 'while':
          return [this.whileStatement()];
        case 'for':
          return [this.forStatement()];
        case 'try':
          return [this.tryStatement()];
        case 'class':
          return [this.unsupportedBlock('a class definition', 'class definition')];
        case 'with':
          return [this.unsupportedBlock('a `with` statement', "'with' statement")];
        case 'async':
          return [this.unsupportedBlock('`async` code', "'async' statement")];
        case 'match':
          if (this.isMatchStatement()) return [this.unsupportedBlock('a `match` statement', "'match' statement")];
          break;
        default:
          break;
      }
    }
    if (token.kind === 'op' && token.text === '@') return [this.decorated()];
    return this.simpleStatements();
  }

  private isMatchStatement(): boolean {
    // `match` is a soft keyword: a statement when followed by a subject and a colon at the end of the line.
    const next = this.peek(1);
    if (next.kind === 'newline' || (next.kind === 'op' && ['=', '.', '(', ',', ')', '[', ':'].includes(next.text) && next.text !== '(' && next.text !== '[')) return false;
    for (let k = 1; k < 200; k++) {
      const token = this.peek(k);
      if (token.kind === 'newline' || token.kind === 'eof') return this.isOp(':', k - 1);
    }
    return false;
  }

  private simpleStatements(): Stmt[] {
    const statements: Stmt[] = [this.simpleStatement()];
    while (this.acceptOp(';')) {
      if (this.peek().kind === 'newline' || this.peek().kind === 'eof') break;
      statements.push(this.simpleStatement());
    }
    this.endOfLine();
    return statements;
  }

  private endOfLine(): void {
    const token = this.peek();
    if (token.kind === 'newline') {
      this.next();
      return;
    }
    if (token.kind === 'eof') return;
    throw this.error('invalid syntax');
  }

  private simpleStatement(): Stmt {
    const token = this.peek();
    const start = token.start;
    if (token.kind === 'name') {
      switch (token.text) {
        case 'pass':
        case 'break':
        case 'continue': {
          this.next();
          if (token.text === 'break' && this.loopDepth === 0) throw new PySyntaxError("'break' outside loop", start, token.end);
          if (token.text === 'continue' && this.loopDepth === 0) throw new PySyntaxError("'continue' not properly in loop", start, token.end);
          return { kind: token.text, start, end: token.end };
        }
        case 'return': {
          this.next();
          if (this.functionDepth === 0) throw new PySyntaxError("'return' outside function", start, token.end);
          if (this.atStatementEnd()) return { kind: 'return', start, end: token.end };
          const value = this.starExpressions();
          return { kind: 'return', value, start, end: value.end };
        }
        case 'raise': {
          this.next();
          if (this.atStatementEnd()) return { kind: 'raise', start, end: token.end };
          const exc = this.expression();
          if (this.isKeyword('from')) {
            this.next();
            const cause = this.expression();
            return { kind: 'raise', exc, cause, start, end: cause.end };
          }
          return { kind: 'raise', exc, start, end: exc.end };
        }
        case 'assert': {
          this.next();
          const test = this.expression();
          if (this.acceptOp(',')) {
            const msg = this.expression();
            return { kind: 'assert', test, msg, start, end: msg.end };
          }
          return { kind: 'assert', test, start, end: test.end };
        }
        case 'del': {
          this.next();
          const targets = [this.bitwiseOr()];
          while (this.acceptOp(',')) {
            if (this.atStatementEnd()) break;
            targets.push(this.bitwiseOr());
          }
          for (const target of targets) this.checkTarget(target, 'delete');
          return { kind: 'delete', targets, start, end: targets[targets.length - 1].end };
        }
        case 'import':
          return this.importStatement();
        case 'from':
          return this.fromImport();
        case 'global':
        case 'nonlocal': {
          this.next();
          const names = [this.expectName()];
          while (this.acceptOp(',')) names.push(this.expectName());
          return { kind: 'unsupported', what: `a \`${token.text}\` declaration`, binds: [], start, end: names[names.length - 1].end };
        }
        case 'print': {
          // Python 2's print statement: CPython 3's own hint.
          const next = this.peek(1);
          if (next.kind === 'string' || next.kind === 'number' || (next.kind === 'name' && !KEYWORDS.has(next.text))) {
            throw new PySyntaxError("Missing parentheses in call to 'print'. Did you mean print(...)?", start, next.end);
          }
          break;
        }
        default:
          break;
      }
    }
    return this.expressionStatement();
  }

  private atStatementEnd(): boolean {
    const token = this.peek();
    return token.kind === 'newline' || token.kind === 'eof' || (token.kind === 'op' && token.text === ';');
  }

  private expressionStatement(): Stmt {
    const start = this.peek().start;
    const first = this.starExpressions(true);
    const op = this.peek();
    if (op.kind === 'op' && op.text === ':' ) {
      // `x: float = 0.5`: the annotation is not evaluated (nothing in the subset depends on it).
      this.checkTarget(first, 'annotated');
      this.next();
      this.expression();
      if (this.acceptOp('=')) {
        const value = this.starExpressions(true);
        return { kind: 'annassign', target: first, value, start, end: value.end };
      }
      return { kind: 'annassign', target: first, start, end: first.end };
    }
    const augmented = op.kind === 'op' ? AUGMENTED.get(op.text) : undefined;
    if (augmented) {
      this.checkTarget(first, 'augmented');
      this.next();
      const value = this.starExpressions(true);
      return { kind: 'augassign', target: first, op: augmented, value, start, end: value.end };
    }
    if (op.kind === 'op' && op.text === '=') {
      const targets = [first];
      let value = first;
      while (this.acceptOp('=')) {
        value = this.starExpressions(true);
        targets.push(value);
      }
      targets.pop();
      // CPython's hint about '==' is for a single '='.
      for (const target of targets) this.checkTarget(target, targets.length > 1 ? 'chained' : 'assign');
      return { kind: 'assign', targets, value, start, end: value.end };
    }
    if (first.kind === 'starred') throw new PySyntaxError("can't use starred expression here", first.start, first.end);
    return { kind: 'expr', value: first, start, end: first.end };
  }

  /** CPython's complaints about what cannot be assigned to (`f() = 1`, `1 = x`). */
  private checkTarget(target: Expr, context: 'assign' | 'chained' | 'augmented' | 'annotated' | 'delete' | 'for'): void {
    switch (target.kind) {
      case 'name':
      case 'attribute':
      case 'subscript':
        return;
      case 'tuple':
      case 'list':
        if (context === 'augmented') throw new PySyntaxError(`'${target.kind}' is an illegal expression for augmented assignment`, target.start, target.end);
        if (context === 'annotated') throw new PySyntaxError(`only single target (not ${target.kind}) can be annotated`, target.start, target.end);
        if (context !== 'delete' && target.elts.filter((element) => element.kind === 'starred').length > 1) throw new PySyntaxError('multiple starred expressions in assignment', target.start, target.end);
        for (const element of target.elts) this.checkTarget(element.kind === 'starred' && context !== 'delete' ? element.value : element, context);
        return;
      case 'starred':
        if (context === 'assign' || context === 'chained' || context === 'for') throw new PySyntaxError('starred assignment target must be in a list or tuple', target.start, target.end);
        break;
      default:
        break;
    }
    const what = describeTarget(target);
    if (context === 'delete') throw new PySyntaxError(`cannot delete ${what}`, target.start, target.end);
    if (context === 'augmented') throw new PySyntaxError(`'${what}' is an illegal expression for augmented assignment`, target.start, target.end);
    const hint = context === 'assign' && target.kind !== 'lambda' && target.kind !== 'namedexpr' ? " here. Maybe you meant '==' instead of '='?" : '';
    throw new PySyntaxError(`cannot assign to ${what}${hint}`, target.start, target.end);
  }

  private importStatement(): Stmt {
    const start = this.next().start;
    const names: ImportName[] = [];
    do {
      names.push(this.importName(this.dottedName()));
    } while (this.acceptOp(','));
    return { kind: 'import', names, start, end: names[names.length - 1].end };
  }

  /** A name imported, with its `as` alias when there is one. */
  private importName(name: { text: string; start: number; end: number }): ImportName {
    if (!this.isKeyword('as')) return { name: name.text, start: name.start, end: name.end };
    this.next();
    const alias = this.expectName();
    return { name: name.text, asname: alias.text, start: name.start, end: alias.end };
  }

  private fromImport(): Stmt {
    const start = this.next().start;
    let level = 0;
    for (;;) {
      if (this.acceptOp('.')) level++;
      else if (this.acceptOp('...')) level += 3;
      else break;
    }
    const module = this.isKeyword('import') ? '' : this.dottedName().text;
    const importToken = this.expectKeyword('import');
    if (this.isOp('*')) {
      const star = this.next();
      return { kind: 'importfrom', module, level, names: '*', start, end: star.end };
    }
    const parenthesised = this.acceptOp('(');
    const names: ImportName[] = [];
    for (;;) {
      if (parenthesised && this.isOp(')')) break;
      names.push(this.importName(this.expectName()));
      if (!this.acceptOp(',')) break;
      if (!parenthesised && this.atStatementEnd()) throw this.error('trailing comma not allowed without surrounding parentheses');
    }
    let end = names.length ? names[names.length - 1].end : importToken.end;
    if (parenthesised) end = this.expectOp(')').end;
    if (!names.length) throw this.error('invalid syntax');
    return { kind: 'importfrom', module, level, names, start, end };
  }

  private dottedName(): { text: string; start: number; end: number } {
    const first = this.expectName();
    let text = first.text;
    let end = first.end;
    while (this.isOp('.')) {
      this.next();
      const part = this.expectName();
      text += `.${part.text}`;
      end = part.end;
    }
    return { text, start: first.start, end };
  }

  /** `:` then an indented block, or simple statements on the same line. */
  private block(owner: BlockOwner, ownerStart: number): Stmt[] {
    this.expectOp(':');
    if (this.peek().kind !== 'newline') return this.simpleStatements();
    this.next();
    const indent = this.peek();
    if (indent.kind !== 'indent') {
      throw new PySyntaxError(`expected an indented block after ${owner} on line ${lineNumberAt(this.source, ownerStart)}`, indent.start, indent.end, 'IndentationError');
    }
    this.next();
    const body: Stmt[] = [];
    while (this.peek().kind !== 'dedent' && this.peek().kind !== 'eof') {
      if (this.peek().kind === 'indent') throw new PySyntaxError('unexpected indent', this.peek().end - 1, this.peek().end, 'IndentationError');
      body.push(...this.statement());
    }
    if (this.peek().kind === 'dedent') this.next();
    return body;
  }

  private ifStatement(): Stmt {
    const keyword = this.next();
    const test = this.namedExpression();
    const body = this.block(`'${keyword.text}' statement`, keyword.start);
    let orelse: Stmt[] = [];
    if (this.isKeyword('elif')) {
      orelse = [this.ifStatement()];
    } else if (this.isKeyword('else')) {
      const elseToken = this.next();
      orelse = this.block("'else' statement", elseToken.start);
    }
    return { kind: 'if', test, body, orelse, start: keyword.start, end: lastEnd(orelse.length ? orelse : body, test.end) };
  }

  private whileStatement(): Stmt {
    const keyword = this.next();
    const test = this.namedExpression();
    const body = this.loopBody("'while' statement", keyword.start);
    const orelse = this.elseClause();
    return { kind: 'while', test, body, orelse, start: keyword.start, end: lastEnd(orelse.length ? orelse : body, test.end) };
  }

  private forStatement(): Stmt {
    const keyword = this.next();
    const target = this.targetList();
    this.checkTarget(target, 'for');
    this.expectKeyword('in');
    const iter = this.starExpressions();
    const body = this.loopBody("'for' statement", keyword.start);
    const orelse = this.elseClause();
    return { kind: 'for', target, iter, body, orelse, start: keyword.start, end: lastEnd(orelse.length ? orelse : body, iter.end) };
  }

  private loopBody(owner: BlockOwner, start: number): Stmt[] {
    this.loopDepth++;
    try {
      return this.block(owner, start);
    } finally {
      this.loopDepth--;
    }
  }

  private elseClause(): Stmt[] {
    if (!this.isKeyword('else')) return [];
    const elseToken = this.next();
    return this.block("'else' statement", elseToken.start);
  }

  /** A `for` target: a star_targets list up to `in`. */
  private targetList(): Expr {
    const first = this.targetElement();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.acceptOp(',')) {
      if (this.isKeyword('in')) break;
      elts.push(this.targetElement());
    }
    return { kind: 'tuple', elts, start: first.start, end: elts[elts.length - 1].end };
  }

  private targetElement(): Expr {
    return this.starred(() => this.bitwiseOr());
  }

  /** `*value`, or what `plain` reads. */
  private starred(plain: () => Expr): Expr {
    if (!this.isOp('*')) return plain();
    const star = this.next();
    const value = this.bitwiseOr();
    return { kind: 'starred', value, start: star.start, end: value.end };
  }

  private tryStatement(): Stmt {
    const keyword = this.next();
    const body = this.block("'try' statement", keyword.start);
    const handlers: ExceptHandler[] = [];
    while (this.isKeyword('except')) {
      const except = this.next();
      if (this.isOp('*')) throw this.error('except* (exception groups) is not supported');
      let type: Expr | undefined;
      let name: string | undefined;
      if (!this.isOp(':')) {
        type = this.expression();
        if (this.isOp(',')) throw new PySyntaxError('multiple exception types must be parenthesized', type.start, this.peek().end);
        if (this.isKeyword('as')) {
          this.next();
          name = this.expectName().text;
        }
      }
      const handlerBody = this.block("'except' statement", except.start);
      handlers.push({ type, name, body: handlerBody, start: except.start, end: lastEnd(handlerBody, except.end) });
    }
    const orelse = handlers.length ? this.elseClause() : [];
    let finalbody: Stmt[] = [];
    if (this.isKeyword('finally')) {
      const finallyToken = this.next();
      finalbody = this.block("'finally' statement", finallyToken.start);
    }
    if (!handlers.length && !finalbody.length) throw this.error("expected 'except' or 'finally' block");
    const last = finalbody.length ? finalbody : orelse.length ? orelse : handlers.length ? handlers[handlers.length - 1].body : body;
    return { kind: 'try', body, handlers, orelse, finalbody, start: keyword.start, end: lastEnd(last, keyword.end) };
  }

  private functionDef(): Stmt {
    const keyword = this.next();
    const name = this.expectName();
    this.expectOp('(', "expected '('");
    const params = this.parameters(')', true);
    this.expectOp(')');
    if (this.acceptOp('->')) this.expression();
    const headerEnd = this.peek().end;
    const savedLoops = this.loopDepth;
    this.functionDepth++;
    this.loopDepth = 0;
    let body: Stmt[];
    try {
      body = this.block('function definition', keyword.start);
    } finally {
      this.functionDepth--;
      this.loopDepth = savedLoops;
    }
    return { kind: 'def', name: name.text, nameStart: name.start, params, body, headerEnd, start: keyword.start, end: lastEnd(body, headerEnd) };
  }

  /** A block whose construct is outside the subset: read whole (so the module goes on), run as a refusal. */
  private unsupportedBlock(what: string, owner: BlockOwner): Stmt {
    const keyword = this.next();
    const binds: string[] = [];
    if (keyword.text === 'class' && this.peek().kind !== 'name') throw this.error('invalid syntax');
    if ((keyword.text === 'class' || keyword.text === 'async') && this.peek().kind === 'name') {
      if (keyword.text === 'async' && this.isKeyword('def')) this.next();
      if (this.peek().kind === 'name') binds.push(this.peek().text);
    }
    // The header up to its `:`, brackets balanced by the lexer; `as` targets bind names.
    let last = keyword;
    while (!(this.isOp(':') && this.peek(1).kind === 'newline') && this.peek().kind !== 'newline' && this.peek().kind !== 'eof') {
      if (this.isKeyword('as') && this.peek(1).kind === 'name') {
        this.next();
        binds.push(this.peek().text);
      }
      last = this.next();
      if (last.kind === 'op' && last.text === ':' && this.peek().kind !== 'newline') {
        // A body on the header's line.
        this.simpleStatements();
        return { kind: 'unsupported', what, binds, start: keyword.start, end: last.end };
      }
    }
    this.functionDepth++;
    this.loopDepth++;
    try {
      const body = this.block(owner, keyword.start);
      return { kind: 'unsupported', what, binds, start: keyword.start, end: lastEnd(body, last.end) };
    } finally {
      this.functionDepth--;
      this.loopDepth--;
    }
  }

  private decorated(): Stmt {
    const at = this.peek();
    while (this.isOp('@')) {
      this.next();
      this.namedExpression();
      this.endOfLine();
    }
    if (!this.isKeyword('def') && !this.isKeyword('class') && !this.isKeyword('async')) throw this.error('invalid syntax');
    const inner = this.isKeyword('def') ? this.functionDef() : this.unsupportedBlock('a class definition', 'class definition');
    const binds = inner.kind === 'def' ? [inner.name] : inner.kind === 'unsupported' ? inner.binds : [];
    return { kind: 'unsupported', what: 'a decorated function', binds, start: at.start, end: inner.end };
  }

  /** Parameters of a def (`closer` ')') or a lambda (`closer` ':'); annotations only in a def. */
  private parameters(closer: string, annotations: boolean): Parameters {
    const positionalOnly: Parameter[] = [];
    let positional: Parameter[] = [];
    const keywordOnly: Parameter[] = [];
    let vararg: Parameter | undefined;
    let kwarg: Parameter | undefined;
    let sawStar = false;
    let sawDefault = false;
    const seen = new Set<string>();
    const checkDuplicate = (token: PyToken): void => {
      if (seen.has(token.text)) throw new PySyntaxError(`duplicate argument '${token.text}' in function definition`, token.start, token.end);
      seen.add(token.text);
    };
    const annotation = (): void => {
      if (annotations && this.acceptOp(':')) this.expression();
    };
    while (!this.isOp(closer)) {
      if (kwarg) throw this.error('arguments cannot follow var-keyword argument');
      if (this.isOp('/')) {
        const slash = this.next();
        if (sawStar || positionalOnly.length || !positional.length) throw new PySyntaxError(positional.length ? '/ may appear only once' : 'at least one argument must precede /', slash.start, slash.end);
        positionalOnly.push(...positional);
        positional = [];
      } else if (this.isOp('**')) {
        this.next();
        const name = this.expectName();
        checkDuplicate(name);
        annotation();
        kwarg = { name: name.text, start: name.start, end: name.end };
      } else if (this.isOp('*')) {
        const star = this.next();
        if (sawStar) throw new PySyntaxError('* argument may appear only once', star.start, star.end);
        sawStar = true;
        if (this.peek().kind === 'name') {
          const name = this.expectName();
          checkDuplicate(name);
          annotation();
          vararg = { name: name.text, start: name.start, end: name.end };
        } else if (this.isOp(closer) || (this.isOp(',') && this.isOp(closer, 1))) {
          throw new PySyntaxError('named arguments must follow bare *', star.start, star.end);
        }
      } else {
        const name = this.expectName();
        checkDuplicate(name);
        annotation();
        let defaultValue: Expr | undefined;
        if (this.acceptOp('=')) defaultValue = this.expression();
        const parameter: Parameter = { name: name.text, start: name.start, end: defaultValue?.end ?? name.end, ...(defaultValue ? { default: defaultValue } : {}) };
        if (sawStar) {
          keywordOnly.push(parameter);
        } else {
          if (defaultValue) sawDefault = true;
          else if (sawDefault) throw new PySyntaxError('non-default argument follows default argument', name.start, name.end);
          positional.push(parameter);
        }
      }
      if (!this.acceptOp(',')) break;
    }
    return { positionalOnly, positional, keywordOnly, ...(vararg ? { vararg } : {}), ...(kwarg ? { kwarg } : {}) };
  }

  // -- expressions --------------------------------------------------------------------------------------

  /** star_expressions: one expression, or a tuple of them (`a, b`, `*rest, last`). */
  private starExpressions(allowStarredAlone = false): Expr {
    const first = this.starExpression();
    if (!this.isOp(',')) {
      if (first.kind === 'starred' && !allowStarredAlone) throw new PySyntaxError("can't use starred expression here", first.start, first.end);
      return first;
    }
    const elts = [first];
    let end = first.end;
    while (this.isOp(',')) {
      end = this.next().end;
      if (this.atTupleEnd()) break;
      const element = this.starExpression();
      elts.push(element);
      end = element.end;
    }
    return { kind: 'tuple', elts, start: first.start, end };
  }

  private atTupleEnd(): boolean {
    const token = this.peek();
    if (token.kind === 'newline' || token.kind === 'eof') return true;
    return token.kind === 'op' && [')', ']', '}', '=', ';', ':'].includes(token.text) || (token.kind === 'op' && AUGMENTED.has(token.text)) || (token.kind === 'name' && token.text === 'in');
  }

  private starExpression(): Expr {
    return this.starred(() => this.namedExpression());
  }

  /** `name := value` or an expression. */
  private namedExpression(): Expr {
    const token = this.peek();
    if (token.kind === 'name' && this.isOp(':=', 1) && !KEYWORDS.has(token.text)) {
      this.next();
      this.next();
      const value = this.expression();
      return { kind: 'namedexpr', target: { kind: 'name', id: token.text, start: token.start, end: token.end }, value, start: token.start, end: value.end };
    }
    const expr = this.expression();
    if (this.isOp(':=')) throw new PySyntaxError(`cannot use assignment expressions with ${describeTarget(expr)}`, expr.start, expr.end);
    return expr;
  }

  expression(): Expr {
    if (this.isKeyword('lambda')) return this.lambda();
    const body = this.disjunction();
    if (this.isKeyword('if')) {
      this.next();
      const test = this.disjunction();
      if (!this.isKeyword('else')) throw new PySyntaxError("expected 'else' after 'if' expression", body.start, this.peek().start);
      this.next();
      const orelse = this.expression();
      return { kind: 'ifexp', test, body, orelse, start: body.start, end: orelse.end };
    }
    return body;
  }

  private lambda(): Expr {
    const keyword = this.next();
    const params = this.parameters(':', false);
    this.expectOp(':');
    this.functionDepth++;
    const savedLoops = this.loopDepth;
    this.loopDepth = 0;
    try {
      const body = this.expression();
      return { kind: 'lambda', params, body, start: keyword.start, end: body.end };
    } finally {
      this.functionDepth--;
      this.loopDepth = savedLoops;
    }
  }

  private disjunction(): Expr {
    return this.booleanChain('or', () => this.conjunction());
  }

  private conjunction(): Expr {
    return this.booleanChain('and', () => this.inversion());
  }

  /** `a or b or c` (one BoolOp node, as CPython's ast has), or the operand alone. */
  private booleanChain(op: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    if (!this.isKeyword(op)) return first;
    const values = [first];
    while (this.isKeyword(op)) {
      this.next();
      values.push(operand());
    }
    return { kind: 'boolop', op, values, start: first.start, end: values[values.length - 1].end };
  }

  private inversion(): Expr {
    if (this.isKeyword('not')) {
      const not = this.next();
      const operand = this.inversion();
      return { kind: 'unary', op: 'not', operand, start: not.start, end: operand.end };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.bitwiseOr();
    const ops: CompareOperator[] = [];
    const comparators: Expr[] = [];
    for (;;) {
      const token = this.peek();
      let op: CompareOperator | undefined;
      if (token.kind === 'op' && COMPARE_OPS.has(token.text)) {
        this.next();
        op = token.text as CompareOperator;
      } else if (token.kind === 'name' && token.text === 'in') {
        this.next();
        op = 'in';
      } else if (token.kind === 'name' && token.text === 'not' && this.isKeyword('in', 1)) {
        this.next();
        this.next();
        op = 'not in';
      } else if (token.kind === 'name' && token.text === 'is') {
        this.next();
        op = this.isKeyword('not') ? (this.next(), 'is not') : 'is';
      }
      if (!op) break;
      ops.push(op);
      comparators.push(this.bitwiseOr());
    }
    if (!ops.length) return left;
    return { kind: 'compare', left, ops, comparators, start: left.start, end: comparators[comparators.length - 1].end };
  }

  private binaryLevel(operators: readonly string[], operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op' || !operators.includes(token.text)) return left;
      this.next();
      const right = operand();
      left = { kind: 'binop', op: token.text as BinaryOperator, left, right, opStart: token.start, start: left.start, end: right.end };
    }
  }

  private bitwiseOr(): Expr {
    return this.binaryLevel(['|'], () => this.bitwiseXor());
  }

  private bitwiseXor(): Expr {
    return this.binaryLevel(['^'], () => this.bitwiseAnd());
  }

  private bitwiseAnd(): Expr {
    return this.binaryLevel(['&'], () => this.shift());
  }

  private shift(): Expr {
    return this.binaryLevel(['<<', '>>'], () => this.sum());
  }

  private sum(): Expr {
    return this.binaryLevel(['+', '-'], () => this.term());
  }

  private term(): Expr {
    return this.binaryLevel(['*', '/', '//', '%', '@'], () => this.factor());
  }

  private factor(): Expr {
    const token = this.peek();
    if (token.kind === 'op' && (token.text === '-' || token.text === '+' || token.text === '~')) {
      this.next();
      const operand = this.factor();
      return { kind: 'unary', op: token.text, operand, start: token.start, end: operand.end };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.awaitPrimary();
    if (!this.isOp('**')) return base;
    const op = this.next();
    const exponent = this.factor();
    return { kind: 'binop', op: '**', left: base, right: exponent, opStart: op.start, start: base.start, end: exponent.end };
  }

  private awaitPrimary(): Expr {
    if (this.isKeyword('await')) {
      const token = this.next();
      const operand = this.primary();
      return { kind: 'unsupported', what: '`await`', start: token.start, end: operand.end };
    }
    return this.primary();
  }

  private primary(): Expr {
    // An attribute, call or subscript starts where its primary is written, parentheses included.
    const start = this.peek().start;
    let expr = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.expectName();
        expr = { kind: 'attribute', value: expr, attr: name.text, attrStart: name.start, start, end: name.end };
      } else if (this.isOp('(')) {
        expr = { ...this.call(expr), start };
      } else if (this.isOp('[')) {
        this.next();
        const index = this.slices();
        const close = this.expectOp(']');
        expr = { kind: 'subscript', value: expr, index, start, end: close.end };
      } else {
        return expr;
      }
    }
  }

  private call(func: Expr): Expr {
    this.next();
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    const seen = new Set<string>();
    let sawKeywordUnpack = false;
    while (!this.isOp(')')) {
      const token = this.peek();
      if (token.kind === 'op' && token.text === '**') {
        this.next();
        const value = this.expression();
        keywords.push({ name: undefined, value, start: token.start, end: value.end });
        sawKeywordUnpack = true;
      } else if (token.kind === 'op' && token.text === '*') {
        this.next();
        const value = this.expression();
        if (sawKeywordUnpack) throw new PySyntaxError('iterable argument unpacking follows keyword argument unpacking', token.start, value.end);
        args.push({ kind: 'starred', value, start: token.start, end: value.end });
      } else if (token.kind === 'name' && this.isOp('=', 1) && !KEYWORDS.has(token.text)) {
        this.next();
        this.next();
        const value = this.expression();
        if (seen.has(token.text)) throw new PySyntaxError(`keyword argument repeated: ${token.text}`, token.start, value.end);
        seen.add(token.text);
        keywords.push({ name: token.text, value, start: token.start, end: value.end });
      } else {
        const value = this.namedExpression();
        if (this.isKeyword('for') || this.isKeyword('async')) {
          const generator = this.comprehensionTail('genexp', value, value.start);
          if (args.length || keywords.length || !this.isOp(')')) throw new PySyntaxError('Generator expression must be parenthesized', generator.start, generator.end);
          args.push(generator);
          continue;
        }
        if (this.isOp('=')) throw new PySyntaxError('expression cannot contain assignment, perhaps you meant "=="?', value.start, this.peek().end);
        if (keywords.length) {
          throw new PySyntaxError(sawKeywordUnpack ? 'positional argument follows keyword argument unpacking' : 'positional argument follows keyword argument', value.end, value.end);
        }
        args.push(value);
      }
      if (!this.acceptOp(',')) {
        if (!this.isOp(')')) this.missingComma(args[args.length - 1] ?? keywords[keywords.length - 1]?.value);
        break;
      }
    }
    const close = this.expectOp(')');
    return { kind: 'call', func, args, keywords, start: func.start, end: close.end };
  }

  /** Two expressions side by side inside brackets: CPython's "Perhaps you forgot a comma?". */
  private missingComma(previous: Expr | undefined): never {
    const token = this.peek();
    const startsExpression = token.kind === 'number' || token.kind === 'string' || (token.kind === 'name' && !KEYWORDS.has(token.text)) || (token.kind === 'name' && ['None', 'True', 'False', 'lambda', 'not'].includes(token.text));
    if (!previous || !startsExpression) throw this.error('invalid syntax');
    // CPython reads the second expression and the token after it first: the end of the text there is its
    // unclosed-bracket error instead.
    let end = token.end;
    try {
      end = this.expression().end;
      this.peek();
    } catch (error) {
      if (error instanceof PySyntaxError && error.tokenizer) throw error;
    }
    throw new PySyntaxError('invalid syntax. Perhaps you forgot a comma?', previous.start, end);
  }

  /** The inside of `[…]` after a value: an index, a slice, or a tuple of them. */
  private slices(): Expr {
    const first = this.sliceItem();
    if (!this.isOp(',')) return first;
    const elts = [first];
    let end = first.end;
    while (this.isOp(',')) {
      end = this.next().end;
      if (this.isOp(']')) break;
      const item = this.sliceItem();
      elts.push(item);
      end = item.end;
    }
    return { kind: 'tuple', elts, start: first.start, end };
  }

  private sliceItem(): Expr {
    const start = this.peek().start;
    let lower: Expr | undefined;
    if (!this.isOp(':')) {
      if (this.isOp('*')) return this.starExpression();
      lower = this.namedExpression();
      if (!this.isOp(':')) return lower;
    }
    let end = this.next().end;
    let upper: Expr | undefined;
    let step: Expr | undefined;
    if (!this.isOp(':') && !this.isOp(']') && !this.isOp(',')) {
      upper = this.expression();
      end = upper.end;
    }
    if (this.isOp(':')) {
      end = this.next().end;
      if (!this.isOp(']') && !this.isOp(',')) {
        step = this.expression();
        end = step.end;
      }
    }
    return { kind: 'slice', ...(lower ? { lower } : {}), ...(upper ? { upper } : {}), ...(step ? { step } : {}), start, end };
  }

  private atom(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.next();
        if (token.value === undefined) return { kind: 'unsupported', what: `a complex number (\`${token.text}\`)`, start: token.start, end: token.end };
        return { kind: 'constant', value: token.value, start: token.start, end: token.end };
      case 'string':
        return this.strings();
      case 'name':
        switch (token.text) {
          case 'True':
          case 'False':
          case 'None':
            this.next();
            return { kind: 'constant', value: token.text === 'None' ? null : token.text === 'True', start: token.start, end: token.end };
          case 'yield': {
            this.next();
            const value = this.atStatementEnd() || this.isOp(')') ? undefined : this.starExpressions();
            return { kind: 'unsupported', what: 'a generator (`yield`)', start: token.start, end: value?.end ?? token.end };
          }
          default:
            if (KEYWORDS.has(token.text)) throw this.error('invalid syntax');
            this.next();
            return { kind: 'name', id: token.text, start: token.start, end: token.end };
        }
      case 'op':
        switch (token.text) {
          case '(':
            return this.parenthesised();
          case '[':
            return this.listDisplay();
          case '{':
            return this.braceDisplay();
          case '...':
            this.next();
            return { kind: 'constant', value: ELLIPSIS, start: token.start, end: token.end };
          default:
            break;
        }
        break;
      case 'indent':
        throw new PySyntaxError('unexpected indent', token.end - 1, token.end, 'IndentationError');
      default:
        break;
    }
    throw this.error('invalid syntax');
  }

  private parenthesised(): Expr {
    const open = this.next();
    if (this.isOp(')')) {
      const close = this.next();
      return { kind: 'tuple', elts: [], start: open.start, end: close.end };
    }
    if (this.isKeyword('yield')) {
      const inner = this.atom();
      const close = this.expectOp(')');
      return { ...inner, start: open.start, end: close.end };
    }
    const first = this.starExpression();
    if (this.isKeyword('for') || this.isKeyword('async')) {
      const generator = this.comprehensionTail('genexp', first, open.start);
      const close = this.expectOp(')');
      return { ...generator, start: open.start, end: close.end };
    }
    if (this.isOp(')')) {
      const close = this.next();
      if (first.kind === 'starred') throw new PySyntaxError("can't use starred expression here", first.start, first.end);
      // Parentheses change no value but widen the span, as CPython's positions do not: keep the inner one.
      return first.kind === 'tuple' ? { ...first, start: open.start, end: close.end } : first;
    }
    const { elts, close } = this.displayItems(first, ')');
    return { kind: 'tuple', elts, start: open.start, end: close.end };
  }

  /** The items of a display after its first, up to and with its closing bracket. */
  private displayItems(first: Expr, closer: ')' | ']' | '}'): { elts: Expr[]; close: PyToken } {
    const elts = [first];
    while (this.acceptOp(',')) {
      if (this.isOp(closer)) break;
      elts.push(this.starExpression());
    }
    if (!this.isOp(closer)) this.missingComma(elts[elts.length - 1]);
    return { elts, close: this.next() };
  }

  private listDisplay(): Expr {
    const open = this.next();
    if (this.isOp(']')) {
      const close = this.next();
      return { kind: 'list', elts: [], start: open.start, end: close.end };
    }
    const first = this.starExpression();
    if (this.isKeyword('for') || this.isKeyword('async')) {
      const comprehension = this.comprehensionTail('listcomp', first, open.start);
      const close = this.expectOp(']');
      return { ...comprehension, start: open.start, end: close.end };
    }
    const { elts, close } = this.displayItems(first, ']');
    return { kind: 'list', elts, start: open.start, end: close.end };
  }

  private braceDisplay(): Expr {
    const open = this.next();
    if (this.isOp('}')) {
      const close = this.next();
      return { kind: 'dict', keys: [], values: [], start: open.start, end: close.end };
    }
    if (this.isOp('**')) return this.dictDisplay(open);
    const first = this.starExpression();
    if (this.isOp(':') && first.kind !== 'starred') {
      this.next();
      const value = this.expression();
      if (this.isKeyword('for') || this.isKeyword('async')) {
        const generators = this.comprehensionClauses();
        const close = this.expectOp('}');
        return { kind: 'dictcomp', key: first, value, generators, start: open.start, end: close.end };
      }
      return this.dictDisplay(open, first, value);
    }
    if (this.isKeyword('for') || this.isKeyword('async')) {
      const comprehension = this.comprehensionTail('setcomp', first, open.start);
      const close = this.expectOp('}');
      return { ...comprehension, start: open.start, end: close.end };
    }
    const { elts, close } = this.displayItems(first, '}');
    return { kind: 'set', elts, start: open.start, end: close.end };
  }

  private dictDisplay(open: PyToken, firstKey?: Expr, firstValue?: Expr): Expr {
    const keys: (Expr | undefined)[] = [];
    const values: Expr[] = [];
    if (firstKey && firstValue) {
      keys.push(firstKey);
      values.push(firstValue);
      if (!this.acceptOp(',')) {
        if (!this.isOp('}')) this.missingComma(firstValue);
      }
    }
    while (!this.isOp('}')) {
      if (this.acceptOp('**')) {
        keys.push(undefined);
        values.push(this.bitwiseOr());
      } else {
        const key = this.expression();
        keys.push(key);
        if (!this.isOp(':')) throw new PySyntaxError("':' expected after dictionary key", key.start, key.end);
        this.next();
        values.push(this.expression());
      }
      if (!this.acceptOp(',')) {
        if (!this.isOp('}')) this.missingComma(values[values.length - 1]);
        break;
      }
    }
    const close = this.expectOp('}');
    return { kind: 'dict', keys, values, start: open.start, end: close.end };
  }

  private comprehensionTail(kind: 'listcomp' | 'setcomp' | 'genexp', elt: Expr, start: number): Extract<Expr, { readonly elt: Expr }> {
    if (elt.kind === 'starred') throw new PySyntaxError('iterable unpacking cannot be used in comprehension', elt.start, elt.end);
    const generators = this.comprehensionClauses();
    const last = generators[generators.length - 1];
    const end = last.ifs.length ? last.ifs[last.ifs.length - 1].end : last.iter.end;
    return { kind, elt, generators, start, end };
  }

  private comprehensionClauses(): Comprehension[] {
    const generators: Comprehension[] = [];
    while (this.isKeyword('for') || this.isKeyword('async')) {
      if (this.isKeyword('async')) throw this.error('asynchronous comprehensions are outside what Activation Lens interprets');
      this.next();
      const target = this.targetList();
      this.checkTarget(target, 'for');
      this.expectKeyword('in');
      const iter = this.disjunction();
      const ifs: Expr[] = [];
      while (this.isKeyword('if')) {
        this.next();
        ifs.push(this.disjunction());
      }
      generators.push({ target, iter, ifs });
    }
    return generators;
  }

  /** Adjacent string literals, joined; with an f-string among them, an f-string. */
  private strings(): Expr {
    const first = this.peek();
    const parts: FStringPart[] = [];
    let formatted = false;
    let end = first.end;
    while (this.peek().kind === 'string') {
      const token = this.next();
      end = token.end;
      const prefix = token.prefix ?? '';
      if (prefix.includes('b')) {
        // Joined with text or not, bytes are outside the subset.
        while (this.peek().kind === 'string') end = this.next().end;
        return { kind: 'unsupported', what: 'bytes literals', start: first.start, end };
      }
      if (prefix.includes('f')) {
        formatted = true;
        try {
          parts.push(...this.fstringParts(token.contentStart ?? token.start, token.contentEnd ?? token.end, prefix.includes('r')));
        } catch (error) {
          // CPython 3.11 places an f-string's errors after its literal.
          if (error instanceof PySyntaxError) throw new PySyntaxError(error.message, token.end, token.end);
          throw error;
        }
      } else {
        parts.push(token.string ?? '');
      }
    }
    if (!formatted) return { kind: 'constant', value: parts.join(''), start: first.start, end };
    return { kind: 'fstring', parts: mergeText(parts), start: first.start, end };
  }

  /** The literal text and replacement fields of an f-string's content [start, end). */
  private fstringParts(start: number, end: number, raw: boolean): FStringPart[] {
    const source = this.source;
    const parts: FStringPart[] = [];
    let text = '';
    let textStart = start;
    const flushText = (): void => {
      if (!text) return;
      const decoded = raw ? text : decodePythonEscapes(text);
      if (typeof decoded !== 'string') throw new PySyntaxError(decoded.problem, textStart + decoded.at, textStart + decoded.at + 1);
      parts.push(decoded);
      text = '';
    };
    let i = start;
    while (i < end) {
      const c = source[i];
      if (c === '{' && source[i + 1] === '{') {
        text += '{';
        i += 2;
        continue;
      }
      if (c === '}' && source[i + 1] === '}') {
        text += '}';
        i += 2;
        continue;
      }
      if (c === '}') throw new PySyntaxError("f-string: single '}' is not allowed", i, i + 1);
      if (c === '\\' && !raw && i + 1 < end) {
        text += c + source[i + 1];
        i += 2;
        continue;
      }
      if (c !== '{') {
        if (!text) textStart = i;
        text += c;
        i++;
        continue;
      }
      flushText();
      const field = this.fstringField(i, end);
      parts.push(field.part);
      i = field.end;
      textStart = i;
    }
    flushText();
    return parts;
  }

  /** One `{expr[=][!conv][:spec]}` field starting at its `{`. */
  private fstringField(open: number, limit: number): { part: FStringPart; end: number } {
    const source = this.source;
    let depth = 0;
    let i = open + 1;
    let quote: string | undefined;
    let exprEnd = -1;
    for (; i < limit; i++) {
      const c = source[i];
      if (quote) {
        if (c === quote) quote = undefined;
        continue;
      }
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\') throw new PySyntaxError('f-string expression part cannot include a backslash', i, i + 1);
      else if (c === '#') throw new PySyntaxError("f-string expression part cannot include '#'", i, i + 1);
      else if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      else if (depth === 0 && (c === '}' || c === ':' || (c === '!' && source[i + 1] !== '='))) {
        exprEnd = i;
        break;
      } else if (depth === 0 && c === '=' && !'=!<>'.includes(source[i - 1]) && source[i + 1] !== '=') {
        exprEnd = i;
        break;
      }
    }
    if (exprEnd < 0) throw new PySyntaxError("f-string: expecting '}'", open, open + 1);
    const exprText = source.slice(open + 1, exprEnd);
    if (!exprText.trim()) throw new PySyntaxError('f-string: empty expression not allowed', open, exprEnd + 1);
    const expr = this.subExpression(open + 1, exprEnd);
    i = exprEnd;
    let debug: string | undefined;
    if (source[i] === '=') {
      i++;
      while (source[i] === ' ') i++;
      debug = source.slice(open + 1, i);
    }
    let conversion: 'r' | 's' | 'a' | undefined;
    if (source[i] === '!') {
      const letter = source[i + 1];
      if (letter !== 'r' && letter !== 's' && letter !== 'a') throw new PySyntaxError("f-string: invalid conversion character: expected 's', 'r', or 'a'", i, i + 2);
      conversion = letter;
      i += 2;
    }
    let spec: FStringPart[] | undefined;
    if (source[i] === ':') {
      // The spec runs to the field's closing brace and may hold nested fields.
      let k = i + 1;
      let nested = 0;
      for (; k < limit; k++) {
        if (source[k] === '{') nested++;
        else if (source[k] === '}') {
          if (nested === 0) break;
          nested--;
        }
      }
      spec = this.fstringParts(i + 1, k, true);
      i = k;
    }
    if (source[i] !== '}') throw new PySyntaxError("f-string: expecting '}'", open, open + 1);
    if (debug !== undefined && conversion === undefined && spec === undefined) conversion = 'r';
    const part: FStringPart = { expr, start: open, end: i + 1, ...(conversion ? { conversion } : {}), ...(spec ? { spec } : {}), ...(debug !== undefined ? { debug } : {}) };
    return { part, end: i + 1 };
  }

  /** An expression written in [start, end) of the source (an f-string field), read with its own lexer. */
  private subExpression(start: number, end: number): Expr {
    const parser = new Parser(this.source, start, new PyLexer(this.source.slice(0, end), start, true));
    parser.functionDepth = this.functionDepth;
    const expr = parser.starExpressions();
    if (parser.peek().kind !== 'eof') throw parser.error('f-string: invalid syntax');
    return expr;
  }
}

function mergeText(parts: readonly FStringPart[]): FStringPart[] {
  const merged: FStringPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else if (part !== '') merged.push(part);
  }
  return merged;
}

function lastEnd(statements: readonly Stmt[] | readonly Span[], fallback: number): number {
  return statements.length ? statements[statements.length - 1].end : fallback;
}

/** What CPython calls an expression in "cannot assign to …". */
function describeTarget(expr: Expr): string {
  switch (expr.kind) {
    case 'constant':
      return expr.value === null || typeof expr.value === 'boolean' ? String(expr.value === null ? 'None' : expr.value ? 'True' : 'False') : expr.value === ELLIPSIS ? 'ellipsis' : 'literal';
    case 'call':
      return 'function call';
    case 'binop':
    case 'unary':
      return 'expression';
    case 'boolop':
      return 'expression';
    case 'compare':
      return 'comparison';
    case 'ifexp':
      return 'conditional expression';
    case 'lambda':
      return 'lambda';
    case 'listcomp':
      return 'list comprehension';
    case 'setcomp':
      return 'set comprehension';
    case 'dictcomp':
      return 'dict comprehension';
    case 'genexp':
      return 'generator expression';
    case 'dict':
      return 'dict literal';
    case 'set':
      return 'set display';
    case 'fstring':
      return 'f-string expression';
    case 'namedexpr':
      return 'named expression';
    case 'starred':
      return 'starred';
    case 'tuple':
      return 'tuple';
    default:
      return 'expression';
  }
}
