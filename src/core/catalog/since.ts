// When each name of the catalog appeared in each library — and, where it applies, when it was deprecated or
// removed — so that a check can say "keras.activations.squareplus needs Keras ≥ 3.7". The table is
// since.json, written from the libraries' git histories by scripts/since/build_since.py (its README says how
// each library is dated); this module only looks it up.
import table from './since.json';

/**
 * Whose releases a version counts: `keras3` the keras 3.x package; `keras2` TensorFlow's Keras 2 (tf.keras
 * of TensorFlow 2.x, then the tf-keras package), by TensorFlow minor ("2.13"); `tensorflow` TensorFlow's
 * own ops, by minor; `tfjs` the TensorFlow.js packages (one shared version from 1.0.0 on).
 */
export type SinceLibrary = 'keras3' | 'keras2' | 'tensorflow' | 'tfjs';

/** `activation` keras.activations.X; `identifier` a string activations.get / activation= accepts; `op`
 *  keras.ops.X, tf.nn.X, tfjs tf.X; `method` a tfjs tensor method; `layer` a layer class or tfjs factory. */
export type SinceKind = 'activation' | 'identifier' | 'op' | 'method' | 'layer';

/**
 * How a release was found:
 * - `history`: absent from the release before, present in this one;
 * - `first-release`: present in the library's first release read (Keras 3.0.0, tfjs-core 0.6.0, tfjs-layers 0.0.1);
 * - `oldest-tag`: present in the oldest release that could be read (Keras 2.6): it may be older;
 * - `assumed`: not in the histories read (TensorFlow's ops and their arguments); the version is an upper bound.
 */
export type SinceEvidence = 'history' | 'first-release' | 'oldest-tag' | 'assumed';

export interface SinceRelease {
  /** '3.7.0' (Keras 3, tfjs), '2.13' (Keras 2 and TensorFlow by minor). */
  readonly version: string;
  /** tfjs before 1.0.0, when tfjs-core and tfjs-layers had versions of their own: whose version this is. */
  readonly package?: string;
  readonly tag?: string;
  /** The commit that brought the change (or, without history, the release's own commit), 12 hex digits. */
  readonly commit?: string;
  readonly pr?: number;
  /** owner/name on GitHub of `commit` and `pr`. */
  readonly repository: string;
  readonly evidence: SinceEvidence;
  /** Only on the default branch so far: in no released version. */
  readonly unreleased?: boolean;
}

export interface SinceEntry {
  readonly library: SinceLibrary;
  readonly kind: SinceKind;
  /** `keras.activations.gelu`, `keras.layers.LeakyReLU`, `keras.ops.gelu`, `tf.nn.gelu`, `tf.leakyRelu`,
   *  `Tensor.relu`, `tf.layers.leakyReLU`, or a string identifier in quotes (`'hard_swish'`). */
  readonly name: string;
  /** A keyword argument of `name`, as the library spells it; absent for the name itself. */
  readonly argument?: string;
  /** `null` when the library never had it (a Keras 2 name Keras 3 dropped: see `removed`). */
  readonly added: SinceRelease | null;
  readonly deprecated?: SinceRelease & { readonly message: string };
  /** For Keras 3, a Keras 2 name or argument it does not have is "removed" at 3.0.0. */
  readonly removed?: SinceRelease;
  /** What to write instead, where the catalog knows (`keras.layers.ReLU(threshold=…)`). */
  readonly replacement?: string;
}

const ENTRIES = table.entries as unknown as readonly SinceEntry[];

const keyOf = (library: string, name: string, argument: string | undefined): string => `${library} ${name} ${argument ?? ''}`;

const BY_KEY: ReadonlyMap<string, SinceEntry> = new Map(ENTRIES.map((entry) => [keyOf(entry.library, entry.name, entry.argument), entry]));

/** The key of a string identifier: `identifierName('relu6')` is `'relu6'` with its quotes. */
export const identifierName = (identifier: string): string => `'${identifier}'`;

/** Every entry of the table, in the catalog's order. */
export function sinceEntries(): readonly SinceEntry[] {
  return ENTRIES;
}

/**
 * When `name` (and `argument`, if given) appeared in `library`, or undefined for a name the catalog does not
 * have. Keras names may be written `tf.keras.…` or `tf_keras.…` as well as `keras.…`.
 *
 *     addedIn('keras3', 'keras.activations.squareplus')?.added?.version      // '3.7.0'
 *     addedIn('keras3', 'keras.layers.LeakyReLU', 'alpha')?.deprecated       // since 3.0.0
 *     addedIn('keras3', 'tf.keras.layers.ThresholdedReLU')?.removed          // 3.0.0, use keras.layers.ReLU
 *     addedIn('tfjs', identifierName('gelu_new'))?.added?.version            // '4.19.0'
 */
export function addedIn(library: SinceLibrary, name: string, argument?: string): SinceEntry | undefined {
  return BY_KEY.get(keyOf(library, library === 'keras3' || library === 'keras2' ? kerasName(name) : name, argument));
}

function kerasName(name: string): string {
  if (name.startsWith('tf.keras.')) return name.slice('tf.'.length);
  if (name.startsWith('tf_keras.')) return `keras.${name.slice('tf_keras.'.length)}`;
  return name;
}

/** The numbers of a version, leading digits only: '3.7' and '3.7.0' are equal, '3.16.0.dev0' is 3.16.0. */
function versionNumbers(version: string): number[] {
  const match = /^\d+(?:\.\d+)*/.exec(version.trim());
  return match ? match[0].split('.').map(Number) : [];
}

/** Orders versions numerically ('3.10' after '3.9'); missing components count as 0. */
export function compareVersions(a: string, b: string): number {
  const [left, right] = [versionNumbers(a), versionNumbers(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/**
 * Whether a release of the entry's library has it: `missing` before it was added, `removed` from its
 * removal on, `deprecated` from its deprecation on, `unknown` below a version the histories cannot reach
 * (evidence `oldest-tag` or `assumed`: it may be older).
 */
export type Availability = 'available' | 'deprecated' | 'missing' | 'removed' | 'unknown';

export function availabilityIn(entry: SinceEntry, version: string): Availability {
  if (entry.removed && compareVersions(version, entry.removed.version) >= 0) return 'removed';
  const added = entry.added;
  if (!added) return 'missing';
  if (compareVersions(version, added.version) < 0) {
    return added.evidence === 'oldest-tag' || added.evidence === 'assumed' ? 'unknown' : 'missing';
  }
  if (entry.deprecated && compareVersions(version, entry.deprecated.version) >= 0) return 'deprecated';
  return 'available';
}
