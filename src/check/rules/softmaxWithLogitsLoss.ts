// AL302 softmax-with-logits-loss.
import { bracketItems, isDot, isName, isOp, TokenKind, tokenText, type TokenIndex } from '../../language/tokens';
import type { ActivationReference } from '../../language';
import type { Rule } from '../types';

/**
 * ## What it does
 * Finds a model whose last layer's activation is softmax compiled with a loss that says `from_logits=True`:
 * `model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))` on a
 * `keras.Sequential([... Dense(10, activation="softmax")])`, or a `model = Sequential()` whose last
 * `model.add(...)` before the compile call adds a softmax layer, or a `keras.Model(inputs, outputs)` whose
 * `outputs` come from a softmax layer. The loss may be written in the call or assigned to a name first.
 *
 * ## Why is this bad?
 * `from_logits=True` tells the loss that the model outputs raw scores, so the loss applies softmax itself: over
 * probabilities, that is softmax twice. Training still runs, but the gradients are squashed and the model
 * learns slowly or stalls, without any error.
 *
 * ## Example
 * ```python
 * model = keras.Sequential([layers.Dense(10, activation="softmax")])
 * model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
 * ```
 *
 * ## Use instead
 * ```python
 * model = keras.Sequential([layers.Dense(10, activation="softmax")])
 * model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=False))
 * ```
 * or keep `from_logits=True` and drop the softmax (the model then outputs logits).
 *
 * ## Fix safety
 * Unsafe: `from_logits=False` changes the loss that is computed (to the one the model's outputs match). The
 * other cure, dropping the softmax, changes what the model outputs and is left to you.
 */
export const rule: Rule = {
  code: 'AL302',
  name: 'softmax-with-logits-loss',
  severity: 'warning',
  summary: 'A model ending in softmax compiled with a loss that says `from_logits=True`: softmax applied twice',
  fix: 'always',
  // Relates statements: the model's definition, its output layer, the loss, the compile call.
  scope: 'document',
  check(context) {
    // A document rule runs on every edit: the references (a scan of the whole file) are asked for only when a
    // compile call says from_logits=True of a model whose last layer can be found.
    if (context.index.language !== 'python' || !context.index.text.includes('from_logits')) return;
    const tokens = context.index.tokens;
    let softmax: readonly ActivationReference[] | undefined;
    for (let i = 2; i + 1 < tokens.count; i++) {
      if (!isName(tokens, i, 'compile') || !isDot(tokens, i - 1) || !isName(tokens, i - 2) || !isOp(tokens, i + 1, '(')) continue;
      const logits = fromLogitsOfCompile(tokens, i + 1);
      if (logits === undefined) continue;
      const layer = lastLayer(tokens, tokenText(tokens, i - 2), i - 2);
      if (!layer) continue;
      softmax ??= context.references.filter((reference) => reference.name === 'softmax');
      const output = softmax.find((reference) => reference.start >= tokens.start[layer.first] && reference.end <= tokens.end[layer.last]);
      if (!output) continue;
      const start = tokens.start[logits];
      const end = tokens.end[logits];
      context.report({
        start,
        end,
        message: `the model ends in softmax (line ${lineOf(tokens.text, output.start)}) but the loss says from_logits=True, so it applies softmax again: use from_logits=False, or drop the softmax`,
        fixes: [{ title: 'Set from_logits=False', edits: [{ start, end, newText: 'False' }], safety: 'unsafe' }],
      });
    }
  },
};

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** The `True` token of `from_logits=True` in a compile call's loss (written there, or assigned to the name it passes), if any. */
function fromLogitsOfCompile(tokens: TokenIndex, open: number): number | undefined {
  for (const { first, last } of bracketItems(tokens, open)) {
    if (!isName(tokens, first, 'loss') || !isOp(tokens, first + 1, '=')) continue;
    const value = first + 2;
    if (value === last && isName(tokens, value)) {
      const assigned = lastAssignment(tokens, tokenText(tokens, value), value);
      return assigned && fromLogitsTrue(tokens, assigned.first, assigned.last);
    }
    return fromLogitsTrue(tokens, value, last);
  }
  return undefined;
}

/** The `True` of a `from_logits=True` among tokens [first, last]. */
function fromLogitsTrue(tokens: TokenIndex, first: number, last: number): number | undefined {
  for (let i = first; i + 2 <= last; i++) {
    if (isName(tokens, i, 'from_logits') && isOp(tokens, i + 1, '=') && isName(tokens, i + 2, 'True')) return i + 2;
  }
  return undefined;
}

/** The value tokens of the last top-level `name = …` before token `before`. */
function lastAssignment(tokens: TokenIndex, name: string, before: number): { first: number; last: number } | undefined {
  for (let i = before - 1; i >= 0; i--) {
    if (tokens.parent[i] !== -1 || !isName(tokens, i, name) || !isOp(tokens, i + 1, '=')) continue;
    if (i > 0 && tokens.kind[i - 1] !== TokenKind.Newline) continue;
    let last = i + 2;
    while (last + 1 < tokens.count && tokens.kind[last + 1] !== TokenKind.Newline) last++;
    return { first: i + 2, last };
  }
  return undefined;
}

/**
 * The tokens of a model's last layer: of `name = [keras.]Sequential([...])`, the layer of the last
 * `name.add(layer)` between it and token `before`, else the list's last item; or the value that assigns the
 * `outputs` of `name = [keras.]Model(inputs, outputs)`.
 */
function lastLayer(tokens: TokenIndex, name: string, before: number): { first: number; last: number } | undefined {
  const model = lastAssignment(tokens, name, before);
  if (!model) return undefined;
  let callee = model.first;
  while (isDot(tokens, callee + 1) && isName(tokens, callee + 2)) callee += 2;
  const open = callee + 1;
  if (!isOp(tokens, open, '(')) return undefined;
  const items = bracketItems(tokens, open);
  if (isName(tokens, callee, 'Sequential')) {
    const added = lastAdded(tokens, name, model.last, before);
    if (added) return added;
    const list = items[0];
    if (!list || !isOp(tokens, list.first, '[') || tokens.match[list.first] !== list.last) return undefined;
    const layers = bracketItems(tokens, list.first);
    return layers[layers.length - 1];
  }
  if (!isName(tokens, callee, 'Model')) return undefined;
  const keyed = items.find(({ first }) => isName(tokens, first, 'outputs') && isOp(tokens, first + 1, '='));
  const outputs = keyed ? { first: keyed.first + 2, last: keyed.last } : items[1];
  if (!outputs || outputs.first !== outputs.last || !isName(tokens, outputs.first)) return undefined;
  return lastAssignment(tokens, tokenText(tokens, outputs.first), model.first);
}

/** The argument of the last top-level `name.add(layer)` among tokens (after, before), not `other.name.add`. */
function lastAdded(tokens: TokenIndex, name: string, after: number, before: number): { first: number; last: number } | undefined {
  for (let i = before - 4; i > after; i--) {
    if (tokens.parent[i] !== -1 || !isName(tokens, i, name) || isDot(tokens, i - 1) || !isDot(tokens, i + 1) || !isName(tokens, i + 2, 'add') || !isOp(tokens, i + 3, '(')) continue;
    const layers = bracketItems(tokens, i + 3);
    return layers.length === 1 ? layers[0] : undefined;
  }
  return undefined;
}
