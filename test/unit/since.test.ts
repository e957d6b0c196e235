import assert from 'node:assert/strict';
import { catalogQueries } from '../../scripts/since/catalogQueries';
import {
  addedIn,
  availabilityIn,
  compareVersions,
  identifierName,
  sinceEntries,
  type SinceEntry,
  type SinceRelease,
} from '../../src/core/catalog/since';

const entryKey = (entry: Pick<SinceEntry, 'library' | 'name' | 'argument'>): string => `${entry.library} ${entry.name} ${entry.argument ?? ''}`;

function releasesOf(entry: SinceEntry): SinceRelease[] {
  return [entry.added, entry.deprecated, entry.removed].filter((release): release is SinceRelease => release !== null && release !== undefined);
}

describe('"added in" table (since.json)', () => {
  it('dates every name and argument of the catalog in its library, and nothing else', () => {
    const expected = new Set<string>();
    for (const query of catalogQueries()) {
      for (const argument of [undefined, ...query.arguments]) {
        const key = entryKey({ library: query.library, name: query.name, argument });
        expected.add(key);
        assert.ok(addedIn(query.library, query.name, argument), `no entry for ${key}`);
        // Every catalog name is in its library's newest release.
        assert.ok(addedIn(query.library, query.name, argument)?.added, `${key} is not dated`);
      }
    }
    // Beyond the catalog, only Keras 3 entries for Keras 2 names and arguments (what Keras 3 says of them).
    const extra = sinceEntries().filter((entry) => !expected.has(entryKey(entry)));
    for (const entry of extra) {
      assert.equal(entry.library, 'keras3', entryKey(entry));
      assert.ok(addedIn('keras2', entry.name, entry.argument), `${entryKey(entry)} has no Keras 2 counterpart`);
    }
    assert.equal(new Set(sinceEntries().map(entryKey)).size, sinceEntries().length, 'an entry is listed twice');
  });

  it('says for every Keras 2 layer, function and argument whether Keras 3 has it', () => {
    for (const entry of sinceEntries().filter((candidate) => candidate.library === 'keras2' && candidate.kind !== 'identifier')) {
      assert.ok(addedIn('keras3', entry.name, entry.argument), `no Keras 3 entry for ${entryKey(entry)}`);
    }
  });

  it('has versions that parse, in each library’s numbering, ordered added ≤ deprecated < removed', () => {
    const numbering: Record<SinceEntry['library'], RegExp> = {
      keras3: /^3\.\d+\.\d+$/,
      keras2: /^2\.\d+$/,
      tensorflow: /^2\.\d+$/,
      tfjs: /^\d+\.\d+\.\d+$/,
    };
    for (const entry of sinceEntries()) {
      for (const release of releasesOf(entry)) {
        assert.match(release.version, numbering[entry.library], entryKey(entry));
        assert.match(release.commit ?? '0'.repeat(12), /^[0-9a-f]{12}$/, entryKey(entry));
        assert.ok(['history', 'first-release', 'oldest-tag', 'assumed'].includes(release.evidence), entryKey(entry));
        if (release.evidence === 'history') assert.ok(release.commit, `${entryKey(entry)}: a change found in history names its commit`);
      }
      if (entry.added && entry.deprecated) assert.ok(compareVersions(entry.added.version, entry.deprecated.version) <= 0, entryKey(entry));
      if (entry.added && entry.removed) assert.ok(compareVersions(entry.added.version, entry.removed.version) < 0, entryKey(entry));
      assert.ok(entry.added || entry.removed, `${entryKey(entry)} is neither added nor removed`);
    }
  });

  it('names the tfjs package whose version dates each tfjs entry (their versions differ before 1.0.0)', () => {
    for (const entry of sinceEntries().filter((candidate) => candidate.library === 'tfjs')) {
      const added = entry.added as SinceRelease;
      const expectedPackage = entry.kind === 'op' || entry.kind === 'method' ? '@tensorflow/tfjs-core' : '@tensorflow/tfjs-layers';
      assert.equal(added.package, expectedPackage, entryKey(entry));
    }
  });

  it('holds the known anchors', () => {
    // The example: keras-team/keras #20508.
    const squareplus = addedIn('keras3', 'keras.activations.squareplus')?.added;
    assert.equal(squareplus?.version, '3.7.0');
    assert.equal(squareplus?.pr, 20508);
    assert.equal(availabilityIn(addedIn('keras3', 'keras.activations.squareplus') as SinceEntry, '3.6'), 'missing');
    assert.equal(availabilityIn(addedIn('keras3', 'keras.activations.squareplus') as SinceEntry, '3.7'), 'available');
    // Keras 3 accepts LeakyReLU(alpha=…) with a deprecation warning (docs: "Argument `alpha` is deprecated").
    const alpha = addedIn('keras3', 'keras.layers.LeakyReLU', 'alpha');
    assert.equal(alpha?.deprecated?.version, '3.0.0');
    assert.match(alpha?.deprecated?.message ?? '', /negative_slope/);
    // Keras 3 removed ThresholdedReLU; ReLU(threshold=…) replaces it.
    const thresholded = addedIn('keras3', 'keras.layers.ThresholdedReLU');
    assert.equal(thresholded?.added, null);
    assert.equal(thresholded?.removed?.version, '3.0.0');
    assert.equal(thresholded?.replacement, 'keras.layers.ReLU');
    assert.equal(addedIn('keras3', 'keras.layers.ThresholdedReLU', 'theta')?.replacement, 'keras.layers.ReLU(threshold=…)');
    assert.ok(addedIn('keras2', 'keras.layers.ThresholdedReLU')?.added);
    // relu's slope: `alpha` in Keras 2, `negative_slope` in Keras 3.
    assert.ok(addedIn('keras2', 'keras.activations.relu', 'alpha')?.added);
    assert.equal(addedIn('keras3', 'keras.activations.relu', 'alpha')?.replacement, 'keras.activations.relu(negative_slope=…)');
    assert.equal(addedIn('keras3', 'keras.activations.relu', 'negative_slope')?.added?.version, '3.0.0');
    assert.equal(addedIn('keras2', 'keras.activations.relu', 'negative_slope'), undefined);
  });

  it('looks Keras names up under tf.keras and tf_keras too, and identifiers in quotes', () => {
    assert.equal(addedIn('keras2', 'tf.keras.layers.LeakyReLU', 'alpha'), addedIn('keras2', 'keras.layers.LeakyReLU', 'alpha'));
    assert.equal(addedIn('keras2', 'tf_keras.activations.gelu'), addedIn('keras2', 'keras.activations.gelu'));
    assert.equal(identifierName('hard_swish'), "'hard_swish'");
    assert.equal(addedIn('keras3', identifierName('hard_swish'))?.kind, 'identifier');
    assert.equal(addedIn('keras3', 'keras.activations.nonexistent'), undefined);
  });
});

describe('compareVersions and availabilityIn', () => {
  it('orders versions numerically, missing components as 0, suffixes ignored', () => {
    assert.equal(compareVersions('3.10', '3.9'), 1);
    assert.equal(compareVersions('3.7', '3.7.0'), 0);
    assert.equal(compareVersions('2.13', '2.13.1'), -1);
    assert.equal(compareVersions('3.16.0.dev0', '3.16'), 0);
    assert.equal(compareVersions('3.5.0rc1', '3.5'), 0);
  });

  const release = (version: string, evidence: SinceRelease['evidence'] = 'history'): SinceRelease => ({ version, evidence, repository: 'owner/name' });
  const entry = (fields: Partial<SinceEntry>): SinceEntry => ({ library: 'keras3', kind: 'layer', name: 'keras.layers.X', added: release('3.2.0'), ...fields });

  it('tells missing, available, deprecated and removed apart by version', () => {
    const deprecatedThenRemoved = entry({ deprecated: { ...release('3.4.0'), message: 'use Y' }, removed: release('3.8.0') });
    assert.equal(availabilityIn(deprecatedThenRemoved, '3.1'), 'missing');
    assert.equal(availabilityIn(deprecatedThenRemoved, '3.2'), 'available');
    assert.equal(availabilityIn(deprecatedThenRemoved, '3.5.1'), 'deprecated');
    assert.equal(availabilityIn(deprecatedThenRemoved, '3.8'), 'removed');
    assert.equal(availabilityIn(entry({ added: null, removed: release('3.0.0') }), '3.5'), 'removed');
  });

  it('does not claim a name missing below what the histories reach', () => {
    assert.equal(availabilityIn(entry({ library: 'keras2', added: release('2.6', 'oldest-tag') }), '2.4'), 'unknown');
    assert.equal(availabilityIn(entry({ library: 'tensorflow', added: release('2.6', 'assumed') }), '2.2'), 'unknown');
    assert.equal(availabilityIn(entry({ library: 'keras2', added: release('2.6', 'oldest-tag') }), '2.6'), 'available');
  });
});
