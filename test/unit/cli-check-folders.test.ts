// `activation-lens check FOLDER` as `ruff check .`: every file Activation Lens reads under it, sorted, tools' and
// environments' folders left out; and hand-written helper functions counted rather than listed one per line.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli as cli } from '../support/cli';

let project: string;

function file(name: string, text: string): void {
  mkdirSync(dirname(join(project, name)), { recursive: true });
  writeFileSync(join(project, name), text);
}

const MISSPELT = 'from keras import layers\nlayers.Dense(4, activation="rellu")\n';

describe('activation-lens check FOLDER', () => {
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'activation-lens-folder-'));
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('checks every Python, notebook, TS/JS and Markdown file under the folder, in order, and skips the others', () => {
    file('b.py', MISSPELT);
    file('a/model.py', MISSPELT);
    file('docs/guide.md', `# Guide\n\n\`\`\`python\n${MISSPELT}\`\`\`\n`);
    file('web/app.ts', "import * as tf from '@tensorflow/tfjs';\ntf.layers.dense({units: 1, activation: 'rellu'});\n");
    file('notes.txt', MISSPELT);
    file('data.csv', 'x\n1\n');
    const { code, stdout } = cli(['check', project]);
    assert.equal(code, 1);
    const paths = stdout.split('\n').filter((line) => line.includes(': AL')).map((line) => line.slice(project.length + 1).split(':')[0]);
    assert.deepEqual(paths, ['a/model.py', 'b.py', 'docs/guide.md', 'web/app.ts']);
  });

  it("leaves out dot-folders, node_modules, virtual environments and build output, as Ruff's defaults do", () => {
    file('model.py', 'from keras import layers\nlayers.Dense(4, activation="relu")\n');
    for (const folder of ['.git', '.venv', 'venv', 'node_modules/pkg', 'build', 'dist', '__pycache__', 'lib/site-packages']) file(`${folder}/x.py`, MISSPELT);
    const { code, stdout } = cli(['check', project]);
    assert.equal(code, 0, stdout);
    assert.equal(stdout, 'All checks passed!\n');
  });

  it('reads a file named on the command line even inside a left-out folder', () => {
    file('build/x.py', MISSPELT);
    assert.equal(cli(['check', join(project, 'build', 'x.py')]).code, 1);
  });

  it('says so when a folder holds nothing it reads (exit 2)', () => {
    file('notes.txt', 'relu');
    const { code, stderr } = cli(['check', project]);
    assert.equal(code, 2);
    assert.match(stderr, /^error: no Python, notebook, TypeScript, JavaScript or Markdown file under '.*'/);
  });

  it('lists a few functions that match no activation, and only counts many', () => {
    file('few.py', 'def step(x):\n    return 1 if x > 0 else 0\n');
    assert.match(cli(['check', project]).stdout, /few\.py:1: step: unmatched: no activation by its name or its values\n/);
    file('many.py', ['load', 'train', 'plot', 'save'].map((name) => `def ${name}(path):\n    return path\n`).join('\n'));
    const { stdout } = cli(['check', project]);
    assert.match(stdout, /^ {2}5 other functions match no activation by name or values \(--json lists them\)$/m);
    assert.doesNotMatch(stdout, /step: unmatched/);
  });
});
