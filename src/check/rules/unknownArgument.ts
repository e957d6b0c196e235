// AL201 unknown-argument.
import { matchArguments, type ArgumentSpan, type SignatureSite } from '../../language';
import { argumentRange, renameKeyword, siteSpelling } from '../arguments';
import type { Rule } from '../types';

/**
 * ## What it does
 * Checks the arguments of activation functions, ops and activation layers against the signature they have
 * in the library in force: keywords it does not take, and more positional arguments than it has.
 *
 * ## Why is this bad?
 * The call fails: `keras.activations.leaky_relu(x, alpha=0.1)` is a `TypeError` in Keras 3, whose parameter
 * is `negative_slope`; Keras 2's `LeakyReLU(negative_slope=0.1)` is a `TypeError` too (Keras 2 calls it
 * `alpha`); an unknown keyword of a Keras 3 layer raises `ValueError: Unrecognized keyword arguments`.
 * Keywords every layer takes (`name`, `dtype`, `trainable`, `input_shape`, …) and the input passed by
 * keyword (`x=`, `features=`, `logits=`) are accepted; `**kwargs` is not analysed.
 *
 * ## Example
 * ```python
 * y = keras.activations.leaky_relu(x, alpha=0.1)  # Keras 3
 * ```
 *
 * ## Use instead
 * ```python
 * y = keras.activations.leaky_relu(x, negative_slope=0.1)
 * ```
 *
 * ## Fix safety
 * Renaming is safe when the keyword is another library's spelling of a parameter this signature has (the
 * value means the same there); there is no fix for other unknown keywords or extra positional arguments.
 */
export const rule: Rule = {
  code: 'AL201',
  name: 'unknown-argument',
  severity: 'error',
  summary: 'An argument the function, op or layer does not take in the library in force',
  fix: 'sometimes',
  scope: 'statement',
  check(context) {
    // A site's spelling of a keyword is the same on every line that writes it: found once per document.
    const spellings = new Map<string, string | undefined>();
    for (const reference of context.references) {
      const { site, arguments: args } = reference;
      if (!site || !args || fits(args, site)) continue;
      matchArguments<ArgumentSpan>(args, site, {
        assign: () => undefined,
        note: () => undefined,
        problem: (message, span) => {
          if (span.keyword !== undefined && site.inputs > 0 && INPUT_KEYWORDS.has(span.keyword)) return;
          let spelling: string | undefined;
          if (span.keyword !== undefined) {
            const key = `${reference.flavour} ${reference.api} ${reference.layer?.name ?? reference.spec.name} ${span.keyword}`;
            if (!spellings.has(key)) spellings.set(key, siteSpelling(reference, span.keyword));
            spelling = spellings.get(key);
          }
          context.report({ ...argumentRange(span), message, fixes: spelling ? renameKeyword(reference, span, spelling, 'safe') : [] });
        },
      });
    }
  },
};

/** The names of the input tensor when passed by keyword: Keras' `x`, TensorFlow's `features` and `logits`. */
const INPUT_KEYWORDS = new Set(['x', 'features', 'logits']);

/** Whether every argument has a place in the signature (most calls): then there is nothing to match. */
function fits(args: readonly ArgumentSpan[], site: SignatureSite): boolean {
  let positional = 0;
  for (const arg of args) {
    if (arg.spread) continue;
    if (arg.keyword === undefined) positional++;
    else if (!site.slots.some((slot) => slot.name === arg.keyword) && !site.deprecated?.[arg.keyword] && !site.ignored?.has(arg.keyword)) return false;
  }
  return positional <= site.inputs + site.slots.length;
}
