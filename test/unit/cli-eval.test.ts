// `activation-lens eval` and `run` through the CLI's main() with a fake io: NumPy's text, JSON, positioned
// parse errors with exit code 2, and `run` giving exactly what the editor's auto mode shows.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main, type CliIo } from '../../src/cli';
import { evaluateDocument } from '../../src/interpreter/snippet';

const ROOT = path.join(__dirname, '..', '..');
const NUMPY: Record<string, { repr: string }> = Object.fromEntries(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'numpy', 'arrays.json'), 'utf8')).cases as { name: string; repr: string }[]).map((c) => [c.name, c]),
);

function cli(argv: string[], files: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (file) => {
      if (file in files) return files[file];
      return fs.readFileSync(path.join(ROOT, file), 'utf8');
    },
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

describe('activation-lens eval', () => {
  it("prints NumPy's repr of the result", () => {
    const { code, stdout, stderr } = cli(['eval', 'sigmoid', '[-20, -1.0, 0.0, 1.0, 20]']);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.equal(stdout, `${NUMPY['tutorial sigmoid'].repr}\n`);
  });

  it('reads every value form the editor reads', () => {
    assert.equal(cli(['eval', 'relu', 'tf.constant([-10, -5, 0.0, 5, 10], dtype = tf.float32)']).stdout, `${NUMPY['tutorial relu'].repr}\n`);
    assert.equal(cli(['eval', 'softsign', '(-1.0, 0.0, 1.0)']).stdout, `${NUMPY['tutorial softsign'].repr}\n`);
    assert.equal(cli(['eval', 'tanh', 'np.array([-3.0,-1.0, 0.0,1.0,3.0])']).stdout, `${NUMPY['tutorial tanh'].repr}\n`);
    assert.equal(cli(['eval', 'relu', '[0.5 -1. ]']).stdout, 'array([0.5, 0. ], dtype=float32)\n');
    assert.equal(cli(['eval', 'relu', 'tf.tensor1d([-1, 2])']).stdout, 'array([0., 2.], dtype=float32)\n');
    assert.equal(cli(['eval', 'sigmoid', '0']).stdout, 'np.float32(0.5)\n');
  });

  it('takes parameters with --param, as Keras 3 or (with --keras 2) Keras 2 names them', () => {
    assert.equal(cli(['eval', 'leaky_relu', '[-1, 1]', '--param', 'negative_slope=0.1']).stdout, 'array([-0.1,  1. ], dtype=float32)\n');
    assert.equal(cli(['eval', 'relu', '[-1, 1]', '--param', 'alpha=0.5', '--keras', '2']).stdout, 'array([-0.5,  1. ], dtype=float32)\n');
    assert.equal(cli(['eval', 'hard_sigmoid', '[2.75]', '--keras', '2']).stdout, 'array([1.], dtype=float32)\n');
    assert.equal(cli(['eval', 'hard_sigmoid', '[2.75]']).stdout, 'array([0.9583333], dtype=float32)\n');
    const softmax = cli(['eval', 'softmax', '[[1, 2], [3, 5]]', '--param', 'axis=0']);
    assert.equal(softmax.code, 0);
    assert.match(softmax.stdout, /^array\(\[\[/);
  });

  it('prints JSON with shortest round-trip float32 decimals and nan / inf as strings', () => {
    const { stdout } = cli(['eval', 'sigmoid', '[-20, -1.0, 0.0, 1.0, 20]', '--json']);
    const parsed = JSON.parse(stdout) as { shape: number[]; values: number[] };
    assert.deepEqual(parsed.shape, [5]);
    assert.deepEqual(parsed.values, [2.0611537e-9, 0.26894143, 0.5, 0.7310586, 1]);
    const special = JSON.parse(cli(['eval', 'linear', "[float('nan'), np.inf, -np.inf, -0.0, 1e-45]", '--json']).stdout) as { values: unknown[] };
    assert.deepEqual(special.values, ['nan', 'inf', '-inf', -0, 1e-45]);
    assert.ok(Object.is(special.values[3], -0));
    assert.deepEqual(JSON.parse(cli(['eval', 'relu', '[[1, -2], [3, -4]]', '--json']).stdout), { shape: [2, 2], values: [1, 0, 3, 0] });
  });

  it('reports a parse error with its line and column on stderr, exit code 2', () => {
    const { code, stdout, stderr } = cli(['eval', 'relu', '[1, 2,\n 3']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    // CPython's message (the values group of test/fixtures/python/cases.json has it).
    assert.equal(stderr, "error: line 1, column 1: SyntaxError: '[' was never closed\n");
    assert.equal(cli(['eval', 'relu', '[[1, 2], [3]]']).stderr, 'error: line 1, column 10: ragged nested list: this item has shape (1,) but the first item (at line 1, column 2) has shape (2,); every row needs the same length\n');
  });

  it('refuses oversized input before allocating it', () => {
    const { code, stderr } = cli(['eval', 'sigmoid', 'np.linspace(0, 1, 10**9)']);
    assert.equal(code, 2);
    assert.match(stderr, /^error: line 1, column 1: this linspace would have 1,000,000,000 elements; Activation Lens evaluates at most 1,000,000\n$/);
  });

  it('applies a layer class with its own defaults and argument names, as describe reads them', () => {
    assert.equal(cli(['eval', 'LeakyReLU', '[-1, 1]']).stdout, 'array([-0.3,  1. ], dtype=float32)\n');
    assert.equal(cli(['eval', 'LeakyReLU', '[-1, 1]', '--param', 'alpha=0.1']).stdout, 'array([-0.1,  1. ], dtype=float32)\n');
  });

  it('reports unknown activations and parameters, exit code 2', () => {
    const unknown = cli(['eval', 'nope', '[1]']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^error: unknown activation 'nope'; known activations: celu, elu/);
    const param = cli(['eval', 'relu', '[1]', '--param', 'slope=2']);
    assert.equal(param.code, 2);
    assert.match(param.stderr, /unknown parameter 'slope' for relu; known parameters: negative_slope, max_value, threshold/);
    assert.equal(cli(['eval', 'relu']).code, 2);
    assert.equal(cli(['eval', 'relu', '[1]', '--keras', '4']).code, 2);
  });
});

interface RunOutput {
  results: { cell?: number; line: number; text: string; error?: true }[];
  unevaluated: { cell?: number; line: number; column: number; reason: string; message: string }[];
}

/** What CPython printed running the tutorial statement by statement (test/fixtures/python/generate.py). */
const TUTORIAL_PRINTS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'python', 'cases.json'), 'utf8')) as {
  samples: Record<string, { line: number; stdout: string }[]>;
}).samples['samples/python/tutorial.py'];

describe('activation-lens run', () => {
  it("prints each line's result as the editor's auto mode shows it, and what it could not evaluate", () => {
    const file = 'samples/python/tutorial.py';
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const { code, stdout } = cli(['run', file, '--json']);
    const output = JSON.parse(stdout) as RunOutput;
    const editor = evaluateDocument(text, 'python');
    assert.deepEqual(
      output.results,
      editor.items.map((item) => (item.kind === 'result' ? { line: item.line, text: item.text } : { line: item.line, text: item.error.detail, error: true })),
    );
    assert.deepEqual(
      output.unevaluated.map((entry) => entry.message),
      editor.unevaluated.map((line) => line.error.message),
    );
    // The tutorial's prints are CPython's, after their lines.
    const lines = text.split('\n');
    const prints = output.results.filter((result) => lines[result.line].startsWith('print('));
    assert.deepEqual(prints.map((result) => ({ line: result.line, stdout: `${result.text}\n` })), TUTORIAL_PRINTS);
    assert.equal(output.results.find((result) => lines[result.line].startsWith('b.numpy()'))?.text, NUMPY['tutorial sigmoid'].repr);
    // Its Keras lines use a model it never defines: not evaluated, with Python's NameError, exit code 1.
    assert.equal(code, 1);
    assert.ok(output.unevaluated.length > 0);
    for (const entry of output.unevaluated) assert.match(entry.reason, /^NameError: name '(cnn_model|model|x2)' is not defined/, entry.message);
  });

  it('lists the lines not evaluated on stderr in text mode', () => {
    const { code, stdout, stderr } = cli(['run', 'snippet.py'], { 'snippet.py': 'import os\nprint("ran")\nprint(1 / 0)\n' });
    assert.equal(code, 1);
    assert.equal(stdout, '2: ran\n3: ZeroDivisionError: division by zero\n');
    assert.match(stderr, /^2 lines could not be evaluated:\n  line 1, column 8: the module `os` is outside what Activation Lens interprets\n  line 3, column 7: ZeroDivisionError: division by zero\n$/);
  });

  it('prints text as `line: result` with continuation lines aligned', () => {
    const { stdout } = cli(['run', 'snippet.py'], { 'snippet.py': 'import tensorflow as tf\na = tf.constant([-20, -1.0, 0.0, 1.0, 20], dtype=tf.float32)\nb = tf.keras.activations.sigmoid(a)\n' });
    assert.equal(stdout, '3: array([2.0611537e-09, 2.6894143e-01, 5.0000000e-01, 7.3105860e-01,\n          1.0000000e+00], dtype=float32)\n');
  });

  it('reads TensorFlow.js files and notebooks (with the cell index)', () => {
    const js = (JSON.parse(cli(['run', 'samples/tfjs/ops.js', '--json']).stdout) as RunOutput).results;
    assert.ok(js.length > 0);
    assert.ok(js.every((entry) => entry.text.startsWith('Tensor\n')));
    const notebook = JSON.parse(cli(['run', 'samples/notebooks/activations.ipynb', '--json']).stdout) as RunOutput;
    assert.ok(notebook.results.length > 0);
    assert.ok([...notebook.results, ...notebook.unevaluated].every((entry) => typeof entry.cell === 'number'));
    assert.ok(notebook.results.some((entry) => entry.text === NUMPY['tutorial sigmoid'].repr));
  });

  it('follows --keras', () => {
    const file = { 'k.py': 't = tf.constant([-2.0, 3.0])\ny = tf.keras.activations.relu(t, alpha=0.5)\n' };
    assert.deepEqual(JSON.parse(cli(['run', 'k.py', '--json', '--keras', '2'], file).stdout), { results: [{ line: 1, text: 'array([-1.,  3.], dtype=float32)' }], unevaluated: [] });
    // Keras 3 renamed `alpha`: the call raises, shown after its line and listed as not evaluated.
    const keras3 = cli(['run', 'k.py', '--json'], file);
    assert.equal(keras3.code, 1);
    const output = JSON.parse(keras3.stdout) as RunOutput;
    assert.deepEqual(output.results.map((entry) => [entry.line, entry.error]), [[1, true]]);
    assert.match(output.results[0].text, /^TypeError: .*has no argument `alpha`/);
    assert.deepEqual(output.unevaluated.map((entry) => entry.line), [1]);
  });

  it('reports unreadable files and unknown extensions, exit code 2', () => {
    assert.equal(cli(['run', 'missing.py']).code, 2);
    assert.match(cli(['run', 'notes.txt'], { 'notes.txt': '' }).stderr, /cannot tell the language/);
    assert.equal(cli(['run', 'x.txt', '--language', 'python', '--json'], { 'x.txt': 'tf.nn.relu([1.0])\n' }).code, 0);
  });
});
