// AL205 missing-argument.
import type { Rule } from '../types';

/**
 * ## What it does
 * Finds activations with required parameters — Keras 3's `threshold(x, threshold, default_value)` — called
 * without them, or named where the library will call them with the input alone (`activation='threshold'`,
 * `Activation(keras.activations.threshold)`).
 *
 * ## Why is this bad?
 * The layer calls the function with one argument and fails when the model is built: `TypeError:
 * threshold() missing 2 required positional arguments`.
 *
 * ## Example
 * ```python
 * layers.Dense(8, activation="threshold")
 * ```
 *
 * ## Use instead
 * ```python
 * layers.Dense(8)
 * layers.ReLU(threshold=0.5)  # or a lambda passing threshold= and default_value=
 * ```
 *
 * ## Fix safety
 * No fix: the values are the author's to choose.
 */
export const rule: Rule = {
  code: 'AL205',
  name: 'missing-argument',
  severity: 'error',
  summary: 'An activation with required parameters called, or given to a layer, without them (`activation="threshold"`)',
  fix: 'none',
  scope: 'statement',
  check(context) {
    for (const reference of context.references) {
      const required = reference.spec.params.filter((param) => param.default === undefined && !(param.name in reference.params) && !(param.name in reference.implied));
      if (!required.length) continue;
      const names = required.map((param) => `\`${param.name}\``).join(' and ');
      // A string or function handed to a layer is called with the input alone.
      const handedToLayer = reference.arguments === undefined && (reference.keyword !== undefined || reference.layer?.activation === null) && reference.api !== 'activations.get';
      const called = reference.arguments !== undefined && !reference.arguments.some((span) => span.spread);
      if (handedToLayer) context.report({ start: reference.start, end: reference.end, message: `${reference.spec.name} requires ${names}, which a layer calling it with the input alone does not pass (TypeError)` });
      else if (called) context.report({ start: reference.start, end: reference.end, message: `${reference.site?.label ?? reference.spec.name} requires ${names} (TypeError)` });
    }
  },
};
