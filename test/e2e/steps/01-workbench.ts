// Generic workbench steps: the helpers every later step relies on, proved on built-in features so that a
// broken harness shows up here and not as a mysterious failure in a feature's step. Steps leave what they
// opened on screen (each is photographed when it ends); a step that needs a clean window cleans up first.
import * as assert from 'node:assert/strict';
import type { E2EStep } from '../workbench';

export const steps: E2EStep[] = [
  {
    title: 'opens a Python sample with quick open (Ctrl+P)',
    async run(workbench) {
      const editor = await workbench.openFile('python/keras_layers.py');
      await editor.locator('.view-lines', { hasText: "Activation('softmax')" }).waitFor();
      const mode = workbench.page.locator('#status\\.editor\\.mode');
      await mode.filter({ hasText: 'Python' }).waitFor();
    },
  },
  {
    title: 'hovers a word and sees the hover widget',
    async run(workbench) {
      // TypeScript's built-in language service answers hovers without any extension of ours.
      await workbench.openFile('tfjs/model.ts');
      const hover = await workbench.hoverWord('buildModel');
      const text = await hover.innerText();
      assert.match(text, /buildModel\(\): tf\.Sequential|buildModel/);
      await workbench.screenshot('hover-buildModel');
    },
  },
  {
    title: 'runs a command from the command palette (F1)',
    async run(workbench) {
      const tabs = workbench.page.locator('.tabs-container .tab');
      const before = await tabs.count();
      await workbench.runCommand('File: New Untitled Text File');
      await workbench.page.locator('.tabs-container .tab.active', { hasText: 'Untitled-1' }).waitFor();
      assert.equal(await tabs.count(), before + 1);
    },
  },
  {
    title: 'opens the Markdown preview and reads its webview',
    async run(workbench) {
      await workbench.closeAllEditors();
      await workbench.openFile('README.md');
      await workbench.runCommand('Markdown: Open Preview');
      const frame = await workbench.findWebviewFrame('h1', { text: 'Activation Lens samples' });
      const body = await frame.locator('body').innerText();
      assert.match(body, /Hover an activation's name/);
      assert.match(body, /python\/keras_layers\.py/);
    },
  },
  {
    title: 'switches the colour theme and back',
    async run(workbench) {
      await workbench.openFile('python/keras_layers.py');
      // Headless Chromium prefers a light scheme, so the workbench may start light or dark: go to the other.
      const startedLight = (await workbench.themeKind()) === 'vs';
      const [other, otherKind, back, backKind] = startedLight
        ? (['Dark Modern', 'vs-dark', 'Light Modern', 'vs'] as const)
        : (['Light Modern', 'vs', 'Dark Modern', 'vs-dark'] as const);
      await workbench.setTheme(other, otherKind);
      await workbench.screenshot(`theme-${otherKind}`);
      await workbench.setTheme(back, backKind);
      assert.equal(await workbench.themeKind(), backKind);
    },
  },
];
