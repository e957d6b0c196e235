// What a notebook cell can call from the cells above it, without running them: their top-level imports,
// `def`s, and names bound to a lambda or a literal (`alpha = 0.5`). The hand-written check of a cell runs
// these before the cell, so `def swish(z): return z * sigmoid(z)` finds the `sigmoid` of an earlier cell —
// while the cells' plots, training loops and prints, which can take long, are not run for each keystroke.
// And the opposite: code that defines nothing (`simpleStatements`), which an edit may change without
// changing what the module's functions compute.
import type { Expr, Stmt } from './ast';
import { parseModule } from './parser';

/** The definitions of `text` (statements as written, one per line), '' when it has none. */
export function pythonDefinitions(text: string): string {
  let items: ReturnType<typeof parseModule>;
  try {
    items = parseModule(text);
  } catch {
    return '';
  }
  // A statement's text runs to the next one's start: its span ends with its last expression, before any `)`.
  const starts = items.map((item) => (item.kind === 'stmt' ? item.stmt.start : item.start));
  return items
    .flatMap((item, k) => {
      if (item.kind !== 'stmt' || !isDefinition(item.stmt)) return [];
      const statement = text.slice(item.stmt.start, k + 1 < items.length ? starts[k + 1] : text.length);
      return [statement.endsWith('\n') ? statement : `${statement}\n`];
    })
    .join('');
}

function isDefinition(stmt: Stmt): boolean {
  switch (stmt.kind) {
    case 'import':
    case 'importfrom':
    case 'def':
      return true;
    case 'assign':
      return stmt.targets.every((target) => target.kind === 'name') && isLiteralOrLambda(stmt.value);
    default:
      return false;
  }
}

function isLiteralOrLambda(value: Expr): boolean {
  return value.kind === 'lambda' || value.kind === 'constant' || (value.kind === 'unary' && value.operand.kind === 'constant');
}

/** Statements that bind no function and open no block: an expression, an assignment, `pass`. */
const SIMPLE = new Set<Stmt['kind']>(['expr', 'assign', 'augassign', 'annassign', 'pass']);

/** Whether `text` reads, on its own, as simple statements only (no definition, import or block, no syntax error). */
export function simpleStatements(text: string): boolean {
  try {
    return parseModule(text).every((item) => item.kind === 'stmt' && SIMPLE.has(item.stmt.kind));
  } catch {
    return false;
  }
}
