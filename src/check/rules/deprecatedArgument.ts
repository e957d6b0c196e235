// AL202 deprecated-argument.
import { argumentRange, renameKeyword } from '../arguments';
import type { Rule } from '../types';

/**
 * ## What it does
 * Finds arguments the library still accepts but has deprecated: Keras 3's `LeakyReLU(alpha=…)`.
 *
 * ## Why is this bad?
 * Keras 3 takes the value as `negative_slope` and warns (`UserWarning: Argument alpha is deprecated`) in a
 * log nobody reads; a later release may drop it, and a reader of the code must know the old name.
 *
 * ## Example
 * ```python
 * layers.LeakyReLU(alpha=0.1)
 * ```
 *
 * ## Use instead
 * ```python
 * layers.LeakyReLU(negative_slope=0.1)
 * ```
 *
 * ## Fix safety
 * Safe: the library uses the value as the new argument already. No fix when both are written (Keras uses
 * the deprecated one then, so removing either changes the model).
 */
export const rule: Rule = {
  code: 'AL202',
  name: 'deprecated-argument',
  severity: 'warning',
  summary: 'An argument the library accepts but deprecates (Keras 3 `LeakyReLU(alpha=…)`)',
  fix: 'sometimes',
  scope: 'statement',
  check(context) {
    for (const reference of context.references) {
      const deprecated = reference.site?.deprecated;
      if (!deprecated || !reference.arguments) continue;
      for (const span of reference.arguments) {
        const replacement = span.keyword === undefined ? undefined : deprecated[span.keyword];
        if (replacement === undefined) continue;
        context.report({
          ...argumentRange(span),
          message: `${reference.site?.label}: \`${span.keyword}\` is deprecated (the library warns and uses it as \`${replacement}\`); write \`${replacement}\``,
          fixes: renameKeyword(reference, span, replacement, 'safe'),
        });
      }
    }
  },
};
