// Checks one document: the recognizers read it once (references, and names their library does not
// resolve), then every selected rule looks at what they found. Pure; the editor's diagnostics and code
// actions and the CLI's `check` are its two callers.
//
//   const { diagnostics } = checkDocument(analyzeDocument(text, 'python'), { keras: { major: '3', version: '3.5' } });
import { scanDocument, type CodeDocumentIndex, type UnresolvedName } from '../language';
import { selectRules, type RuleSelection } from './registry';
import type { CheckContext, CheckKeras, Diagnostic, FunctionReport, Problem } from './types';

export interface CheckOptions {
  readonly keras: CheckKeras;
  readonly rules?: RuleSelection;
}

export interface CheckResult {
  /** In order of position. */
  readonly diagnostics: readonly Diagnostic[];
  readonly functions: readonly FunctionReport[];
}

export function checkDocument(index: CodeDocumentIndex, options: CheckOptions): CheckResult {
  const unresolved: UnresolvedName[] = [];
  const references = scanDocument(index, { kerasVersion: options.keras.major, onUnresolved: (name) => unresolved.push(name) });
  const diagnostics: Diagnostic[] = [];
  const functions: FunctionReport[] = [];
  for (const { rule, severity } of selectRules(options.rules)) {
    const context: CheckContext = {
      index,
      references,
      unresolved,
      keras: options.keras,
      report: (problem: Problem) => {
        diagnostics.push({ code: rule.code, rule: rule.name, severity, message: problem.message, start: problem.start, end: problem.end, fixes: problem.fixes ?? [] });
      },
      reportFunction: (report) => functions.push(report),
    };
    rule.check(context);
  }
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  return { diagnostics, functions };
}

export { RULES, selectRules, unknownSelectors, type RuleSelection } from './registry';
export { applyFixes, fixAllEdits } from './fix';
export type { CheckKeras, Diagnostic, Fix, FunctionReport, Rule, Severity, TextEdit } from './types';
export { SEVERITIES } from './types';
