// Drives the VS Code workbench the way a person does — quick open, mouse hover, command palette, theme
// picker — in headless Chromium. Every e2e step receives one Workbench; helpers live here so that later
// steps reuse them rather than re-learning the workbench's DOM. Selectors: shared/design/testing-in-vscode.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';

/** One thing a person does and checks. Steps run in file order, then array order, in one workbench session. */
export interface E2EStep {
  title: string;
  run(workbench: Workbench): Promise<void>;
}

/** Where the window runs the extension: Node's extension host, or the browser's web worker one (vscode.dev). */
export type ExtensionHostKind = 'node' | 'web';

export interface WorkbenchOptions {
  /** Where screenshots go (git-ignored .artifacts/e2e/, .artifacts/web/e2e/). */
  artifactsDir: string;
  /** The samples workspace the window has open, as an absolute path on this machine. */
  workspace: string;
  extensionHost: ExtensionHostKind;
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_ROW = '.quick-input-list .monaco-list-row';
const HOVER = '.monaco-hover';
const THEME_KINDS = ['hc-light', 'hc-black', 'vs-dark', 'vs'] as const;
export type ThemeKind = (typeof THEME_KINDS)[number];

export class Workbench {
  private screenshotCount = 0;

  constructor(
    readonly page: Page,
    readonly options: WorkbenchOptions,
  ) {}

  /** Loads the workbench at `url` and waits until a person could start working in it. */
  static async open(page: Page, url: string, options: WorkbenchOptions): Promise<Workbench> {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    // The explorer lists the workspace once the remote file system answers.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
    return new Workbench(page, options);
  }

  /** Opens a workspace file with quick open (Ctrl+P) and waits for its editor. `relativePath` uses `/`. */
  async openFile(relativePath: string): Promise<Locator> {
    const name = path.posix.basename(relativePath);
    const row = this.page.locator(QUICK_INPUT_ROW).filter({ has: this.page.locator('.label-name', { hasText: name }) }).first();
    // Quick open searches as you type. On a loaded machine Ctrl+P can come while the window is busy (just after
    // a theme change) and open nothing, the first keystrokes land before the input has focus, or the search answer
    // late; a person would then put the focus back in the editor (Ctrl+1) and try again, and so do we (three tries).
    const input = this.page.locator(`${QUICK_INPUT} input`);
    for (let attempt = 1; ; attempt++) {
      await this.dismiss();
      await this.page.keyboard.press('Control+P');
      try {
        await input.waitFor({ timeout: 10_000 });
        await this.page.keyboard.type(relativePath);
        await row.waitFor({ timeout: 15_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        const typed = (await input.isVisible()) ? JSON.stringify(await input.inputValue()) : 'not shown';
        console.log(`      quick open showed no row for ${relativePath} (input: ${typed}); retrying`);
        await this.page.keyboard.press('Control+1');
      }
    }
    await row.click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    const editor = this.activeEditor();
    await editor.locator('.view-lines').waitFor();
    return editor;
  }

  /** Puts the cursor at the start of a 1-based line of the active editor with Go to Line (Ctrl+G). */
  async goToLine(line: number): Promise<void> {
    await this.dismiss();
    await this.activeEditor().locator('.view-lines').first().click();
    await this.page.keyboard.press('Control+G');
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Home');
  }

  /** The editor (text editor or notebook) in the active editor group. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance').first();
  }

  /**
   * Moves the mouse to the centre of the `occurrence`-th (1-based) `word` rendered in the active editor and
   * waits for the hover widget. Finds the word inside tokens too (`relu` in `tf.nn.relu`).
   */
  async hoverWord(word: string, { occurrence = 1 } = {}): Promise<Locator> {
    const lines = this.activeEditor().locator('.view-lines').first();
    await lines.waitFor();
    const box = await lines.evaluate(
      (element, { word, occurrence }) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = (node.textContent ?? '').replace(/\u00a0/g, ' ');
          for (let index = text.indexOf(word); index >= 0; index = text.indexOf(word, index + 1)) {
            const before = text[index - 1] ?? ' ';
            const after = text[index + word.length] ?? ' ';
            if (/\w/.test(before) || /\w/.test(after)) continue; // a whole word only
            if (++seen < occurrence) continue;
            const range = document.createRange();
            range.setStart(node, index);
            range.setEnd(node, index + word.length);
            const rect = range.getBoundingClientRect();
            return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
          }
        }
        return null;
      },
      { word, occurrence },
    );
    assert.ok(box, `"${word}" (occurrence ${occurrence}) is not among the lines the editor shows`);
    const hover = this.page.locator(HOVER).filter({ visible: true }).first();
    // Arrive from elsewhere so the editor sees a fresh mouse move onto the word. An editor that has just
    // opened can miss the first move (its hover controller is not listening yet): move away and back again.
    for (let attempt = 1; ; attempt++) {
      await this.page.mouse.move(box.x, box.y + 200);
      await this.page.mouse.move(box.x, box.y, { steps: 4 });
      try {
        await hover.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    // Providers answer asynchronously: the widget first says "Loading...".
    await hover.filter({ hasNotText: /^\s*Loading\.\.\.\s*$/ }).waitFor({ timeout: 30_000 });
    return hover;
  }

  /**
   * Hovers the text a decoration draws after a line (CSS `::after` content, such as an inline result) that
   * contains `text`, and waits for the hover widget showing `hoverText`.
   */
  async hoverAfterText(text: string, hoverText: string): Promise<Locator> {
    await this.page.mouse.move(1, 1);
    const box = await this.page.waitForFunction((wanted) => {
      for (const span of document.querySelectorAll('.editor-group-container.active .view-lines span')) {
        if (getComputedStyle(span, '::after').content.includes(wanted)) {
          const rect = span.getBoundingClientRect();
          return { x: rect.x + Math.min(rect.width / 2, 200), y: rect.y + rect.height / 2 };
        }
      }
      return null;
    }, text);
    const { x, y } = (await box.jsonValue()) as { x: number; y: number };
    await this.page.mouse.move(x, y + 40);
    await this.page.mouse.move(x, y, { steps: 4 });
    const hover = this.page.locator(HOVER).filter({ visible: true }).filter({ hasText: hoverText }).first();
    await hover.waitFor({ timeout: 20_000 });
    return hover;
  }

  /**
   * Runs a command by its palette label (e.g. `Markdown: Open Preview`) through F1, and waits for the palette
   * to close — unless the command opens a quick pick of its own (`opensQuickPick`), which is left for the caller.
   */
  async runCommand(label: string, { opensQuickPick = false } = {}): Promise<void> {
    await this.dismiss();
    await this.page.keyboard.press('F1');
    await this.page.locator(`${QUICK_INPUT} input`).waitFor();
    await this.page.keyboard.type(label);
    await this.chooseQuickInputRow(label);
    if (!opensQuickPick) await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  }

  /** Clicks the row of the open quick input (palette, quick pick) whose label is exactly `label`. */
  async chooseQuickInputRow(label: string): Promise<void> {
    const row = this.page
      .locator(QUICK_INPUT_ROW)
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
      .first();
    await row.waitFor();
    await row.click();
  }

  /**
   * Finds the frame of a webview (they sit in nested iframes) that shows `selector`, optionally with `text`.
   * Polls because a webview's frames appear and fill in after the command that opens it returns.
   */
  async findWebviewFrame(selector: string, { text, timeout = 30_000 }: { text?: string; timeout?: number } = {}): Promise<Frame> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        try {
          const matches = frame.locator(selector);
          const found = text === undefined ? matches : matches.filter({ hasText: text });
          if ((await found.count()) > 0) return frame;
        } catch {
          // the frame navigated or went away while we looked
        }
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error(`no webview frame shows ${selector}${text === undefined ? '' : ` with "${text}"`} after ${timeout / 1000} s`);
  }

  /**
   * Switches the colour theme with "Preferences: Color Theme", as a person does, and waits until the
   * workbench shows the theme's kind: `vs` (light), `vs-dark`, `hc-black` or `hc-light`.
   */
  async setTheme(themeLabel: string, kind: ThemeKind): Promise<void> {
    await this.runCommand('Preferences: Color Theme', { opensQuickPick: true });
    // The theme picker reuses the palette's input; typing filters it so the wanted theme is in view.
    await this.page.locator(`${QUICK_INPUT} input[placeholder*="Color Theme"]`).waitFor();
    await this.page.keyboard.type(themeLabel);
    await this.chooseQuickInputRow(themeLabel);
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
    await this.page.waitForFunction(
      (wanted) => document.querySelector('.monaco-workbench')?.classList.contains(wanted) === true,
      kind,
    );
  }

  /** The workbench's theme kind as its class shows it. */
  async themeKind(): Promise<ThemeKind | 'unknown'> {
    const classes = ((await this.page.locator('.monaco-workbench').getAttribute('class')) ?? '').split(/\s+/);
    return THEME_KINDS.find((kind) => classes.includes(kind)) ?? 'unknown';
  }

  /** Closes quick inputs, hovers and menus, and moves the mouse out of the way. */
  async dismiss(): Promise<void> {
    await this.page.mouse.move(1, 1);
    for (let i = 0; i < 2; i++) await this.page.keyboard.press('Escape');
  }

  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors');
  }

  /**
   * Saves a picture for the README and the walkthrough (scripts/readme-pictures.mjs copies them to media/readme/):
   * the part of the window that holds every one of `regions`, with `padding` pixels around (and as wide as
   * `spanning`, for lines whose decorations reach past their own box), in `<artifacts>/pictures/<name>.png`.
   * Returns its path.
   */
  async picture(name: string, regions: Locator[], { padding = 12, spanning }: { padding?: number; spanning?: Locator } = {}): Promise<string> {
    const boxes = [];
    for (const region of regions) {
      const box = await region.boundingBox();
      assert.ok(box, `a region of the picture "${name}" is not on screen`);
      boxes.push(box);
    }
    if (spanning) {
      const across = await spanning.boundingBox();
      assert.ok(across, `the picture "${name}" spans something that is not on screen`);
      boxes.push({ ...across, y: boxes[0].y, height: boxes[0].height });
    }
    const viewport = this.page.viewportSize() ?? { width: 1280, height: 800 };
    const left = Math.max(0, Math.min(...boxes.map((box) => box.x)) - padding);
    const top = Math.max(0, Math.min(...boxes.map((box) => box.y)) - padding);
    const right = Math.min(viewport.width, Math.max(...boxes.map((box) => box.x + box.width)) + padding);
    const bottom = Math.min(viewport.height, Math.max(...boxes.map((box) => box.y + box.height)) + padding);
    const file = path.join(this.options.artifactsDir, 'pictures', `${name}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, clip: { x: left, y: top, width: right - left, height: bottom - top } });
    return file;
  }

  /** Saves a PNG of the whole window to the artifacts folder, numbered in the order taken; returns its path. */
  async screenshot(name: string): Promise<string> {
    this.screenshotCount += 1;
    const file = path.join(this.options.artifactsDir, `${String(this.screenshotCount).padStart(2, '0')}-${slug(name)}.png`);
    fs.mkdirSync(this.options.artifactsDir, { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The 1-based line of the first line of a samples/ file that contains `text`. */
export function sampleLine(workspace: string, file: string, text: string): number {
  const lines = fs.readFileSync(path.join(workspace, ...file.split('/')), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `${text} is not in ${file}`);
  return index + 1;
}

/**
 * NumPy's repr of one of the tutorial's results as an inline result shows it (on one line), from the fixtures
 * real NumPy wrote (test/fixtures/numpy/generate.py).
 */
export function tutorialResult(workspace: string, name: string): string {
  const file = path.join(workspace, '..', 'test', 'fixtures', 'numpy', 'arrays.json');
  const found = (JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: { name: string; repr: string }[] }).cases.find((entry) => entry.name === name);
  assert.ok(found, `no NumPy fixture ${name}`);
  return found.repr.replace(/\s*\n\s*/g, ' ');
}
