// `npm run test:desktop`: the same integration suite (out/integration) in VS Code desktop through
// @vscode/test-electron, for machines that can download VS Code. This project's own machines reach only
// the npm registry, so there `npm run test:vscode` runs the suite in code-server instead.
//
//   npm run test:desktop                                   newest stable VS Code
//   ACTIVATION_LENS_VSCODE_VERSION=1.100.3 npm run test:desktop
//   xvfb-run -a npm run test:desktop                      on Linux without a display
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './lib/code-server.mjs';
import { HarnessError, makeTempDir, runMain } from './lib/processes.mjs';
import { writeUserSettings } from './lib/profile.mjs';

async function main() {
  const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new HarnessError('the build failed (see above)');

  const userData = makeTempDir('activation-lens-desktop-');
  writeUserSettings(userData);
  try {
    await runTests({
      version: process.env.ACTIVATION_LENS_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out/integration/index.js'),
      extensionTestsEnv: {
        ...(process.env.ACTIVATION_LENS_RESULTS_DIR ? { ACTIVATION_LENS_RESULTS_DIR: process.env.ACTIVATION_LENS_RESULTS_DIR } : {}),
        ...(process.env.ACTIVATION_LENS_GREP ? { ACTIVATION_LENS_GREP: process.env.ACTIVATION_LENS_GREP } : {}),
      },
      launchArgs: [
        path.join(ROOT, 'samples'),
        '--user-data-dir', userData,
        '--disable-extensions', // other installed extensions; built-ins such as vscode.ipynb stay
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
    return 0;
  } catch (error) {
    // runTests rejects with the exit code for failed tests, and with an Error when VS Code can't be had.
    throw new HarnessError(`desktop VS Code run failed: ${error instanceof Error ? error.message : error}`);
  }
}

// Downloading VS Code the first time takes a while; a hung window must still end the run.
runMain(main, { name: 'test:desktop', deadlineMs: Number(process.env.ACTIVATION_LENS_DESKTOP_DEADLINE_MS) || 20 * 60_000 });
