// The getting-started walkthrough as a newcomer follows it: open it from the palette, press each step's
// button, see what it promised (the tutorial, a hover with its images, NumPy's output after the line, the
// plot panel, the misspelt name's error) and the step checked off. Its pictures, cropped, are the README's
// and the walkthrough's own (scripts/readme-pictures.mjs), the quick fix's diagnostic among them.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { tutorialResult, type E2EStep, type Workbench } from '../workbench';

const WALKTHROUGH = 'Get Started with Activation Lens';
const WALKTHROUGH_TAB = '.tabs-container .tab';
const HOVER = '.monaco-hover';
/** Decorations draw inline results as CSS ::after content; the line is found by its own text. */
const line = (workbench: Workbench, text: string): Locator => workbench.activeEditor().locator('.view-line', { hasText: text }).first();

/**
 * Waits until the decoration after the active editor's line `lineText` (an inline result or error) contains
 * `text`. The line is looked up on every poll: Monaco replaces a line's element when it redraws it.
 */
async function waitForAfterText(workbench: Workbench, lineText: string, text: string): Promise<void> {
  await workbench.page.waitForFunction(
    ({ lineText, text }) =>
      [...document.querySelectorAll('.editor-group-container.active .view-line')]
        .filter((element) => (element.textContent ?? '').replace(/\u00a0/g, ' ').includes(lineText))
        .some((element) => [...element.querySelectorAll('span')].some((span) => getComputedStyle(span, '::after').content.includes(text))),
    { lineText, text },
  );
}

/** Moves the mouse onto `box` from below, as a person does, and returns the hover that shows. */
async function hoverAt(workbench: Workbench, box: { x: number; y: number; width: number; height: number } | null): Promise<Locator> {
  assert.ok(box, 'the hover target is on screen');
  await workbench.page.mouse.move(box.x + box.width / 2, box.y + box.height + 60);
  await workbench.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  const hover = workbench.page.locator(HOVER).filter({ visible: true }).first();
  await hover.waitFor();
  return hover;
}

/** Where `word` is drawn in `target` (Monaco merges same-coloured tokens into one span, so a text range). */
async function wordBox(target: Locator, word: string): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return target.evaluate((element, word) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = (node.textContent ?? '').indexOf(word);
      if (index < 0) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + word.length);
      const { x, y, width, height } = range.getBoundingClientRect();
      return { x, y, width, height };
    }
    return null;
  }, word);
}

async function openWalkthrough(workbench: Workbench): Promise<void> {
  const container = workbench.page.locator('.gettingStartedContainer', { hasText: WALKTHROUGH }).first();
  // A step's button opens its editor asynchronously: when that comes after the click on the walkthrough's
  // tab, it takes the front again, so the tab is clicked until the walkthrough stays in front.
  for (let attempt = 1; ; attempt++) {
    const tab = workbench.page.locator(WALKTHROUGH_TAB, { hasText: 'Walkthrough: Activation Lens' });
    if ((await tab.count()) > 0) {
      await tab.first().click();
    } else {
      await workbench.runCommand('Welcome: Open Walkthrough...', { opensQuickPick: true });
      await workbench.chooseQuickInputRow(WALKTHROUGH);
    }
    try {
      await container.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 6) throw error;
    }
  }
}

/**
 * Opens the walkthrough's step, presses its button, and waits until the step is checked off. On a loaded machine
 * the step can re-render while it expands and the press land on nothing; a person would press again, so do we.
 */
async function pressStepButton(workbench: Workbench, stepTitle: string, button: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await openWalkthrough(workbench);
    const step = workbench.page.locator('.getting-started-step', { hasText: stepTitle }).first();
    await step.click();
    await step.getByRole('button', { name: button }).click();
    await openWalkthrough(workbench);
    // The step's checkbox ticks.
    try {
      await workbench.page.locator('.getting-started-step', { hasText: stepTitle }).locator('.codicon.complete').first().waitFor({ timeout: 15_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`      the step "${stepTitle}" was not checked off after pressing "${button}"; pressing again`);
    }
  }
}

/** The walkthrough's editor came back to the front to check the step off: show the tutorial again. */
async function showTutorial(workbench: Workbench): Promise<void> {
  await workbench.page.locator(WALKTHROUGH_TAB, { hasText: 'Untitled' }).first().click();
  await workbench.activeEditor().locator('.view-lines').waitFor();
}

/** Presses a step's button that evaluates a line of the tutorial; returns that line once `text` shows after it. */
async function evaluatedFromStep(workbench: Workbench, stepTitle: string, button: string, lineText: string, text: string): Promise<Locator> {
  await pressStepButton(workbench, stepTitle, button);
  await showTutorial(workbench);
  await waitForAfterText(workbench, lineText, text);
  return line(workbench, lineText);
}

export const steps: E2EStep[] = [
  {
    title: 'opens the walkthrough and the tutorial from its first step',
    async run(workbench) {
      await workbench.closeAllEditors();
      await workbench.setTheme('Dark Modern', 'vs-dark');
      // Room for the pictures: the explorer goes away for this walkthrough.
      await workbench.runCommand('View: Close Primary Side Bar');
      await pressStepButton(workbench, 'Open the tutorial', 'Open the Tutorial');
      await showTutorial(workbench);
      await line(workbench, 'b = tf.keras.activations.sigmoid(a)').waitFor();
      await workbench.picture('tutorial', [workbench.activeEditor()], { padding: 0 });
    },
  },
  {
    title: "shows sigmoid's hover from the second step: formula and curve images",
    async run(workbench) {
      await pressStepButton(workbench, 'Hover an activation', 'Show the Hover');
      await showTutorial(workbench);
      // The step's button showed the hover; it went away when the walkthrough came forward: show it again, on
      // Keras' sigmoid (the tutorial's own `def sigmoid` comes first).
      const hover = await hoverAt(workbench, await wordBox(line(workbench, 'b = tf.keras.activations.sigmoid(a)'), 'sigmoid'));
      const images = hover.locator('img[src^="data:image/svg+xml"]');
      await images.nth(1).waitFor();
      await workbench.page.waitForFunction(
        (element) => [...element.querySelectorAll('img')].every((image) => image.complete && image.naturalWidth > 0),
        await hover.elementHandle(),
      );
      assert.match(await hover.innerText(), /sigmoid · Logistic sigmoid/);
      await workbench.page.waitForTimeout(300); // the hover's fade-in
      await workbench.picture('hover', [hover, line(workbench, 'b = tf.keras.activations.sigmoid(a)')]);
      await workbench.dismiss();
    },
  },
  {
    title: "evaluates from the third step: NumPy's output after the line",
    async run(workbench) {
      const result = await evaluatedFromStep(workbench, 'Evaluate a snippet', 'Evaluate the Line', 'b = tf.keras.activations.sigmoid(a)', tutorialResult(workbench.options.workspace, 'tutorial sigmoid').slice(0, 20));
      await workbench.page.keyboard.press('Escape');
      await workbench.picture('inline-result', [line(workbench, 'a = tf.constant([-20'), result, line(workbench, 'b.numpy()')], { spanning: workbench.activeEditor() });
    },
  },
  {
    title: 'opens the plot panel from the fourth step',
    async run(workbench) {
      // The panel opens beside the walkthrough.
      await pressStepButton(workbench, 'Plot it', 'Plot sigmoid');
      const frame = await workbench.findWebviewFrame('.legend', { text: 'sigmoid' });
      await frame.locator('canvas').first().waitFor();
      await workbench.page.waitForTimeout(500); // the first curves drawn
      const group = workbench.page.locator('.editor-group-container', { has: workbench.page.locator('.tab.active', { hasText: 'Plot' }) });
      await workbench.picture('plot-panel', [group.first()], { padding: 0 });
      // Closed with the mouse: keys pressed now would go to the webview, which has the focus.
      await group.first().locator('.tab.active .codicon-close').click();
    },
  },
  {
    title: "evaluates the misspelt ELU line from the fifth step: the error says what is wrong and where",
    async run(workbench) {
      const elu = await evaluatedFromStep(workbench, 'Fix a mistake', 'Evaluate the Mistake', 'model.add(ELU(alpha=elu_alpha))', "Did you mean: 'elu_aplha'?");
      await workbench.picture('mistake', [line(workbench, '#For ELU'), line(workbench, 'elu_aplha=0.5'), elu], { spanning: workbench.activeEditor() });
    },
  },
  {
    title: "fixes the tutorial's deprecated LeakyReLU(alpha=…) from the last step: its squiggle's hover, then the light bulb",
    async run(workbench) {
      try {
        // Still in view from the step before: the squiggle and its hover, pictured before the fix removes them.
        const leaky = line(workbench, 'cnn_model.add(LeakyReLU(alpha=0.1))');
        // Squiggles are drawn in a layer of their own, not in the line; the tutorial's one warning is this.
        const squiggle = workbench.activeEditor().locator('.squiggly-warning').first();
        await squiggle.waitFor({ timeout: 30_000 });
        const hover = await hoverAt(workbench, await squiggle.boundingBox());
        await hover.filter({ hasText: 'AL202' }).waitFor();
        await workbench.page.waitForTimeout(300); // the hover's fade-in
        await workbench.picture('diagnostic', [hover, leaky]);
        await workbench.dismiss();
        // The step's button puts the cursor on the argument and opens the light bulb's menu: take its fix.
        await openWalkthrough(workbench);
        const step = workbench.page.locator('.getting-started-step', { hasText: 'Apply a quick fix' }).first();
        await step.click();
        await step.getByRole('button', { name: 'Fix the Argument' }).click();
        await workbench.page.locator('.action-widget .monaco-list-row', { hasText: 'negative_slope' }).first().waitFor();
        await workbench.page.keyboard.press('Enter');
        await line(workbench, 'cnn_model.add(LeakyReLU(negative_slope=0.1))').waitFor();
        await openWalkthrough(workbench);
        await workbench.page.locator('.getting-started-step', { hasText: 'Apply a quick fix' }).locator('.codicon.complete').first().waitFor();
      } finally {
        // Leave the window as the walkthrough found it: no edited untitled copy (closing it would ask to
        // save), the explorer back.
        await workbench.dismiss();
        await showTutorial(workbench);
        await workbench.runCommand('View: Revert and Close Editor');
        await workbench.runCommand('View: Show Explorer');
      }
    },
  },
];
