// The snippet evaluator on the tutorial's snippets, every display form, layers, names used as parameters,
// and what cannot be known. Expected NumPy text comes from the generated fixtures, TensorFlow.js text from
// TensorFlow.js itself.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { pythonImports } from '../../src/language';
import { evaluateSnippet, type SnippetEvaluation, type SnippetOptions, type SnippetResult } from '../../src/interpreter/snippet';

const ROOT = path.join(__dirname, '..', '..');
const TUTORIAL = fs.readFileSync(path.join(ROOT, 'samples', 'python', 'tutorial.py'), 'utf8');

/** NumPy's text for the tutorial's outputs, from the fixtures printed by real NumPy. */
const NUMPY: Record<string, { repr: string; str: string; tfStr: string; tfRepr: string }> = Object.fromEntries(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'numpy', 'arrays.json'), 'utf8')).cases as { name: string; repr: string; str: string; tfStr: string; tfRepr: string }[]).map(
    (c) => [c.name, c],
  ),
);

function run(text: string, options: Partial<SnippetOptions> = {}): SnippetEvaluation {
  return evaluateSnippet(text, { language: 'python', ...options });
}

/** Evaluates the statement on the line holding `marker` (as the command does with no selection). */
function atLine(text: string, marker: string, options: Partial<SnippetOptions> = {}): SnippetEvaluation {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `marker ${marker} not found`);
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
  return run(text, { range: { start, end }, mode: 'selection', ...options });
}

function results(evaluation: SnippetEvaluation): SnippetResult[] {
  return evaluation.items.filter((item): item is SnippetResult => item.kind === 'result');
}

function texts(evaluation: SnippetEvaluation): string[] {
  return evaluation.items.map((item) => (item.kind === 'result' ? item.text : `error: ${item.error.message}`));
}

function lineOf(text: string, marker: string): number {
  return text.slice(0, text.indexOf(marker)).split('\n').length - 1;
}

describe('snippet evaluator', () => {
  describe("the tutorial's Keras snippets", () => {
    it('shows every result of the tutorial file, each on its line, exactly as NumPy prints it', () => {
      const shown = results(run(TUTORIAL));
      const at = (marker: string) => shown.filter((r) => r.line === lineOf(TUTORIAL, marker)).map((r) => r.text);
      assert.deepEqual(at('b = tf.keras.activations.sigmoid(a)'), [NUMPY['tutorial sigmoid'].repr]);
      assert.deepEqual(at('tf.keras.activations.relu(foo).numpy()'), [NUMPY['tutorial relu'].repr]);
      assert.deepEqual(at('b = tf.keras.activations.softsign(a)'), [NUMPY['tutorial softsign'].repr]);
      assert.deepEqual(at('b = tf.keras.activations.tanh(a)'), [NUMPY['tutorial tanh'].repr]);
      // `b.numpy()` follows each `b = …` and shows the same array.
      const numpyLines = TUTORIAL.split('\n').map((line, i) => [line, i] as const).filter(([line]) => line.trim() === 'b.numpy()').map(([, i]) => i);
      assert.deepEqual(
        numpyLines.map((line) => shown.find((r) => r.line === line)?.text),
        [NUMPY['tutorial sigmoid'].repr, NUMPY['tutorial softsign'].repr, NUMPY['tutorial tanh'].repr],
      );
    });

    it('evaluates a selected snippet with the code above it as context', () => {
      const start = TUTORIAL.indexOf('a = tf.constant([-20');
      const end = TUTORIAL.indexOf('b.numpy()', start) + 'b.numpy()'.length;
      const evaluation = run(TUTORIAL, { range: { start, end } });
      assert.deepEqual(texts(evaluation), [NUMPY['tutorial sigmoid'].repr, NUMPY['tutorial sigmoid'].repr]);
      const [assignment, display] = results(evaluation);
      assert.equal(assignment.display, 'value');
      assert.equal(display.display, 'repr');
      assert.equal(assignment.applied[0].ref.name, 'sigmoid');
      assert.equal(assignment.applied[0].ref.flavour, 'keras3');
      assert.deepEqual(Array.from(assignment.applied[0].input.data), [-20, -1, 0, 1, 20]);
      // `b.numpy()` applies nothing itself; its value comes from the sigmoid above.
      assert.equal(display.applied.length, 0);
      assert.equal(display.origin, assignment.applied[0]);
    });

    it('evaluates the current line alone when nothing is selected', () => {
      assert.deepEqual(texts(atLine(TUTORIAL, 'tf.keras.activations.relu(foo).numpy()')), [NUMPY['tutorial relu'].repr]);
    });

    it('offers the values of `a = tf.constant(…)` for an activation of the user’s choice', () => {
      const evaluation = atLine(TUTORIAL, 'a = tf.constant([-3.0');
      assert.deepEqual(evaluation.items, []);
      assert.equal(evaluation.bareValues?.label, 'a');
      assert.deepEqual(Array.from(evaluation.bareValues?.array.data ?? []), [-3, -1, 0, 1, 3]);
    });

    it('asks for input to `LeakyReLU(alpha=0.1)` given to a model', () => {
      const evaluation = atLine(TUTORIAL, 'cnn_model.add(LeakyReLU');
      assert.equal(evaluation.pending?.ref.name, 'leaky_relu');
      assert.deepEqual(evaluation.pending?.ref.params, { negative_slope: 0.1 });
      assert.equal(evaluation.pending?.reason, "NameError: name 'cnn_model' is not defined");
    });

    it('raises the NameError Python raises for the tutorial’s `elu_alpha`, with its suggestion of the misspelt `elu_aplha`', () => {
      const evaluation = atLine(TUTORIAL, 'model.add(ELU(alpha=elu_alpha))');
      assert.equal(evaluation.items.length, 1);
      const [item] = evaluation.items;
      assert.equal(item.kind, 'error');
      if (item.kind !== 'error') return;
      assert.equal(item.error.detail, "NameError: name 'elu_alpha' is not defined. Did you mean: 'elu_aplha'?");
      assert.equal(item.error.line, lineOf(TUTORIAL, 'model.add(ELU'));
      assert.equal(item.error.column, 'model.add(ELU(alpha='.length);
    });
  });

  describe('display forms', () => {
    const prelude = 'import tensorflow as tf\na = tf.constant([-20, -1.0, 0.0, 1.0, 20], dtype=tf.float32)\nb = tf.keras.activations.sigmoid(a)\n';
    const shownBy = (line: string) => {
      const evaluation = run(prelude + line, { range: { start: prelude.length, end: prelude.length + line.length } });
      return results(evaluation)[0];
    };
    it('`b.numpy()` shows the ndarray repr', () => assert.equal(shownBy('b.numpy()').text, NUMPY['tutorial sigmoid'].repr));
    it('a bare `b` shows the tensor repr, as a notebook does', () => assert.equal(shownBy('b').text, NUMPY['tutorial sigmoid'].tfRepr));
    it('`print(b)` shows the tensor str', () => assert.equal(shownBy('print(b)').text, NUMPY['tutorial sigmoid'].tfStr));
    it('`print(b.numpy())` shows the ndarray str', () => assert.equal(shownBy('print(b.numpy())').text, NUMPY['tutorial sigmoid'].str));
    it('one expression: `tf.keras.activations.sigmoid(a).numpy()`', () => {
      assert.equal(shownBy('tf.keras.activations.sigmoid(a).numpy()').text, NUMPY['tutorial sigmoid'].repr);
    });
    it('a 0-d result prints as NumPy and TensorFlow print scalars', () => {
      const text = 'import tensorflow as tf\nx = tf.keras.activations.sigmoid(tf.constant(1.0))\nx.numpy()\nprint(x)\nx\n';
      assert.deepEqual(texts(run(text)).slice(1), [
        'np.float32(0.7310586)',
        'tf.Tensor(0.7310586, shape=(), dtype=float32)',
        '<tf.Tensor: shape=(), dtype=float32, numpy=0.7310585975646973>',
      ]);
    });
  });

  describe('printing what is not an activation result, as Python does', () => {
    const printed = (code: string, line: string) => {
      const text = `import numpy as np\nimport tensorflow as tf\n${code}\n${line}\n`;
      return texts(run(text, { range: { start: text.lastIndexOf(line), end: text.length - 1 }, mode: 'selection' }));
    };
    it('arrays and tensors in their own dtype', () => {
      assert.deepEqual(printed('a = np.array([1, 2, 30])', 'print(a)'), ['[ 1  2 30]']);
      assert.deepEqual(printed('a = np.array([0.1, 1.0])', 'print(a, a.astype(np.float16))'), ['[0.1 1. ] [0.1 1. ]']);
      assert.deepEqual(printed('c = tf.constant([1, 2])', 'print(c)'), ['tf.Tensor([1 2], shape=(2,), dtype=int32)']);
    });
    it('tuples, shapes, lists of NumPy scalars, nested lists of tensors', () => {
      assert.deepEqual(printed('t = (1.0, 2.0)', 'print(t, (1,), ((1, 2), (3, 4)))'), ['(1.0, 2.0) (1,) ((1, 2), (3, 4))']);
      assert.deepEqual(printed('a = np.zeros((2, 3), dtype=np.float32)', 'print(a.shape, a.size)'), ['(2, 3) 6']);
      assert.deepEqual(printed('a = np.array([0.5, 1.0], dtype=np.float32)', 'print(list(a))'), ['[np.float32(0.5), np.float32(1.0)]']);
      assert.deepEqual(printed('a = np.array([0.5, 1.0], dtype=np.float32)', 'print(a.tolist())'), ['[0.5, 1.0]']);
      assert.deepEqual(printed('a = np.array([0.5, 1.0], dtype=np.float32)', 'print(list(a)[1], tuple(list(a)))'), ['1.0 (np.float32(0.5), np.float32(1.0))']);
      assert.deepEqual(printed('a = np.zeros((2, 2))', 'display(list(a)[0])'), ['array([0., 0.])']);
      assert.deepEqual(printed('x = 1', 'print(tuple([1, None]), list((None, 2)))'), ['(1, None) [None, 2]']);
      assert.deepEqual(printed('a = np.zeros((2, 3))', 'print(a.shape + (1,), (None,) + (1, None), [1] + [2.5])'), ['(2, 3, 1) (None, 1, None) [1, 2.5]']);
      assert.match(printed('a = np.zeros((2, 3))', 'print(a.shape + [1])')[0], /can only concatenate tuple \(not "list"\) to tuple/);
      assert.deepEqual(printed('x = 1', 'print([tf.constant(1.0), "it\'s", \'a\\nb\', None, True])'), ['[<tf.Tensor: shape=(), dtype=float32, numpy=1.0>, "it\'s", \'a\\nb\', None, True]']);
    });
    it('formats f-strings as Python does, and refuses values Python prints by address', () => {
      assert.deepEqual(printed('y = tf.constant([1.0])', 'print(f"{y}")'), printed('y = tf.constant([1.0])', 'print(y)'));
      assert.deepEqual(printed('y = 2', 'print(f"{{y}}")'), ['{y}']);
      assert.match(printed('f = tf.keras.activations.get("relu")', 'print(f)')[0], /Python prints .* with its memory address/);
      const js = 'const y = tf.tensor1d([1]);\nconsole.log(`${y}`);\n';
      assert.match(texts(evaluateSnippet(js, { language: 'typescript', range: { start: js.indexOf('console'), end: js.length - 1 } }))[0], /a template literal with \$\{…\} is not a literal/);
    });
    it('JavaScript arrays of numbers as Node prints them, doubles and all', () => {
      const js = 'const a = [0.1, 0.2];\nconsole.log(a);\n';
      assert.deepEqual(texts(evaluateSnippet(js, { language: 'typescript', range: { start: js.indexOf('console'), end: js.length - 1 } })), [inspect([0.1, 0.2])]);
    });
  });

  describe('layers, parameters and names', () => {
    it('applies a layer object to a tensor', () => {
      const text = 'from keras.layers import LeakyReLU\nimport numpy as np\nx = np.array([-10., -1., 0., 2.], dtype=np.float32)\nlayer = LeakyReLU(negative_slope=0.1)\ny = layer(x)\n';
      assert.deepEqual(texts(run(text)), ['array([-1. , -0.1,  0. ,  2. ], dtype=float32)']);
    });
    it('uses the layer default (LeakyReLU 0.3), not the function default (0.2)', () => {
      const text = 'x = [-10.0]\nLeakyReLU()(x)\nkeras.activations.leaky_relu(x)\n';
      assert.deepEqual(texts(run(text)), [
        '<tf.Tensor: shape=(1,), dtype=float32, numpy=array([-3.], dtype=float32)>',
        '<tf.Tensor: shape=(1,), dtype=float32, numpy=array([-2.], dtype=float32)>',
      ]);
    });
    it('accepts the keywords every layer takes (name, batch_size, …), as the recognizer does', () => {
      const text = 'x = [-10.0]\nLeakyReLU(negative_slope=0.1, name="lr", batch_size=32, input_dim=1)(x)\n';
      assert.deepEqual(texts(run(text)), ['<tf.Tensor: shape=(1,), dtype=float32, numpy=array([-1.], dtype=float32)>']);
    });
    it("arguments that set no activation parameter are not read as numbers (an op's name, PReLU's initializer)", () => {
      const text = "x = [-1.0, 2.0]\na = tf.nn.relu(x, 'r')\nb = PReLU(alpha_initializer='zeros')(x)\n";
      assert.deepEqual(texts(run(text, { range: { start: text.indexOf('a ='), end: text.length } })), ['array([0., 2.], dtype=float32)', 'array([0., 2.], dtype=float32)']);
    });
    it('applies the function activations.get / deserialize return, called at once or later', () => {
      const text = "import keras\nx = [-1.0, 2.0]\na = keras.activations.get('relu6')(x)\nf = tf.keras.activations.deserialize('softsign')\nb = f(x)\n";
      assert.deepEqual(texts(run(text)), ['array([0., 2.], dtype=float32)', 'array([-0.5      ,  0.6666667], dtype=float32)']);
      const pending = run(text, { range: { start: text.indexOf('f ='), end: text.indexOf('\nb') }, mode: 'selection' }).pending;
      assert.equal(pending?.ref.name, 'softsign');
    });
    it('reads numeric names used as parameters', () => {
      const text = 'elu_alpha = 0.5\nx = [-1.0, 1.0]\ny = ELU(alpha=elu_alpha)(x)\n';
      assert.deepEqual(texts(run(text)), ['array([-0.31606027,  1.        ], dtype=float32)']);
    });
    it('maps positional and keyword arguments of ops onto Keras parameters', () => {
      const text = 't = tf.constant([-2.0, 3.0])\na = tf.nn.leaky_relu(t, 0.5)\nb = tf.nn.leaky_relu(t, alpha=0.25)\nc = keras.activations.relu(t, max_value=2.0)\n';
      assert.deepEqual(texts(run(text)), ['array([-1.,  3.], dtype=float32)', 'array([-0.5,  3. ], dtype=float32)', 'array([0., 2.], dtype=float32)']);
    });
    it('keras.ops.gelu defaults to the tanh approximation, keras.activations.gelu to the exact form', () => {
      const text = 'x = tf.constant([1.0])\nkeras.ops.gelu(x).numpy()\nkeras.activations.gelu(x).numpy()\n';
      const [approximate, exact] = results(run(text));
      assert.equal(approximate.applied[0].params.approximate, true);
      assert.equal(exact.applied[0].params.approximate, false);
      assert.notEqual(approximate.text, exact.text);
    });
    it('follows the Keras version setting (Keras 2 spells relu’s slope `alpha`)', () => {
      const text = 't = tf.constant([-2.0, 3.0])\ntf.keras.activations.relu(t, alpha=0.5).numpy()\n';
      assert.deepEqual(texts(run(text, { kerasVersion: '2' })), ['array([-1.,  3.], dtype=float32)']);
      const keras3 = run(text, { kerasVersion: '3', range: { start: 0, end: text.length } });
      assert.equal(keras3.items[keras3.items.length - 1].kind, 'error');
    });
    it("reads module names another notebook cell imported (the context)", () => {
      const text = 'x = npy.array([-1.0, 2.0], dtype=npy.float32)\nacts.relu(x).numpy()\n';
      const context = pythonImports('import numpy as npy\nfrom keras import activations as acts\n');
      assert.deepEqual(texts(run(text, { context })), ['array([0., 2.], dtype=float32)']);
    });
    it('resolves import aliases through the recognizer', () => {
      const text = 'from tensorflow.keras import activations as acts\nimport numpy as numpy_alias\nx = numpy_alias.linspace(-1, 1, 3, dtype=numpy_alias.float32)\ny = acts.relu(x)\n';
      const [result] = results(run(text));
      assert.equal(result.text, 'array([0., 0., 1.], dtype=float32)');
      assert.equal(result.applied[0].ref.label, 'tf.keras.activations.relu');
    });
  });

  describe('what cannot be known', () => {
    const errorOf = (text: string, marker: string): string => {
      const evaluation = atLine(text, marker);
      const error = evaluation.items.find((item) => item.kind === 'error');
      assert.ok(error && error.kind === 'error', JSON.stringify(texts(evaluation)));
      return error.error.message;
    };
    it('a name assigned from a call it does not model', () => {
      assert.match(errorOf('a = np.random.rand(3)\nb = tf.nn.relu(a)\n', 'b ='), /^line 2, column 16: `a` is not known here: it is assigned at line 1 from `np\.random\.rand\(3\)`, which Activation Lens could not evaluate: `numpy\.random` is not modelled/);
    });
    it('a name computed from names not known goes back to the first of them, not through every link', () => {
      const message = errorOf('a = np.random.rand(3)\nb = a * 2\nc = b + 1\nd = c - 1\ntf.nn.relu(d)\n', 'tf.nn');
      assert.match(message, /^line 5, column 12: `d` is not known here: it is assigned at line 4 from `c - 1`, which depends on `a` \(it is assigned at line 1 from `np\.random\.rand\(3\)`, which Activation Lens could not evaluate: `numpy\.random` is not modelled/);
      assert.equal(message.split('is not known here').length, 2, message);
    });
    it('a name from elsewhere: the NameError Python raises', () => {
      assert.equal(errorOf('b = tf.nn.relu(a)\n', 'b ='), "line 1, column 16: NameError: name 'a' is not defined");
      assert.equal(errorOf('b = tf.nn.relu(constructor)\n', 'b ='), "line 1, column 16: NameError: name 'constructor' is not defined");
    });
    it('an activation inside a function body waits for values: the body runs when the function is called', () => {
      const evaluation = atLine('def f(x):\n    return tf.nn.relu(x)\n', 'return');
      assert.equal(evaluation.pending?.ref.name, 'relu');
      assert.match(evaluation.pending?.reason ?? '', /in the body of `f`, which runs when `f` is called/);
    });
    it('a function or class used as a value', () => {
      assert.match(errorOf('x = 1\n\ndef f(a):\n    return a\ntf.nn.relu(f)\n', 'tf.nn'), /the function `f` is not a number/);
      const classLine = atLine('x = 1\r\rclass F:\r    pass\rtf.nn.relu(F)\r', 'tf.nn').items.filter((item) => item.kind === 'error').at(-1);
      assert.ok(classLine?.kind === 'error');
      assert.match(classLine.error.message, /^line 5, column 12: `F` is not known here: it is bound by a class definition, which Activation Lens does not interpret/);
    });
    it('runs loops and augmented assignments as Python does', () => {
      assert.deepEqual(texts(atLine('for v in [1.0, 2.0]:\n    tf.nn.relu(v)\n', 'tf.nn')), ['np.float32(2.0)']);
      assert.deepEqual(texts(atLine('a = [-1.0]\na += [2.0]\ny = tf.nn.relu(a)\n', 'y =')), ['array([0., 2.], dtype=float32)']);
    });
    it('a line that does not parse, later used', () => {
      assert.match(errorOf('a = [1, 2\nb = 3\ntf.nn.relu(a)\n', 'tf.nn'), /`a` is not known here: its line \(line 1\) could not be read: SyntaxError: '\[' was never closed/);
    });
    it('a syntax error in the selection itself, positioned', () => {
      const evaluation = atLine('x = [1, 2]\ny = tf.nn.relu(x,, )\n', 'y =');
      const [item] = evaluation.items;
      assert.equal(item.kind, 'error');
      if (item.kind === 'error') assert.equal(item.error.message, 'line 2, column 18: SyntaxError: invalid syntax');
    });
    it('parameters that are not numbers', () => {
      assert.match(errorOf("t = [1.0]\ntf.nn.leaky_relu(t, alpha='big')\n", 'tf.nn'), /TypeError: `alpha` must be a number, not 'big'/);
      assert.match(errorOf('t = [1.0]\nkeras.activations.relu(t, slope=2)\n', 'keras'), /has no argument `slope`/);
    });
    it("arguments that fit no parameter, named as the recognizers name them, with their hints", () => {
      assert.equal(errorOf('t = [1.0]\nkeras.activations.relu(t, alpha=0.1)\n', 'keras'),
        "line 2, column 1: TypeError: keras.activations.relu has no argument `alpha` (expected `negative_slope`, `max_value`, `threshold`); `alpha` is Keras 2's name for `negative_slope`");
      assert.equal(errorOf('t = [1.0]\nkeras.activations.tanh(t, 2)\n', 'keras'), 'line 2, column 1: TypeError: keras.activations.tanh takes no arguments after the input; argument 2 is unexpected');
      const js = 'const x = tf.tensor1d([1]);\nconst y = tf.layers.leakyReLU({alpha: 0.1, beta: 2}).apply(x);\n';
      const [item] = evaluateSnippet(js, { language: 'typescript', range: { start: js.indexOf('const y'), end: js.length - 1 } }).items;
      assert.ok(item.kind === 'error');
      assert.match(item.error.message, /column 44: TensorFlow\.js tf\.layers\.leakyReLU has no option `beta` \(expected `alpha`\)/);
    });
    it('never runs code: a function call it does not know is reported, not executed', () => {
      assert.match(errorOf('import os\nx = os.system("echo hi")\ntf.nn.relu(x)\n', 'tf.nn'), /`x` is not known here: it is assigned at line 2 from `os\.system\("echo hi"\)`, which depends on `os` \(it is the module `os`, which Activation Lens does not interpret\)/);
    });
    it('refuses more than 10 MB of text without reading it, positioned at its start', () => {
      const [item] = run(' '.repeat(10_000_001)).items;
      assert.ok(item.kind === 'error' && item.error.refusal);
      assert.equal(item.error.message, 'line 1, column 1: the text is 10.0 MB; Activation Lens reads at most 10 MB');
    });
    it('auto mode shows only evaluable activation lines and no errors', () => {
      const text = 'a = load()\nb = tf.nn.relu(a)\nc = tf.nn.relu([1.0, -1.0])\nd = [1, 2]\n';
      const evaluation = run(text);
      assert.deepEqual(evaluation.items.map((item) => [item.kind, item.line]), [['result', 2]]);
    });
  });

  describe('TensorFlow.js', () => {
    before(async () => {
      // IS_TEST quiets tfjs' advice to install tfjs-node.
      tf.env().set('IS_TEST', true);
      await import('@tensorflow/tfjs-backend-cpu');
      await tf.setBackend('cpu');
    });

    const js = (text: string) => evaluateSnippet(text, { language: 'typescript' });
    const input = [-20, -1.0, 0.0, 1.0, 20];

    it('prints `b.print()` exactly as TensorFlow.js does, with the same values', () => {
      const evaluation = js(`import * as tf from '@tensorflow/tfjs';\nconst a = tf.tensor1d([${input.join(', ')}]);\nconst b = tf.sigmoid(a);\nb.print();\n`);
      const expected = tf.sigmoid(tf.tensor1d(input)).toString();
      assert.deepEqual(texts(evaluation), [expected, expected]);
    });

    it('console.log of dataSync() and of await data() as Node prints a Float32Array', () => {
      const evaluation = js(`const a = tf.tensor1d([${input.join(', ')}]);\nconst b = tf.relu(a);\nconsole.log(b.dataSync());\nconsole.log(await b.data());\n`);
      const expected = inspect(tf.relu(tf.tensor1d(input)).dataSync());
      assert.deepEqual(texts(evaluation).slice(1), [expected, expected]);
    });

    it('prints int32 and bool tensors, and their dataSync(), as TensorFlow.js and Node do', () => {
      const show = (make: string, display: string) => {
        const text = `const t = ${make};\n${display};\n`;
        return texts(evaluateSnippet(text, { language: 'typescript', range: { start: text.indexOf(display), end: text.length } }));
      };
      assert.deepEqual(show("tf.tensor1d([1, 2, 3], 'int32')", 't.print(true)'), [tf.tensor1d([1, 2, 3], 'int32').toString(true)]);
      assert.deepEqual(show("tf.tensor2d([1, 0, 0, 1], [2, 2], 'bool')", 't.print()'), [tf.tensor2d([1, 0, 0, 1], [2, 2], 'bool').toString()]);
      assert.deepEqual(show("tf.tensor1d([1, 0], 'bool')", 'console.log(t.toString())'), [tf.tensor1d([1, 0], 'bool').toString()]);
      assert.deepEqual(show("tf.range(0, 3, 1, 'int32')", 'console.log(t.dataSync())'), [inspect(tf.range(0, 3, 1, 'int32').dataSync())]);
      assert.deepEqual(show("tf.tensor1d([1, 0], 'bool')", 'console.log(t.dataSync())'), [inspect(tf.tensor1d([1, 0], 'bool').dataSync())]);
    });

    it('tfjs layers applied with .apply(x), and tensor methods', () => {
      const evaluation = js(`const x = tf.tensor1d([-2, -1, 0, 1, 2]);\ntf.layers.leakyReLU({alpha: 0.1}).apply(x).print();\nx.relu().print();\n`);
      assert.deepEqual(texts(evaluation), [
        tf.tensor1d([-0.2, -0.1, 0, 1, 2]).toString(),
        tf.relu(tf.tensor1d([-2, -1, 0, 1, 2])).toString(),
      ]);
    });

    it('reads TypeScript casts, tf.tidy around one expression, and tensor arithmetic as TensorFlow.js computes it', () => {
      const x = tf.tensor1d([-2, -1, 0, 1, 2]);
      const evaluation = js(
        [
          'const x = tf.tensor1d([-2, -1, 0, 1, 2]);',
          'const a = tf.layers.leakyReLU({alpha: 0.1}).apply(x) as tf.Tensor;',
          '(tf.sigmoid(x) satisfies tf.Tensor1D as unknown as Tensor<Rank.R1>).print();',
          'const b = tf.tidy(() => tf.relu(x).mul(2));',
          "const c = tf.tidy('named', async () => {\n  return tf.add(tf.elu(x), 1);\n});",
        ].join('\n'),
      );
      assert.deepEqual(texts(evaluation), [
        tf.leakyRelu(x, 0.1).toString(),
        tf.sigmoid(x).toString(),
        tf.mul(tf.relu(x), 2).toString(),
        tf.add(tf.elu(x), 1).toString(),
      ]);
      const division = atLine("tf.tensor1d([7, 8], 'int32').div(tf.tensor1d([2, 3], 'int32')).print();", 'div', { language: 'typescript' });
      assert.deepEqual(texts(division), [tf.div(tf.tensor1d([7, 8], 'int32'), tf.tensor1d([2, 3], 'int32')).toString()]);
      const block = atLine('const x = tf.tensor1d([1]);\nconst d = tf.tidy(() => { const y = tf.relu(x); return y; });', 'const d', { language: 'typescript' });
      assert.match(texts(block)[0], /tf\.tidy.*only around a function that returns one expression/);
    });

    it('reads past generics closed by `>>`, in declarations and in type annotations', () => {
      const x = tf.tensor1d([-1, 2]);
      const generic = js('function f<T extends Array<number>>(v: T) {\n  return v;\n}\nconst y = tf.relu(tf.tensor1d([-1, 2]));\n');
      assert.deepEqual(texts(generic).slice(-1), [tf.relu(x).toString()]);
      const annotated = js('const a: Array<Array<number>> = [[1, 2]];\nconst y = tf.relu(tf.tensor1d([-1, 2]));\n');
      assert.deepEqual(texts(annotated), [tf.relu(x).toString()]);
    });

    it('matches TensorFlow.js for its own definitions (naive sigmoid, elu with exp − 1)', () => {
      const values = [-90, -20, -3.5, -1e-3, 0, 1e-3, 2.5, 30];
      for (const [op, ours] of [['sigmoid', 'tf.sigmoid'], ['elu', 'tf.elu'], ['selu', 'tf.selu'], ['softplus', 'tf.softplus'], ['tanh', 'tf.tanh'], ['relu6', 'tf.relu6']] as const) {
        const evaluation = js(`const b = ${ours}(tf.tensor1d([${values.join(', ')}]));\n`);
        const expected = (tf as unknown as Record<string, (x: tf.Tensor) => tf.Tensor>)[op](tf.tensor1d(values));
        assert.deepEqual(Array.from(results(evaluation)[0].value?.data ?? []), Array.from(expected.dataSync()), op);
      }
    });

    it('a require that fails to parse leaves the next declaration alone', () => {
      const evaluation = js(`const tfn = require('@tensorflow/tfjs'), ;\nconst x = tf.tensor1d([-1, 1]);\ntf.relu(x).print();\n`);
      assert.deepEqual(results(evaluation).map((r) => r.text), [tf.relu(tf.tensor1d([-1, 1])).toString()]);
    });

    it('shows each activation of a multi-line return on its own line', () => {
      const text = 'export function f(): tf.Tensor[] {\n  const x = tf.tensor1d([-1, 1]);\n  return [\n    tf.relu(x),\n    tf.sigmoid(x),\n  ];\n}\n';
      assert.deepEqual(results(js(text)).map((r) => r.line), [3, 4]);
    });
  });
});
