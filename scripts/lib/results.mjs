// Reads the counts a suite left for `npm test`'s closing line (written by test/support/results.ts as
// `<results dir>/<suite>.json`); undefined when the suite never got that far.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function readSuiteResults(resultsDir, suite) {
  try {
    return JSON.parse(fs.readFileSync(path.join(resultsDir, `${suite}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}
