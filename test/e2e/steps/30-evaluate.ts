// "Activation Lens: Evaluate Selection" as a person uses it: select the tutorial's sigmoid snippet, run the
// command from the palette, and read NumPy's output after the line (dark theme); an error in the error colour
// (light theme); a hand-written function run by the interpreter, its print after the line; values with the
// activation chosen from the quick pick; the keybinding on a tfjs line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleLine, tutorialResult, type E2EStep, type Workbench } from '../workbench';

const lineNumber = (workbench: Workbench, file: string, text: string): number => sampleLine(workbench.options.workspace, file, text);

/** What CPython printed after a line (1-based) of the tutorial, run statement by statement (test/fixtures/python/generate.py). */
function cpythonPrinted(workbench: Workbench, line: number): string {
  const file = path.join(workbench.options.workspace, '..', 'test', 'fixtures', 'python', 'cases.json');
  const prints = (JSON.parse(fs.readFileSync(file, 'utf8')) as { samples: Record<string, { line: number; stdout: string }[]> }).samples['samples/python/tutorial.py'];
  const found = prints.find((entry) => entry.line === line - 1);
  assert.ok(found, `CPython printed nothing after line ${line}`);
  return found.stdout.trimEnd();
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Puts the cursor at the start of a line, then extends the selection down. */
async function selectLines(workbench: Workbench, first: number, count: number): Promise<void> {
  await workbench.goToLine(first);
  for (let i = 1; i < count; i++) await workbench.page.keyboard.press('Shift+ArrowDown');
  await workbench.page.keyboard.press('Shift+End');
}

/**
 * The text of the inline results the editor shows: decorations' `after` content is drawn by CSS
 * (`::after { content: … }`) on spans inside the view lines.
 */
async function inlineTexts(workbench: Workbench): Promise<{ text: string; color: string }[]> {
  return workbench.activeEditor().evaluate((editor) => {
    const found: { text: string; color: string }[] = [];
    for (const span of editor.querySelectorAll('.view-lines span')) {
      for (const pseudo of ['::after', '::before']) {
        const style = getComputedStyle(span, pseudo);
        const content = style.content;
        if (content && content !== 'none' && content !== 'normal' && content.length > 2) {
          // Results keep NumPy's alignment with no-break spaces; read them as spaces.
          const text = JSON.parse(content.replace(/\\([0-9a-f]{1,6}) ?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))) as string;
          found.push({ text: text.replace(/\u00a0/g, ' '), color: style.color });
        }
      }
    }
    return found;
  });
}

/**
 * Runs a command from the palette (F1) keeping the editor's selection: Workbench.runCommand first presses
 * Escape, which in an editor collapses the selection.
 */
async function runKeepingSelection(workbench: Workbench, label: string, { opensQuickPick = false } = {}): Promise<void> {
  await workbench.page.keyboard.press('F1');
  await workbench.page.locator('.quick-input-widget input').waitFor();
  await workbench.page.keyboard.type(label);
  await workbench.chooseQuickInputRow(label);
  if (!opensQuickPick) await workbench.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function waitForInline(workbench: Workbench, pattern: RegExp): Promise<{ text: string; color: string }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await inlineTexts(workbench)).find((entry) => pattern.test(entry.text));
    if (found) return found;
    if (Date.now() > deadline) assert.fail(`no inline result matching ${pattern}; shown: ${JSON.stringify(await inlineTexts(workbench))}`);
    await workbench.page.waitForTimeout(200);
  }
}

export const steps: E2EStep[] = [
  {
    title: "evaluates the tutorial's sigmoid snippet from the palette: NumPy's output after the line (dark theme)",
    async run(workbench) {
      await workbench.setTheme('Dark Modern', 'vs-dark');
      await workbench.openFile('python/tutorial.py');
      // Room for the results in the pictures: the explorer goes away for these steps.
      await workbench.runCommand('View: Close Primary Side Bar');
      await selectLines(workbench, lineNumber(workbench, 'python/tutorial.py', 'a = tf.constant([-20'), 3);
      await runKeepingSelection(workbench, 'Activation Lens: Evaluate Selection');
      const sigmoid = `⇒ ${tutorialResult(workbench.options.workspace, 'tutorial sigmoid')}`;
      await waitForInline(workbench, new RegExp(`^${escaped(sigmoid.slice(0, 20))}`));
      // After `b = …sigmoid(a)` and after `b.numpy()`.
      const shown = (await inlineTexts(workbench)).filter((entry) => entry.text === sigmoid);
      assert.equal(shown.length, 2, JSON.stringify(await inlineTexts(workbench)));
      assert.notEqual(shown[0].color, 'rgb(204, 204, 204)', 'the result has its own colour, not the text colour');
      // Click away so the selection does not hide the result's colours in the picture.
      await workbench.page.keyboard.press('Escape');
      await workbench.page.keyboard.press('ArrowDown');
      await workbench.screenshot('evaluate-sigmoid-dark');
    },
  },
  {
    title: 'hovers the inline result: the full text, as NumPy wraps it, with Copy and Plot links',
    async run(workbench) {
      const hover = await workbench.hoverAfterText(tutorialResult(workbench.options.workspace, 'tutorial sigmoid').slice(0, 20), 'dtype=float32');
      const text = await hover.innerText();
      assert.match(text, /array\(\[2\.0611537e-09, 2\.6894143e-01, 5\.0000000e-01, 7\.3105860e-01,\s+1\.0000000e\+00\], dtype=float32\)/);
      assert.match(text, /Copy/);
      assert.match(text, /Plot/);
      // Let the hover finish fading in before the picture.
      await workbench.page.waitForTimeout(500);
      await workbench.screenshot('evaluate-result-hover');
      await workbench.dismiss();
    },
  },
  {
    title: "runs the tutorial's hand-written elu: `print(elu(-3,0.5))` shows what CPython prints, after the line",
    async run(workbench) {
      const line = lineNumber(workbench, 'python/tutorial.py', 'print(elu(-3,0.5))');
      await selectLines(workbench, line, 1);
      await workbench.page.keyboard.press('End');
      await workbench.runCommand('Activation Lens: Evaluate Selection');
      const printed = cpythonPrinted(workbench, line);
      await waitForInline(workbench, new RegExp(`^⇒ ${escaped(printed)}$`));
      // The function's definition is in the picture above the line that calls it.
      await workbench.screenshot('evaluate-hand-written-elu');
    },
  },
  {
    title: 'shows why `ELU(alpha=elu_alpha)` cannot be evaluated: Python\'s NameError, in the error colour (light theme)',
    async run(workbench) {
      await workbench.setTheme('Light Modern', 'vs');
      const elu = cpythonPrinted(workbench, lineNumber(workbench, 'python/tutorial.py', 'print(elu(-3,0.5))'));
      await selectLines(workbench, lineNumber(workbench, 'python/tutorial.py', 'model.add(ELU(alpha=elu_alpha))'), 1);
      await workbench.page.keyboard.press('End');
      await workbench.runCommand('Activation Lens: Evaluate Selection');
      const shown = await waitForInline(workbench, /^⚠ NameError: name 'elu_alpha' is not defined\. Did you mean: 'elu_aplha'\?$/);
      const result = await waitForInline(workbench, new RegExp(`^⇒ ${escaped(elu)}$`));
      assert.notEqual(shown.color, result.color, 'errors and results have different colours');
      await workbench.dismiss();
      await workbench.screenshot('evaluate-error-light');
    },
  },
  {
    title: 'applies an activation chosen from the quick pick to selected values (softsign on the tanh input)',
    async run(workbench) {
      await workbench.setTheme('Dark Modern', 'vs-dark');
      const line = lineNumber(workbench, 'python/tutorial.py', 'a = tf.constant([-3.0');
      await selectLines(workbench, line, 1);
      await runKeepingSelection(workbench, 'Activation Lens: Evaluate Selection', { opensQuickPick: true });
      const quickPick = workbench.page.locator('.quick-input-widget');
      await quickPick.locator('.quick-input-title', { hasText: 'apply which activation to a?' }).waitFor();
      // The activation nearest the cursor comes first, each with its formula.
      const firstRow = quickPick.locator('.monaco-list-row').first();
      assert.match(await firstRow.innerText(), /tanh/);
      await workbench.page.keyboard.type('softsign');
      await workbench.screenshot('evaluate-quick-pick');
      await workbench.chooseQuickInputRow('softsign');
      const shown = await waitForInline(workbench, /^⇒ softsign: array\(\[-0\.75/);
      assert.equal(shown.text, '⇒ softsign: array([-0.75, -0.5 ,  0.  ,  0.5 ,  0.75], dtype=float32)');
      await workbench.page.keyboard.press('Escape');
      await workbench.screenshot('evaluate-values-softsign');
    },
  },
  {
    title: 'evaluates a TensorFlow.js line with Ctrl+Alt+E: tfjs print text after the line',
    async run(workbench) {
      await workbench.openFile('tfjs/ops.js');
      await selectLines(workbench, lineNumber(workbench, 'tfjs/ops.js', 'x.relu().print();'), 1);
      await workbench.page.keyboard.press('End');
      await workbench.page.keyboard.press('Control+Alt+E');
      await waitForInline(workbench, /^⇒ Tensor \[0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5\]$/);
      await workbench.screenshot('evaluate-tfjs');
      await workbench.runCommand('View: Open View', { opensQuickPick: true });
      await workbench.page.keyboard.type('Explorer');
      await workbench.chooseQuickInputRow('Explorer');
    },
  },
];
