// The real-VS-Code harness fails fast and says why when the machine lacks what it needs; the slower failure
// modes (a server that cannot start, a suite that hangs) are bounded by its timeouts (see README, Testing).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const ROOT = new URL('../..', import.meta.url);

describe('the test:vscode harness', () => {
  it('refuses to start without Chromium, before building or starting anything', function () {
    this.timeout(30_000);
    const run = spawnSync(process.execPath, ['scripts/test-vscode.mjs', '--no-build'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ACTIVATION_LENS_CHROMIUM: '/nonexistent/chromium' },
      timeout: 25_000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Chromium is missing at \/nonexistent\/chromium: install it \(apt-get install -y chromium\)/);
    assert.doesNotMatch(run.stdout, /code-server/);
  });
});
