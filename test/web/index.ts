// The integration suite's entry point in the web worker extension host (the host of vscode.dev and
// github.dev): the same test/integration/*.test.ts files as in the Node host, bundled into one file by
// esbuild.js, because the worker's `require` gives nothing but `vscode`. mocha comes as its browser build,
// node:assert as the `assert` package. scripts/test-vscode.mjs reads the counts from the log.
import 'mocha/mocha.js'; // defines the global `mocha`
import * as vscode from 'vscode';
import { MOCHA_OPTIONS, SUITE_MARKERS, runSuite } from '../integration/suite';

// The test files register their describe() blocks when imported, so mocha's globals must exist first:
// this module's body runs before the bundle's next import (esbuild.js puts the test files after it).
mocha.setup({ ...MOCHA_OPTIONS, reporter: 'spec' } as Mocha.MochaOptions);

/** The setting through which scripts/test-vscode.mjs narrows the run (the worker has no environment variables). */
const GREP_SETTING = 'activationLensTests.grep';

export async function run(): Promise<void> {
  const grep = vscode.workspace.getConfiguration().get<string>(GREP_SETTING);
  if (grep) mocha.grep(grep);
  await runSuite(mocha, (stats) => console.log(`${SUITE_MARKERS.results}${JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending })}`));
}
