// Straight-line statements of TypeScript / JavaScript, as the snippet evaluator reads them: assignments,
// expression statements, imports, and what binds names the evaluator cannot know (parameters, loop
// targets, augmented assignments). Block headers are read and their bodies read on as straight-line code;
// nothing is ever executed. A statement that does not parse becomes an `invalid` statement with its
// error, and reading resumes on a later line, so one typo never hides the rest of a file.
import { lineStarts, positionAt } from '../language/positions';
import { isTfjsModule } from '../language/script';
import { Lexer, bracketStep, typeBracketStep, type Token } from './valuesLexer';
import { ExpressionParser, ParseError, dottedPath, type Expr, type Span } from './valuesParser';

export interface Binding {
  readonly name: string;
  /** Why the value is not known (`a parameter of f`, `changed by += at line 4`); absent when assigned a value. */
  readonly reason?: string;
  readonly span: Span;
}

export type Statement = Span &
  (
    | { readonly kind: 'assign'; readonly targets: readonly Binding[]; readonly value: Expr; readonly keyword?: 'return' }
    | { readonly kind: 'expression'; readonly expr: Expr; readonly keyword?: 'return' }
    /** `import numpy as np`, `from keras.layers import LeakyReLU`, `const tf = require('@tensorflow/tfjs')`. */
    | { readonly kind: 'import'; readonly bindings: readonly { readonly name: string; readonly module: string }[] }
    /** Names bound to something unknown. */
    | { readonly kind: 'unbind'; readonly bindings: readonly Binding[] }
    /** A line that does not parse: its error, and the names it seems to assign (they become unknown). */
    | { readonly kind: 'invalid'; readonly error: ParseError; readonly assigned: readonly string[] }
  );

const JS_HEADERS = new Set(['if', 'else', 'while', 'for', 'do', 'switch', 'try', 'catch', 'finally', 'function', 'class', 'case', 'default']);
const JS_SKIPPED = new Set(['break', 'continue', 'throw', 'debugger', 'interface', 'type', 'declare', 'namespace', 'enum', 'abstract']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '&=', '|=', '^=', '>>=', '<<=', '>>>=', '&&=', '||=', '??=']);

/** Reads statements from `start` up to the first statement starting at or after `stop`. */
export function readStatements(source: string, stop = source.length, start = 0): Statement[] {
  const reader = new StatementReader(source, start);
  const statements: Statement[] = [];
  // Every statement consumes at least one token, so this ends; the guard bounds pathological inputs.
  for (let guard = 0; guard < source.length + 10; guard++) {
    const statement = reader.read(stop);
    if (!statement) break;
    statements.push(...statement);
  }
  return statements;
}

class StatementReader {
  private lexer: Lexer;
  private parser: ExpressionParser;
  /** Line starts, computed the first time a reason names a line. */
  private starts: readonly number[] | undefined;

  constructor(
    private readonly source: string,
    start: number,
  ) {
    this.lexer = new Lexer(source, start);
    this.parser = new ExpressionParser(this.lexer);
  }

  /** The next statements (a header line can yield a binding statement and the statement after its colon). */
  read(stop: number): Statement[] | undefined {
    const p = this.parser;
    // Skip separators.
    while (p.isOp(';') || p.isOp('{') || p.isOp('}')) p.next();
    const first = p.peek();
    if (first.kind === 'eof' || first.start >= stop) return undefined;
    try {
      return this.readScript();
    } catch (error) {
      const parseError = error instanceof ParseError ? error : new ParseError(error instanceof RangeError ? 'this statement is nested too deeply to read' : String(error), first.start, first.end);
      const assigned = this.assignedNames(first.start);
      const end = this.resume(first, parseError.offset);
      return [{ kind: 'invalid', error: parseError, assigned, start: first.start, end }];
    }
  }

  private assignment(targets: readonly Expr[], value: Expr, start: number): Statement {
    const bindings: Binding[] = [];
    const unknown: Binding[] = [];
    for (const target of targets) {
      if (target.kind === 'name') bindings.push({ name: target.name, span: target });
      else if (target.kind === 'list' || target.kind === 'numbers') unknown.push(...this.targetsOf(target, 'it is unpacked from a sequence, which Activation Lens does not follow'));
      // Attributes and items (`self.x = …`, `d['k'] = …`) bind no name.
    }
    if (unknown.length && !bindings.length) return { kind: 'unbind', bindings: unknown, start, end: value.end };
    return { kind: 'assign', targets: [...bindings, ...unknown], value, start, end: value.end };
  }

  /** Names in an assignment target (`a`, `a, b`, `(a, [b, c])`), bound to something unknown. */
  private targetsOf(target: Expr, reason: string): Binding[] {
    if (target.kind === 'name') return [{ name: target.name, reason, span: target }];
    if (target.kind === 'list') return target.items.flatMap((item) => this.targetsOf(item, reason));
    return [];
  }

  private expectName(what: string): Token {
    const token = this.parser.peek();
    if (token.kind !== 'name') throw this.parser.unexpected(what);
    return this.parser.next();
  }

  private parameterNames(owner: string): Binding[] {
    const p = this.parser;
    const open = p.next();
    const bindings: Binding[] = [];
    let depth = 0;
    let expectName = true;
    for (;;) {
      const token = p.peek();
      if (token.kind === 'eof') throw new ParseError('expected `)` to close the parameter list opened at {related}', token.start, token.end, open.start);
      const step = bracketStep(token);
      if (step < 0 && depth === 0) {
        p.next();
        return bindings;
      }
      depth += step;
      if (depth === 0 && token.kind === 'op' && token.text === ',') expectName = true;
      else if (depth === 0 && expectName && token.kind === 'name' && !['this', 'public', 'private', 'protected', 'readonly', 'async'].includes(token.text)) {
        bindings.push({ name: token.text, reason: `it is a parameter of \`${owner}\`, known only when it is called`, span: token });
        expectName = false;
      } else if (depth === 0 && token.kind === 'op' && (token.text === '=' || token.text === ':')) {
        expectName = false;
      }
      p.next();
    }
  }

  // -- TypeScript / JavaScript ----------------------------------------------------------------------

  private readScript(): Statement[] {
    const p = this.parser;
    let first = p.peek();
    if (first.kind === 'name' && first.text === 'export' && !p.isOp('=', 1)) {
      p.next();
      if (p.isName('default')) p.next();
      first = p.peek();
    }
    if (first.kind === 'op' && first.text === '@') return [this.skipLine(first)];
    if (first.kind === 'name') {
      const word = first.text;
      if (word === 'import' && !p.isOp('(', 1) && !p.isOp('.', 1)) return [this.scriptImport()];
      if (word === 'const' || word === 'let' || word === 'var') return [this.scriptDeclaration()];
      if (word === 'async' && p.isName('function', 1)) {
        p.next();
        return this.scriptHeader();
      }
      if (JS_HEADERS.has(word) && !(word === 'default' && !p.isOp(':', 1))) return this.scriptHeader();
      if (JS_SKIPPED.has(word) && (word === 'break' || word === 'continue' || word === 'throw' || word === 'debugger' || p.peek(1).kind === 'name')) {
        return [this.skipScriptStatement(first)];
      }
      if (word === 'return') {
        p.next();
        if (this.atStatementEnd()) return [{ kind: 'unbind', bindings: [], start: first.start, end: first.end }];
        const expr = p.parseExpression();
        this.endStatement();
        return [{ kind: 'expression', expr, keyword: 'return', start: first.start, end: expr.end }];
      }
    }
    const start = p.peek().start;
    const expr = p.parseExpression();
    // A method definition or a call followed by a block: `name(params) {`.
    if (p.isOp('{') && !p.peek().newlineBefore && expr.kind === 'call') {
      const owner = dottedPath(expr.callee)?.join('.') ?? 'this method';
      const bindings = expr.args.flatMap((arg) => (arg.kind === 'name' ? [{ name: arg.name, reason: `it is a parameter of \`${owner}\`, known only when it is called`, span: arg }] : []));
      return [{ kind: 'unbind', bindings, start, end: expr.end }];
    }
    if (p.peek().kind === 'op' && AUGMENTED.has(p.peek().text) || p.isOp('++') || p.isOp('--')) {
      const op = p.next();
      const value = op.text === '++' || op.text === '--' ? expr : p.parseExpression();
      this.endStatement();
      return [{ kind: 'unbind', bindings: this.targetsOf(expr, `it is changed by \`${op.text}\``), start, end: value.end }];
    }
    if (p.isOp('=')) {
      p.next();
      const value = p.parseExpression();
      this.endStatement();
      return [this.assignment([expr], value, start)];
    }
    this.endStatement();
    return [{ kind: 'expression', expr, start, end: expr.end }];
  }

  private scriptImport(): Statement {
    const p = this.parser;
    const start = p.next().start;
    if (p.isName('type') && !p.isOp(',', 1) && !p.isName('from', 1)) return this.skipScriptStatement(p.peek(), start);
    const names: { name: string; imported: string | null }[] = [];
    if (p.peek().kind === 'string') {
      // `import '@tensorflow/tfjs-node'` (side effects only).
      const end = p.next().end;
      this.endStatement();
      return { kind: 'import', bindings: [], start, end };
    }
    for (;;) {
      if (p.isOp('*')) {
        p.next();
        if (!p.isName('as')) throw p.unexpected('`as` after `import *`');
        p.next();
        names.push({ name: this.expectName('a name after `as`').text, imported: null });
      } else if (p.isOp('{')) {
        p.next();
        while (!p.isOp('}')) {
          if (p.isName('type')) p.next();
          const imported = p.peek();
          if (imported.kind !== 'name' && imported.kind !== 'string') throw p.unexpected('a name to import');
          p.next();
          let alias = imported.kind === 'name' ? imported.text : imported.string ?? '';
          if (p.isName('as')) {
            p.next();
            alias = this.expectName('a name after `as`').text;
          }
          names.push({ name: alias, imported: imported.kind === 'name' ? imported.text : imported.string ?? '' });
          if (!p.isOp(',')) break;
          p.next();
        }
        p.expectOp('}', 'to close the import list');
      } else {
        // Default import: `import tf from '@tensorflow/tfjs'` gives the namespace in bundlers.
        names.push({ name: this.expectName('a name to import').text, imported: null });
      }
      if (!p.isOp(',')) break;
      p.next();
    }
    if (!p.isName('from')) throw p.unexpected('`from`');
    p.next();
    const module = p.peek();
    if (module.kind !== 'string') throw p.unexpected('the module name as a string');
    p.next();
    this.endStatement();
    const root = scriptModule(module.string ?? '');
    return {
      kind: 'import',
      bindings: names.map(({ name, imported }) => ({ name, module: imported === null ? root : `${root}.${imported}` })),
      start,
      end: module.end,
    };
  }

  private scriptDeclaration(): Statement {
    const p = this.parser;
    const start = p.next().start;
    const targets: Binding[] = [];
    const statements: { targets: Binding[]; value: Expr }[] = [];
    const imports: { name: string; module: string }[] = [];
    let end = start;
    for (;;) {
      const target = p.peek();
      if (target.kind === 'name') {
        p.next();
        this.skipTypeAnnotation();
        if (p.isOp('=')) {
          p.next();
          const value = p.parseExpression();
          // `const tf = require('@tensorflow/tfjs-node')`
          const required = requiredModule(value);
          if (required !== undefined) {
            statements.push({ targets: [], value });
            end = value.end;
            imports.push({ name: target.text, module: scriptModule(required) });
          } else {
            statements.push({ targets: [{ name: target.text, span: target }], value });
            end = value.end;
          }
        } else {
          targets.push({ name: target.text, reason: 'it is declared without a value', span: target });
          end = target.end;
        }
      } else if (target.kind === 'op' && (target.text === '{' || target.text === '[')) {
        // Destructuring: `const { tensor1d, relu } = require('@tensorflow/tfjs')` or of a value.
        const pattern = p.parseSingle();
        this.skipTypeAnnotation();
        p.expectOp('=', 'after a destructuring pattern');
        const value = p.parseExpression();
        end = value.end;
        const required = requiredModule(value);
        const names = patternNames(pattern);
        if (required !== undefined && pattern.kind === 'object') {
          for (const entry of pattern.entries) {
            const local = entry.value.kind === 'name' ? entry.value.name : entry.name;
            imports.push({ name: local, module: `${scriptModule(required)}.${entry.name}` });
          }
        } else {
          targets.push(...names.map((name) => ({ ...name, reason: 'it is unpacked from another value, which Activation Lens does not follow' })));
        }
      } else {
        throw p.unexpected('a name to declare');
      }
      if (!p.isOp(',')) break;
      p.next();
    }
    this.endStatement();
    if (imports.length) return { kind: 'import', bindings: imports, start, end };
    if (statements.length === 1 && targets.length === 0) return { kind: 'assign', targets: statements[0].targets, value: statements[0].value, start, end };
    if (statements.length === 0) return { kind: 'unbind', bindings: targets, start, end };
    // Several declarators: keep the last value, the others become unknown (rare in snippets).
    const last = statements[statements.length - 1];
    const others = statements.slice(0, -1).flatMap((s) => s.targets.map((t) => ({ ...t, reason: 'it is declared together with other names; select its own declaration' })));
    return { kind: 'assign', targets: [...last.targets, ...others, ...targets], value: last.value, start, end };
  }

  /** TypeScript `: Type` after a declared name or parameter: skipped up to `=`, `,` or the end (or `{` after a signature). */
  private skipTypeAnnotation(stopAtBrace = false): void {
    const p = this.parser;
    if (!p.isOp(':')) return;
    p.next();
    let depth = 0;
    for (let guard = 0; ; guard++) {
      const token = p.peek();
      if (token.kind === 'eof') return;
      if (depth === 0 && guard > 0 && (token.newlineBefore || (token.kind === 'op' && ['=', ',', ';', ')'].includes(token.text)))) return;
      if (depth === 0 && stopAtBrace && token.kind === 'op' && token.text === '{') return;
      depth = Math.max(0, depth + typeBracketStep(token));
      p.next();
    }
  }

  private scriptHeader(): Statement[] {
    const p = this.parser;
    const keyword = p.next();
    const start = keyword.start;
    const bindings: Binding[] = [];
    const word = keyword.text;
    if (word === 'function' || word === 'class') {
      if (p.isOp('*')) p.next();
      const name = p.peek();
      if (name.kind === 'name') {
        p.next();
        bindings.push({ name: name.text, reason: `it is a ${word} declared at ${this.lineLabel(start)}`, span: name });
      }
      if (p.isOp('<')) this.skipBalanced();
      if (word === 'function' && p.isOp('(')) bindings.push(...this.parameterNames(name.kind === 'name' ? name.text : 'this function'));
      if (p.isOp(':')) this.skipTypeAnnotation(true);
      // `class A extends B implements C {`: up to the body.
      if (word === 'class') while (!p.isOp('{') && p.peek().kind !== 'eof') p.next();
      return [{ kind: 'unbind', bindings, start, end: p.peek().start }];
    }
    if (word === 'case' || word === 'default') {
      while (!p.isOp(':') && p.peek().kind !== 'eof') p.next();
      const end = p.isOp(':') ? p.next().end : keyword.end;
      return [{ kind: 'unbind', bindings, start, end }];
    }
    if (word === 'else' && p.isName('if')) p.next();
    if (p.isName('await')) p.next();
    if (p.isOp('(')) {
      const open = p.peek();
      // Loop and catch variables: `for (const x of xs)`, `catch (e)`.
      let k = 1;
      if (['const', 'let', 'var'].includes(p.peek(k).text)) k++;
      const target = p.peek(k);
      if (target.kind === 'name' && (word === 'for' || word === 'catch')) {
        bindings.push({ name: target.text, reason: word === 'for' ? 'it is a loop variable, set when the loop runs' : 'it is the caught error', span: target });
      }
      this.skipBalanced();
      return [{ kind: 'unbind', bindings, start, end: open.end }];
    }
    return [{ kind: 'unbind', bindings, start, end: keyword.end }];
  }

  /** From the next token, `(` or a generic's `<`, to its match (or the end of the text). */
  private skipBalanced(): void {
    const p = this.parser;
    const step = p.isOp('<') ? typeBracketStep : bracketStep;
    let depth = 0;
    do {
      const token = p.next();
      if (token.kind === 'eof') return;
      depth += step(token);
    } while (depth > 0);
  }

  private skipScriptStatement(first: Token, start = first.start): Statement {
    const p = this.parser;
    let depth = 0;
    let end = first.end;
    for (;;) {
      const token = p.peek();
      if (token.kind === 'eof') break;
      if (depth === 0 && token !== first && (token.newlineBefore || (token.kind === 'op' && token.text === ';'))) break;
      depth = Math.max(0, depth + bracketStep(token));
      end = token.end;
      p.next();
    }
    if (p.isOp(';')) p.next();
    return { kind: 'unbind', bindings: [], start, end };
  }

  // -- shared ---------------------------------------------------------------------------------------

  private atStatementEnd(): boolean {
    const p = this.parser;
    const token = p.peek();
    if (token.kind === 'eof') return true;
    if (token.kind === 'op' && (token.text === ';' || token.text === '}')) return true;
    return token.newlineBefore === true;
  }

  /** Ends a statement: `;`, a line break, a closing `}` or the end of the text; anything else is an error. */
  private endStatement(): void {
    const p = this.parser;
    if (p.isOp(';')) {
      p.next();
      return;
    }
    if (this.atStatementEnd()) return;
    throw p.unexpected('the end of the statement');
  }

  private skipLine(first: Token): Statement {
    const p = this.parser;
    let end = first.end;
    p.next();
    while (p.peek().kind !== 'eof' && !p.peek().newlineBefore) end = p.next().end;
    return { kind: 'unbind', bindings: [], start: first.start, end };
  }

  private lineLabel(offset: number): string {
    this.starts ??= lineStarts(this.source);
    return `line ${positionAt(this.starts, offset).line + 1}`;
  }

  /** Names a broken statement seems to assign (`a = …`, `const a = …`), so that later uses are reported. */
  private assignedNames(start: number): string[] {
    const lineEnd = this.source.indexOf('\n', start);
    const line = this.source.slice(start, lineEnd === -1 ? undefined : lineEnd);
    const match = /^(?:(?:export\s+)?(?:const|let|var)\s+)?([\p{L}_$][\p{L}\p{N}_$]*)\s*(?::[^=]*)?=(?!=)/u.exec(line);
    return match ? [match[1]] : [];
  }

  /**
   * After an error, continues at the first line after the error's line that is indented no deeper than
   * the broken statement (and does not start with a closing bracket), with a fresh lexer.
   */
  private resume(first: Token, errorOffset: number): number {
    const source = this.source;
    const lineStart = source.lastIndexOf('\n', first.start - 1) + 1;
    const indent = first.start - lineStart;
    let at = source.indexOf('\n', Math.max(errorOffset, first.start));
    while (at !== -1) {
      const next = at + 1;
      let k = next;
      while (k < source.length && (source[k] === ' ' || source[k] === '\t')) k++;
      const c = source[k];
      const blank = k >= source.length || c === '\n' || c === '\r' || c === '#' || (c === '/' && source[k + 1] === '/');
      if (!blank && k - next <= indent && c !== ')' && c !== ']' && c !== '}') {
        this.lexer = new Lexer(source, next);
        this.parser = new ExpressionParser(this.lexer);
        return at;
      }
      at = source.indexOf('\n', next);
    }
    this.lexer = new Lexer(source, source.length);
    this.parser = new ExpressionParser(this.lexer);
    return source.length;
  }
}

/** The library a JS module specifier names: TensorFlow.js packages are all `tfjs`. */
function scriptModule(specifier: string): string {
  return isTfjsModule(specifier) ? 'tfjs' : `module:${specifier}`;
}

function requiredModule(value: Expr): string | undefined {
  let expr = value;
  if (expr.kind === 'await') expr = expr.operand;
  if (expr.kind === 'call' && expr.callee.kind === 'name' && (expr.callee.name === 'require' || expr.callee.name === 'import') && expr.args[0]?.kind === 'string') {
    return expr.args[0].value;
  }
  return undefined;
}

function patternNames(pattern: Expr): Binding[] {
  if (pattern.kind === 'name') return [{ name: pattern.name, span: pattern }];
  if (pattern.kind === 'list') return pattern.items.flatMap(patternNames);
  if (pattern.kind === 'object') return pattern.entries.flatMap((entry) => patternNames(entry.value));
  return [];
}
