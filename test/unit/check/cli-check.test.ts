// `activation-lens check` on files of a real temporary project: Ruff's text lines and exit codes, the JSON
// of the issue, `--fix` writing the safe fixes, notebooks by cell, the version read from the project's
// declarations (and by scan), and usage errors with exit code 2.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as cli } from '../../support/cli';

let project: string;

const file = (name: string, text: string): string => {
  const path = join(project, name);
  writeFileSync(path, text);
  return path;
};

const MODEL = 'import keras\nfrom keras import layers\nx = layers.Dense(64, activation="rellu")(x)\nx = layers.LeakyReLU(alpha=0.1)(x)\ny = layers.Dense(1, activation="softmax")(x)\nz = keras.activations.squareplus(x)\n';

describe('activation-lens check', () => {
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'activation-lens-check-'));
    file('requirements.txt', 'numpy\nkeras==3.5.0\n');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it("prints Ruff's path:line:col: CODE message lines (1-based) and exits 1", () => {
    const path = file('model.py', MODEL);
    const { code, stdout } = cli(['check', path]);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, 4).map((line) => /^\S+ \S+( \[\*\])?/.exec(line.replace(path, 'model.py'))?.[0]), [
      'model.py:3:34: AL101 [*]',
      'model.py:4:22: AL202 [*]',
      'model.py:5:33: AL301',
      'model.py:6:23: AL102',
    ]);
    assert.match(lines[3], /this project declares Keras 3\.5 \(requirements\.txt\)/);
    assert.match(stdout, /Found 4 problems\.\n\[\*\] 2 fixable with --fix; 1 more with --fix --unsafe-fixes\.\n$/);
  });

  it('exits 0 on a clean file', () => {
    const { code, stdout } = cli(['check', file('clean.py', 'from keras import layers\nlayers.Dense(4, activation="relu")\n')]);
    assert.equal(code, 0);
    assert.equal(stdout, 'All checks passed!\n');
  });

  it("prints the issue's JSON with 0-based positions and the detected version", () => {
    const path = file('model.py', MODEL);
    const { code, stdout } = cli(['check', path, '--json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.kerasVersion, { version: '3.5', major: '3', source: 'requirements.txt' });
    assert.deepEqual(report.functions, []);
    assert.deepEqual(report.diagnostics[0], {
      line: 2, character: 33, endLine: 2, endCharacter: 38, severity: 'error', code: 'AL101', rule: 'unknown-activation',
      message: "'rellu' is not a Keras 3 activation; did you mean 'relu'?",
      fixes: [{ title: "Replace with 'relu'", safety: 'safe', edits: [{ line: 2, character: 33, endLine: 2, endCharacter: 38, newText: 'relu' }] }],
    });
    assert.deepEqual(report.diagnostics.map((diagnostic: { severity: string }) => diagnostic.severity), ['error', 'warning', 'warning', 'error']);
  });

  it('prints an array for several files; --keras overrides the project', () => {
    const paths = [file('a.py', MODEL), file('b.py', 'import tensorflow as tf\ntf.keras.layers.LeakyReLU(negative_slope=0.1)\n')];
    const reports = JSON.parse(cli(['check', ...paths, '--json', '--keras', '2']).stdout);
    assert.equal(reports.length, 2);
    assert.deepEqual(reports[1].kerasVersion, { version: null, major: '2', source: '--keras' });
    assert.deepEqual(reports[1].diagnostics.map((diagnostic: { code: string }) => diagnostic.code), ['AL201']);
  });

  it('--fix writes the safe fixes back and reports what remains; --unsafe-fixes the others too', () => {
    const path = file('model.py', MODEL);
    const fixedRun = cli(['check', path, '--fix']);
    assert.equal(fixedRun.code, 1);
    assert.match(fixedRun.stdout, /Found 4 problems \(2 fixed, 2 remaining\)\.\n$/);
    assert.equal(readFileSync(path, 'utf8'), MODEL.replace('rellu', 'relu').replace('alpha=0.1', 'negative_slope=0.1'));
    cli(['check', path, '--fix', '--unsafe-fixes']);
    assert.match(readFileSync(path, 'utf8'), /Dense\(1, activation="sigmoid"\)/);
  });

  it('checks notebooks cell by cell, with the imports of the other cells', () => {
    const notebook = { cells: [{ cell_type: 'code', source: ['from keras import layers\n'] }, { cell_type: 'markdown', source: ['text'] }, { cell_type: 'code', source: ['layers.Activation("sofmax")\n'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    const path = file('model.ipynb', JSON.stringify(notebook));
    const { code, stdout } = cli(['check', path]);
    assert.equal(code, 1);
    assert.match(stdout, /model\.ipynb:cell 2:1:20: AL101 \[\*\] 'sofmax'/);
    cli(['check', path, '--fix']);
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).cells[2].source, ['layers.Activation("softmax")\n']);
  });

  it("checks a Markdown file's fences, positions in the file, and writes their fixes back", () => {
    const markdown = '# Model\n\nSome `activation="rellu"` prose.\n\n```python\nfrom keras import layers\nx = layers.Dense(64, activation="rellu")(x)\n```\n\n```js\ntf.layers.dense({units: 1, activation: "sofmax"});\n```\n';
    const path = file('README.md', markdown);
    const { code, stdout } = cli(['check', path]);
    assert.equal(code, 1);
    assert.deepEqual(stdout.trim().split('\n').slice(0, 2).map((line) => /^\S+ \S+/.exec(line.replace(path, 'README.md'))?.[0]), ['README.md:7:34: AL101', 'README.md:11:41: AL101']);
    cli(['check', path, '--fix']);
    assert.equal(readFileSync(path, 'utf8'), markdown.replace('activation="rellu")(x)', 'activation="relu")(x)').replace('"sofmax"', '"softmax"'));
  });

  it("reports a hand-written activation in a Markdown fence on the file's line of its def", () => {
    const markdown = '# ELU\n\n```python\nimport math\ndef elu(x, alpha):\n  return x if x >= 0 else alpha*(math.exp(x))-1\n```\n';
    const { stdout } = cli(['check', file('elu.md', markdown), '--json']);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.functions.map((entry: { name: string; line: number }) => [entry.name, entry.line]), [['elu', markdown.split('\n').findIndex((line) => line.startsWith('def elu'))]]);
    assert.deepEqual(report.diagnostics.map((entry: { line: number }) => entry.line), report.functions.flatMap((entry: { line: number }) => [entry.line, entry.line]));
  });

  it("checks a docstring's doctest examples in a Python file", () => {
    const path = file('blocks.py', 'def block(x):\n    """A block.\n\n    >>> from keras import layers\n    >>> layers.Activation("sofmax")(x)\n    """\n    return x\n');
    assert.match(cli(['check', path]).stdout, /blocks\.py:5:28: AL101 \[\*\] 'sofmax'/);
  });

  it('selects and ignores rules', () => {
    const path = file('model.py', MODEL);
    assert.deepEqual(JSON.parse(cli(['check', path, '--json', '--select', 'AL2,AL3']).stdout).diagnostics.map((diagnostic: { code: string }) => diagnostic.code), ['AL202', 'AL301']);
    assert.deepEqual(JSON.parse(cli(['check', path, '--json', '--ignore', 'unknown-activation,AL3']).stdout).diagnostics.map((diagnostic: { code: string }) => diagnostic.code), ['AL202', 'AL102']);
  });

  it('exits 2 on bad usage', () => {
    assert.equal(cli(['check']).code, 2);
    assert.match(cli(['check', file('m.py', MODEL), '--select', 'AL9']).stderr, /no rule matches 'AL9'/);
    assert.equal(cli(['check', join(project, 'missing.py')]).code, 2);
    assert.equal(cli(['check', file('m.py', MODEL), '--unsafe-fixes']).code, 2);
    assert.equal(cli(['check', file('m.py', MODEL), '--keras', '4']).code, 2);
  });

  it('lets scan, run and describe read the Keras version of the project too', () => {
    file('requirements.txt', 'tensorflow==2.15.0\n');
    const path = file('model.py', 'import tensorflow as tf\ny = tf.keras.activations.relu(x, alpha=0.1)\n');
    const [reference] = JSON.parse(cli(['scan', path]).stdout);
    assert.equal(reference.flavour, 'keras2');
    assert.equal(JSON.parse(cli(['scan', path, '--keras', '3']).stdout)[0].flavour, 'keras3');
  });
});
