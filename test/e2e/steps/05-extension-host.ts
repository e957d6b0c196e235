// Where the extension runs: its log says which extension host activated it, and the run asked for one —
// the Node host, or the browser's web worker host of vscode.dev and github.dev. Every later step then tests
// the features from that host.
import * as assert from 'node:assert/strict';
import type { E2EStep } from '../workbench';

export const steps: E2EStep[] = [
  {
    title: 'the Activation Lens log says which extension host runs it: the one this pass asked for',
    async run(workbench) {
      await workbench.openFile('python/tutorial.py'); // activates the extension
      const expected = workbench.options.extensionHost === 'web' ? 'web worker' : 'Node';
      await workbench.runCommand('Output: Show Output Channels...', { opensQuickPick: true });
      await workbench.chooseQuickInputRow('Activation Lens');
      try {
        const log = workbench.page.locator('.panel .view-lines', { hasText: 'extension host' });
        await log.waitFor();
        const text = (await log.innerText()).replace(/\u00a0/g, ' ');
        assert.match(text, new RegExp(`Activation Lens [\\d.]+ activated in the ${expected} extension host`));
        await workbench.screenshot(`extension-host-${workbench.options.extensionHost}`);
      } finally {
        // The later steps' editors need the whole height.
        await workbench.runCommand('View: Hide Panel');
      }
    },
  },
];
