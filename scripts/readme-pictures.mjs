// `npm run pictures`: the README's and the walkthrough's pictures, taken by the e2e suite rather than drawn,
// so that they show what the extension really does. Runs the walkthrough's e2e steps in the web worker
// extension host (test/e2e/steps/60-walkthrough.ts crops them), copies them to media/readme/, and writes
// README.md's picture block between its markers.
//
//   npm run pictures                  build, run the steps, copy, write the README block
//   npm run pictures -- --no-build
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lib/code-server.mjs';

const TAKEN = path.join(ROOT, '.artifacts/web/e2e/pictures');
const TARGET = path.join(ROOT, 'media/readme');
const README = path.join(ROOT, 'README.md');
const README_START = '<!-- pictures:start (npm run pictures writes this block) -->';
const README_END = '<!-- pictures:end -->';

/** In README order; those without a caption are only the walkthrough's media. */
const PICTURES = [
  { name: 'hover', readme: 'Hover an activation: its formula, its curve for the parameters written there, the facts.' },
  { name: 'inline-result', readme: 'Evaluate a line: the result after it, exactly as NumPy prints it.' },
  { name: 'plot-panel', readme: 'Plot activations and their derivatives, with a slider per parameter.' },
  { name: 'diagnostic', readme: 'Mistakes flagged as you type, with why and a quick fix.' },
  { name: 'tutorial' },
  { name: 'mistake' },
];

function main() {
  const noBuild = process.argv.includes('--no-build');
  const run = spawnSync(process.execPath, ['scripts/test-vscode.mjs', '--e2e', '--host', 'web', '--grep', '60-walkthrough', ...(noBuild ? ['--no-build'] : [])], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error('pictures: the walkthrough steps failed; media/readme/ and README.md are unchanged');
    return 1;
  }
  fs.mkdirSync(TARGET, { recursive: true });
  const missing = PICTURES.filter((picture) => !fs.existsSync(path.join(TAKEN, `${picture.name}.png`)));
  if (missing.length > 0) {
    console.error(`pictures: the steps took no ${missing.map((picture) => `${picture.name}.png`).join(', ')}; media/readme/ and README.md are unchanged`);
    return 1;
  }
  for (const picture of PICTURES) {
    const target = path.join(TARGET, `${picture.name}.png`);
    fs.copyFileSync(path.join(TAKEN, `${picture.name}.png`), target);
    console.log(`media/readme/${picture.name}.png (${fs.statSync(target).size} bytes)`);
  }
  const block = PICTURES
    .filter((picture) => picture.readme)
    .map((picture) => `![${picture.readme}](media/readme/${picture.name}.png)`)
    .join('\n\n');
  const readme = fs.readFileSync(README, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) {
    console.error(`pictures: README.md lacks the ${README_START} … ${README_END} markers`);
    return 1;
  }
  fs.writeFileSync(README, `${readme.slice(0, start + README_START.length)}\n${block}\n${readme.slice(end)}`);
  console.log('README.md: picture block written');
  return 0;
}

process.exit(main());
