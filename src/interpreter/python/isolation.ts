// What `PythonModule.redefine` must know to take an edit inside one function without running the module again:
// which names the run itself reads (a function it never reads is only bound by it, so the run leaves the
// same module whatever its body says), and which functions are isolated (a call of one neither changes what
// another call sees nor depends on what another call did, so checking them one by one in any order gives
// what checking them in the module's order gives).
import type { Expr, Parameters, Stmt } from './ast';
import { PyFunction } from './interpreter';
import { PyModule, PyTuple } from './objects';
import type { Scope } from './scope';
import type { PyValue } from './types';

/** A top-level function definition: a `def`, or one name bound to a lambda. */
export interface Definition {
  readonly name: string;
  readonly parameters: Parameters;
  /** The body, which runs only when the function is called: the text before it is the header. */
  readonly body: readonly Stmt[] | Expr;
  readonly bodyStart: number;
}

export function definitionOf(statement: Stmt): Definition | undefined {
  if (statement.kind === 'def') return { name: statement.name, parameters: statement.params, body: statement.body, bodyStart: statement.headerEnd };
  if (statement.kind === 'assign' && statement.targets.length === 1 && statement.targets[0].kind === 'name' && statement.value.kind === 'lambda') {
    return { name: statement.targets[0].id, parameters: statement.value.params, body: statement.value.body, bodyStart: statement.value.body.start };
  }
  return undefined;
}

type Node = { readonly kind?: unknown } & Readonly<Record<string, unknown>>;

/** Visits every syntax node under `root` (a node, an array of them, parameters); false when `visit` said false for one. */
function everyNode(root: unknown, visit: (node: Node) => boolean): boolean {
  const pending: unknown[] = [root];
  while (pending.length) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      pending.push(...value);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (typeof (value as Node).kind === 'string' && !visit(value as Node)) return false;
    for (const field of Object.values(value)) if (typeof field === 'object' && field !== null) pending.push(field);
  }
  return true;
}

const dunder = (name: string): boolean => name.startsWith('__') && name.endsWith('__');

/** Builtins through which code reaches names it does not spell, or the module's namespace. */
const REFLECTIVE = new Set(['globals', 'locals', 'vars', 'dir', 'eval', 'exec', 'compile', 'getattr', 'hasattr', 'setattr', 'delattr', '__import__', 'breakpoint', 'help']);

/**
 * The names the top-level statements read when they run, through the functions they read (a function's body
 * counts once its name is read; a definition's defaults are read where it stands); undefined when a statement
 * may read any name (`globals()`, `eval`, a dunder). A function whose name is not among them is never called by the run.
 */
export function namesTheRunReads(statements: readonly (Stmt | undefined)[]): ReadonlySet<string> | undefined {
  const read = new Set<string>();
  const bodies = new Map<string, unknown[]>();
  let reflective = false;
  const collect = (root: unknown, into: Set<string>): void => {
    everyNode(root, (node) => {
      if (node.kind === 'name') into.add(node.id as string);
      else if (node.kind === 'attribute' && dunder(node.attr as string)) reflective = true;
      else if (node.kind === 'unsupported' && Array.isArray(node.binds)) for (const name of node.binds as string[]) into.add(name);
      return true;
    });
  };
  for (const statement of statements) {
    if (!statement) continue;
    const definition = definitionOf(statement);
    if (!definition) {
      collect(statement, read);
      continue;
    }
    collect(definition.parameters, read);
    const known = bodies.get(definition.name);
    if (known) known.push(definition.body);
    else bodies.set(definition.name, [definition.body]);
  }
  const pending = [...read];
  while (pending.length) {
    const name = pending.pop() as string;
    const body = bodies.get(name);
    if (!body) continue;
    bodies.delete(name);
    const found = new Set<string>();
    collect(body, found);
    for (const more of found) if (!read.has(more)) read.add(more), pending.push(more);
  }
  // `__name__` only names the module (`if __name__ == '__main__':`); other dunders may reach its namespace.
  if (reflective || [...read].some((name) => REFLECTIVE.has(name) || (dunder(name) && name !== '__name__'))) return undefined;
  return read;
}

/** Builtins whose calls change nothing outside the values they are given and return. */
const PURE_BUILTINS = new Set([
  'abs', 'all', 'any', 'bool', 'callable', 'chr', 'dict', 'divmod', 'enumerate', 'filter', 'float', 'frozenset', 'int', 'isinstance', 'issubclass',
  'iter', 'len', 'list', 'map', 'max', 'min', 'next', 'ord', 'pow', 'range', 'repr', 'reversed', 'round', 'set', 'slice', 'sorted', 'str', 'sum',
  'tuple', 'type', 'zip', 'ArithmeticError', 'AssertionError', 'Exception', 'FloatingPointError', 'IndexError', 'KeyError', 'NotImplementedError',
  'OverflowError', 'RecursionError', 'RuntimeError', 'TypeError', 'ValueError', 'ZeroDivisionError',
]);

/** Modules of the interpreter with no state a call could change (NumPy's random, seterr and printoptions are refused). */
const STATELESS_MODULES = new Set(['math', 'numpy']);

/** A value no code can change: a number, string, bool, None, or a tuple of those. */
export function immutable(value: PyValue): boolean {
  return value === null || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || typeof value === 'string' || (value instanceof PyTuple && value.items.every(immutable));
}

/** The names a function's scope and the scopes inside it read without binding them there. */
export function globalReads(scope: Scope, into = new Set<string>()): Set<string> {
  for (const name of scope.uses) if (!scope.localSet.has(name)) into.add(name);
  for (const child of scope.children) globalReads(child, into);
  return into;
}

/** A target a function may assign without reaching outside its own values: a local name, or an item of one. */
function localTarget(target: Expr): boolean {
  switch (target.kind) {
    case 'name':
      return true;
    case 'tuple':
    case 'list':
      return target.elts.every(localTarget);
    case 'starred':
      return localTarget(target.value);
    case 'subscript':
      return target.value.kind === 'name' || (target.value.kind === 'subscript' && localTarget(target.value));
    default:
      return false;
  }
}

/** Code that binds nothing outside its own frame: no attribute assigned, nothing deleted or imported, no `global`, no dunder. */
function keepsToItself(body: unknown): boolean {
  return everyNode(body, (node) => {
    switch (node.kind) {
      case 'unsupported':
      case 'delete':
      case 'import':
      case 'importfrom':
        return false;
      case 'assign':
        return (node.targets as Expr[]).every(localTarget);
      case 'augassign':
      case 'annassign':
      case 'for':
        return localTarget(node.target as Expr);
      case 'listcomp':
      case 'setcomp':
      case 'genexp':
      case 'dictcomp':
        return (node.generators as { target: Expr }[]).every((generator) => localTarget(generator.target));
      case 'name':
        return !dunder(node.id as string);
      case 'attribute':
        return !dunder(node.attr as string);
      default:
        return true;
    }
  });
}

/**
 * Whether calls of `fn` are isolated: its code keeps to itself, its defaults cannot change, and every name it
 * reads is a pure builtin or bound in `globals` to a value no code can change, a stateless module, or an
 * isolated function.
 */
export function isolated(fn: PyFunction, globals: ReadonlyMap<string, PyValue>, seen = new Set<PyFunction>()): boolean {
  if (seen.has(fn)) return true;
  seen.add(fn);
  if (fn.closure.length > 0 || !fn.defaults.every(immutable) || ![...fn.kwDefaults.values()].every(immutable)) return false;
  if (!keepsToItself(fn.code.node.body)) return false;
  for (const name of globalReads(fn.code.scope)) {
    const value = globals.get(name);
    if (value === undefined) {
      if (!PURE_BUILTINS.has(name)) return false;
    } else if (!immutable(value) && !(value instanceof PyModule && STATELESS_MODULES.has(value.name)) && !(value instanceof PyFunction && isolated(value, globals, seen))) {
      return false;
    }
  }
  return true;
}

/** Whether a function reads `name`, itself or through the functions it reads. */
export function reaches(fn: PyFunction, name: string, globals: ReadonlyMap<string, PyValue>, seen = new Set<PyFunction>()): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  for (const read of globalReads(fn.code.scope)) {
    if (read === name) return true;
    const value = globals.get(read);
    if (value instanceof PyFunction && reaches(value, name, globals, seen)) return true;
  }
  return false;
}

/**
 * A literal, signed or not (`0.2`, `-1`, `'relu'`, `None`): evaluating it reads no name, builds nothing and takes
 * no step of the run's budget (`'ab' * 10**6` would).
 */
export function literalExpression(expr: Expr): boolean {
  return expr.kind === 'constant' || (expr.kind === 'unary' && literalExpression(expr.operand));
}
