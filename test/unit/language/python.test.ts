import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  analyzePython,
  literalParams,
  mergePythonImports,
  pythonImports,
  pythonReferenceAt,
  scanPython,
  scanReferences,
  withPythonContext,
} from '../../../src/language';
import { expectReferences, fixture, rangeOf } from './expect';

const scan = (text: string, kerasVersion: '2' | '3' = '3') => scanPython(analyzePython(text), { kerasVersion });

describe('Python recognizer', () => {
  describe('keras3_aliases.py: every way to import and name a Keras 3 activation', () => {
    const text = fixture('keras3_aliases.py');

    it('finds each reference with its spec, flavour, API, parameters and exact range', () => {
      expectReferences(text, scan(text), [
        // Import statements name activations too (a hover there is useful).
        { line: 5, at: 'gelu', name: 'gelu', flavour: 'keras3', api: 'keras.activations', symbol: 'keras.activations.gelu' },
        { line: 5, at: 'g', nth: 2, name: 'gelu', flavour: 'keras3', api: 'keras.activations' },
        { line: 5, at: 'swish', name: 'silu', flavour: 'keras3', api: 'keras.activations', symbol: 'keras.activations.swish' },
        { line: 6, at: 'LeakyReLU', name: 'leaky_relu', flavour: 'keras3', api: 'layer', layer: 'LeakyReLU', implied: { negative_slope: 0.3 } },
        { line: 6, at: 'LR', name: 'leaky_relu', flavour: 'keras3', api: 'layer', layer: 'LeakyReLU', symbol: 'tf.keras.layers.LeakyReLU' },
        { line: 11, at: 'g', nth: 1, name: 'gelu', flavour: 'keras3', api: 'keras.activations', symbol: 'keras.activations.gelu' },
        { line: 12, at: 'swish', name: 'silu', flavour: 'keras3', api: 'keras.activations' },
        { line: 13, at: 'hard_swish', name: 'hard_silu', flavour: 'keras3', api: 'keras.activations' },
        { line: 14, at: 'softplus', name: 'softplus', flavour: 'keras3', api: 'keras.activations', symbol: 'tf.keras.activations.softplus' },
        { line: 15, at: 'LR', name: 'leaky_relu', flavour: 'keras3', api: 'layer', layer: 'LeakyReLU', params: { negative_slope: 0.05 }, implied: {} },
        {
          line: 16,
          at: 'relu',
          name: 'relu',
          flavour: 'keras3',
          api: 'keras.activations',
          symbol: 'tf.keras.activations.relu',
          params: { negative_slope: -0.5, max_value: Infinity, threshold: 1e-3 },
        },
        { line: 17, at: 'elu', name: 'elu', flavour: 'keras3', api: 'keras.activations', params: { alpha: 0.5 } },
        { line: 18, at: 'gelu', name: 'gelu', flavour: 'keras3', api: 'keras.ops', symbol: 'keras.ops.gelu', implied: { approximate: true } },
        { line: 19, at: 'gelu', name: 'gelu', flavour: 'keras3', api: 'keras.ops', params: { approximate: false }, implied: {} },
        // keras.ops.exp on line 20 is a math op: nothing.
        { line: 21, at: 'relu', name: 'relu', flavour: 'keras3', api: 'keras.ops', notes: [/keras\.ops\.relu has no argument `negative_slope` \(it takes no parameters\)/] },
        { line: 25, at: 'swish', name: 'silu', flavour: 'keras3', api: 'activation string', keyword: 'activation', callee: 'layers.Dense' },
        { line: 30, at: 'tanh', name: 'tanh', flavour: 'keras3', api: 'activation string', keyword: 'activation', callee: 'layers.LSTM' },
        { line: 31, at: 'hard_sigmoid', name: 'hard_sigmoid', flavour: 'keras3', api: 'activation string', keyword: 'recurrent_activation' },
        { line: 33, at: 'softmax', name: 'softmax', flavour: 'keras3', api: 'keras.activations', layer: 'Activation', callee: 'layers.Activation' },
        { line: 34, at: 'log_softmax', name: 'log_softmax', flavour: 'keras3', api: 'activation string', layer: 'Activation', keyword: 'activation' },
        { line: 35, at: 'hard_silu', name: 'hard_silu', flavour: 'keras3', api: 'activations.get', callee: 'keras.activations.get' },
        { line: 42, at: 'gelu', name: 'gelu', flavour: 'keras3', api: 'activation string', keyword: 'activation', callee: 'block' },
      ]);
    });

    it('answers a hover anywhere in the name or the string, and nowhere else', () => {
      const index = analyzePython(text);
      const { start, end } = rangeOf(text, 16, 'relu');
      for (const offset of [start, start + 2, end]) assert.equal(pythonReferenceAt(index, offset)?.name, 'relu', `offset ${offset}`);
      // The quotes of a string belong to it.
      const swish = rangeOf(text, 25, '"swish"');
      assert.equal(pythonReferenceAt(index, swish.start)?.name, 'silu');
      assert.equal(pythonReferenceAt(index, swish.end - 1)?.name, 'silu');
      // The module part of a dotted name, comments, docstrings and unrelated strings name nothing.
      assert.equal(pythonReferenceAt(index, rangeOf(text, 16, 'keras').start + 1), undefined);
      assert.equal(pythonReferenceAt(index, rangeOf(text, 10, 'gelu').start), undefined);
      assert.equal(pythonReferenceAt(index, rangeOf(text, 1, 'relu').start), undefined);
      assert.equal(pythonReferenceAt(index, rangeOf(text, 36, 'relu').start), undefined);
      assert.equal(pythonReferenceAt(index, rangeOf(text, 37, 'relu').start), undefined);
      assert.equal(pythonReferenceAt(index, rangeOf(text, 38, 'relu').start), undefined);
      assert.equal(pythonReferenceAt(index, rangeOf(text, 43, 'relu').start), undefined);
      assert.equal(pythonReferenceAt(index, -5), undefined);
      assert.equal(pythonReferenceAt(index, text.length + 5), undefined);
    });

    it('reads keras.* and tf.keras.* as Keras 2 when asked', () => {
      const references = scan(text, '2');
      const relu = references.find((reference) => reference.symbol === 'tf.keras.activations.relu');
      assert.equal(relu?.flavour, 'keras2');
      // Keras 2 spells the slope `alpha`; Keras 3's name is then an unknown argument.
      assert.deepEqual(relu?.params, { max_value: Infinity, threshold: 1e-3 });
      assert.match(relu?.notes[0] ?? '', /has no argument `negative_slope`.*exists only in Keras 3/);
      // keras.ops exists only in Keras 3 and stays Keras 3.
      assert.equal(references.find((reference) => reference.api === 'keras.ops')?.flavour, 'keras3');
      // Keras 2 has no hard_silu: shown as Keras 3's, with a note.
      const hardSilu = references.find((reference) => reference.written === 'hard_silu');
      assert.equal(hardSilu?.flavour, 'keras3');
      assert.match(hardSilu?.notes[0] ?? '', /Keras 2 has no activation 'hard_silu'/);
    });
  });

  it('keras2_tf_keras.py: tf_keras is always Keras 2, with its own names and defaults', () => {
    const text = fixture('keras2_tf_keras.py');
    expectReferences(text, scan(text, '3'), [
      { line: 5, at: 'swish', name: 'silu', flavour: 'keras2', api: 'activation string', keyword: 'activation' },
      { line: 6, at: 'hard_sigmoid', name: 'hard_sigmoid', flavour: 'keras2', api: 'activation string' },
      { line: 7, at: 'LeakyReLU', name: 'leaky_relu', flavour: 'keras2', api: 'layer', layer: 'LeakyReLU', params: { negative_slope: 0.1 }, symbol: 'tf_keras.layers.LeakyReLU' },
      {
        line: 8,
        at: 'LeakyReLU',
        name: 'leaky_relu',
        flavour: 'keras2',
        api: 'layer',
        layer: 'LeakyReLU',
        implied: { negative_slope: 0.3 },
        notes: [/Keras 2 LeakyReLU has no argument `negative_slope` \(expected `alpha`\); `negative_slope` is Keras 3's spelling/],
      },
      { line: 9, at: 'ThresholdedReLU', name: 'relu', flavour: 'keras2', api: 'layer', layer: 'ThresholdedReLU', params: { threshold: 0.5 } },
      { line: 10, at: 'Softmax', name: 'softmax', flavour: 'keras2', api: 'layer', layer: 'Softmax', params: { axis: 1 }, otherArgs: { robust_masking: true } },
      { line: 11, at: 'hard_swish', name: 'hard_silu', flavour: 'keras3', api: 'activation string', notes: [/Keras 2 has no activation 'hard_swish'/] },
      { line: 13, at: 'relu', name: 'relu', flavour: 'keras2', api: 'keras.activations', params: { negative_slope: 0.2 } },
      { line: 14, at: 'swish', name: 'silu', flavour: 'keras2', api: 'keras.activations', symbol: 'tf_keras.activations.swish' },
    ]);
  });

  it('tf_low_level.py: tf.nn, tf.math and top-level tf ops with TensorFlow argument order', () => {
    const text = fixture('tf_low_level.py');
    expectReferences(text, scan(text), [
      { line: 3, at: 'softplus', name: 'softplus', flavour: 'keras2', api: 'tf.math', symbol: 'tf.math.softplus' },
      { line: 3, at: 'sp', name: 'softplus', flavour: 'keras2', api: 'tf.math' },
      { line: 6, at: 'leaky_relu', name: 'leaky_relu', flavour: 'keras2', api: 'tf.nn', params: { negative_slope: 0.1 } },
      { line: 7, at: 'gelu', name: 'gelu', flavour: 'keras2', api: 'tf.nn', params: { approximate: true }, otherArgs: { name: 'gelu' } },
      { line: 8, at: 'silu', name: 'silu', flavour: 'keras2', api: 'tf.nn', otherArgs: { beta: 2 } },
      { line: 9, at: 'softmax', name: 'softmax', flavour: 'keras2', api: 'tf.nn', params: { axis: -1 } },
      { line: 10, at: 'sigmoid', nth: 1, name: 'sigmoid', flavour: 'keras2', api: 'tf.math', symbol: 'tf.math.sigmoid' },
      { line: 10, at: 'sigmoid', nth: 2, name: 'sigmoid', flavour: 'keras2', api: 'tf.math', symbol: 'tf.sigmoid' },
      // tf.exp computes `exponential` but is a math op, not named as an activation: nothing.
      { line: 11, at: 'sp', name: 'softplus', flavour: 'keras2', api: 'tf.math' },
      { line: 12, at: 'log_sigmoid', name: 'log_sigmoid', flavour: 'keras2', api: 'tf.math' },
      { line: 13, at: 'relu', name: 'relu', flavour: 'keras2', api: 'tf.nn', keyword: 'activation', callee: 'tf.keras.layers.Dense' },
      { line: 14, at: 'relu6', name: 'relu6', flavour: 'keras2', api: 'tf.nn', symbol: 'tf.nn.relu6' },
      { line: 15, at: 'relu', nth: 1, name: 'relu', flavour: 'keras2', api: 'tf.nn' },
      { line: 15, at: 'relu', nth: 2, name: 'relu', flavour: 'keras2', api: 'tf.nn' },
      { line: 15, at: 'relu', nth: 3, name: 'relu', flavour: 'keras2', api: 'tf.nn' },
    ]);
  });

  it('snippet_no_imports.py: conventional names count when nothing is imported', () => {
    const text = fixture('snippet_no_imports.py');
    expectReferences(text, scan(text), [
      { line: 2, at: 'relu', name: 'relu', flavour: 'keras3', api: 'activation string', callee: 'layers.Dense' },
      {
        line: 3,
        at: 'LeakyReLU',
        name: 'leaky_relu',
        flavour: 'keras3',
        api: 'layer',
        layer: 'LeakyReLU',
        params: { negative_slope: 0.2 },
        notes: [/Keras 3 LeakyReLU: `alpha` is deprecated; its value is used as `negative_slope`/],
      },
      { line: 4, at: 'PReLU', name: 'leaky_relu', flavour: 'keras3', api: 'layer', layer: 'PReLU', implied: { negative_slope: 0 }, otherArgs: { alpha_initializer: 'ones' } },
      { line: 5, at: 'ReLU', name: 'relu', flavour: 'keras3', api: 'layer', layer: 'ReLU', params: { max_value: 6, negative_slope: 0, threshold: -1 }, implied: {} },
      { line: 6, at: 'Softmax', name: 'softmax', flavour: 'keras3', api: 'layer', layer: 'Softmax', params: { axis: -1 } },
      { line: 7, at: 'relu', name: 'relu', flavour: 'keras3', api: 'keras.activations', params: { max_value: null } },
      { line: 8, at: 'sigmoid', name: 'sigmoid', flavour: 'keras3', api: 'keras.ops' },
      { line: 9, at: 'tanh', name: 'tanh', flavour: 'keras2', api: 'tf.math' },
      { line: 10, at: 'gelu', name: 'gelu', flavour: 'keras3', api: 'keras.activations', params: { approximate: true } },
    ]);
  });

  it("the tutorial sample: its Keras snippets, not its hand-written functions", () => {
    const text = readFileSync(new URL('../../../samples/python/tutorial.py', import.meta.url), 'utf8');
    expectReferences(text, scan(text), [
      { line: 33, at: 'sigmoid', name: 'sigmoid', flavour: 'keras3', api: 'keras.activations', symbol: 'tf.keras.activations.sigmoid' },
      { line: 71, at: 'relu', name: 'relu', flavour: 'keras3', api: 'keras.activations' },
      { line: 75, at: 'LeakyReLU', name: 'leaky_relu', flavour: 'keras3', api: 'layer', layer: 'LeakyReLU' },
      { line: 77, at: 'LeakyReLU', name: 'leaky_relu', flavour: 'keras3', api: 'layer', layer: 'LeakyReLU', params: { negative_slope: 0.1 }, notes: [/`alpha` is deprecated/] },
      { line: 81, at: 'ELU', name: 'elu', flavour: 'keras3', api: 'layer', layer: 'ELU', params: { alpha: { nonLiteral: 'elu_alpha' } } },
      // The tutorial's "softmax" example really calls softsign: the hover must say softsign.
      { line: 97, at: 'softsign', name: 'softsign', flavour: 'keras3', api: 'keras.activations' },
      { line: 103, at: 'softmax', name: 'softmax', flavour: 'keras3', api: 'activation string', layer: 'Activation', callee: 'Activation' },
      { line: 123, at: 'tanh', name: 'tanh', flavour: 'keras3', api: 'keras.activations' },
      { line: 127, at: 'tanh', name: 'tanh', flavour: 'keras3', api: 'activation string', keyword: 'activation', callee: 'Dense' },
      { line: 128, at: 'tanh', name: 'tanh', flavour: 'keras3', api: 'activation string', keyword: 'activation', callee: 'Dense' },
    ]);
  });

  it('traps.py: local functions, other libraries, comments, docstrings, f-strings and plain strings name nothing', () => {
    assert.deepEqual(scan(fixture('traps.py')), []);
  });

  describe('literal values', () => {
    const paramsOf = (source: string) => scan(source)[0]?.params;

    it('reads numbers as Python writes them', () => {
      assert.deepEqual(paramsOf('keras.activations.relu(x, max_value=1_000, threshold=.5, negative_slope=-2.5e-1)'), { max_value: 1000, threshold: 0.5, negative_slope: -0.25 });
      assert.deepEqual(paramsOf('keras.activations.relu(x, 0x10, 6., +3)'), { negative_slope: 16, max_value: 6, threshold: 3 });
      assert.deepEqual(paramsOf("keras.activations.relu(x, max_value=float(' -Infinity '), threshold=float('nan'))"), { max_value: -Infinity, threshold: NaN });
      assert.deepEqual(paramsOf('keras.activations.relu(x, max_value=np.inf, threshold=-math.inf)'), { max_value: Infinity, threshold: -Infinity });
    });

    it("reads float('…') only where Python's float() does: no radix prefixes, underscores only between digits", () => {
      assert.deepEqual(paramsOf("keras.activations.relu(x, max_value=float('1_000.5'), threshold=float('+.5e1'))"), { max_value: 1000.5, threshold: 5 });
      assert.deepEqual(paramsOf("keras.activations.relu(x, max_value=float('0x10'), threshold=float('1__0'), negative_slope=float('_1'))"), {
        max_value: { nonLiteral: "float('0x10')" },
        threshold: { nonLiteral: "float('1__0')" },
        negative_slope: { nonLiteral: "float('_1')" },
      });
    });

    it('reads True, False, None and strings, and keeps anything else as source text', () => {
      assert.deepEqual(paramsOf('keras.activations.gelu(x, approximate=True)'), { approximate: true });
      assert.deepEqual(paramsOf('keras.activations.relu(x, max_value=None)'), { max_value: null });
      assert.deepEqual(paramsOf("keras.layers.PReLU(alpha_initializer='zeros')"), {});
      assert.deepEqual(scan("keras.layers.PReLU(alpha_initializer=r'ze\\ros')")[0].otherArgs, { alpha_initializer: 'ze\\ros' });
      assert.deepEqual(paramsOf('keras.activations.relu(x, max_value=cap * 2, threshold=-t, negative_slope=1j)'), {
        max_value: { nonLiteral: 'cap * 2' },
        threshold: { nonLiteral: '-t' },
        negative_slope: { nonLiteral: '1j' },
      });
      const long = `keras.activations.elu(x, alpha=${'a + '.repeat(60)}a)`;
      const alpha = paramsOf(long)?.alpha as { nonLiteral: string };
      assert.ok(alpha.nonLiteral.length <= 80 && alpha.nonLiteral.endsWith('…'));
    });

    it('splits written parameters into literals and non-literals for evaluation', () => {
      const reference = scan('keras.activations.relu(x, negative_slope=0.1, max_value=cap)')[0];
      assert.deepEqual(literalParams(reference), { params: { negative_slope: 0.1 }, nonLiteral: ['max_value'] });
    });
  });

  describe('arguments', () => {
    it('names the callee of an activation argument only when it is a dotted name, not one reached through an expression', () => {
      const found = (source: string) => scan(source).map((reference) => [reference.written, reference.callee]);
      assert.deepEqual(found("self.Dense(4, activation='relu')\nActivation('gelu')\n"), [['relu', 'self.Dense'], ['gelu', 'Activation']]);
      // Any call's `activation=` counts, but its callee is not a name to show or to resolve.
      assert.deepEqual(found("x[0].Dense(4, activation='relu')\n"), [['relu', '']]);
      assert.deepEqual(found("f().Activation('relu')\nmodel.get()[0].layers.Activation('elu')\n"), []);
    });

    it('reports unknown, duplicated, extra and unpacked arguments as notes, never as errors', () => {
      const [relu] = scan('keras.activations.relu(x, 0.1, alpha=0.2, negative_slope=0.3)');
      assert.deepEqual(relu.params, { negative_slope: 0.3 });
      assert.equal(relu.notes.length, 2);
      assert.match(relu.notes[0], /has no argument `alpha`.*`alpha` is Keras 2's name for `negative_slope`/);
      assert.match(relu.notes[1], /`negative_slope` is given more than once/);
      const [tanh] = scan('keras.activations.tanh(x, 2, *rest, **options)');
      assert.deepEqual(tanh.notes.map((note) => note.replace(/`.*`/, '…')), [
        'keras.activations.tanh takes no arguments after the input; argument 2 is unexpected',
        'keras.activations.tanh: … is not analysed',
        'keras.activations.tanh: … is not analysed',
      ]);
    });

    it('ignores layer keywords every layer takes', () => {
      const [softmax] = scan("keras.layers.Softmax(axis=1, name='p', dtype='float32', trainable=False)");
      assert.deepEqual([softmax.params, softmax.notes], [{ axis: 1 }, []]);
    });

    it('reads calls spread over lines, with comments and trailing commas', () => {
      const source = 'y = keras.layers.ReLU(\n    max_value=6,  # cap\n    # threshold=1,\n    negative_slope=0.1,\n)(x)\n';
      const [relu] = scan(source);
      assert.deepEqual(relu.params, { max_value: 6, negative_slope: 0.1 });
    });

    it('survives unterminated calls while typing', () => {
      const [leaky] = scan('keras.layers.LeakyReLU(negative_slope=0.1,\n');
      assert.deepEqual(leaky.params, { negative_slope: 0.1 });
      assert.equal(scan('x = keras.layers.Dense(3, activation="relu"\n')[0]?.name, 'relu');
    });
  });

  describe('imports', () => {
    it('follows module aliases made by assignment (keras = tf.keras), annotated or not', () => {
      const references = scan('import tensorflow as tf\nK: ModuleType = tf.keras\nL = K.layers\nL.ELU(alpha=2.0)\nModuleType.activations.selu(x)\nK.activations.selu(x)\n');
      assert.deepEqual(references.map((reference) => [reference.name, reference.symbol, reference.params]), [
        ['elu', 'tf.keras.layers.ELU', { alpha: 2 }],
        ['selu', 'tf.keras.activations.selu', {}],
      ]);
    });

    it('follows a chain of aliases of any length to the same answer whichever name is asked first, and a cycle to nothing', () => {
      const lines = ['import keras', 'a0 = keras'];
      for (let k = 1; k <= 12; k++) lines.push(`a${k} = a${k - 1}`);
      lines.push('a12.activations.relu(x)', 'a2.activations.gelu(x)');
      const text = lines.join('\n');
      const hover = (index: ReturnType<typeof analyzePython>, word: string) => pythonReferenceAt(index, text.indexOf(word) + 1)?.symbol;
      const longFirst = analyzePython(text);
      assert.deepEqual([hover(longFirst, 'relu'), hover(longFirst, 'gelu')], ['keras.activations.relu', 'keras.activations.gelu']);
      const shortFirst = analyzePython(text);
      assert.deepEqual([hover(shortFirst, 'gelu'), hover(shortFirst, 'relu')], ['keras.activations.gelu', 'keras.activations.relu']);
      assert.deepEqual(scan('a = b.x\nb = a.y\nc = c.z\na.activations.relu(x)\nc.activations.relu(x)\n'), []);
      const long = ['a0 = tf.keras', ...Array.from({ length: 20_000 }, (_, k) => `a${k + 1} = a${k}`), 'a20000.activations.elu(x)'].join('\n');
      assert.equal(pythonReferenceAt(analyzePython(long), long.lastIndexOf('elu') + 1)?.symbol, 'tf.keras.activations.elu');
    });

    it('honours star imports and compat namespaces', () => {
      assert.equal(scan('from keras.activations import *\nrelu(x)\n')[0]?.symbol, 'keras.activations.relu');
      assert.equal(scan('import tensorflow.compat.v1 as tf\ntf.nn.relu6(x)\n')[0]?.symbol, 'tf.nn.relu6');
      assert.equal(scan('from tensorflow.python.keras import activations\nactivations.elu(x)\n')[0]?.symbol, 'tf.keras.activations.elu');
      assert.equal(scan('import keras_core as keras\nkeras.layers.ELU()\n')[0]?.flavour, 'keras3');
      assert.equal(scan('import tf_keras\ntf_keras.activations.swish(x)\n')[0]?.flavour, 'keras2');
      assert.match(scan('import tf_keras\ntf_keras.activations.relu6(x)\n')[0]?.notes[0] ?? '', /Keras 2 has no function activations\.relu6 \(only the string 'relu6' resolves, to tf\.nn\.relu6\)/);
    });

    it('lets an import from another library override a conventional name', () => {
      assert.deepEqual(scan('import jax.numpy as tf\ntf.nn.relu(x)\n'), []);
      assert.deepEqual(scan('from torch import nn as layers\nlayers.ReLU()\n'), []);
      assert.deepEqual(scan('ops = []\nops.sigmoid(x)\n'), []);
      assert.deepEqual(scan('ops: list = []\nops.sigmoid(x)\nif x: layers: dict[str, int] = {}\nlayers.ReLU()\n'), []);
      assert.deepEqual(scan("import torch\nnn = torch.nn\nnn.TransformerEncoderLayer(512, 8, activation='gelu')\n"), []);
    });

    it('lets a local def or class take a name even from a Keras import: only the import statement names it', () => {
      const lines = (source: string) => scan(source).map((reference) => source.slice(0, reference.start).split('\n').length);
      assert.deepEqual(lines('from keras.activations import relu\ndef relu(x):\n    return x\nrelu(x)\n'), [1]);
      assert.deepEqual(lines('from keras.layers import ELU\nclass ELU:\n    pass\nELU(alpha=2.0)\n'), [1]);
    });

    it('shares imports between notebook cells, a cell’s own first', () => {
      const cells = ['import tensorflow as tfx\nfrom keras import activations as acts\n', 'tfx.nn.relu(x)\nacts.get("swish")\n', 'def acts(): pass\nacts.gelu(x)\n'];
      const context = mergePythonImports(cells.map(pythonImports));
      const scanCell = (source: string) => scanPython(withPythonContext(analyzePython(source), context)).map((reference) => reference.name);
      assert.deepEqual(scanCell(cells[1]), ['relu', 'silu']);
      assert.deepEqual(scanCell(cells[2]), []);
      // Without the other cells, `tfx` and `acts` mean nothing.
      assert.deepEqual(scanPython(analyzePython(cells[1])).map((reference) => reference.name), []);
    });
  });

  describe('positions', () => {
    it('counts UTF-16 code units and any line break style', () => {
      const source = '# 🚀 émoji\r\nx = "🚀"; y = keras.activations.gelu(x)\rz = 1\n';
      const [gelu] = scanReferences(source, 'python');
      assert.equal(source.slice(gelu.start, gelu.end), 'gelu');
      assert.equal(gelu.start, source.indexOf('gelu'));
    });

    it('recognises through line continuations and inside brackets on other lines', () => {
      const source = 'y = keras \\\n    .activations \\\n    .relu(x)\nz = [\n  keras.activations.tanh,\n]\n';
      assert.deepEqual(scanReferences(source, 'python').map((reference) => reference.name), ['relu', 'tanh']);
    });
  });
});
