// Every rule, and which of them run: Ruff's select / ignore (by code, code prefix, rule name or `ALL`; the
// more specific entry wins, ignore on a tie) and per-rule severity overrides.
import { rule as activationNotInVersion } from './rules/activationNotInVersion';
import { rule as deprecatedArgument } from './rules/deprecatedArgument';
import { rule as handwrittenDiffers } from './rules/handwrittenDiffers';
import { rule as handwrittenTrap } from './rules/handwrittenTrap';
import { rule as invalidArgumentValue } from './rules/invalidArgumentValue';
import { rule as missingArgument } from './rules/missingArgument';
import { rule as removedLayer } from './rules/removedLayer';
import { rule as softmaxSingleUnit } from './rules/softmaxSingleUnit';
import { rule as softmaxWithLogitsLoss } from './rules/softmaxWithLogitsLoss';
import { rule as unknownActivation } from './rules/unknownActivation';
import { rule as unknownArgument } from './rules/unknownArgument';
import type { Rule, Severity } from './types';

/** In code order; a rule module is added here and nowhere else. */
export const RULES: readonly Rule[] = [
  unknownActivation,
  activationNotInVersion,
  unknownArgument,
  deprecatedArgument,
  removedLayer,
  invalidArgumentValue,
  missingArgument,
  softmaxSingleUnit,
  softmaxWithLogitsLoss,
  handwrittenDiffers,
  handwrittenTrap,
].sort((a, b) => a.code.localeCompare(b.code));

export interface RuleSelection {
  /** Codes (`AL101`), prefixes (`AL1`), rule names (`unknown-activation`) or `ALL`; default `ALL`. */
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  /** Severity per code or rule name; `off` turns a rule off. */
  readonly severity?: Readonly<Record<string, Severity | 'off'>>;
}

/** How specifically `selector` names the rule: -1 not at all, 0 `ALL`, else the prefix length (a name counts as a full code). */
function specificity(selector: string, rule: Rule): number {
  const wanted = selector.trim();
  if (wanted.toUpperCase() === 'ALL') return 0;
  if (wanted === rule.name) return rule.code.length;
  return rule.code.startsWith(wanted.toUpperCase()) && wanted.length > 0 ? wanted.length : -1;
}

const mostSpecific = (selectors: readonly string[], rule: Rule): number => Math.max(-1, ...selectors.map((selector) => specificity(selector, rule)));

/** The rules that run, each with its severity. */
export function selectRules(selection: RuleSelection = {}, rules: readonly Rule[] = RULES): { rule: Rule; severity: Severity }[] {
  const chosen: { rule: Rule; severity: Severity }[] = [];
  for (const rule of rules) {
    const selected = mostSpecific(selection.select ?? ['ALL'], rule);
    if (selected < 0 || mostSpecific(selection.ignore ?? [], rule) >= selected) continue;
    const override = selection.severity?.[rule.code] ?? selection.severity?.[rule.name];
    if (override === 'off') continue;
    chosen.push({ rule, severity: override ?? rule.severity });
  }
  return chosen;
}

/** Selectors that name no rule (for a settings warning or a usage error). */
export function unknownSelectors(selectors: readonly string[], rules: readonly Rule[] = RULES): string[] {
  return selectors.filter((selector) => !rules.some((rule) => specificity(selector, rule) >= 0));
}
