// The e2e suite: one workbench session in headless Chromium, every step of test/e2e/steps/*.ts run in it in
// file order. Mocha counts and reports the steps; a screenshot follows each step into .artifacts/e2e/.
// Called by scripts/test-vscode.mjs, which owns code-server and the browser.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Mocha from 'mocha';
import type { Browser } from 'playwright-core';
import { writeSuiteResults } from '../support/results';
import { Workbench, slug, type E2EStep, type ExtensionHostKind } from './workbench';

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
  /** The name the counts go under: `e2e`, or `e2e-web` for the web worker extension host's pass. */
  suite?: string;
  /** The extension host the window runs the extension in (steps may check it). */
  extensionHost: ExtensionHostKind;
  /** Aborted when the run is being stopped (Ctrl+C, deadline): no further step starts. */
  stopSignal?: AbortSignal;
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
  const stepTimeoutMs = Number(process.env['ACTIVATION_LENS_E2E_STEP_TIMEOUT_MS']) || 90_000;
  const mocha = new Mocha({ color: process.stdout.isTTY === true });
  if (options.grep) mocha.grep(options.grep);

  let workbench: Workbench | undefined;
  // A step that timed out may still be driving its page; the next step then gets a fresh window.
  let stale = false;
  async function openWorkbench(): Promise<Workbench> {
    await workbench?.page.context().close().catch(() => undefined);
    const context = await options.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => options.onConsole?.(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => options.onConsole?.(`[pageerror] ${error.message}`));
    workbench = await Workbench.open(page, options.url, { artifactsDir: options.artifactsDir, workspace: options.workspace, extensionHost: options.extensionHost });
    return workbench;
  }

  const session = Mocha.Suite.create(mocha.suite, 'e2e: a person in the workbench');
  session.timeout(180_000); // hooks: opening a workbench in a fresh window
  session.beforeAll('open the workbench', async () => {
    await (await openWorkbench()).screenshot('workbench-ready');
  });
  session.beforeEach('reopen the workbench after a step that hung', async () => {
    if (!stale) return;
    stale = false;
    await openWorkbench();
  });
  session.afterAll('close the workbench', async () => {
    await workbench?.page.context().close();
  });

  for (const file of await loadStepFiles(options.stepsDir)) {
    const suite = Mocha.Suite.create(session, file.name);
    for (const step of file.steps) {
      const test = new Mocha.Test(step.title, async () => {
        const current = workbench;
        if (!current) throw new Error('the workbench did not open');
        const name = `${file.name}-${slug(step.title)}`;
        let timer: NodeJS.Timeout | undefined;
        const hung = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            stale = true;
            reject(new Error(`the step did not finish within ${stepTimeoutMs / 1000} s (ACTIVATION_LENS_E2E_STEP_TIMEOUT_MS); the screenshot shows where it stood`));
          }, stepTimeoutMs);
        });
        try {
          await Promise.race([step.run(current), hung]);
        } finally {
          clearTimeout(timer);
          // Every step leaves a picture, passed or failed: look at them.
          await current.screenshot(name).catch(() => undefined);
          if (!stale) await current.dismiss().catch(() => undefined);
        }
      });
      test.timeout(0); // the race above times steps, so that a hung step is known and its window replaced
      suite.addTest(test);
    }
  }

  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
    options.stopSignal?.addEventListener('abort', () => runner.abort(), { once: true });
  });
  if (options.stopSignal?.aborted) return { passed: stats.passes, failed: stats.failures };
  writeSuiteResults(options.suite ?? 'e2e', stats, options.resultsDir);
  return { passed: stats.passes, failed: stats.failures };
}
