// Where each name lives, decided once before anything runs, as CPython's symbol table decides it: a name
// bound anywhere in a function (parameter, assignment, loop target, import, def, `except … as`) is local
// to it for the whole body; a local that an inner function or lambda reads becomes a cell shared with it;
// a name read but bound by no enclosing function is global (then builtin). Comprehensions and lambdas
// are functions of their own. Locals get slots, so a call reads its variables by index.
import type { Comprehension, Expr, Parameters, Stmt } from './ast';

export interface Scope {
  readonly kind: 'module' | 'function';
  readonly parent: Scope | undefined;
  /** Names bound here, in order of first binding (parameters first). */
  readonly locals: string[];
  readonly localSet: Set<string>;
  /** Names read (or bound) here. */
  readonly uses: Set<string>;
  /** Locals an inner scope reads: kept in a cell. */
  readonly cells: Set<string>;
  /** Names of enclosing functions this scope reads, in order: its closure. */
  readonly frees: string[];
  /** The slot of each local. */
  readonly slots: Map<string, number>;
  /** `yield` appears in this function's own body: a generator, outside the subset. */
  hasYield: boolean;
  readonly children: Scope[];
}

export type NameLocation =
  | { readonly kind: 'local'; readonly slot: number }
  | { readonly kind: 'cell'; readonly slot: number }
  | { readonly kind: 'free'; readonly index: number }
  | { readonly kind: 'global' };

function newScope(kind: Scope['kind'], parent: Scope | undefined): Scope {
  const scope: Scope = { kind, parent, locals: [], localSet: new Set(), uses: new Set(), cells: new Set(), frees: [], slots: new Map(), hasYield: false, children: [] };
  parent?.children.push(scope);
  return scope;
}

/** The scopes of a module, by the node that opens each (a def statement, a lambda, a comprehension). */
export class ScopeTable {
  readonly module: Scope = newScope('module', undefined);
  private readonly byNode = new Map<object, Scope>();
  private readonly comprehensions = new Set<Scope>();

  constructor(statements: readonly Stmt[]) {
    for (const statement of statements) this.statement(statement, this.module);
    this.resolve(this.module);
  }

  /** Adds a top-level statement read after the others (a function's definition read again): its scopes, resolved. */
  add(statement: Stmt): void {
    const known = this.module.children.length;
    this.statement(statement, this.module);
    for (const scope of this.module.children.slice(known)) this.resolve(scope);
  }

  scopeOf(node: object): Scope {
    const scope = this.byNode.get(node);
    if (!scope) throw new Error('no scope for this node');
    return scope;
  }

  static locate(scope: Scope, name: string): NameLocation {
    if (scope.kind === 'module') return { kind: 'global' };
    const slot = scope.slots.get(name);
    if (slot !== undefined) return scope.cells.has(name) ? { kind: 'cell', slot } : { kind: 'local', slot };
    const index = scope.frees.indexOf(name);
    if (index !== -1) return { kind: 'free', index };
    return { kind: 'global' };
  }

  // -- collection ----------------------------------------------------------------------------------------

  private bind(scope: Scope, name: string): void {
    scope.uses.add(name);
    if (scope.localSet.has(name)) return;
    scope.localSet.add(name);
    scope.locals.push(name);
  }

  private parameters(params: Parameters, outer: Scope, inner: Scope): void {
    for (const parameter of [...params.positionalOnly, ...params.positional, ...params.keywordOnly]) {
      if (parameter.default) this.expr(parameter.default, outer);
    }
    for (const parameter of [...params.positionalOnly, ...params.positional]) this.bind(inner, parameter.name);
    if (params.vararg) this.bind(inner, params.vararg.name);
    for (const parameter of params.keywordOnly) this.bind(inner, parameter.name);
    if (params.kwarg) this.bind(inner, params.kwarg.name);
  }

  private target(target: Expr, scope: Scope): void {
    switch (target.kind) {
      case 'name':
        this.bind(scope, target.id);
        break;
      case 'tuple':
      case 'list':
        for (const element of target.elts) this.target(element, scope);
        break;
      case 'starred':
        this.target(target.value, scope);
        break;
      default:
        this.expr(target, scope);
    }
  }

  private block(statements: readonly Stmt[], scope: Scope): void {
    for (const statement of statements) this.statement(statement, scope);
  }

  private statement(statement: Stmt, scope: Scope): void {
    switch (statement.kind) {
      case 'def': {
        const inner = newScope('function', scope);
        this.byNode.set(statement, inner);
        this.parameters(statement.params, scope, inner);
        this.bind(scope, statement.name);
        this.block(statement.body, inner);
        break;
      }
      case 'return':
        if (statement.value) this.expr(statement.value, scope);
        break;
      case 'assign':
        this.expr(statement.value, scope);
        for (const target of statement.targets) this.target(target, scope);
        break;
      case 'augassign':
        this.expr(statement.value, scope);
        if (statement.target.kind === 'name') scope.uses.add(statement.target.id);
        this.target(statement.target, scope);
        break;
      case 'annassign':
        if (statement.value) {
          this.expr(statement.value, scope);
          this.target(statement.target, scope);
        } else if (statement.target.kind === 'name') {
          // A bare annotation makes the name local without binding it, as in CPython.
          this.bind(scope, statement.target.id);
        }
        break;
      case 'for':
        this.expr(statement.iter, scope);
        this.target(statement.target, scope);
        this.block(statement.body, scope);
        this.block(statement.orelse, scope);
        break;
      case 'while':
      case 'if':
        this.expr(statement.test, scope);
        this.block(statement.body, scope);
        this.block(statement.orelse, scope);
        break;
      case 'expr':
        this.expr(statement.value, scope);
        break;
      case 'import':
        for (const name of statement.names) this.bind(scope, name.asname ?? name.name.split('.')[0]);
        break;
      case 'importfrom':
        if (statement.names !== '*') for (const name of statement.names) this.bind(scope, name.asname ?? name.name);
        break;
      case 'try':
        this.block(statement.body, scope);
        for (const handler of statement.handlers) {
          if (handler.type) this.expr(handler.type, scope);
          if (handler.name) this.bind(scope, handler.name);
          this.block(handler.body, scope);
        }
        this.block(statement.orelse, scope);
        this.block(statement.finalbody, scope);
        break;
      case 'raise':
        if (statement.exc) this.expr(statement.exc, scope);
        if (statement.cause) this.expr(statement.cause, scope);
        break;
      case 'assert':
        this.expr(statement.test, scope);
        if (statement.msg) this.expr(statement.msg, scope);
        break;
      case 'delete':
        for (const target of statement.targets) this.target(target, scope);
        break;
      case 'unsupported':
        for (const name of statement.binds) this.bind(scope, name);
        break;
      default:
        break;
    }
  }

  private comprehension(node: Expr, generators: readonly Comprehension[], parts: readonly Expr[], scope: Scope): void {
    // The first iterable is evaluated where the comprehension is written; the rest inside it.
    this.expr(generators[0].iter, scope);
    const inner = newScope('function', scope);
    this.byNode.set(node, inner);
    this.comprehensions.add(inner);
    generators.forEach((generator, i) => {
      if (i > 0) this.expr(generator.iter, inner);
      this.target(generator.target, inner);
      for (const condition of generator.ifs) this.expr(condition, inner);
    });
    for (const part of parts) this.expr(part, inner);
  }

  private expr(expr: Expr, scope: Scope): void {
    switch (expr.kind) {
      case 'name':
        scope.uses.add(expr.id);
        break;
      case 'attribute':
        this.expr(expr.value, scope);
        break;
      case 'subscript':
        this.expr(expr.value, scope);
        this.expr(expr.index, scope);
        break;
      case 'slice':
        for (const part of [expr.lower, expr.upper, expr.step]) if (part) this.expr(part, scope);
        break;
      case 'call':
        this.expr(expr.func, scope);
        for (const arg of expr.args) this.expr(arg, scope);
        for (const keyword of expr.keywords) this.expr(keyword.value, scope);
        break;
      case 'binop':
        this.expr(expr.left, scope);
        this.expr(expr.right, scope);
        break;
      case 'unary':
        this.expr(expr.operand, scope);
        break;
      case 'boolop':
        for (const value of expr.values) this.expr(value, scope);
        break;
      case 'compare':
        this.expr(expr.left, scope);
        for (const comparator of expr.comparators) this.expr(comparator, scope);
        break;
      case 'ifexp':
        this.expr(expr.test, scope);
        this.expr(expr.body, scope);
        this.expr(expr.orelse, scope);
        break;
      case 'lambda': {
        const inner = newScope('function', scope);
        this.byNode.set(expr, inner);
        this.parameters(expr.params, scope, inner);
        this.expr(expr.body, inner);
        break;
      }
      case 'list':
      case 'tuple':
      case 'set':
        for (const element of expr.elts) this.expr(element, scope);
        break;
      case 'dict':
        for (const key of expr.keys) if (key) this.expr(key, scope);
        for (const value of expr.values) this.expr(value, scope);
        break;
      case 'listcomp':
      case 'setcomp':
      case 'genexp':
        this.comprehension(expr, expr.generators, [expr.elt], scope);
        break;
      case 'dictcomp':
        this.comprehension(expr, expr.generators, [expr.key, expr.value], scope);
        break;
      case 'starred':
        this.expr(expr.value, scope);
        break;
      case 'namedexpr': {
        this.expr(expr.value, scope);
        // In a comprehension, `:=` binds in the function (or module) around it.
        let owner = scope;
        while (owner.parent && this.isComprehension(owner)) owner = owner.parent;
        this.bind(owner, expr.target.id);
        if (owner !== scope) scope.uses.add(expr.target.id);
        break;
      }
      case 'fstring':
        for (const part of expr.parts) {
          if (typeof part === 'string') continue;
          this.expr(part.expr, scope);
          for (const nested of part.spec ?? []) if (typeof nested !== 'string') this.expr(nested.expr, scope);
        }
        break;
      case 'unsupported':
        if (expr.what.includes('yield')) scope.hasYield = true;
        break;
      default:
        break;
    }
  }

  private isComprehension(scope: Scope): boolean {
    return this.comprehensions.has(scope);
  }

  // -- resolution ----------------------------------------------------------------------------------------

  private resolve(scope: Scope): void {
    if (scope.kind === 'function') {
      for (const name of scope.uses) {
        if (scope.localSet.has(name) || scope.frees.includes(name)) continue;
        // The nearest enclosing function that binds the name owns it; every scope between reads it through.
        const path: Scope[] = [];
        let owner: Scope | undefined = scope.parent;
        while (owner && owner.kind === 'function' && !owner.localSet.has(name)) {
          path.push(owner);
          owner = owner.parent;
        }
        if (!owner || owner.kind !== 'function') continue;
        owner.cells.add(name);
        for (const between of [scope, ...path]) if (!between.frees.includes(name)) between.frees.push(name);
      }
      scope.locals.forEach((name, slot) => scope.slots.set(name, slot));
    }
    for (const child of scope.children) this.resolve(child);
  }
}
