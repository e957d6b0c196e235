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

/** A number in `check --json`: NaN and ±∞ as the strings `nan`, `inf`, `-inf`. */
export type JsonNumber = number | 'nan' | 'inf' | '-inf';

/** A sample where a hand-written function and the library's differ. */
export interface FunctionPoint {
  readonly x: JsonNumber;
  readonly yours: JsonNumber;
  readonly library: JsonNumber;
}

/**
 * One entry of `check --json`'s `functions` array: a hand-written activation compared with the library's
 * (issue 11 part 3 defines its fields; a document rule adds entries with `DocumentCheckContext.reportFunction`).
 */
export interface FunctionReport {
  readonly name: string;
  /** 0-based line of its name. */
  readonly line: number;
  /** The Keras 3 canonical name of the activation it was matched to, or null. */
  readonly activation: string | null;
  /** The flavour in force: `keras3`, `keras2`. */
  readonly flavour: string;
  readonly verdict: 'same' | 'differs' | 'unmatched';
  /** The library's parameters compared with, under their Keras 3 names. */
  readonly params: Readonly<Record<string, number | boolean | null>>;
  /** The other flavours whose definition it equals. */
  readonly sameAs: readonly string[];
  readonly firstDifference: FunctionPoint | null;
  readonly worstDifference: FunctionPoint | null;
  readonly traps: readonly ({ readonly x: JsonNumber; readonly message: string } | { readonly range: string; readonly message: string })[];
  /** Why it was not compared when it gives no number at any x (what it raises, what is not modelled); null otherwise. */
  readonly noNumber: string | null;
}

/** A problem as a rule reports it; the runner adds the rule's code, name and severity. */
export interface Problem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fixes?: readonly Fix[];
}

/**
 * What a rule sees of one piece of code — a code file, or one region of documentation code (a Markdown fence, a
 * docstring's doctest), whose offsets the runner maps back into the document. Read once and shared by every rule.
 */
export interface CheckContext {
  readonly index: CodeDocumentIndex;
  /** Every activation the recognizers find, in order (a statement rule: those of the statements being checked). */
  readonly references: readonly ActivationReference[];
  /** Names in activation positions that the site's library does not resolve (likewise). */
  readonly unresolved: readonly UnresolvedName[];
  readonly keras: CheckKeras;
  /**
   * Whether the document registers activations of its own (`get_custom_objects()`, `custom_object_scope`, tfjs'
   * `registerClass`, …), which Keras 2's and TensorFlow.js' lookups then accept. Asked only when needed: a
   * document fact, so an edit elsewhere can change it (the runner keeps track).
   */
  registersCustomObjects(): boolean;
  report(problem: Problem): void;
}

export interface DocumentCheckContext extends CheckContext {
  reportFunction(report: FunctionReport): void;
}

interface RuleInfo {
  /** Stable code, `AL` and three digits: the hundreds group the rules (1 names, 2 arguments, 3 misuse, 4 hand-written activations). */
  readonly code: string;
  /** kebab-case, as Ruff names rules. */
  readonly name: string;
  /** The severity unless the settings override it. */
  readonly severity: Severity;
  /** One line for the rule table. */
  readonly summary: string;
  /** Whether its diagnostics come with a fix (as Ruff's FixAvailability); the doc comment says how safe. */
  readonly fix: 'always' | 'sometimes' | 'none';
}

/**
 * A rule whose every diagnostic, with its fixes, lies in the statement of one reference and depends only on
 * that statement, the document's imports and `registersCustomObjects`: after an edit only the statements it
 * touched are checked again, so such a rule may be handed any subset of the references.
 */
export interface StatementRule extends RuleInfo {
  readonly scope: 'statement';
  readonly check: (context: CheckContext) => void;
}

/**
 * A rule that relates statements (a model's last layer and the loss it is compiled with): run over the whole
 * code on every check. The default scope, so a rule that says none is always correct.
 */
export interface DocumentRule extends RuleInfo {
  readonly scope?: 'document';
  readonly check: (context: DocumentCheckContext) => void;
}

export type Rule = StatementRule | DocumentRule;
