// Hand-written activations of one document compared with the library (issue 11 part 3): read once per
// document index and flavour, shared by the rules (AL401, AL402), the `def` hover and `check --json`.
//
//   const checks = handwrittenChecks(analyzeDocument(text, 'python'), 'keras3');
//   checks[0].verdict                    // 'same' | 'differs' | 'unmatched', with firstDifference, how, traps …
import { FLAVOUR_LABELS, type Flavour } from '../../core/catalog';
import { pythonDefinitions, runPythonModule, type UserFunction } from '../../interpreter/python';
import type { CodeDocumentIndex } from '../../language';
import type { CheckKeras, FunctionPoint, FunctionReport, JsonNumber } from '../types';
import { checkHandwritten, numberText, possessive, type DifferencePoint, type HandwrittenCheck } from './compare';

export { checkHandwritten, numberText, possessive, sameValue, type DifferencePoint, type HandwrittenCheck, type Trap, type Verdict, type ComparedSamples } from './compare';
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
  if (!checks) {
    // A notebook cell runs after the definitions of the cells above (the functions it calls); its own
    // functions are reported at their places in the cell.
    const before = index.prelude ? preludeDefinitions(index.prelude) : '';
    const module = runPythonModule(before + index.text, { kerasVersion: flavour === 'keras2' ? '2' : '3', context: index.context });
    const own = checkHandwritten(module, flavour, (fn) => fn.span.start >= before.length);
    byFlavour.set(flavour, (checks = before ? own.map((check) => ({ ...check, fn: movedBack(check.fn, before) })) : own));
  }
  return checks;
}

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
