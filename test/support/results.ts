// Where a test suite leaves its pass/fail counts for `npm test`'s closing line.
// Each suite (unit, integration, e2e) writes `<ACTIVATION_LENS_RESULTS_DIR>/<suite>.json`; runners that
// don't set the variable (a plain `npx mocha`, F5 in VS Code) get no file and lose nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SuiteResults {
  suite: string;
  passed: number;
  failed: number;
  pending: number;
}

export const RESULTS_DIR_VARIABLE = 'ACTIVATION_LENS_RESULTS_DIR';

/** Mocha's runner.stats, reduced to what the closing line needs. */
export interface MochaStatsLike {
  passes: number;
  failures: number;
  pending: number;
}

export function writeSuiteResults(suite: string, stats: MochaStatsLike, directory = process.env[RESULTS_DIR_VARIABLE]): void {
  if (!directory) return;
  const results: SuiteResults = { suite, passed: stats.passes, failed: stats.failures, pending: stats.pending };
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, `${suite}.json`), `${JSON.stringify(results)}\n`);
}
