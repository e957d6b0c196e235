// What the rules ask of the libraries: which names a lookup accepts in Keras 3, Keras 2 or TensorFlow.js
// (at the project's version, when it is known), when a name appeared (src/core/catalog/since.ts), and which
// valid name a misspelt one most likely meant.
import { closest, distance } from 'fastest-levenshtein';
import { ACTIVATIONS, FLAVOUR_LABELS, LAYERS, findActivation, type ActivationSpec, type Flavour, type ParamValue } from '../core';
import { addedIn, availabilityIn, identifierName, type Availability, type SinceEntry, type SinceLibrary } from '../core/catalog/since';
import type { CheckKeras } from './types';

/** The since.json library and the version a site of this flavour is checked at; undefined when unknown. */
export function versionOf(flavour: Flavour, keras: CheckKeras): { readonly library: SinceLibrary; readonly version: string } | undefined {
  if (keras.version === undefined) return undefined;
  // A Keras 3 project's version says nothing of tf_keras (Keras 2) sites, and the reverse.
  if (flavour === 'keras3' && keras.major === '3') return { library: 'keras3', version: keras.version };
  if (flavour === 'keras2' && keras.major === '2') return { library: 'keras2', version: keras.version };
  return undefined;
}

/** The availability of a dated name (and argument) at the site's version, with its entry; undefined when unknown. */
export function availabilityAt(flavour: Flavour, keras: CheckKeras, name: string, argument?: string): { availability: Availability; entry: SinceEntry; version: string } | undefined {
  const at = versionOf(flavour, keras);
  if (!at) return undefined;
  const entry = addedIn(at.library, name, argument);
  return entry && { availability: availabilityIn(entry, at.version), entry, version: at.version };
}

/** Whether a dated name exists at the site's version (true when the version or the name's date is unknown). */
function availableAt(flavour: Flavour, keras: CheckKeras, name: string): boolean {
  const found = availabilityAt(flavour, keras, name);
  return found === undefined || found.availability !== 'missing';
}

/** An identifier a library's activation lookup accepts, with the activation it names. */
export interface KnownIdentifier {
  readonly identifier: string;
  readonly spec: ActivationSpec;
}

/** The strings `activation=` / `activations.get` (tfjs: `activation:`) accept in a library at the site's version. */
export function identifiersIn(flavour: Flavour, keras: CheckKeras): KnownIdentifier[] {
  const found: KnownIdentifier[] = [];
  for (const spec of ACTIVATIONS) {
    const identifiers = flavour === 'keras3' ? [spec.name, ...spec.aliases] : (spec[flavour]?.identifiers ?? []);
    for (const identifier of identifiers) {
      if (flavour === 'tfjs' || availableAt(flavour, keras, identifierName(identifier))) found.push({ identifier, spec });
    }
  }
  return found;
}

/** The functions `keras.activations.X` has in a Keras version (Keras 2 exports fewer names than its strings). */
export function functionsIn(flavour: 'keras3' | 'keras2', keras: CheckKeras): KnownIdentifier[] {
  const found: KnownIdentifier[] = [];
  for (const spec of ACTIVATIONS) {
    const names = flavour === 'keras3' ? [spec.name, ...spec.aliases] : (spec.keras2?.functions ?? []).filter((name) => name.startsWith('tf.keras.activations.')).map((name) => name.slice('tf.keras.activations.'.length));
    for (const name of names) if (availableAt(flavour, keras, `keras.activations.${name}`)) found.push({ identifier: name, spec });
  }
  return found;
}

/** Keras 2's `activations.get` also resolves its activation layer classes by name (`'LeakyReLU'`). */
export const KERAS2_LAYER_IDENTIFIERS: ReadonlySet<string> = new Set(LAYERS.filter((layer) => layer.flavour === 'keras2' && layer.activation !== null).map((layer) => layer.name));

/** How another library spells an activation written here: `'hardSigmoid'` is TensorFlow.js' hard_sigmoid. */
export interface OtherSpelling {
  readonly flavour: Flavour;
  readonly spec: ActivationSpec;
  /** Parameters the identifier fixes there (`gelu_new` is gelu with approximate=True). */
  readonly fixed: Readonly<Record<string, ParamValue>>;
}

export function otherSpellingOf(written: string, except: Flavour): OtherSpelling | undefined {
  for (const flavour of ['keras3', 'keras2', 'tfjs'] as const) {
    if (flavour === except) continue;
    if (flavour === 'keras3') {
      const spec = findActivation(written);
      if (spec) return { flavour, spec, fixed: {} };
      continue;
    }
    const spec = ACTIVATIONS.find((candidate) => candidate[flavour]?.identifiers.includes(written));
    if (spec) return { flavour, spec, fixed: spec[flavour]?.fixedBy?.[written] ?? {} };
  }
  return undefined;
}

/** What a misspelt name most likely meant among `candidates`; `safe` when no other reading is plausible. */
export interface Suggestion {
  readonly names: readonly string[];
  readonly safe: boolean;
}

/**
 * Candidates equal but for case (Keras and TensorFlow.js are case-sensitive), else the closest by edit
 * distance — at most 1 edit for names up to 4 letters, 2 beyond — with a single best one to be safe at distance 1.
 */
export function suggestName(written: string, candidates: readonly string[]): Suggestion | undefined {
  const unique = [...new Set(candidates)];
  const lower = written.toLowerCase();
  const sameLetters = unique.filter((name) => name.toLowerCase() === lower || name.toLowerCase().replace(/_/g, '') === lower.replace(/_/g, ''));
  if (sameLetters.length) return { names: sameLetters, safe: sameLetters.length === 1 };
  if (!unique.length) return undefined;
  const limit = written.length <= 4 ? 1 : 2;
  const best = distance(written, closest(written, unique));
  if (best > limit) return undefined;
  const names = unique.filter((name) => distance(written, name) === best);
  return { names, safe: names.length === 1 && best === 1 };
}

export const label = (flavour: Flavour): string => FLAVOUR_LABELS[flavour];

/** A list for messages: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
