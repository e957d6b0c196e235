// `npm test`: build, type check, unit tests (mocha, plain Node), then `test:vscode` (integration + e2e in a real VS Code).
// Each suite leaves its counts in a shared folder (test/support/results.ts); the run ends with exactly one
// closing line "N passed, N failed" over all of them, and a non-zero exit when anything failed. A suite that
// crashed before reporting counts as one failure, so a broken harness can never look green.
import { ROOT } from './lib/code-server.mjs';
import { makeTempDir, runMain, spawnGroup, stopSignal } from './lib/processes.mjs';
import { readSuiteResults } from './lib/results.mjs';

// The VS Code suites run in both extension hosts: Node's, and the web worker one of vscode.dev (`-web`).
const SUITES = ['unit', 'integration', 'e2e', 'integration-web', 'e2e-web'];

async function main() {
  const resultsDir = makeTempDir('activation-lens-results-');
  const env = { ...process.env, ACTIVATION_LENS_RESULTS_DIR: resultsDir };
  const problems = [];

  const build = await run('npm', ['run', '--silent', 'build'], { env });
  if (build !== 0) {
    problems.push(`the build failed (exit ${build}); nothing was tested`);
  } else {
    // esbuild strips types without checking them: the strict type check runs here.
    const types = await run('npm', ['run', '--silent', 'lint'], { env });
    if (types !== 0) problems.push('the type check (npm run lint: tsc --noEmit) failed');
    const unit = await run('npx', ['mocha', '--reporter', 'test/support/resultsReporter.ts', '--reporter-option', 'suite=unit'], { env });
    // test:vscode stops code-server and Chromium itself on SIGTERM: give it time before SIGKILL.
    const vscode = await run(process.execPath, ['scripts/test-vscode.mjs', '--no-build'], { env, graceMs: 30_000 });
    // A non-zero exit that no failed test explains (counts missing are reported per suite below).
    for (const [name, code, suites] of [['unit tests', unit, ['unit']], ['test:vscode', vscode, SUITES.slice(1)]]) {
      const counts = suites.map((suite) => readSuiteResults(resultsDir, suite));
      if (code !== 0 && counts.every((each) => each && each.failed === 0)) problems.push(`${name} exited with ${code} although no test failed`);
    }
  }

  // Interrupted (Ctrl+C, SIGTERM, deadline): the counts of a half-run suite would mislead, so none are printed.
  if (stopSignal.aborted) return 1;

  let passed = 0;
  let failed = problems.length;
  const lines = [];
  for (const suite of SUITES) {
    const counts = readSuiteResults(resultsDir, suite);
    if (!counts) {
      if (build === 0) {
        failed += 1;
        lines.push(`  ${suite.padEnd(16)} no results: the suite did not run to the end`);
      }
      continue;
    }
    passed += counts.passed;
    failed += counts.failed;
    lines.push(`  ${suite.padEnd(16)} ${counts.passed} passed  ${counts.failed} failed${counts.pending ? `  ${counts.pending} pending` : ''}`);
  }
  console.log(`\nsummary\n${lines.join('\n')}${problems.map((problem) => `\n  problem: ${problem}`).join('')}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/** Runs a step in its own process group (so an interrupted `npm test` can stop it whole); resolves to its exit code. */
async function run(command, args, { env, graceMs }) {
  const child = spawnGroup(command, args, { cwd: ROOT, env, stdio: 'inherit', graceMs });
  const { code, signal } = await child.exited;
  return code ?? (signal ? 128 : 1);
}

// Above test:vscode's own 15-minute deadline, so that one reports first when the VS Code part hangs.
runMain(main, { name: 'npm test', deadlineMs: Number(process.env.ACTIVATION_LENS_TEST_DEADLINE_MS) || 25 * 60_000 });
