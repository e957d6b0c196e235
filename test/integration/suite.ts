// What both integration entry points share: the mocha options, the markers scripts/test-vscode.mjs reads
// the suite's output between, and the run itself. index.ts loads the files in the Node extension host;
// test/web/index.ts bundles them for the web worker extension host.
import type MochaModule from 'mocha';
import type { MochaStatsLike } from '../support/results';
import { closeEveryEditor } from './helpers';

export const SUITE_MARKERS = {
  start: '[activation-lens] integration suite: start',
  end: '[activation-lens] integration suite: end',
  /** Followed by the counts as JSON, for a host that cannot write them to a file (the web worker). */
  results: '[activation-lens] integration suite: results ',
};

export const MOCHA_OPTIONS: MochaModule.MochaOptions = {
  ui: 'bdd',
  // Generous: the first hover or activation in a fresh window loads language services.
  timeout: 30_000,
  color: false,
};

/** Runs the suite; resolves with mocha's counts, rejects when a test failed. */
export async function runSuite(mocha: MochaModule, report: (stats: MochaStatsLike) => void): Promise<void> {
  console.log(SUITE_MARKERS.start);
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The e2e window opens the same folder next and would restore what is left open here (an untitled
      // notebook taking the focus from the file the first step opens).
      void closeEveryEditor()
        .catch((error: unknown) => console.log(`could not close the suite's editors: ${String(error)}`))
        .finally(() => {
          console.log(SUITE_MARKERS.end);
          report(runner.stats ?? { passes: 0, failures, pending: 0 });
          if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
          else resolve();
        });
    });
  });
}
