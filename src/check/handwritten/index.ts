// Hand-written activations of one document compared with the library (issue 11 part 3): read once per
// document index and flavour (and kept across an edit that cannot change them), shared by the rules (AL401,
// AL402), the `def` hover and `check --json`.
//
//   const checks = handwrittenChecks(analyzeDocument(text, 'python'), 'keras3');
//   checks[0].verdict                    // 'same' | 'differs' | 'unmatched', with firstDifference, how, traps …
import { FLAVOUR_LABELS, type Flavour } from '../../core/catalog';
import { pythonDefinitions, runPythonModule, simpleStatements, type PythonModule, type UserFunction } from '../../interpreter/python';
import { pythonEdit, type CodeDocumentIndex, type PythonDocumentIndex, type StatementEdit } from '../../language';
import { TokenKind, tokenText, type TokenIndex } from '../../language/tokens';
import type { CheckKeras, FunctionPoint, FunctionReport, JsonNumber } from '../types';
import { checkHandwritten, numberText, possessive, type DifferencePoint, type HandwrittenCheck } from './compare';

export { checkHandwritten, numberText, possessive, type DifferencePoint, type HandwrittenCheck, type Trap, type Verdict, type ComparedSamples } from './compare';
export { activationForName, mapParameters } from './match';

const CACHE = new WeakMap<CodeDocumentIndex, Map<Flavour, readonly HandwrittenCheck[]>>();

export const flavourOf = (keras: Pick<CheckKeras, 'major'>): Flavour => (keras.major === '2' ? 'keras2' : 'keras3');

/** A word a function definition needs; also found in comments and strings, which only costs a run. */
const DEFINES_FUNCTIONS = /\b(?:def|lambda)\b/;

/** The document's functions (Python only: `def`s and names bound to a lambda) checked against `flavour`. */
export function handwrittenChecks(index: CodeDocumentIndex, flavour: Flavour): readonly HandwrittenCheck[] {
  // Only a `def` or a name bound to a lambda makes a function to check: without either word the module is not
  // run (running it interprets every statement, seconds for 10,000 lines, and document rules run on every edit).
  if (index.language !== 'python' || !DEFINES_FUNCTIONS.test(index.text)) return [];
  let byFlavour = CACHE.get(index);
  if (!byFlavour) CACHE.set(index, (byFlavour = new Map()));
  let checks = byFlavour.get(flavour);
  if (!checks) byFlavour.set(flavour, (checks = recentChecks(index, flavour) ?? runChecks(index, flavour)));
  return checks;
}

function runChecks(index: PythonDocumentIndex, flavour: Flavour): readonly HandwrittenCheck[] {
  // A notebook cell runs after the definitions of the cells above (the functions it calls); its own
  // functions are reported at their places in the cell.
  const before = index.prelude ? preludeDefinitions(index.prelude) : '';
  const module = runPythonModule(before + index.text, { kerasVersion: flavour === 'keras2' ? '2' : '3', context: index.context });
  const own = checkHandwritten(module, flavour, (fn) => fn.span.start >= before.length);
  const checks = before ? own.map((check) => ({ ...check, fn: movedBack(check.fn, before) })) : own;
  if (!before) remember(recentRun(index, flavour, checks, module));
  return checks;
}

// ---------------------------------------------------------------------------------------------------
// Reuse after an edit
//
// Running the module interprets every statement, and the functions are then called with what it left in
// the module's names. An edit changes what they compute only through a name they read, directly or through
// the statements that mention one (an alias, an object they share), or by what runs before their
// definitions (the module's step budget): an edit after all of those, to simple statements that name none
// of them, leaves every check as it was. An edit inside one function's body, or of a literal bound to a name
// (`ALPHA = 0.2`), when the run reads neither elsewhere and no function's calls change what another's see,
// leaves the module as it was but for that function or name (`PythonModule.redefine`): the functions reading
// it are checked again, the others kept.

/** The names the functions can see and where the last statement that mentions one ends. */
interface Reach {
  readonly names: ReadonlySet<string>;
  readonly end: number;
}

interface RecentRun {
  readonly index: PythonDocumentIndex;
  readonly flavour: Flavour;
  readonly checks: readonly HandwrittenCheck[];
  /** The module as the run left it, and as `redefine` took the edits since: this run's text. */
  readonly module: PythonModule;
  /** Found when first asked; undefined when the run spent its step budget (what ran depended on every statement). */
  reach(): Reach | undefined;
}

function recentRun(index: PythonDocumentIndex, flavour: Flavour, checks: readonly HandwrittenCheck[], module: PythonModule): RecentRun {
  let reach: { readonly found: Reach | undefined } | undefined;
  return { index, flavour, checks, module, reach: () => (reach ??= { found: reachOf(index, module) }).found };
}

/** The last runs, newest first: an editor keeps a few documents open. */
const RECENT: RecentRun[] = [];
const RECENT_RUNS = 4;

/** What `compute` gives with no recent run to start from, the recent runs kept for later (tests compare with such a check). */
export function withoutRecentRuns<T>(compute: () => T): T {
  const kept = RECENT.splice(0);
  try {
    return compute();
  } finally {
    RECENT.splice(0, RECENT.length, ...kept);
  }
}

function remember(run: RecentRun): void {
  RECENT.unshift(run);
  RECENT.length = Math.min(RECENT.length, RECENT_RUNS);
}

/** Words through which a statement can define, import, or reach names it does not spell. */
const REACHING_WORDS = new Set(['def', 'lambda', 'class', 'import', 'from', 'global', 'nonlocal', 'del', 'exec', 'eval', 'globals', 'locals', 'vars', 'setattr', 'delattr', 'getattr', '__import__', '__dict__', '__builtins__', 'builtins', 'sys', 'importlib']);

/** A recent run's checks when the document is that run's with an edit that cannot change them, or that only changes some. */
function recentChecks(index: PythonDocumentIndex, flavour: Flavour): readonly HandwrittenCheck[] | undefined {
  if (index.prelude) return undefined;
  for (const run of RECENT) {
    if (run.flavour !== flavour || run.index.context !== index.context || run.index.prelude) continue;
    const edit = pythonEdit(run.index, index);
    if (!edit || unreached(run, index, edit)) return run.checks;
    const redefined = redefinedChecks(run, index);
    if (redefined) return redefined;
  }
  return undefined;
}

/** Whether an edit lies after everything the run's functions can see, in simple statements naming none of it. */
function unreached(run: RecentRun, index: PythonDocumentIndex, edit: StatementEdit): boolean {
  // What the functions see ends after their definitions: an edit before that end needs no reach found.
  if (run.module.functions.some((fn) => edit.from < fn.span.end)) return false;
  const reach = run.reach();
  if (!reach || edit.from < reach.end) return false;
  const reaches = (tokens: TokenIndex, to: number): boolean => {
    for (let i = edit.head; i < to; i++) for (const word of namesAt(tokens, i)) if (reach.names.has(word) || REACHING_WORDS.has(word)) return true;
    return false;
  };
  if (reaches(run.index.tokens, edit.previousTail) || reaches(index.tokens, edit.nextTail)) return false;
  return simpleStatements(run.index.text.slice(edit.from, edit.previousTo)) && simpleStatements(index.text.slice(edit.from, edit.nextTo));
}

/**
 * After an edit that `redefine` takes (inside a function's body, or a literal bound to a name): the functions
 * reading what it changed checked again, the others' checks kept (at their functions' new places). The run is
 * then this document's.
 */
function redefinedChecks(run: RecentRun, index: PythonDocumentIndex): readonly HandwrittenCheck[] | undefined {
  const changed = run.module.redefine(index.text);
  if (!changed) return undefined;
  const again = new Set(changed.map((fn) => fn.name));
  const kept = new Map(run.checks.map((check) => [check.fn.name, check]));
  const checks = checkHandwritten(run.module, run.flavour, undefined, (fn) => {
    const check = again.has(fn.name) ? undefined : kept.get(fn.name);
    return check && { ...check, fn };
  });
  RECENT.splice(RECENT.indexOf(run), 1);
  remember(recentRun(index, run.flavour, checks, run.module));
  return checks;
}

/**
 * What the module's functions can see: the names they read, and every name of a top-level statement (with the
 * block under it: a class's methods are one statement with it) that mentions one of those, until no statement
 * adds one; undefined when the run spent its step budget.
 */
function reachOf(index: PythonDocumentIndex, module: PythonModule): Reach | undefined {
  if (module.statements.some((statement) => !statement.ran && statement.problem?.limit)) return undefined;
  const { tokens, text } = index;
  // Each top-level statement's names, and the statements each name is in.
  const statementNames: string[][] = [];
  const statementEnds: number[] = [];
  const statementsOf = new Map<string, number[]>();
  for (let i = 0; i < tokens.count; i++) {
    const lineStart = i === 0 || tokens.kind[i - 1] === TokenKind.Newline;
    const atColumnZero = tokens.start[i] === 0 || text.charCodeAt(tokens.start[i] - 1) === 10 || text.charCodeAt(tokens.start[i] - 1) === 13;
    if (statementNames.length === 0 || (lineStart && atColumnZero)) statementNames.push([]), statementEnds.push(0);
    const statement = statementNames.length - 1;
    statementEnds[statement] = tokens.end[i];
    for (const name of namesAt(tokens, i)) {
      statementNames[statement].push(name);
      const found = statementsOf.get(name);
      if (!found) statementsOf.set(name, [statement]);
      else if (found[found.length - 1] !== statement) found.push(statement);
    }
  }
  const seen = new Set<string>();
  const pending: string[] = [];
  const see = (name: string): void => {
    if (!seen.has(name)) seen.add(name), pending.push(name);
  };
  let end = 0;
  for (const fn of module.functions) {
    see(fn.name);
    fn.reads.forEach(see);
    end = Math.max(end, fn.span.end);
  }
  const included = new Uint8Array(statementNames.length);
  while (pending.length) {
    for (const statement of statementsOf.get(pending.pop() as string) ?? []) {
      if (included[statement]) continue;
      included[statement] = 1;
      end = Math.max(end, statementEnds[statement]);
      statementNames[statement].forEach(see);
    }
  }
  return { names: seen, end };
}

/** The names token i spells: a name's, or every word of an f-string (its `{…}` may name anything). */
function namesAt(tokens: TokenIndex, i: number): readonly string[] {
  if (tokens.kind[i] === TokenKind.Name) return [tokenText(tokens, i)];
  if (tokens.kind[i] !== TokenKind.String || !FORMATTED.test(tokenText(tokens, i))) return [];
  return tokenText(tokens, i).match(/[A-Za-z_]\w*/g) ?? [];
}

/** A formatted string literal's prefix (`f"…"`, `rf'…'`, `t"…"`). */
const FORMATTED = /^[a-zA-Z]*[fFtT][a-zA-Z]*['"]/;

/** The last prelude's definitions: the cells of one notebook share their prelude until a cell above changes. */
let lastPrelude: { readonly text: string; readonly definitions: string } | undefined;

function preludeDefinitions(prelude: string): string {
  if (lastPrelude?.text !== prelude) lastPrelude = { text: prelude, definitions: pythonDefinitions(prelude) };
  return lastPrelude.definitions;
}

/** A function of `before + cell` at its place in the cell. */
function movedBack(fn: UserFunction, before: string): UserFunction {
  const shift = before.length;
  const lines = before.split('\n').length - 1;
  return { ...fn, line: fn.line - lines, nameSpan: { start: fn.nameSpan.start - shift, end: fn.nameSpan.end - shift }, span: { start: fn.span.start - shift, end: fn.span.end - shift } };
}

/** A number as JSON holds it: NaN and ±∞ as the strings `nan`, `inf`, `-inf` (as `eval --json` writes them). */
const jsonNumber = (value: number): JsonNumber => (Number.isNaN(value) ? 'nan' : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : value);

const jsonPoint = (point: DifferencePoint | undefined): FunctionPoint | null => (point ? { x: jsonNumber(point.x), yours: jsonNumber(point.yours), library: jsonNumber(point.library) } : null);

/** One entry of `check --json`'s `functions` array, with the fields issue 11 part 3 names. */
export function functionReport(check: HandwrittenCheck): FunctionReport {
  return {
    name: check.fn.name,
    line: check.fn.line,
    activation: check.spec?.name ?? null,
    flavour: check.flavour,
    verdict: check.verdict,
    params: check.params,
    sameAs: check.sameAs,
    firstDifference: jsonPoint(check.firstDifference),
    worstDifference: jsonPoint(check.worstDifference),
    traps: check.traps.map((trap) => (trap.range !== undefined ? { range: trap.range, message: trap.message } : { x: jsonNumber(trap.x ?? NaN), message: trap.message })),
    noNumber: check.noNumber ?? null,
  };
}

/** `alpha=0.5, approximate=True`: the library's parameters as Python writes keyword arguments. */
export function paramsText(params: HandwrittenCheck['params']): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${typeof value === 'boolean' ? (value ? 'True' : 'False') : value === null ? 'None' : numberText(value)}`)
    .join(', ');
}

/** `Keras 3's elu (alpha=0.5)`. */
export function libraryName(check: HandwrittenCheck): string {
  const params = paramsText(check.params);
  return `${possessive(check.flavour)} ${check.spec?.name ?? '?'}${params ? ` (${params})` : ''}`;
}

/**
 * One line on a function's verdict, from its report (the CLI's text output): `same as Keras 3's sigmoid
 * (and Keras 2's, TensorFlow.js'); 1 trap: …`.
 */
export function verdictText(report: FunctionReport): string {
  const label = FLAVOUR_LABELS[report.flavour as Flavour];
  const others = report.sameAs.map((flavour) => possessive(flavour as Flavour));
  const params = paramsText(report.params);
  const library = `${possessive(report.flavour as Flavour)} ${report.activation ?? ''}${params ? ` (${params})` : ''}`;
  const traps = report.traps.length ? `; ${report.traps.length} trap${report.traps.length === 1 ? '' : 's'}: ${report.traps.map((trap) => trap.message).join('; ')}` : '';
  if (report.verdict === 'unmatched') return report.noNumber ? `not compared: it gives no number (${report.noNumber})` : 'unmatched: no activation by its name or its values';
  const point = report.firstDifference;
  const show = (value: JsonNumber): string => (typeof value === 'number' ? numberText(value) : value);
  const at = point ? `; first at x = ${show(point.x)}: yours ${show(point.yours)}, ${label} ${show(point.library)}` : '';
  const sameAs = others.length ? ` (${report.verdict === 'same' ? 'and' : 'it is'} ${others.join(' and ')})` : '';
  return `${report.verdict === 'same' ? 'same as' : 'differs from'} ${library}${sameAs}${at}${traps}`;
}
