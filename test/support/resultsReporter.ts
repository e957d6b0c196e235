// Mocha's spec output, plus the counts written for `npm test`'s closing line (see results.ts).
// Used by the unit run: `mocha --reporter test/support/resultsReporter.ts --reporter-option suite=unit`.
import Mocha from 'mocha';
import { writeSuiteResults } from './results';

export default class ResultsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions & { reporterOption?: Record<string, string> }) {
    super(runner, options);
    const suite = options.reporterOption?.['suite'] ?? 'unit';
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      writeSuiteResults(suite, runner.stats ?? { passes: 0, failures: 0, pending: 0 });
    });
  }
}
