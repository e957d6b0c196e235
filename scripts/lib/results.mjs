// The counts a suite leaves for `npm test`'s closing line, `<results dir>/<suite>.json` (the format of
// test/support/results.ts, which writes them where the suite runs in Node).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Undefined when the suite never got that far. */
export function readSuiteResults(resultsDir, suite) {
  try {
    return JSON.parse(fs.readFileSync(path.join(resultsDir, `${suite}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

/** For a suite that reports its counts as JSON in its log (`{ passed, failed, pending }`) instead. */
export function writeSuiteResults(resultsDir, suite, countsJson) {
  const { passed, failed, pending } = JSON.parse(countsJson);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${suite}.json`), `${JSON.stringify({ suite, passed, failed, pending })}\n`);
}
