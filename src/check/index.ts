// Checks one document: the recognizers read each piece of its code once — the code of a code file, and each
// region of documentation code (a Markdown fence, a docstring's doctest, a JSDoc example) on its own, with
// offsets mapped back into the document — and every selected rule looks at what they found. Pure; the editor's
// diagnostics and code actions and the CLI's `check` are its callers.
//
// Given the result for an earlier version of the same file, a check is incremental: the statements an edit
// touched are checked again (`pythonEdit`, `scriptEdit` say which), the other statements' diagnostics are kept
// (moved by the edit's length), and only the rules that relate statements run over the whole file. After an
// edit that left a bracket or string open to the end of a code file, the check of the version before it is
// kept too, and the next check starts from whichever version is nearer. In a Markdown file, the fences whose
// analysis the re-read kept keep their diagnostics and the others are checked again. It falls back to a whole
// check when the edit changed what a name means (an import), or a document fact a kept diagnostic depends on.
// Either way the result is the same as a whole check's (test/unit/check/incremental.test.ts).
//
//   const first = checkDocument(analyzeDocument(text, 'python'), { keras: { major: '3', version: '3.5' } });
//   const next = checkDocument(reanalyzeDocument(index, edited), options, first);
import {
  documentOffsetOf,
  documentRegions,
  changedRange,
  lineStarts,
  positionAt,
  pythonDocs,
  pythonEdit,
  regionShift,
  sameNameMeanings,
  sameScriptNames,
  scriptDocs,
  scriptEdit,
  scanPython,
  scanScript,
  type ActivationReference,
  type CodeDocumentIndex,
  type CodeRegion,
  type DocRegions,
  type DocumentIndex,
  type MarkdownDocumentIndex,
  type StatementEdit,
  type UnresolvedName,
} from '../language';
import { selectRules, type RuleSelection } from './registry';
import type { CheckContext, CheckKeras, Diagnostic, DocumentCheckContext, FunctionReport, Problem, Rule, Severity } from './types';

export interface CheckOptions {
  readonly keras: CheckKeras;
  readonly rules?: RuleSelection;
}

export interface CheckResult {
  /** In order of position. */
  readonly diagnostics: readonly Diagnostic[];
  readonly functions: readonly FunctionReport[];
}

/**
 * Checks a document (code file or Markdown). `previous`: the result for an earlier version of the same
 * document with the same options, which an incremental check reuses; the answer is the same without it.
 */
export function checkDocument(index: DocumentIndex, options: CheckOptions, previous?: CheckResult): CheckResult {
  const run: Run = { keras: options.keras, rules: selectRules(options.rules), key: JSON.stringify([options.keras, options.rules ?? {}]) };
  const state = previous && STATES.get(previous);
  const next = (state?.key === run.key ? recheck(state, index, run) : undefined) ?? checkWhole(index, run);
  const result: CheckResult = { diagnostics: merge(next.local, next.documentWide), functions: [...next.localFunctions.map((entry) => entry.report), ...next.documentFunctions] };
  STATES.set(result, next);
  return result;
}

interface Run {
  readonly keras: CheckKeras;
  readonly rules: readonly { readonly rule: Rule; readonly severity: Severity }[];
  /** The options, as a string: a previous result is reused only under the same ones. */
  readonly key: string;
}

/** What a later check of the same document reuses. */
interface CheckState {
  readonly index: DocumentIndex;
  readonly key: string;
  /**
   * Every diagnostic an edit's statements replace, in order: the statement rules' in the code, and every
   * rule's in the regions (a region lies in one statement, a docstring). Kept by position.
   */
  readonly local: readonly Diagnostic[];
  /** Function reports of the regions' rules, at their region's start. */
  readonly localFunctions: readonly { readonly at: number; readonly report: FunctionReport }[];
  /** The document rules' over the code: found again on every check. */
  readonly documentWide: readonly Diagnostic[];
  readonly documentFunctions: readonly FunctionReport[];
  /** `registersCustomObjects`, when a rule asked (no kept diagnostic depends on it otherwise). */
  readonly registers: boolean | undefined;
  /** Whether a docstring region imports with `*`: then a name the edit bound locally may mean something else there. */
  readonly regionStars: boolean;
  /** The state for the index's `earlier` version (a code file with a bracket or string left open to its end). */
  readonly earlier?: CheckState;
}

const STATES = new WeakMap<CheckResult, CheckState>();

/** APIs that register names an activation lookup then accepts (Keras 2's get() and deserialize(), tfjs'). */
const CUSTOM_OBJECTS = /\b(get_custom_objects|custom_object_scope|CustomObjectScope|register_keras_serializable|custom_objects|registerClass)\b/;

/** The document facts rules ask for, found once per check and only when asked. */
class DocumentFacts {
  constructor(
    private readonly text: string,
    public registers: boolean | undefined = undefined,
  ) {}

  registersCustomObjects(): boolean {
    return (this.registers ??= CUSTOM_OBJECTS.test(this.text));
  }
}

/** One piece of code as the rules see it: its index, and what the recognizers found in it. */
interface Unit {
  readonly index: CodeDocumentIndex;
  readonly references: readonly ActivationReference[];
  readonly unresolved: readonly UnresolvedName[];
}

/** The recognizers over a piece of code, or over its tokens [from, to) (what an edit touched: `pythonEdit`, `scriptEdit`). */
function scanUnit(index: CodeDocumentIndex, keras: CheckKeras, from?: number, to?: number): Unit {
  const unresolved: UnresolvedName[] = [];
  const options = { kerasVersion: keras.major, onUnresolved: (name: UnresolvedName) => unresolved.push(name) };
  const references = index.language === 'python' ? scanPython(index, options, from, to) : scanScript(index, options, from, to);
  return { index, references, unresolved };
}

/** A unit whose references are found only if a rule reads them (the document rules of an incremental check). */
function lazyUnit(index: CodeDocumentIndex, keras: CheckKeras): Unit {
  let scanned: Unit | undefined;
  const scan = (): Unit => (scanned ??= scanUnit(index, keras));
  return {
    index,
    get references() {
      return scan().references;
    },
    get unresolved() {
      return scan().unresolved;
    },
  };
}

interface Findings {
  readonly diagnostics: Diagnostic[];
  readonly functions: FunctionReport[];
}

/** Runs rules of the given scopes over a unit; `region`: the unit is that region's code, its offsets mapped into the document. */
function runRules(run: Run, scopes: readonly NonNullable<Rule['scope']>[], unit: Unit, facts: DocumentFacts, into: Findings, region?: CodeRegion): void {
  const place = region ? (offset: number) => documentOffsetOf(region, offset) : (offset: number) => offset;
  for (const { rule, severity } of run.rules) {
    if (!scopes.includes(rule.scope ?? 'document')) continue;
    const context: DocumentCheckContext = {
      index: unit.index,
      get references() {
        return unit.references;
      },
      get unresolved() {
        return unit.unresolved;
      },
      keras: run.keras,
      registersCustomObjects: () => facts.registersCustomObjects(),
      report: (problem: Problem) => {
        into.diagnostics.push({
          code: rule.code,
          rule: rule.name,
          severity,
          message: problem.message,
          start: place(problem.start),
          end: place(problem.end),
          fixes: (problem.fixes ?? []).map((fix) => (region ? { ...fix, edits: fix.edits.map((edit) => ({ ...edit, start: place(edit.start), end: place(edit.end) })) } : fix)),
        });
      },
      reportFunction: (report) => into.functions.push(report),
    };
    if (rule.scope === 'statement') rule.check(context as CheckContext);
    else rule.check(context);
  }
}

/** Every rule over each region, in document order, into `local` (functions at their region's start). */
function checkRegions(run: Run, text: string, docs: DocRegions, facts: DocumentFacts, local: Diagnostic[], functions: { at: number; report: FunctionReport }[]): void {
  let lines: readonly number[] | undefined;
  docs.regions.forEach((region, k) => {
    const found: Findings = { diagnostics: local, functions: [] };
    runRules(run, ['statement', 'document'], scanUnit(docs.indexes[k], run.keras), facts, found, region);
    for (const report of found.functions) {
      // A report's line counts in its region: the document's line is where that code line is written.
      const line = positionAt((lines ??= lineStarts(text)), region.documentLineStarts[report.line] ?? region.start).line;
      functions.push({ at: region.start, report: { ...report, line } });
    }
  });
}

function checkWhole(index: DocumentIndex, run: Run): CheckState {
  const facts = new DocumentFacts(index.text);
  const local: Diagnostic[] = [];
  const localFunctions: { at: number; report: FunctionReport }[] = [];
  const documentWide: Findings = { diagnostics: [], functions: [] };
  if (index.language !== 'markdown') {
    const code = scanUnit(index, run.keras);
    runRules(run, ['statement'], code, facts, { diagnostics: local, functions: [] });
    runRules(run, ['document'], code, facts, documentWide);
  }
  const docs = documentRegions(index);
  checkRegions(run, index.text, docs, facts, local, localFunctions);
  return {
    index,
    key: run.key,
    local: local.sort(byPosition),
    localFunctions,
    documentWide: documentWide.diagnostics.sort(byPosition),
    documentFunctions: documentWide.functions,
    registers: facts.registers,
    regionStars: hasStarImports(docs),
  };
}

const hasStarImports = (docs: DocRegions): boolean => docs.indexes.some((index) => index.language === 'python' && index.imports.starModules.length > 0);

/** Where two versions of a document differ: [from, previousTo) in the previous one became [from, nextTo), `shift` longer. */
interface SpanEdit {
  readonly from: number;
  readonly previousTo: number;
  readonly nextTo: number;
  readonly shift: number;
}

/** The check of a later version of a document from the previous one's, or undefined when it must be checked whole. */
function recheck(state: CheckState, index: DocumentIndex, run: Run): CheckState | undefined {
  const next = recheckFrom(state, index, run);
  if (!next || index.language === 'markdown') return next;
  // Keep the state of the version the index was read from, when it is an earlier one, for the next check.
  const earlier = index.earlier && [next, state, state.earlier].find((candidate) => candidate?.index === index.earlier);
  return earlier === next.earlier ? next : { ...next, earlier };
}

function recheckFrom(state: CheckState, index: DocumentIndex, run: Run): CheckState | undefined {
  const previous = state.index;
  if (previous === index) return state;
  if (previous.language === 'markdown' || index.language === 'markdown') return previous.language === 'markdown' && index.language === 'markdown' ? recheckMarkdown(state, previous, index, run) : undefined;
  // After an edit that left a bracket or string open to the end, the version before it may be the nearer one.
  let base = state;
  let found = codeEdit(state, previous, index);
  if (state.earlier && state.earlier.index.language !== 'markdown') {
    if (state.earlier.index === index) return state.earlier;
    const fromEarlier = codeEdit(state.earlier, state.earlier.index, index);
    if (fromEarlier === 'same' || (fromEarlier && (!found || (found !== 'same' && editSpan(fromEarlier.edit) < editSpan(found.edit))))) [base, found] = [state.earlier, fromEarlier];
  }
  if (found === 'same') return { ...base, index };
  if (!found || registersChanged(base, index.text, found.edit)) return undefined;
  const { edit, docs } = found;

  const facts = new DocumentFacts(index.text, base.registers);
  const middle: Findings = { diagnostics: [], functions: [] };
  const middleFunctions: { at: number; report: FunctionReport }[] = [];
  runRules(run, ['statement'], scanUnit(index, run.keras, edit.head, edit.nextTail), facts, middle);
  checkRegions(run, index.text, docs, facts, middle.diagnostics, middleFunctions);
  const documentWide: Findings = { diagnostics: [], functions: [] };
  runRules(run, ['document'], lazyUnit(index, run.keras), facts, documentWide);
  return {
    ...keptAround(base, index, edit, middle.diagnostics, middleFunctions),
    documentWide: documentWide.diagnostics.sort(byPosition),
    documentFunctions: documentWide.functions,
    registers: facts.registers,
    regionStars: base.regionStars || hasStarImports(docs),
    ...(base.earlier ? { earlier: base.earlier } : {}),
  };
}

/** How many tokens an edit's statements hold in the new version: the work of checking them again. */
const editSpan = (edit: StatementEdit): number => edit.nextTail - edit.head;

/**
 * The statements an edit of a code file touched, and the doc regions in them, when the names mean what they meant
 * (else undefined: checked whole); 'same' when the texts are equal.
 */
function codeEdit(state: CheckState, previous: CodeDocumentIndex, index: CodeDocumentIndex): { edit: StatementEdit; docs: DocRegions } | 'same' | undefined {
  if (previous.language === 'python' && index.language === 'python') {
    if (previous.context !== index.context) return undefined;
    const edit = pythonEdit(previous, index);
    if (!edit) return 'same';
    if (previous.imports !== index.imports && (state.regionStars || !sameNameMeanings(previous, index))) return undefined;
    return { edit, docs: pythonDocs(index, edit.head, edit.nextTail) };
  }
  if (previous.language === 'python' || index.language === 'python' || previous.language !== index.language) return undefined;
  const edit = scriptEdit(previous, index);
  if (!edit) return 'same';
  return sameScriptNames(previous, index, edit) ? { edit, docs: scriptDocs(index, edit.from, edit.nextTo) } : undefined;
}

/** A Markdown file's check from the previous version's: the fences the re-read analysed again are checked again. */
function recheckMarkdown(state: CheckState, previous: MarkdownDocumentIndex, index: MarkdownDocumentIndex, run: Run): CheckState | undefined {
  const count = index.regions.length;
  if (previous.regions.length !== count || previous.context !== index.context) return undefined;
  const shift = index.text.length - previous.text.length;
  const changed = changedRange(previous.text, index.text);
  // Regions before the changed text that kept their place and analysis keep their findings, so do those after it, moved.
  const kept = (k: number, by: number): boolean => previous.indexes[k] === index.indexes[k] && regionShift(previous.regions[k], index.regions[k]) === by;
  let first = 0;
  while (first < count && previous.regions[first].end < changed.start && kept(first, 0)) first++;
  let last = count;
  while (last > first && previous.regions[last - 1].start >= changed.previousEnd && kept(last - 1, shift)) last--;
  // Between regions lies prose, where nothing is found: the span checked again runs from just past the last region kept before.
  const from = first > 0 ? previous.regions[first - 1].end + 1 : 0;
  const previousTo = last < count ? previous.regions[last].start : previous.text.length;
  const edit: SpanEdit = { from, previousTo, nextTo: previousTo + shift, shift };
  if (registersChanged(state, index.text, edit)) return undefined;
  const facts = new DocumentFacts(index.text, state.registers);
  const middle: Diagnostic[] = [];
  const middleFunctions: { at: number; report: FunctionReport }[] = [];
  checkRegions(run, index.text, { regions: index.regions.slice(first, last), indexes: index.indexes.slice(first, last) }, facts, middle, middleFunctions);
  return { ...state, ...keptAround(state, index, edit, middle, middleFunctions), registers: facts.registers };
}

/**
 * Whether a kept diagnostic may have changed because the edit changed whether the document registers custom
 * objects (a rule asked, and the edited text names such an API before or after the edit).
 */
function registersChanged(state: CheckState, text: string, edit: SpanEdit): boolean {
  if (state.registers === undefined) return false;
  // A name may reach across the edit's bounds: look a little further on both sides.
  const MARGIN = 32;
  const names = (version: string, to: number): boolean => CUSTOM_OBJECTS.test(version.slice(Math.max(0, edit.from - MARGIN), to + MARGIN));
  return (names(state.index.text, edit.previousTo) || names(text, edit.nextTo)) && CUSTOM_OBJECTS.test(text) !== state.registers;
}

/**
 * The local findings of a later version: the previous ones before the edit, `middle` (found again over the edited
 * span, in order), and the previous ones after it, moved.
 */
function keptAround(state: CheckState, index: DocumentIndex, edit: SpanEdit, middle: Diagnostic[], middleFunctions: { at: number; report: FunctionReport }[]): Pick<CheckState, 'index' | 'key' | 'local' | 'localFunctions'> {
  middle.sort(byPosition);
  const before = firstFrom(state.local, edit.from);
  const after = firstFrom(state.local, edit.previousTo);
  const local = [...state.local.slice(0, before), ...middle, ...state.local.slice(after).map((diagnostic) => moved(diagnostic, edit.shift))];
  // A kept region's function reports say their line: moved by the lines the edit added or removed.
  // Counted from the character before the span, which both versions share: a `\r` there may have begun a `\r\n`.
  const since = Math.max(0, edit.from - 1);
  const lineShift = state.localFunctions.length === 0 ? 0 : newlines(index.text, since, edit.nextTo) - newlines(state.index.text, since, edit.previousTo);
  const localFunctions = [
    ...state.localFunctions.filter((entry) => entry.at < edit.from),
    ...middleFunctions,
    ...state.localFunctions.filter((entry) => entry.at >= edit.previousTo).map((entry) => ({ at: entry.at + edit.shift, report: lineShift ? { ...entry.report, line: entry.report.line + lineShift } : entry.report })),
  ];
  return { index, key: state.key, local, localFunctions };
}

/** The line breaks in text [from, to), counted as `lineStarts` counts them (`\n`, `\r\n`, a lone `\r`). */
function newlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

const byPosition = (a: Diagnostic, b: Diagnostic): number => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code);

/** The index of the first diagnostic starting at or after `offset` (diagnostics in order). */
function firstFrom(diagnostics: readonly Diagnostic[], offset: number): number {
  let lo = 0;
  let hi = diagnostics.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (diagnostics[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function moved(diagnostic: Diagnostic, shift: number): Diagnostic {
  if (shift === 0) return diagnostic;
  return {
    ...diagnostic,
    start: diagnostic.start + shift,
    end: diagnostic.end + shift,
    fixes: diagnostic.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, start: edit.start + shift, end: edit.end + shift })) })),
  };
}

/** Two lists in order as one (the first's before the second's at equal positions). */
function merge(a: readonly Diagnostic[], b: readonly Diagnostic[]): readonly Diagnostic[] {
  if (!b.length) return a;
  const merged: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && byPosition(a[i], b[j]) <= 0) ? a[i++] : b[j++]);
  return merged;
}

export { RULES, selectRules, unknownSelectors, type RuleSelection } from './registry';
export { applyFixes, fixAllEdits } from './fix';
export type { CheckKeras, Diagnostic, Fix, FunctionReport, Rule, Severity, TextEdit } from './types';
export { SEVERITIES } from './types';
