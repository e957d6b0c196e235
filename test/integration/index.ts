// The integration suite's entry point: VS Code's extension host calls run() (the `extensionTestsPath`
// contract shared by code-server's URL payload and @vscode/test-electron). It runs every compiled
// `*.test.js` beside it, so a feature adds `test/integration/<feature>.test.ts` and nothing else.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaModule from 'mocha';
import { writeSuiteResults } from '../support/results';

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
  const mocha = new Mocha({
    ui: 'bdd',
    // Generous: the first hover or activation in a fresh window loads language services.
    timeout: 30_000,
    color: false,
  });
  // ACTIVATION_LENS_GREP narrows the run, like mocha's --grep.
  const grep = process.env['ACTIVATION_LENS_GREP'];
  if (grep) mocha.grep(grep);
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);

  // scripts/test-vscode.mjs shows the terminal what is logged between these markers.
  console.log('[activation-lens] integration suite: start');
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log('[activation-lens] integration suite: end');
      writeSuiteResults('integration', runner.stats ?? { passes: 0, failures, pending: 0 });
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
