// AL101 unknown-activation.
import { LAYERS, type Flavour } from '../../core';
import type { UnresolvedName } from '../../language';
import { KERAS2_LAYER_IDENTIFIERS, functionsIn, identifiersIn, label, orList, otherSpellingOf, suggestName } from '../library';
import { formatValue } from '../../render/hover';
import type { CheckContext, Fix, Rule } from '../types';

/**
 * ## What it does
 * Checks the names a library looks up as activations — `activation='…'`, `recurrent_activation='…'`,
 * `Activation('…')`, `activations.get('…')`, TensorFlow.js `activation: '…'`, and `keras.activations.X` —
 * against the names that library has, at the project's version.
 *
 * ## Why is this bad?
 * An unknown name fails only when the model is built, far from the line that caused it: Keras raises
 * `ValueError: Could not interpret activation function identifier`, TensorFlow.js `Unknown activation`.
 * Keras and TensorFlow.js are case-sensitive (`'Relu'` fails), and each library spells some activations its
 * own way: TensorFlow.js writes `'hardSigmoid'` where Keras writes `'hard_sigmoid'`, and has no
 * `'leaky_relu'` string at all (it is the `tf.layers.leakyReLU` layer).
 *
 * Strings given to a call that is not known to be Keras' or TensorFlow's (a helper of your own taking
 * `activation=`) are not checked, nor are Keras 2 strings in a file that registers custom objects.
 *
 * ## Example
 * ```python
 * layers.Dense(64, activation="rellu")
 * keras.activations.get("Relu")
 * ```
 * ```ts
 * tf.layers.dense({ units: 8, activation: 'hard_sigmoid' });
 * ```
 *
 * ## Use instead
 * ```python
 * layers.Dense(64, activation="relu")
 * keras.activations.get("relu")
 * ```
 * ```ts
 * tf.layers.dense({ units: 8, activation: 'hardSigmoid' });
 * ```
 *
 * ## Fix safety
 * Renaming is safe when the name differs from one valid name only in case or underscores, is another
 * library's spelling of it, or is one edit away from exactly one valid name; a farther guess is unsafe.
 */
export const rule: Rule = {
  code: 'AL101',
  name: 'unknown-activation',
  severity: 'error',
  summary: 'A name the library cannot resolve as an activation (a typo, the wrong case, another library\'s spelling)',
  fix: 'sometimes',
  scope: 'statement',
  check(context) {
    // Once per document: each distinct name's explanation.
    const explained = new Map<string, { message: string; rename?: { to: string; safe: boolean } }>();
    for (const name of context.unresolved) {
      if (!checked(name, context)) continue;
      const key = `${name.flavour} ${name.api === 'keras.activations'} ${name.written}`;
      let explanation = explained.get(key);
      if (!explanation) explained.set(key, (explanation = explain(name, context)));
      const { message, rename } = explanation;
      context.report({ start: name.start, end: name.end, message, fixes: rename ? [fixFor(name, rename.to, rename.safe)] : [] });
    }
  },
};

/** `keras.activations` members that are not activations. */
const OTHER_MEMBERS = new Set(['get', 'serialize', 'deserialize', 'ALL_OBJECTS', 'ALL_OBJECTS_DICT']);

function checked(name: UnresolvedName, context: CheckContext): boolean {
  if (!name.libraryLookup || name.written === '') return false;
  if (name.api === 'keras.activations') return !OTHER_MEMBERS.has(name.written) && !name.written.startsWith('_');
  if (name.flavour === 'keras2' && KERAS2_LAYER_IDENTIFIERS.has(name.written)) return false;
  // Keras 3's get() reads only its own table; Keras 2's, deserialize() and tfjs' also read registered objects.
  const registers = name.flavour !== 'keras3' || name.api === 'activations.get';
  return !(registers && context.registersCustomObjects());
}

function fixFor(name: UnresolvedName, to: string, safe: boolean): Fix {
  return {
    title: `Replace with ${name.api === 'keras.activations' ? `\`${to}\`` : `'${to}'`}`,
    edits: [{ start: name.start, end: name.end, newText: to }],
    safety: safe ? 'safe' : 'unsafe',
  };
}

/** What is wrong with a name, and the rename that fixes it when there is one. */
function explain(name: UnresolvedName, context: CheckContext): { message: string; rename?: { to: string; safe: boolean } } {
  const library = label(name.flavour);
  const attribute = name.api === 'keras.activations';
  const what = attribute ? `${library}'s \`keras.activations\` has no \`${name.written}\`` : `'${name.written}' is not a ${library} activation`;
  const valid = attribute ? functionsIn(name.flavour === 'keras2' ? 'keras2' : 'keras3', context.keras) : identifiersIn(name.flavour, context.keras);
  const rename = (to: string, safe: boolean) => ({ to, safe });

  const other = otherSpellingOf(name.written, name.flavour);
  if (other) {
    const here = valid.filter((known) => known.spec === other.spec).map((known) => known.identifier);
    const fixed = Object.entries(other.fixed).map(([parameter, value]) => `${parameter}=${formatValue(value, name.flavour !== 'tfjs')}`);
    if (here.length && fixed.length) {
      return { message: `${what}: it is ${label(other.flavour)}'s ${other.spec.name} with ${fixed.join(', ')}; ${library} has ${orList(here.map(quote(attribute)))}, without it` };
    }
    if (here.length) return { message: `${what}: ${label(other.flavour)} spells it that way; ${library} calls it ${orList(here.map(quote(attribute)))}`, ...(here.length === 1 ? { rename: rename(here[0], true) } : {}) };
    return { message: `${what}: ${library} has no ${other.spec.name}${instead(other.spec.name, name.flavour)}` };
  }
  const layer = LAYERS.find((candidate) => candidate.name === name.written && candidate.activation !== null && candidate.flavour !== 'tfjs');
  if (layer && !attribute) {
    const functions = valid.filter((known) => known.spec.name === layer.activation).map((known) => known.identifier);
    const use = functions.length ? `; use ${orList(functions.map(quote(false)))} or the ${layer.name} layer itself (their defaults may differ)` : '';
    return { message: `${what}: ${layer.name} is a layer class, which ${library}'s lookup does not resolve${use}`, ...(functions.length === 1 ? { rename: rename(functions[0], false) } : {}) };
  }
  const suggestion = suggestName(name.written, valid.map((known) => known.identifier));
  if (!suggestion) return { message: what };
  return { message: `${what}; did you mean ${orList(suggestion.names.map(quote(attribute)))}?`, ...(suggestion.names.length === 1 ? { rename: rename(suggestion.names[0], suggestion.safe) } : {}) };
}

const quote = (attribute: boolean) => (name: string): string => (attribute ? `\`${name}\`` : `'${name}'`);

/** Where a library computes an activation without an identifier for it: TensorFlow.js' leakyReLU layer. */
function instead(activation: string, flavour: Flavour): string {
  if (flavour !== 'tfjs') return '';
  const layer = LAYERS.find((candidate) => candidate.flavour === 'tfjs' && candidate.activation === activation);
  return layer ? ` identifier: use the \`tf.layers.${layer.name}\` layer` : ' identifier';
}
