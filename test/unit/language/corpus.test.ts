// The recognition corpus (scripts/corpus/run.ts): published Keras, TensorFlow and TensorFlow.js code and
// docs, read by `scan` and by independent oracles. A report like a benchmark's, printed in the test log, with
// the one promise checked: ≥ 98% recall and precision on code and on docs. It needs the repository snapshots
// (`fetch` puts them under /work/.mirror); without them — CI has no network — it says so and checks nothing.
import assert from 'node:assert/strict';
import { MIRROR, formatReport, runCorpus, snapshotDirectories, totals } from '../../../scripts/corpus/run';

describe('recognition corpus (published code and docs)', function () {
  const directories = snapshotDirectories();

  if (!directories.length) {
    it(`is skipped: no repository snapshots under ${MIRROR}`, () => {
      console.log(`      corpus: no snapshots under ${MIRROR}; fetch keras-team/keras, keras-team/tf-keras, tensorflow/tfjs-examples, … to run it`);
    });
    return;
  }

  it(`finds ≥ 98% of what the oracles find, with ≥ 98% precision, in ${directories.length} snapshots`, function () {
    this.timeout(300_000);
    const result = runCorpus(directories);
    console.log(formatReport(result, { limit: 10 }).replace(/^/gm, '      '));
    for (const part of ['code', 'docs'] as const) {
      const { oracle, ours, matched } = totals(result.figures, part);
      assert.ok(matched >= 0.98 * oracle, `${part}: recall ${matched}/${oracle}`);
      assert.ok(matched >= 0.98 * ours, `${part}: precision ${matched}/${ours}`);
    }
  });
});
