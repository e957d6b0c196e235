// Write-time help as a person meets it: the squiggle under a misspelt activation and its message (in a Python
// file and in a Markdown fence), the light bulb's fix applied, the completion list inside activation='' with an
// item's formula and curve, and the status bar item saying which Keras the project declares (opening its quick
// pick).
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { sampleLine, type E2EStep, type Workbench } from '../workbench';

const MISTAKES = 'mistakes/keras_mistakes.py';
const PROJECT_MODEL = 'keras-3.5-project/model.py';
const MARKDOWN = 'markdown/activations.md';

/** Clicks into the middle of a word of the active editor, putting the cursor there. */
async function clickWord(workbench: Workbench, word: string): Promise<void> {
  const span = workbench.activeEditor().locator('.view-lines span', { hasText: word }).last();
  await span.waitFor();
  const box = await span.boundingBox();
  assert.ok(box, `"${word}" is on screen`);
  const text = (await span.innerText()).replace(/\u00a0/g, ' ');
  const at = text.indexOf(word) + word.length / 2;
  await workbench.page.mouse.click(box.x + (box.width * at) / text.length, box.y + box.height / 2);
}

/** Runs `edit` on a sample and puts the file back as it was afterwards (the workbench may auto-save edits). */
async function editingSample(workbench: Workbench, file: string, edit: () => Promise<void>): Promise<void> {
  const path = join(workbench.options.workspace, ...file.split('/'));
  const original = readFileSync(path, 'utf8');
  try {
    await edit();
  } finally {
    // Revert first (nothing left for auto save to write), then put the text back on disk.
    await workbench.runCommand('File: Revert File');
    writeFileSync(path, original);
    // Reverted: the tab is clean again (line counts on screen would not do: long files scroll, long lines wrap).
    const firstLine = original.split('\n')[0];
    await workbench.page.waitForFunction((first) => {
      const tab = document.querySelector('.editor-group-container.active .tab.active');
      const line = document.querySelector('.editor-group-container.active .view-lines .view-line');
      return tab !== null && !tab.classList.contains('dirty') && (line?.textContent ?? '').replace(/\u00a0/g, ' ').startsWith(first.slice(0, 20));
    }, firstLine);
  }
}

/** Types `typed` on a new line after the sample's line holding `after`, then runs `then`; the sample is put back. */
async function typingInSample(workbench: Workbench, file: string, after: string, typed: string, then: () => Promise<void>): Promise<void> {
  await workbench.openFile(file);
  await workbench.goToLine(sampleLine(workbench.options.workspace, file, after));
  await editingSample(workbench, file, async () => {
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.type(typed);
    await then();
  });
}

async function editorText(workbench: Workbench): Promise<string> {
  return (await workbench.activeEditor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

async function imagesLoaded(container: Locator): Promise<number> {
  const images = container.locator('img[src^="data:image/svg+xml"]');
  await images.first().waitFor({ timeout: 20_000 });
  await container.page().waitForFunction(
    (element) => [...(element?.querySelectorAll('img') ?? [])].every((image) => image.complete && image.naturalWidth > 10),
    await container.elementHandle(),
  );
  return images.count();
}

export const steps: E2EStep[] = [
  {
    title: "a misspelt activation is underlined, and its hover says what it should be",
    async run(workbench) {
      await workbench.setTheme('Dark Modern', 'vs-dark');
      await workbench.openFile(MISTAKES);
      await workbench.activeEditor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
      const hover = await workbench.hoverWord('rellu');
      await hover.filter({ hasText: "did you mean 'relu'?" }).waitFor();
      assert.match(await hover.innerText(), /AL101/);
      await workbench.screenshot('diagnostic-squiggle-and-hover');
    },
  },
  {
    title: 'a misspelt activation in a Markdown fence is underlined where it is written',
    async run(workbench) {
      await typingInSample(workbench, MARKDOWN, 'activation="gelu"', 'layers.Dense(64, activation="gelu_nwe"),', async () => {
        await workbench.activeEditor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
        const hover = await workbench.hoverWord('gelu_nwe');
        await hover.filter({ hasText: 'AL101' }).waitFor();
        await workbench.screenshot('markdown-fence-squiggle');
        await workbench.dismiss();
      });
    },
  },
  {
    title: "the light bulb's quick fix renames 'rellu' to 'relu'",
    async run(workbench) {
      await workbench.openFile(MISTAKES);
      await workbench.activeEditor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
      await editingSample(workbench, MISTAKES, async () => {
        await workbench.dismiss();
        await clickWord(workbench, 'rellu');
        await workbench.page.keyboard.press('Control+.');
        const fix = workbench.page.locator('.action-widget .monaco-list-row', { hasText: "Replace with 'relu'" }).first();
        await fix.waitFor();
        await workbench.screenshot('quick-fix-menu');
        // The preferred fix is the focused row: accept it as a person does.
        await workbench.page.keyboard.press('Enter');
        await workbench.page.waitForFunction(() => document.querySelector('.editor-group-container.active .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes('activation="relu"'));
        assert.ok((await editorText(workbench)).includes('activation="relu"'));
        await workbench.screenshot('quick-fix-applied');
      });
    },
  },
  {
    title: "the completion list inside activation='' shows the project's names, an item with its formula and curve",
    async run(workbench) {
      await typingInSample(workbench, PROJECT_MODEL, 'squareplus(h)', "z = layers.Dense(8, activation='", async () => {
        const widget = workbench.page.locator('.suggest-widget.visible');
        await widget.locator('.monaco-list-row', { hasText: 'gelu' }).first().waitFor({ timeout: 30_000 });
        const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
        assert.ok(!labels.includes('squareplus'), `Keras 3.7's squareplus offered in a Keras 3.5 project: ${labels.join(', ')}`);
        // Show the selected item's documentation beside the list.
        const details = workbench.page.locator('.suggest-details-container .suggest-details');
        if (!(await details.isVisible())) await workbench.page.keyboard.press('Control+Space');
        await details.waitFor();
        assert.equal(await imagesLoaded(details), 2, 'the formula and the curve');
        await workbench.screenshot('completion-list-with-preview');
        await workbench.page.keyboard.press('Escape');
      });
    },
  },
  {
    title: 'the status bar says Keras 3.5 (requirements.txt) and opens a quick pick to override it',
    async run(workbench) {
      await workbench.openFile(PROJECT_MODEL);
      const item = workbench.page.locator('.statusbar-item', { hasText: 'Keras 3.5 (requirements.txt)' });
      await item.waitFor({ timeout: 30_000 });
      await item.click();
      await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Detect from the project' }).waitFor();
      await workbench.screenshot('keras-version-status-and-quick-pick');
      await workbench.dismiss();
    },
  },
];
