// The integration suite's entry point in the Node extension host: VS Code calls run() (the
// `extensionTestsPath` contract shared by code-server's URL payload and @vscode/test-electron). It runs every
// compiled `*.test.js` beside it, so a feature adds `test/integration/<feature>.test.ts` and nothing else.
// The same files run in the web worker extension host through test/web/index.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaModule from 'mocha';
import { writeSuiteResults } from '../support/results';
import { MOCHA_OPTIONS, runSuite } from './suite';

// mocha 12's main entry is ESM; its CommonJS build loads under every Node/Electron an extension host has.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha: typeof MochaModule = require('mocha/lib/mocha.cjs');

// activation.test.js runs first: it needs a window in which nothing has activated the extension yet.
const RUNS_FIRST = 'activation.test.js';

function findTestFiles(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort((a, b) => Number(b === RUNS_FIRST) - Number(a === RUNS_FIRST) || a.localeCompare(b))
    .map((file) => path.join(directory, file));
}

export async function run(): Promise<void> {
  const mocha = new Mocha(MOCHA_OPTIONS);
  // ACTIVATION_LENS_GREP narrows the run, like mocha's --grep.
  const grep = process.env['ACTIVATION_LENS_GREP'];
  if (grep) mocha.grep(grep);
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);
  await runSuite(mocha, (stats) => writeSuiteResults('integration', stats));
}
