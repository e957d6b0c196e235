// `npm run test:vscode`: the integration suite inside a real VS Code extension host, then the e2e steps in a
// real workbench — both in code-server + headless Debian Chromium, first with the extension in the Node
// extension host, then in the browser's web worker extension host (as vscode.dev and github.dev run it).
// One browser for all; one code-server per host, whose profile decides the host.
//
//   npm run test:vscode                       build, then both suites in both hosts
//   npm run test:vscode -- --integration      only the integration suite (or --e2e: only the e2e steps)
//   npm run test:vscode -- --host web         only in the web worker extension host (or --host node)
//   npm run test:vscode -- --grep hover       only tests / steps whose title matches
//   npm run test:vscode -- --no-build         skip the build (npm test has just built)
//
// Ends within a bounded time whatever happens (ACTIVATION_LENS_VSCODE_DEADLINE_MS, default 15 min) and stops
// every process it started; exits non-zero when a test fails or the harness cannot run them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format, parseArgs } from 'node:util';
import { register as registerTsx } from 'tsx/esm/api';
import { launchChromium, requireChromium } from './lib/chromium.mjs';
import { readSuiteResults, writeSuiteResults } from './lib/results.mjs';
import { ROOT, startCodeServer } from './lib/code-server.mjs';
import { HarnessError, makeTempDir, runMain, spawnGroup, stopSignal, withTimeout } from './lib/processes.mjs';

// test/integration/suite.ts logs these around the mocha run (and the counts, in the web worker host).
const SUITE_MARKERS = {
  start: '[activation-lens] integration suite: start',
  end: '[activation-lens] integration suite: end',
  results: '[activation-lens] integration suite: results ',
};
// Workbench info lines that can fall between the markers and say nothing about the tests.
const WORKBENCH_CHATTER = [/^Updating additional builtin extensions cache/, /^Ignoring fetching additional builtin extensions/];
const SAMPLES = path.join(ROOT, 'samples');
const ARTIFACTS = path.join(ROOT, '.artifacts');
const EXTENSION_ID = 'activation-lens.activation-lens';

/**
 * The two extension hosts. The web worker one is chosen by the profile's `remote.extensionKind` (the URL
 * payload's `extensionDevelopmentKind` is ignored by VS Code 1.100's browser workbench, whose environment
 * service names that property `extensionDevelopmentLocationKind`). The web suite reads its grep, and the
 * host it must find itself in, from settings (test/web/index.ts, extensionHost.test.ts): a worker has no
 * environment variables.
 */
const HOSTS = {
  node: {
    label: 'the Node extension host',
    integrationIndex: path.join(ROOT, 'out/integration/index'), // the extension host adds `.js`
    suites: { integration: 'integration', e2e: 'e2e' },
    artifacts: ARTIFACTS,
    settings: () => ({}),
  },
  web: {
    label: 'the web worker extension host',
    integrationIndex: path.join(ROOT, 'out/web-integration/index'),
    suites: { integration: 'integration-web', e2e: 'e2e-web' },
    artifacts: path.join(ARTIFACTS, 'web'),
    settings: (grep) => ({
      'remote.extensionKind': { [EXTENSION_ID]: ['web'] },
      // test/integration/extensionHost.test.ts checks the suite really runs there.
      'activationLensTests.extensionHost': 'web',
      ...(grep ? { 'activationLensTests.grep': grep } : {}),
    }),
  },
};
const msFromEnv = (name, fallbackMinutes) => Number(process.env[name]) || fallbackMinutes * 60_000;
const DEADLINE_MS = msFromEnv('ACTIVATION_LENS_VSCODE_DEADLINE_MS', 15);
const INTEGRATION_TIMEOUT_MS = msFromEnv('ACTIVATION_LENS_INTEGRATION_TIMEOUT_MS', 5);
const E2E_TIMEOUT_MS = msFromEnv('ACTIVATION_LENS_E2E_TIMEOUT_MS', 8);

const { values: args } = parseArgs({
  options: {
    integration: { type: 'boolean', default: false },
    e2e: { type: 'boolean', default: false },
    grep: { type: 'string' },
    host: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const runIntegrationSuite = args.integration || !args.e2e;
const runE2ESuite = args.e2e || !args.integration;
if (args.host !== undefined && !(args.host in HOSTS)) {
  console.error(`test:vscode: --host is node or web, not ${args.host}`);
  process.exit(2);
}
const hosts = args.host ? [args.host] : Object.keys(HOSTS);

async function main() {
  const started = Date.now();
  // npm test passes a folder for the per-suite counts; run alone, keep them in a temp folder.
  const resultsDir = process.env.ACTIVATION_LENS_RESULTS_DIR ?? makeTempDir('activation-lens-results-');
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  requireChromium();
  if (!args['no-build']) await build();
  for (const host of hosts) {
    const index = `${HOSTS[host].integrationIndex}.js`;
    if (!fs.existsSync(index)) throw new HarnessError(`${index} is missing; run npm run build`);
  }

  const browser = await launchChromium();
  // A browser that dies mid-run must end the run at once, not at the deadline.
  let closing = false;
  const browserGone = new Promise((_, reject) => {
    browser.on('disconnected', () => {
      if (!closing) reject(new HarnessError('Chromium went away (crashed or was killed) while tests ran'));
    });
  });
  browserGone.catch(() => {});

  const outcomes = [];
  for (const host of hosts) {
    if (stopSignal.aborted) break;
    const { label, artifacts, settings } = HOSTS[host];
    fs.mkdirSync(artifacts, { recursive: true });
    const server = await startCodeServer({
      workspace: SAMPLES,
      settings: settings(args.grep),
      // The Node extension host inherits the server's environment: the suite writes its counts there.
      env: { ACTIVATION_LENS_RESULTS_DIR: resultsDir, ...(args.grep ? { ACTIVATION_LENS_GREP: args.grep } : {}) },
      logFile: path.join(artifacts, 'code-server.log'),
    });
    console.log(`\n=== ${label}: code-server ${server.origin} is up (log: ${path.relative(ROOT, server.logFile)})`);
    if (runIntegrationSuite) outcomes.push(await runIntegration(server, browser, browserGone, host, resultsDir));
    if (runE2ESuite && !stopSignal.aborted) outcomes.push(await runEndToEnd(server, browser, browserGone, host, resultsDir));
    await server.stop();
  }
  closing = true;
  if (stopSignal.aborted) return 1; // interrupted: runMain has said so, and half-run counts would mislead

  const seconds = Math.round((Date.now() - started) / 1000);
  const summary = outcomes.map(({ suite }) => describeCounts(suite, resultsDir)).join('; ');
  console.log(`\ntest:vscode finished in ${seconds} s — ${summary}; screenshots and logs in .artifacts/ (.artifacts/web/ for the web worker host)`);
  return outcomes.every(({ ok }) => ok) ? 0 : 1;
}

async function build() {
  const esbuild = spawnGroup(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  const { code } = await withTimeout(esbuild.exited, 120_000, 'the build did not finish within 2 min');
  if (code !== 0) throw new HarnessError('the build failed (see above)');
}

/** Loads the workbench with the suite in its URL payload; the extension host runs it and reports back. */
async function runIntegration(server, browser, browserGone, host, resultsDir) {
  const { label, integrationIndex, suites } = HOSTS[host];
  console.log(`\n— integration suite (mocha in ${label}) —`);
  const artifacts = path.join(HOSTS[host].artifacts, 'integration');
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const consoleLog = fs.createWriteStream(path.join(artifacts, 'workbench-console.log'));

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.message}\n`));
  const pageCrashed = new Promise((_, reject) => page.on('crash', () => reject(new HarnessError('the workbench page crashed during the integration suite'))));

  let reportExit;
  const exited = new Promise((resolve) => (reportExit = resolve));
  // The workbench hands its log (the extension host's console included) and the suite's exit code to these
  // two automation hooks. The terminal shows what the suite printed between its markers; all of it goes
  // to output.log.
  const output = fs.createWriteStream(path.join(artifacts, 'output.log'));
  let suiteRunning = false;
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = Array.isArray(message) ? format(...message) : String(message);
    output.write(`[${level}] ${text}\n`);
    if (text.includes(SUITE_MARKERS.start)) suiteRunning = true;
    else if (text.includes(SUITE_MARKERS.end)) suiteRunning = false;
    // The web worker host cannot write files: its counts come in the log.
    else if (text.includes(SUITE_MARKERS.results)) writeSuiteResults(resultsDir, suites.integration, text.slice(text.indexOf(SUITE_MARKERS.results) + SUITE_MARKERS.results.length));
    else if (suiteRunning && !WORKBENCH_CHATTER.some((pattern) => pattern.test(text))) process.stdout.write(`${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    for (const { relativePath, contents } of logs ?? []) {
      const file = path.join(artifacts, 'logs', relativePath);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, contents);
    }
    reportExit(code);
  });

  const url = server.workbenchUrl({ extensionDevelopmentPath: ROOT, extensionTestsPath: integrationIndex });
  let code;
  try {
    await page.goto(url);
    code = await withTimeout(
      Promise.race([exited, pageCrashed, browserGone]),
      INTEGRATION_TIMEOUT_MS,
      `the integration suite did not finish within ${INTEGRATION_TIMEOUT_MS / 1000} s: a test or run() hangs, or the extension host never started; ` +
        `see ${path.relative(ROOT, artifacts)}/ (screenshot, workbench logs) and ${path.relative(ROOT, server.logFile)}`,
    );
  } catch (error) {
    await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
    throw error;
  } finally {
    await context.close().catch(() => {});
    consoleLog.end();
    output.end();
  }
  return { suite: suites.integration, ok: code === 0 };
}

/** The e2e steps (TypeScript, loaded through tsx) drive a second window with the extension loaded. */
async function runEndToEnd(server, browser, browserGone, host, resultsDir) {
  const { label, suites } = HOSTS[host];
  console.log(`\n— e2e steps (a person in the workbench, the extension in ${label}) —`);
  const artifacts = path.join(HOSTS[host].artifacts, 'e2e');
  // The steps are TypeScript (ES modules: test/e2e/package.json), imported by file name as later authors
  // add them; tsx compiles them on the fly.
  registerTsx();
  const { runE2E } = await import('../test/e2e/index.ts');
  const consoleLog = [];
  const run = runE2E({
    browser,
    url: server.workbenchUrl({ extensionDevelopmentPath: ROOT }),
    workspace: SAMPLES,
    artifactsDir: artifacts,
    stepsDir: path.join(ROOT, 'test/e2e/steps'),
    resultsDir,
    suite: suites.e2e,
    extensionHost: host,
    stopSignal,
    grep: args.grep,
    onConsole: (line) => consoleLog.push(line),
  });
  try {
    const { failed } = await withTimeout(
      Promise.race([run, browserGone]),
      E2E_TIMEOUT_MS,
      `the e2e steps did not finish within ${E2E_TIMEOUT_MS / 1000} s; the last screenshot in .artifacts/e2e/ shows where they stood`,
    );
    return { suite: suites.e2e, ok: failed === 0 };
  } finally {
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'workbench-console.log'), `${consoleLog.join('\n')}\n`);
  }
}

function describeCounts(suite, resultsDir) {
  const counts = readSuiteResults(resultsDir, suite);
  return counts ? `${suite} ${counts.passed} passed / ${counts.failed} failed` : `${suite} reported no counts`;
}

runMain(main, { name: 'test:vscode', deadlineMs: DEADLINE_MS });
