// Renders media/icon.svg (the source, edited by hand) to media/icon.png, which the Marketplace and VS Code
// show (they take no SVG icon): `node scripts/render-icon.mjs`, through the Chromium the tests use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from './lib/chromium.mjs';
import { ROOT } from './lib/code-server.mjs';
import { runMain } from './lib/processes.mjs';

const SOURCE = path.join(ROOT, 'media/icon.svg');
const TARGET = path.join(ROOT, 'media/icon.png');
const SIZE = 256;

async function main() {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  const svg = fs.readFileSync(SOURCE, 'utf8');
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: TARGET, omitBackground: true });
  console.log(`wrote ${path.relative(ROOT, TARGET)} (${fs.statSync(TARGET).size} bytes)`);
  return 0;
}

runMain(main, { name: 'render-icon', deadlineMs: 120_000 });
