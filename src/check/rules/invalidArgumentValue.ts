// AL204 invalid-argument-value.
import { FLAVOUR_LABELS, type ParamSpec } from '../../core';
import { matchArguments, type ArgumentSpan } from '../../language';
import { formatValue } from '../../render/hover';
import type { Rule } from '../types';

/**
 * ## What it does
 * Checks literal values given to activation layers against what their constructors accept: Keras'
 * `ReLU` takes no negative `max_value`, `negative_slope` or `threshold` and no `None` for the last two,
 * Keras 3's `LeakyReLU` no negative or `None` slope, Keras 2's `ThresholdedReLU` no negative `theta`, and
 * TensorFlow.js' `elu` layer implements only `alpha: 1`.
 *
 * ## Why is this bad?
 * The layer raises when the model is built (`ValueError`, TensorFlow.js `NotImplementedError`). The
 * activation *functions* accept these values (`keras.activations.relu(x, max_value=-1)` runs), so only
 * the layers are checked.
 *
 * ## Example
 * ```python
 * layers.LeakyReLU(negative_slope=-1)
 * layers.ReLU(max_value=-1)
 * ```
 *
 * ## Use instead
 * ```python
 * layers.LeakyReLU(negative_slope=0.1)
 * layers.ReLU(max_value=6)
 * ```
 *
 * ## Fix safety
 * No fix: only the author knows the value meant.
 */
export const rule: Rule = {
  code: 'AL204',
  name: 'invalid-argument-value',
  severity: 'error',
  summary: 'A literal value an activation layer rejects (`LeakyReLU(negative_slope=-1)`, `ReLU(max_value=-1)`)',
  fix: 'none',
  scope: 'statement',
  check(context) {
    for (const reference of context.references) {
      const { layer, site, arguments: args } = reference;
      if (reference.api !== 'layer' || !layer || !site || !args || !layer.params.some(constrained) || !args.some(checkable)) continue;
      matchArguments<ArgumentSpan>(args, site, {
        note: () => undefined,
        problem: () => undefined,
        assign: (slot, span) => {
          const param = layer.params.find((candidate) => candidate.name === slot.name);
          const value = span.value;
          if (!param || param.type !== 'number' || !constrained(param)) return;
          const python = layer.flavour !== 'tfjs';
          const written = `${span.keyword ?? slot.name}${python ? '=' : ': '}${typeof value === 'number' || value === null ? formatValue(value, python) : ''}`;
          const where = `${FLAVOUR_LABELS[layer.flavour]} ${layer.name}`;
          let problem: string | undefined;
          // TensorFlow.js reads null as "the default"; Keras raises for None where it needs a number.
          if (value === null && !param.nullable && python) problem = `${where} rejects ${written}: it needs a number (ValueError)`;
          else if (typeof value === 'number' && param.minimum !== undefined && value < param.minimum) problem = `${where} rejects ${written}: \`${slot.name}\` must be ≥ ${param.minimum} (ValueError)`;
          else if (typeof value === 'number' && param.supported && !param.supported.includes(value)) problem = `${where} implements only ${param.supported.map((allowed) => `${slot.name}${python ? '=' : ': '}${allowed}`).join(', ')}; ${written} throws NotImplementedError`;
          if (problem) context.report({ start: span.start, end: span.end, message: problem });
        },
      });
    }
  },
};

/** Parameters whose values the library checks (the catalog says how). */
const constrained = (param: ParamSpec): boolean => param.minimum !== undefined || param.supported !== undefined;

/** A literal the checks can judge: a number, or None where a number is needed. */
const checkable = (span: ArgumentSpan): boolean => typeof span.value === 'number' ? true : span.value === null;
