// The plot panel as a person uses it: opens it from the command palette for several activations, adds more
// in the panel, drags a slider and sees the curves change, zooms, switches the colour theme (light, dark,
// high contrast), exports PNG, SVG and CSV through the save dialog, and reloads the window to find it again.
// Prints the panel's own timings (performance.measure in the webview). Pictures of the panel go to
// .artifacts/plot-panel/ (kept between runs), the exports to its exports/ folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { Workbench } from '../workbench';
import type { E2EStep } from '../workbench';

const QUICK_INPUT = '.quick-input-widget';
const ROW = '.quick-input-list .monaco-list-row';

interface Digest {
  label: string;
  derivative: boolean;
  visible: boolean;
  points: number;
  checksum: number;
}

interface FrameStats {
  count: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
}

interface Metrics {
  firstCurvesMs: number | null;
  sliderFrames: FrameStats;
  viewFrames: FrameStats;
}

/** What the panel exposes on `window.activationLens` (src/webview/main.ts). */
interface PanelDebug {
  summary(): Digest[];
  metrics(): Metrics;
  resetMetrics(kind?: 'slider' | 'view'): void;
  theme(): { kind: string; background: string; foreground: string };
  state(): { series: { name: string; params: Record<string, unknown>; showDerivative: boolean }[]; domain: [number, number] };
}

const debug = <T>(frame: Frame, read: (api: PanelDebug) => T): Promise<T> =>
  frame.evaluate(`(${read.toString()})(window.activationLens)`) as Promise<T>;

async function panelFrame(workbench: Workbench): Promise<Frame> {
  const frame = await workbench.findWebviewFrame('.legend-row');
  await frame.waitForFunction(() => 'activationLens' in window);
  return frame;
}

/** Screenshot of just the panel's webview (the editor area holding it), for looking at the design. */
async function panelScreenshot(workbench: Workbench, name: string): Promise<string> {
  // Beside .artifacts/e2e/ (which every run clears), so the pictures of the panel stay for comparison.
  const file = path.join(path.dirname(workbench.options.artifactsDir), 'plot-panel', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A clip of the page, not an element screenshot: those wait for the element to stop moving, which an
  // editor group with a live webview may never report.
  const box = await workbench.page.locator('.editor-group-container.active').first().boundingBox();
  await workbench.page.screenshot({ path: file, ...(box ? { clip: box } : {}) });
  return file;
}

/** Ticks `names` in the multi-select quick pick (a click toggles a row) and accepts with Enter. */
async function pickMany(workbench: Workbench, names: readonly string[]): Promise<void> {
  const { page } = workbench;
  const input = page.locator(`${QUICK_INPUT} input`);
  for (const name of names) {
    await input.fill(name);
    const row = page.locator(ROW).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) }).first();
    await row.waitFor();
    // In a multi-select quick pick a click on the row toggles its checkbox.
    await row.locator('.label-name', { hasText: new RegExp(`^${name}$`) }).first().click();
    await row.locator('[aria-checked="true"], .monaco-custom-toggle.checked, input:checked').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  await input.fill('');
  await page.keyboard.press('Enter');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
}

/** Types an absolute path into VS Code's own save dialog (code-server shows the simple file dialog). */
async function saveAs(workbench: Workbench, file: string): Promise<void> {
  const { page } = workbench;
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor();
  // The dialog fills in its default path once it has read the folder; type over it only after that.
  await page.waitForFunction(
    ({ selector, suffix }) => {
      const value = (document.querySelector(selector) as HTMLInputElement | null)?.value ?? '';
      return value.includes('activation-plot-') && value.endsWith(suffix);
    },
    { selector: `${QUICK_INPUT} input`, suffix: path.extname(file) },
  );
  await input.fill(file);
  await page.waitForFunction(
    ({ selector, file }) => (document.querySelector(selector) as HTMLInputElement | null)?.value === file,
    { selector: `${QUICK_INPUT} input`, file },
  );
  // Its OK button accepts what the box says (Enter would pick a highlighted folder entry, if any).
  await page.waitForTimeout(300);
  await page.locator(`${QUICK_INPUT} .monaco-button`, { hasText: /^OK$/ }).click();
  // Overwriting an earlier run's file asks first.
  const overwrite = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Replace|Overwrite|OK/ });
  await Promise.race([
    page.locator(QUICK_INPUT).waitFor({ state: 'hidden' }),
    overwrite.first().waitFor().then(() => overwrite.first().click()),
  ]);
}

function log(line: string): void {
  console.log(`      ${line}`);
}

const formatStats = (stats: FrameStats) =>
  `${stats.count} frames, mean ${stats.meanMs.toFixed(2)} ms, p95 ${stats.p95Ms.toFixed(2)} ms, max ${stats.maxMs.toFixed(2)} ms`;

let exportsDir = '';

export const steps: E2EStep[] = [
  {
    title: 'opens the plot from the command palette for several activations',
    async run(workbench) {
      await workbench.closeAllEditors();
      // Not workbench.runCommand: it waits for the palette to close, and our quick pick replaces it at once.
      const { page } = workbench;
      await workbench.dismiss();
      await page.keyboard.press('F1');
      await page.locator(`${QUICK_INPUT} input`).waitFor();
      await page.keyboard.type('Activation Lens: Open Plot');
      await page.locator(ROW).filter({ has: page.locator('.label-name', { hasText: /^Activation Lens: Open Plot$/ }) }).first().click();
      await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Activation Lens: Open Plot' }).waitFor();
      await pickMany(workbench, ['relu', 'gelu']);
      const frame = await panelFrame(workbench);
      await frame.locator('.legend-row').nth(1).waitFor();
      const labels = await frame.locator('.legend-row .legend-label').allInnerTexts();
      assert.ok(labels.includes('relu()') && labels.includes('gelu()'), labels.join(' | '));
      const formulas = await frame.locator('.card .formula svg').count();
      assert.ok(formulas >= 4, `formulas shown as inline SVG: ${formulas}`);
      const metrics = await debug(frame, (api) => api.metrics());
      assert.ok(metrics.firstCurvesMs !== null, 'first curves were timed');
      log(`first curves painted ${metrics.firstCurvesMs.toFixed(1)} ms after the panel's script started`);
      await panelScreenshot(workbench, 'opened');
    },
  },
  {
    title: 'adds activations in the panel, shows every derivative, and reads the cursor',
    async run(workbench) {
      const frame = await panelFrame(workbench);
      for (const name of ['silu', 'elu']) await frame.locator('#add-activation').selectOption(name);
      await frame.locator('.card').nth(3).waitFor();
      const hidden = frame.locator('.legend-item.derivative[aria-pressed="false"]');
      while ((await hidden.count()) > 0) await hidden.first().click();
      await frame.waitForFunction(() =>
        (window as unknown as { activationLens: PanelDebug }).activationLens.summary().filter((d) => d.derivative && d.visible).length === 4,
      );
      const summary = await debug(frame, (api) => api.summary());
      assert.equal(summary.length, 8, 'four activations, each with its derivative');
      assert.ok(summary.every((digest) => digest.points === 2000));
      // Keyboard: focus the chart, move the read-out.
      await frame.locator('.chart-frame').focus();
      await workbench.page.keyboard.press('ArrowRight');
      await workbench.page.keyboard.press('ArrowRight');
      const x = await frame.locator('.readout-x').innerText();
      assert.notEqual(x, '—', 'the read-out follows the keyboard cursor');
      const values = await frame.locator('.legend-row .value').allInnerTexts();
      assert.ok(values.every((value) => value !== '—'), values.join(' '));
      await panelScreenshot(workbench, 'four-activations');
    },
  },
  {
    title: 'drags a slider: the curve changes, each frame timed',
    async run(workbench) {
      const frame = await panelFrame(workbench);
      const before = await debug(frame, (api) => api.summary());
      await debug(frame, (api) => api.resetMetrics());
      // relu's negative_slope: the first slider of the first card.
      const slider = frame.locator('.card').filter({ has: frame.locator('h2', { hasText: /^relu$/ }) }).locator('input[type=range]').first();
      await slider.scrollIntoViewIfNeeded();
      const box = await slider.boundingBox();
      assert.ok(box, 'the slider is on screen');
      const { mouse } = workbench.page;
      await mouse.move(box.x + 3, box.y + box.height / 2);
      await mouse.down();
      for (let i = 1; i <= 40; i++) await mouse.move(box.x + 3 + (i / 40) * (box.width * 0.45), box.y + box.height / 2);
      await mouse.up();
      await frame.waitForFunction(() => (window as unknown as { activationLens: PanelDebug }).activationLens.metrics().sliderFrames.count > 0);
      const after = await debug(frame, (api) => api.summary());
      const relu = (digests: Digest[]) => digests.find((digest) => digest.label.startsWith('relu(') && !digest.derivative);
      const gelu = (digests: Digest[]) => digests.find((digest) => digest.label.startsWith('gelu(') && !digest.derivative);
      assert.notEqual(relu(after)?.checksum, relu(before)?.checksum, 'relu moved');
      assert.equal(gelu(after)?.checksum, gelu(before)?.checksum, 'gelu did not');
      const labels = await frame.locator('.legend-row .legend-label').allInnerTexts();
      assert.ok(labels.some((label) => /^relu\(negative_slope=0\.\d+\)$/.test(label)), labels.join(' | '));
      const metrics = await debug(frame, (api) => api.metrics());
      log(`slider drag, 4 activations + derivatives × 2000 points: ${formatStats(metrics.sliderFrames)}`);
      // Zoom with the wheel: every curve is resampled over the new range.
      const chart = frame.locator('.u-over');
      await chart.scrollIntoViewIfNeeded();
      const chartBox = await chart.boundingBox();
      assert.ok(chartBox);
      await mouse.move(chartBox.x + chartBox.width * 0.6, chartBox.y + chartBox.height / 2);
      const domain = await debug(frame, (api) => api.state().domain);
      for (let i = 0; i < 10; i++) await mouse.wheel(0, -60);
      await frame.waitForFunction(
        (width) => {
          const [lo, hi] = (window as unknown as { activationLens: PanelDebug }).activationLens.state().domain;
          return hi - lo < width * 0.8;
        },
        domain[1] - domain[0],
      );
      const zoomed = await debug(frame, (api) => api.metrics());
      log(`wheel zoom, all 8 curves resampled: ${formatStats(zoomed.viewFrames)}`);
      // A trackpad sends several wheel events within one frame: each zooms further, none is lost.
      const width = async () => debug(frame, (api) => api.state().domain).then(([lo, hi]) => hi - lo);
      const wheel = (count: number) =>
        chart.evaluate((over, n) => {
          const box = over.getBoundingClientRect();
          const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, cancelable: true };
          for (let i = 0; i < n; i++) over.dispatchEvent(new WheelEvent('wheel', { ...at, deltaY: -40 }));
        }, count);
      const start = await width();
      await wheel(1);
      const one = (await width()) / start;
      await wheel(3);
      const three = (await width()) / start / one;
      assert.ok(Math.abs(three - one ** 3) < 1e-9, `three wheel events in one frame zoom by ${three}, one by ${one}`);
      await frame.locator('button', { hasText: 'Reset view' }).click();
      await panelScreenshot(workbench, 'after-drag');
    },
  },
  {
    title: 'follows the colour theme: light, dark, high contrast',
    async run(workbench) {
      const themes = [
        ['Light Modern', 'vs', 'light'],
        ['Dark High Contrast', 'hc-black', 'high-contrast'],
        ['Light High Contrast', 'hc-light', 'high-contrast-light'],
        ['Dark Modern', 'vs-dark', 'dark'],
      ] as const;
      const backgrounds = new Set<string>();
      for (const [label, kind, panelKind] of themes) {
        await workbench.setTheme(label, kind);
        const frame = await panelFrame(workbench);
        await frame.waitForFunction((wanted) => (window as unknown as { activationLens: PanelDebug }).activationLens.theme().kind === wanted, panelKind);
        const theme = await debug(frame, (api) => api.theme());
        backgrounds.add(theme.background);
        await frame.locator('.toolbar').scrollIntoViewIfNeeded();
        await panelScreenshot(workbench, `theme-${panelKind}`);
        await frame.locator('.cards').scrollIntoViewIfNeeded();
        await panelScreenshot(workbench, `theme-${panelKind}-cards`);
        await frame.locator('.toolbar').scrollIntoViewIfNeeded();
      }
      assert.ok(backgrounds.size >= 3, `the chart took each theme's background: ${[...backgrounds].join(', ')}`);
    },
  },
  {
    title: 'exports PNG, SVG and CSV through the save dialog',
    async run(workbench) {
      const frame = await panelFrame(workbench);
      exportsDir = path.join(path.dirname(workbench.options.artifactsDir), 'plot-panel', 'exports');
      fs.mkdirSync(exportsDir, { recursive: true });
      for (const format of ['png', 'svg', 'csv'] as const) {
        const file = path.join(exportsDir, `plot.${format}`);
        fs.rmSync(file, { force: true });
        await frame.locator(`button[data-export="${format}"]`).click();
        await saveAs(workbench, file);
        await frame.locator('.status', { hasText: `Saved ${file}` }).waitFor();
        const deadline = Date.now() + 10_000;
        while (!fs.existsSync(file) && Date.now() < deadline) await workbench.page.waitForTimeout(100);
        assert.ok(fs.existsSync(file), `${file} was written`);
      }
      const png = fs.readFileSync(path.join(exportsDir, 'plot.png'));
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG signature');
      assert.ok(png.length > 10_000, `a real picture (${png.length} bytes)`);
      const svg = fs.readFileSync(path.join(exportsDir, 'plot.svg'), 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.ok((svg.match(/stroke-dasharray/g) ?? []).length >= 4, 'derivatives dashed');
      const csv = fs.readFileSync(path.join(exportsDir, 'plot.csv'), 'utf8').trimEnd().split('\n');
      assert.equal(csv.length, 2001, 'a header and 2000 samples');
      assert.match(csv[0], /^x,gelu\(\),d\/dx gelu\(\),relu\(negative_slope=[\d.]+\),d\/dx relu\(negative_slope=[\d.]+\),silu\(\)/);
      log(`exported to ${path.relative(process.cwd(), exportsDir)}: plot.png (${png.length} bytes), plot.svg, plot.csv`);
    },
  },
  {
    title: 'reloads the window and finds the panel as it was',
    async run(workbench) {
      const frame = await panelFrame(workbench);
      const before = await debug(frame, (api) => api.state());
      // Waits for the new page itself: until it loads, the old workbench and its frames are still there.
      const reloaded = workbench.page.waitForEvent('load', { timeout: 90_000 });
      await workbench.runCommand('Developer: Reload Window');
      await reloaded;
      await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      const restored = await panelFrame(workbench);
      await restored.locator('.card').nth(before.series.length - 1).waitFor();
      const after = await debug(restored, (api) => api.state());
      assert.deepEqual(after.series, before.series, 'activations, parameters and toggles came back');
      assert.deepEqual(after.domain, before.domain);
      const metrics = await debug(restored, (api) => api.metrics());
      log(`after reload: first curves ${metrics.firstCurvesMs?.toFixed(1)} ms after the script started`);
      await panelScreenshot(workbench, 'restored');
    },
  },
];
