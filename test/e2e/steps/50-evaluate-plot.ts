// From a number to a picture: evaluate the tutorial's sigmoid snippet, hover its inline result, click Plot,
// and find the panel showing sigmoid with the five evaluated points marked.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { sampleLine, tutorialResult, type E2EStep } from '../workbench';

interface PanelState {
  series: { name: string }[];
  marks: { name: string; x: number[] }[];
  domain: [number, number];
}

export const steps: E2EStep[] = [
  {
    title: "plots an evaluated result from its hover: the curve with the evaluated points marked",
    async run(workbench) {
      const { page } = workbench;
      await workbench.closeAllEditors();
      await workbench.openFile('python/tutorial.py');
      // The cursor on `b.numpy()` evaluates that line with the code above it as context.
      await workbench.goToLine(sampleLine(workbench.options.workspace, 'python/tutorial.py', 'b.numpy()'));
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').waitFor();
      await page.keyboard.type('Activation Lens: Evaluate Selection');
      await workbench.chooseQuickInputRow('Activation Lens: Evaluate Selection');

      // Hover the inline result and follow its Plot link.
      const hover = await workbench.hoverAfterText(tutorialResult(workbench.options.workspace, 'tutorial sigmoid').slice(0, 20), 'dtype=float32');
      await hover.locator('a', { hasText: 'Plot' }).click();

      const frame = await workbench.findWebviewFrame('.legend-row', { text: 'sigmoid' });
      await frame.waitForFunction(() => 'activationLens' in window);
      const state = await panelState(frame);
      assert.deepEqual(state.series.map((series) => series.name), ['sigmoid']);
      assert.deepEqual(state.marks[0]?.x, [-20, -1, 0, 1, 20]);
      assert.ok(state.domain[0] <= -20 && state.domain[1] >= 20, `the points are in view: ${JSON.stringify(state.domain)}`);
      await page.waitForTimeout(300);
      await workbench.screenshot('evaluate-plot-marks');
    },
  },
];

const panelState = (frame: Frame): Promise<PanelState> =>
  frame.evaluate(() => (window as unknown as { activationLens: { state(): PanelState } }).activationLens.state());

