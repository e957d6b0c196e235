// The e2e suite: one workbench session in headless Chromium, every step of test/e2e/steps/*.ts run in it in
// file order. Mocha counts and reports the steps; a screenshot follows each step into .artifacts/e2e/.
// Called by scripts/test-vscode.mjs, which owns code-server and the browser.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Mocha from 'mocha';
import type { Browser } from 'playwright-core';
import { writeSuiteResults } from '../support/results';
import { Workbench, slug, type E2EStep } from './workbench';

export interface E2EOptions {
  browser: Browser;
  /** The workbench URL, with the extension under development in its payload. */
  url: string;
  workspace: string;
  artifactsDir: string;
  /** The folder of step files (test/e2e/steps). */
  stepsDir: string;
  /** Where the counts go for `npm test` (see test/support/results.ts). */
  resultsDir?: string;
  /** Runs only the steps whose "file step" title matches, like mocha's --grep. */
  grep?: string;
  /** Gets each line the workbench logs to its console (for the log file, not the terminal). */
  onConsole?: (line: string) => void;
}

async function loadStepFiles(stepsDir: string): Promise<{ name: string; steps: E2EStep[] }[]> {
  const files = fs.readdirSync(stepsDir).filter((file) => file.endsWith('.ts')).sort();
  return Promise.all(
    files.map(async (file) => {
      const module = (await import(pathToFileURL(path.join(stepsDir, file)).href)) as { steps?: E2EStep[] };
      if (!Array.isArray(module.steps)) throw new Error(`test/e2e/steps/${file} must export \`steps: E2EStep[]\``);
      return { name: path.basename(file, '.ts'), steps: module.steps };
    }),
  );
}

export async function runE2E(options: E2EOptions): Promise<{ passed: number; failed: number }> {
  fs.rmSync(options.artifactsDir, { recursive: true, force: true });
  const mocha = new Mocha({ timeout: Number(process.env['ACTIVATION_LENS_E2E_STEP_TIMEOUT_MS']) || 90_000, color: process.stdout.isTTY === true });
  if (options.grep) mocha.grep(options.grep);

  let workbench: Workbench | undefined;
  const session = Mocha.Suite.create(mocha.suite, 'e2e: a person in the workbench');
  session.beforeAll('open the workbench', async function () {
    this.timeout(180_000);
    const context = await options.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => options.onConsole?.(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => options.onConsole?.(`[pageerror] ${error.message}`));
    workbench = await Workbench.open(page, options.url, { artifactsDir: options.artifactsDir, workspace: options.workspace });
    await workbench.screenshot('workbench-ready');
  });
  session.afterAll('close the workbench', async () => {
    await workbench?.page.context().close();
  });

  for (const file of await loadStepFiles(options.stepsDir)) {
    const suite = Mocha.Suite.create(session, file.name);
    for (const step of file.steps) {
      suite.addTest(
        new Mocha.Test(step.title, async () => {
          if (!workbench) throw new Error('the workbench did not open');
          try {
            await step.run(workbench);
          } finally {
            // Every step leaves a picture, passed or failed: look at them.
            await workbench.screenshot(`${file.name}-${slug(step.title)}`).catch(() => undefined);
            await workbench.dismiss().catch(() => undefined);
          }
        }),
      );
    }
  }

  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 1, pending: 0 } as Mocha.Stats));
  });
  writeSuiteResults('e2e', stats, options.resultsDir);
  return { passed: stats.passes, failed: stats.failures };
}
