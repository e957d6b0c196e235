// What a check reports: problems at offsets of one document, each with a stable code and the fixes that
// are unambiguous, and the contract every rule (src/check/rules/*) implements. Pure: the editor and the
// CLI turn offsets into their own positions.
import type { ActivationReference, CodeDocumentIndex, UnresolvedName } from '../language';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Replace the text at [start, end) (UTF-16 offsets into the checked text) with `newText`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /**
   * `safe`: the result does what the written code evidently meant and nothing else (a misspelt name, another
   * library's spelling of the same parameter): applied by Fix All and `check --fix`. `unsafe`: it changes what
   * the model computes or is a guess; offered as a quick fix only (`check --fix --unsafe-fixes` applies it).
   */
  readonly safety: 'safe' | 'unsafe';
}

export interface Diagnostic {
  /** Stable code: `AL101`. */
  readonly code: string;
  /** The rule's name: `unknown-activation`. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly fixes: readonly Fix[];
}

/** The Keras a document is checked against. */
export interface CheckKeras {
  readonly major: '2' | '3';
  /** `3.5`, `2.15`: only when the project declares it; without it no rule depends on the minor version. */
  readonly version?: string;
  /** Where it was read, for messages: `requirements.txt`, `the activationLens.kerasVersion setting`. */
  readonly source?: string;
}

/**
 * One entry of `check --json`'s `functions` array: a hand-written activation compared with the library's
 * (issue 11 part 3 defines its fields; a rule adds entries with `CheckContext.reportFunction`).
 */
export type FunctionReport = Readonly<Record<string, unknown>>;

/** A problem as a rule reports it; the runner adds the rule's code, name and severity. */
export interface Problem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fixes?: readonly Fix[];
}

/** What a rule sees of one document: read once and shared by every rule. */
export interface CheckContext {
  readonly index: CodeDocumentIndex;
  /** Every activation the recognizers find, in order. */
  readonly references: readonly ActivationReference[];
  /** Names in activation positions that the site's library does not resolve. */
  readonly unresolved: readonly UnresolvedName[];
  readonly keras: CheckKeras;
  report(problem: Problem): void;
  reportFunction(report: FunctionReport): void;
}

export interface Rule {
  /** Stable code, `AL` and three digits: the hundreds group the rules (1 names, 2 arguments, 3 misuse). */
  readonly code: string;
  /** kebab-case, as Ruff names rules. */
  readonly name: string;
  /** The severity unless the settings override it. */
  readonly severity: Severity;
  /** One line for the rule table. */
  readonly summary: string;
  /** Whether its diagnostics come with a fix (as Ruff's FixAvailability); the doc comment says how safe. */
  readonly fix: 'always' | 'sometimes' | 'none';
  readonly check: (context: CheckContext) => void;
}
