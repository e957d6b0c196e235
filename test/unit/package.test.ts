// The .vsix holds only what a user needs: the bundles, the webview's styles and icons, the manifest, README
// and LICENSE — no sources, tests, source maps or node_modules (`vsce ls` lists what `npm run package` packs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../..', import.meta.url);

describe('the packaged extension', () => {
  it('contains only the bundles, media, manifest, README, the rules diagnostics link to, and LICENSE', function () {
    this.timeout(60_000);
    const vsce = new URL('node_modules/.bin/vsce', ROOT).pathname;
    const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(
      files.filter((file) => !file.startsWith('media/')),
      ['LICENSE', 'README.md', 'dist/cli.js', 'dist/extension.js', 'dist/webview.css', 'dist/webview.js', 'docs/rules.md', 'package.json'],
    );
    assert.ok(files.some((file) => file.startsWith('media/')), 'the webview styles and icons');
  });

  it('declares what the marketplace and VS Code need', () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));
    assert.equal(manifest.name, 'activation-lens');
    assert.equal(manifest.displayName, 'Activation Lens');
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '~1.100.0');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin['activation-lens'], './dist/cli.js');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  });
});
