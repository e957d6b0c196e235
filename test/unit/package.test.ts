// The .vsix holds only what a user needs: the bundles (Node and web worker), the webview's styles and icons,
// the icon and the README's pictures, the walkthrough's tutorial, the manifest, README, CHANGELOG and LICENSE —
// no sources, tests, source maps or node_modules (`vsce ls` lists what `npm run package` packs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const ROOT = new URL('../..', import.meta.url);

describe('the packaged extension', () => {
  it('contains only the bundles, media, the tutorial, manifest, README, CHANGELOG, the rules diagnostics link to, and LICENSE', function () {
    this.timeout(60_000);
    const vsce = new URL('node_modules/.bin/vsce', ROOT).pathname;
    const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(
      files.filter((file) => !file.startsWith('media/')),
      ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/extension-web.js', 'dist/extension.js', 'dist/webview.css', 'dist/webview.js', 'docs/rules.md', 'package.json', 'samples/python/tutorial.py'],
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
    assert.equal(manifest.browser, './dist/extension-web.js', 'the web worker extension host (vscode.dev, github.dev) loads this entry');
    assert.equal(manifest.bin['activation-lens'], './dist/cli.js');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  });

  it('has its icon, and every picture the README and the walkthrough show (npm run pictures takes them)', () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));
    const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
    const shown = [manifest.icon, ...[...readme.matchAll(/\]\((media\/[^)]+)\)|src="(media\/[^"]+)"/g)].map((match) => match[1] ?? match[2])];
    for (const walkthrough of manifest.contributes.walkthroughs) {
      for (const step of walkthrough.steps) shown.push(step.media.image);
    }
    assert.ok(shown.includes('media/readme/hover.png') && shown.includes('media/readme/inline-result.png') && shown.includes('media/readme/plot-panel.png'), 'the README opens with pictures');
    for (const file of shown) assert.ok(existsSync(new URL(file, ROOT)), `${file} is missing`);
  });

  it('declares a walkthrough whose steps name commands the extension contributes', () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));
    const commands = new Set(manifest.contributes.commands.map((command: { command: string }) => command.command));
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.deepEqual(walkthrough.steps.map((step: { id: string }) => step.id), ['openTutorial', 'hover', 'evaluate', 'plot', 'mistake', 'quickFix']);
    for (const step of walkthrough.steps) {
      for (const [, command] of step.description.matchAll(/\(command:(?:toSide:)?([\w.]+)/g)) assert.ok(commands.has(command), `${step.id} runs ${command}, which is not contributed`);
    }
  });
});
