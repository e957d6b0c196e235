// AL102 not-in-version.
import { FLAVOUR_LABELS, type Flavour } from '../../core';
import { identifierName, type SinceEntry } from '../../core/catalog/since';
import type { ActivationReference } from '../../language';
import { argumentRange } from '../arguments';
import { availabilityAt } from '../library';
import type { CheckContext, Rule } from '../types';

/**
 * ## What it does
 * Checks every activation function, string, op, layer and argument against the release of Keras the
 * project declares (`keras==3.5.0`, `tensorflow==2.12.*`, read from its requirements, pyproject.toml, lock
 * files, …): a name added in a later release is reported with the release and the change that added it.
 * Without a declared version nothing is reported.
 *
 * ## Why is this bad?
 * The code works on the newest Keras and fails on the one the project says it supports:
 * `keras.activations.squareplus` appeared in Keras 3.7, so a project pinned to 3.5 gets an
 * `AttributeError`, and `activation='squareplus'` a `ValueError`.
 *
 * ## Example
 * ```python
 * # requirements.txt: keras==3.5.0
 * y = keras.activations.squareplus(x)
 * ```
 *
 * ## Use instead
 * ```python
 * # requirements.txt: keras>=3.7
 * y = keras.activations.squareplus(x)
 * ```
 *
 * ## Fix safety
 * No fix: raise the project's lower bound or write the function out, whichever the project wants.
 */
export const rule: Rule = {
  code: 'AL102',
  name: 'not-in-version',
  severity: 'error',
  summary: "A name or argument the project's Keras version does not have yet (`squareplus` before Keras 3.7)",
  fix: 'none',
  scope: 'statement',
  check(context) {
    if (context.keras.version === undefined) return;
    // The same names recur on many lines: each is looked up once per document.
    const looked = new Map<string, string | undefined>();
    const problem = (flavour: Flavour, name: string, argument?: string): string | undefined => {
      const key = `${flavour} ${name} ${argument ?? ''}`;
      if (!looked.has(key)) looked.set(key, missingMessage(context, flavour, name, argument));
      return looked.get(key);
    };
    for (const reference of context.references) {
      const name = datedName(reference);
      if (!name) continue;
      const message = problem(reference.flavour, name);
      if (message) context.report({ start: reference.start, end: reference.end, message });
      for (const span of reference.arguments ?? []) {
        const argumentMessage = span.keyword === undefined ? undefined : problem(reference.flavour, name, span.keyword);
        if (argumentMessage) context.report({ ...argumentRange(span), message: argumentMessage });
      }
    }
  },
};

/** The name since.json dates this reference by: its symbol, or a string in quotes. */
function datedName(reference: ActivationReference): string | undefined {
  if (reference.api === 'activation string' || reference.api === 'activations.get') return identifierName(reference.written);
  if (reference.api === 'keras.ops') return reference.op && `keras.ops.${reference.op.name}`;
  if (reference.api === 'keras.activations' || reference.api === 'layer') return reference.symbol;
  return undefined;
}

/** The message when the project's version lacks the name (or its argument), else undefined. */
function missingMessage(context: CheckContext, flavour: Flavour, name: string, argument: string | undefined): string | undefined {
  const found = availabilityAt(flavour, context.keras, name, argument);
  if (found?.availability !== 'missing' || !found.entry.added) return undefined;
  const what = argument === undefined ? `\`${name}\`` : `\`${name}(${argument}=…)\``;
  return `${what} needs ${FLAVOUR_LABELS[flavour]} ≥ ${shortVersion(found.entry.added.version)}${addedBy(found.entry)}; this project declares Keras ${found.version}${context.keras.source ? ` (${context.keras.source})` : ''}`;
}

const shortVersion = (version: string): string => version.replace(/^(\d+\.\d+)\.0$/, '$1');

function addedBy(entry: SinceEntry): string {
  const added = entry.added;
  if (!added) return '';
  if (added.pr !== undefined) return ` (added in ${added.repository}#${added.pr})`;
  return added.commit ? ` (added in ${added.repository}@${added.commit})` : '';
}
