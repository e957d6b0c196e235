// AL203 removed-layer.
import { findLayers, type LayerSpec, type ParamValue } from '../../core';
import { addedIn } from '../../core/catalog/since';
import type { ActivationReference } from '../../language';
import type { CheckContext, Fix, Rule, TextEdit } from '../types';

/**
 * ## What it does
 * Finds Keras 2 activation layers that Keras 3 removed — `ThresholdedReLU` — used where `keras` or
 * `tf.keras` means Keras 3, and names the layer that replaces it.
 *
 * ## Why is this bad?
 * Keras 3 has no `keras.layers.ThresholdedReLU`: the import or the attribute fails. `ReLU(threshold=θ)`
 * computes the same function (`x` above θ, else 0).
 *
 * ## Example
 * ```python
 * x = layers.ThresholdedReLU(theta=0.5)(x)
 * ```
 *
 * ## Use instead
 * ```python
 * x = layers.ReLU(threshold=0.5)(x)
 * ```
 *
 * ## Fix safety
 * Safe for a call whose arguments all map onto the replacement (`theta` becomes `threshold`; the old
 * default θ = 1.0 is written out, since `ReLU`'s threshold defaults to 0) and for a `from … import` of it
 * when the replacement is not imported already. The one difference: a NaN input gives 0, not NaN.
 */
export const rule: Rule = {
  code: 'AL203',
  name: 'removed-layer',
  severity: 'warning',
  summary: 'A Keras 2 activation layer that Keras 3 removed (`ThresholdedReLU`), with its replacement',
  fix: 'sometimes',
  scope: 'statement',
  check(context) {
    if (context.keras.major !== '3') return;
    for (const reference of context.references) {
      const layer = reference.layer;
      if (reference.api !== 'layer' || layer?.flavour !== 'keras2' || reference.symbol?.startsWith('tf_keras.')) continue;
      const entry = addedIn('keras3', `keras.layers.${layer.name}`);
      const replacementName = entry?.replacement?.replace(/^keras\.layers\./, '');
      const [replacement] = replacementName ? findLayers(replacementName, 'keras3') : [];
      if (!entry?.removed || !replacement) continue;
      const form = `${replacement.name}(${mappedDefaults(layer, replacement).map(([name]) => `${name}=…`).join(', ')})`;
      context.report({
        start: reference.start,
        end: reference.end,
        message: `Keras 3 removed \`${layer.name}\`; use \`${form}\``,
        fixes: replacementFixes(context, reference, layer, replacement),
      });
    }
  },
};

/** Parameters of the old layer the replacement must be given because their defaults differ: [new name, old default]. */
function mappedDefaults(old: LayerSpec, replacement: LayerSpec): [string, ParamValue][] {
  const written: [string, ParamValue][] = [];
  for (const param of old.params) {
    const target = replacement.params.find((candidate) => candidate.target !== undefined && candidate.target === param.target);
    if (target && param.default !== undefined && typeof param.default !== 'string' && param.default !== target.default) written.push([target.name, param.default]);
  }
  return written;
}

function replacementFixes(context: CheckContext, reference: ActivationReference, old: LayerSpec, replacement: LayerSpec): Fix[] {
  const index = context.index;
  const rename: TextEdit = { start: reference.start, end: reference.end, newText: replacement.name };
  const title = `Replace with \`${replacement.name}\``;
  if (!reference.arguments) {
    // A `from keras.layers import ThresholdedReLU`: the import itself, when the new name is free.
    const imported = index.language === 'python' && /\bimport\b[^\n]*$/.test(index.text.slice(index.text.lastIndexOf('\n', reference.start) + 1, reference.start));
    const bound = index.language === 'python' && index.imports.bindings.has(replacement.name);
    return imported && !bound ? [{ title, edits: [rename], safety: 'safe' }] : [];
  }
  const edits: TextEdit[] = [rename];
  const given = new Set<string>();
  for (const span of reference.arguments) {
    if (span.spread) return [];
    const param = span.keyword === undefined ? old.params[reference.arguments.indexOf(span)] : old.params.find((candidate) => candidate.name === span.keyword);
    if (!param) {
      if (span.keyword === undefined) return [];
      continue; // a keyword every layer takes (`name=`), kept as written
    }
    const target = replacement.params.find((candidate) => candidate.target === param.target);
    if (!target) return [];
    given.add(target.name);
    if (span.keywordStart !== undefined && span.keywordEnd !== undefined) edits.push({ start: span.keywordStart, end: span.keywordEnd, newText: target.name });
    else edits.push({ start: span.start, end: span.start, newText: `${target.name}=` });
  }
  const open = index.text.indexOf('(', reference.end);
  const missing = mappedDefaults(old, replacement).filter(([name]) => !given.has(name));
  if (missing.length) {
    const written = missing.map(([name, value]) => `${name}=${pythonLiteral(value)}`).join(', ');
    edits.push({ start: open + 1, end: open + 1, newText: reference.arguments.length ? `${written}, ` : written });
  }
  return [{ title, edits, safety: 'safe' }];
}

/** A catalog default as Python writes it: floats keep their `.0`. */
function pythonLiteral(value: ParamValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
