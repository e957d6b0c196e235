// AL401 handwritten-differs.
import { FLAVOUR_LABELS } from '../../core/catalog';
import { flavourOf, functionReport, handwrittenChecks, libraryName, numberText } from '../handwritten';
import type { Rule } from '../types';

/**
 * ## What it does
 * Compares each function the code defines (a `def`, or a name bound to a `lambda`) with the activation its
 * name means (`my_elu`, `leakyrelu`, `swish`) or whose values it takes, sampled in float64 over the plot
 * domain, against the definition of the Keras in force. Reports it when a sample differs by more than the
 * float32 rounding of the library's result, with the first differing point and how it differs. Every
 * function it reads is listed in `check --json`'s `functions`, whatever its verdict.
 *
 * ## Why is this bad?
 * A hand-written activation that is not the library's trains a different model than the one the paper or
 * the tutorial describes, and nothing fails: the tutorial's `alpha*(math.exp(x))-1` is ELU only for α = 1.
 *
 * ## Example
 * ```python
 * def elu(x, alpha):
 *     return x if x >= 0 else alpha*(math.exp(x))-1
 * ```
 *
 * ## Use instead
 * ```python
 * def elu(x, alpha):
 *     return x if x >= 0 else alpha*(math.exp(x)-1)
 * ```
 *
 * ## Fix safety
 * No fix: which definition was meant is the author's call.
 */
export const rule: Rule = {
  code: 'AL401',
  name: 'handwritten-differs',
  severity: 'warning',
  summary: 'A hand-written activation that differs from the library\'s definition (`alpha*(math.exp(x))-1` for ELU)',
  fix: 'none',
  check(context) {
    const flavour = flavourOf(context.keras);
    for (const check of handwrittenChecks(context.index, flavour)) {
      context.reportFunction(functionReport(check));
      const first = check.firstDifference;
      if (check.verdict !== 'differs' || !first) continue;
      const label = FLAVOUR_LABELS[flavour];
      context.report({
        start: check.fn.nameSpan.start,
        end: check.fn.nameSpan.end,
        message: `\`${check.fn.name}\` differs from ${libraryName(check)}: ${check.how}; first at x = ${numberText(first.x)}: yours ${numberText(first.yours)}, ${label} ${numberText(first.library)}`,
      });
    }
  },
};
