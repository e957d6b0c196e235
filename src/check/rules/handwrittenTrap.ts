// AL402 handwritten-trap.
import { flavourOf, handwrittenChecks } from '../handwritten';
import type { Rule } from '../types';

/**
 * ## What it does
 * Finds where a hand-written activation raises, overflows, jumps or mishandles NaN where the library's
 * does not: `math.exp(-x)` in a sigmoid raises `OverflowError` below x ≈ −709.78 (Keras gives 0 there), a
 * tanh from `math.exp` raises for |x| > 709.78 (Keras gives ±1), `max(0.0, x)` gives 0.0 for NaN, an ELU
 * with the −1 outside α(…) jumps at 0. Inputs tried: ±30, ±100, ±710, ±1000, ±0, tiny values, NaN, ±∞.
 *
 * ## Why is this bad?
 * Large logits happen in training; a Python function that raises there stops the run, and one that returns
 * NaN or a jump poisons the gradients, while the library's definition stays finite and continuous.
 *
 * ## Example
 * ```python
 * def sigmoid(x):
 *     return 1 / (1 + math.exp(-x))
 * ```
 *
 * ## Use instead
 * ```python
 * def sigmoid(x):
 *     return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
 * ```
 *
 * ## Fix safety
 * No fix.
 */
export const rule: Rule = {
  code: 'AL402',
  name: 'handwritten-trap',
  severity: 'information',
  summary: 'A hand-written activation that raises, overflows, jumps or mishandles NaN where the library does not',
  fix: 'none',
  check(context) {
    for (const check of handwrittenChecks(context.index, flavourOf(context.keras))) {
      for (const trap of check.traps) {
        context.report({ start: check.fn.nameSpan.start, end: check.fn.nameSpan.end, message: `\`${check.fn.name}\` ${trap.message}` });
      }
    }
  },
};
