// AL301 softmax-single-unit.
import { bracketItems, isName, isOp, TokenKind, tokensAt, tokenText, dottedNameStart, type TokenIndex } from '../../language/tokens';
import { parseNumberLiteral } from '../../language/reference';
import type { ActivationReference } from '../../language';
import type { Rule } from '../types';

/**
 * ## What it does
 * Finds softmax as the activation of a layer with one output unit: `Dense(1, activation='softmax')`, a
 * convolution with one filter, TensorFlow.js `tf.layers.dense({ units: 1, activation: 'softmax' })`.
 *
 * ## Why is this bad?
 * Softmax normalises over the units, so over one unit it is always exactly 1.0: the model outputs a
 * constant, its gradient is zero, and it trains to nothing — without any error. A single probability
 * (binary classification) is a sigmoid; softmax needs one unit per class.
 *
 * ## Example
 * ```python
 * outputs = layers.Dense(1, activation="softmax")(x)
 * ```
 *
 * ## Use instead
 * ```python
 * outputs = layers.Dense(1, activation="sigmoid")(x)  # with binary_crossentropy
 * ```
 *
 * ## Fix safety
 * Unsafe: sigmoid changes what the model computes, and the loss must be a binary one to match.
 */
export const rule: Rule = {
  code: 'AL301',
  name: 'softmax-single-unit',
  severity: 'warning',
  summary: 'Softmax over a single unit (`Dense(1, activation="softmax")`): the output is always 1.0',
  fix: 'always',
  scope: 'statement',
  check(context) {
    const tokens = context.index.tokens;
    for (const reference of context.references) {
      if (reference.name !== 'softmax' || reference.keyword !== 'activation' || reference.arguments) continue;
      const units = outputUnits(tokens, reference);
      if (units !== 1) continue;
      context.report({
        start: reference.start,
        end: reference.end,
        message: 'softmax over 1 unit always outputs 1.0 (the model cannot learn): use sigmoid for one probability, or one unit per class',
        fixes: [{ title: 'Replace with sigmoid', edits: [{ start: reference.start, end: reference.end, newText: 'sigmoid' }], safety: 'unsafe' }],
      });
    }
  },
};

/** Layers whose last axis (the one softmax normalises) has as many entries as their first argument says. */
const UNITS: Readonly<Record<string, string>> = {
  Dense: 'units',
  dense: 'units',
  ...Object.fromEntries(
    ['Conv1D', 'Conv2D', 'Conv3D', 'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose', 'SeparableConv1D', 'SeparableConv2D', 'conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'separableConv2d'].map((name) => [name, 'filters']),
  ),
};

/** The literal number of units (or filters) of the layer call the activation is given to, if written. */
function outputUnits(tokens: TokenIndex, reference: ActivationReference): number | undefined {
  const token = tokensAt(tokens, reference.start).find((i) => tokens.kind[i] === TokenKind.String || tokens.kind[i] === TokenKind.Name);
  if (token === undefined) return undefined;
  let container = tokens.parent[token];
  // TensorFlow.js: the options object inside the factory call.
  const inObject = container !== -1 && isOp(tokens, container, '{');
  const open = inObject ? tokens.parent[container] : container;
  if (open === -1 || !isOp(tokens, open, '(')) return undefined;
  const callee = dottedNameStart(tokens, open - 1) === -1 ? undefined : tokenText(tokens, open - 1);
  const keyword = callee === undefined ? undefined : UNITS[callee];
  if (!keyword || !isName(tokens, open - 1)) return undefined;
  container = inObject ? container : open;
  for (const [position, { first, last }] of bracketItems(tokens, container).entries()) {
    const keyed = (isName(tokens, first, keyword) || (tokens.kind[first] === TokenKind.String && tokenText(tokens, first).slice(1, -1) === keyword)) && (isOp(tokens, first + 1, '=') || isOp(tokens, first + 1, ':'));
    const valueAt = keyed ? first + 2 : first;
    if (!keyed && (inObject || position !== 0 || isOp(tokens, first + 1, '='))) continue;
    if (valueAt !== last || tokens.kind[valueAt] !== TokenKind.Number) return undefined;
    return parseNumberLiteral(tokenText(tokens, valueAt));
  }
  return undefined;
}
