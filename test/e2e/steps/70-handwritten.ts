// A hand-written activation as a person meets it: the tutorial's `def elu` underlined (it differs from
// Keras 3's ELU), its hover with the verdict and both curves, and Plot yours vs Keras opening the panel.
import * as assert from 'node:assert/strict';
import type { E2EStep } from '../workbench';

export const steps: E2EStep[] = [
  {
    title: "def elu in the tutorial is underlined, and its hover shows the verdict and both curves",
    async run(workbench) {
      // Earlier steps may leave the tutorial open beside the plot panel, in a second group.
      await workbench.closeAllEditors();
      await workbench.setTheme('Dark Modern', 'vs-dark');
      await workbench.openFile('python/tutorial.py');
      await workbench.goToLine(59);
      await workbench.activeEditor().locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
      await workbench.dismiss();
      const hover = await workbench.hoverWord('elu');
      await hover.filter({ hasText: 'hand-written' }).waitFor({ timeout: 20_000 });
      const image = hover.locator('img[src^="data:image/svg+xml"]').first();
      await image.waitFor();
      await hover.page().waitForFunction((element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth > 10, await image.elementHandle());
      const text = await hover.innerText();
      assert.match(text, /Differs from Keras 3's elu \(alpha=0\.5\)/);
      assert.match(text, /the −1 is outside α\(…\)/);
      assert.match(text, /AL401/);
      assert.match(text, /Plot yours vs Keras/);
      await workbench.screenshot('handwritten-elu-squiggle-and-hover');
    },
  },
  {
    title: 'Plot yours vs Keras opens the panel with Keras 3\'s elu and yours',
    async run(workbench) {
      const hover = await workbench.hoverWord('elu');
      const link = hover.locator('a', { hasText: 'Plot yours vs Keras' }).first();
      await link.waitFor({ timeout: 20_000 });
      await link.click();
      // The legend lists the library's curve and yours, a line with its own read-out.
      const frame = await workbench.findWebviewFrame('.legend-row.marks.line', { text: 'yours: elu' });
      await frame.waitForFunction(() => 'activationLens' in window);
      await workbench.dismiss();
      await workbench.screenshot('handwritten-elu-plot');
      // The keyboard cursor at the left end (x = −5, one of yours' samples): yours' value beside Keras'.
      await frame.locator('.chart-frame').focus();
      // The first key puts the cursor in the middle; Home then takes it to the left end.
      await workbench.page.keyboard.press('Home');
      await workbench.page.keyboard.press('Home');
      const yours = frame.locator('.legend-row.marks.line .value');
      await frame.waitForFunction(() => document.querySelector('.legend-row.marks.line .value')?.textContent !== '—');
      const keras = await frame.locator('.legend-row:not(.marks) .value').first().innerText();
      const mine = await yours.innerText();
      // The read-out's digits against each definition computed here: α(eˣ − 1) and the tutorial's α·eˣ − 1.
      const readOut = (text: string): number => Number(text.replace('−', '-').replace(/[^0-9eE+.-].*$/, ''));
      const [x, alpha] = [-5, 0.5];
      const near = (shown: number, exact: number): boolean => Math.abs(shown - exact) <= 1e-4 * Math.abs(exact);
      assert.ok(near(readOut(keras), alpha * (Math.exp(x) - 1)), `Keras 3's elu(−5) with α = 0.5: ${keras}`);
      assert.ok(near(readOut(mine), alpha * Math.exp(x) - 1), `yours at −5, the −1 outside α(…): ${mine}`);
      // Near the jump: the cursor a few steps left of 0 still reads yours, on its left branch.
      for (let i = 0; i < 62; i++) await workbench.page.keyboard.press('ArrowRight');
      const nearJump = await yours.innerText();
      assert.match(nearJump, /^−0\.5/, `yours just left of 0: ${nearJump}`);
      await workbench.screenshot('handwritten-elu-plot-readout');
    },
  },
];
