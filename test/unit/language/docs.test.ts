// Activations in the code of documentation: Markdown fences, docstring doctests and fences, JSDoc examples;
// each found at its exact place in the document, with the names its earlier code imports, never in prose.
import assert from 'node:assert/strict';
import {
  analyzeDocument,
  documentOffsetOf,
  documentRegions,
  lineStarts,
  parseNotebook,
  positionAt,
  referenceAt,
  regionIndexAt,
  regionOffsetAt,
  regionSource,
  scanDocument,
  scanNotebook,
  type DocumentLanguage,
} from '../../../src/language';
import { rangeOf } from './expect';

/** Every reference as `written@line:column → name (api, flavour)`, lines 1-based, checked against the text. */
function found(text: string, language: DocumentLanguage, kerasVersion: '2' | '3' = '3'): string[] {
  const starts = lineStarts(text);
  return scanDocument(analyzeDocument(text, language), { kerasVersion }).map((reference) => {
    assert.equal(text.slice(reference.start, reference.end), reference.written, 'the range covers the written text');
    const { line, character } = positionAt(starts, reference.start);
    return `${reference.written}@${line + 1}:${character} → ${reference.name} (${reference.api}, ${reference.flavour})`;
  });
}

describe('code in documentation', () => {
  describe('Markdown', () => {
    it('reads ```python, ```py, ~~~py, ```js and ```ts fences, never prose or inline code spans', () => {
      const text = [
        '# Activations', //                                                             1
        'Use `keras.activations.relu` or activation="gelu" in prose: nothing.', //     2
        '```python', //                                                                3
        'from keras import layers', //                                                 4
        'layers.Dense(4, activation="relu")', //                                       5
        '```', //                                                                      6
        '~~~py', //                                                                    7
        'layers.LeakyReLU(negative_slope=0.1)', //                                     8
        '~~~', //                                                                      9
        '```js', //                                                                    10
        "tf.layers.dense({units: 1, activation: 'sigmoid'});", //                      11
        '```', //                                                                      12
        '```ts', //                                                                    13
        'x.relu();', //                                                                14
        '```', //                                                                      15
        '```', //                                                                      16
        'keras.activations.tanh  # an unlabelled fence: output, not code', //          17
        '```', //                                                                      18
        '```sh', //                                                                    19
        'echo keras.activations.tanh', //                                              20
        '```', //                                                                      21
      ].join('\n');
      assert.deepEqual(found(text, 'markdown'), [
        'relu@5:28 → relu (activation string, keras3)',
        'LeakyReLU@8:7 → leaky_relu (layer, keras3)',
        'sigmoid@11:40 → sigmoid (activation string, tfjs)',
        'relu@14:2 → relu (tfjs method, tfjs)',
      ]);
    });

    it('shares names top to bottom: a fence sees the imports of the fences above it, not below', () => {
      const text = [
        '```python',
        'import tensorflow as T',
        '```',
        'Then:',
        '```python',
        'T.nn.relu(x)',
        'A.gelu(x)',
        '```',
        '```python',
        'from keras import activations as A',
        '```',
      ].join('\n');
      assert.deepEqual(found(text, 'markdown'), ['relu@6:5 → relu (tf.nn, keras2)']);
    });

    it('shares TensorFlow.js names between script fences, so a later fence knows x.relu() is a tensor method', () => {
      const text = "```js\nimport * as tfc from '@tensorflow/tfjs-core';\n```\n```js\ntfc.sigmoid(y); y.relu();\n```";
      assert.deepEqual(found(text, 'markdown'), ['sigmoid@5:4 → sigmoid (tfjs op, tfjs)', 'relu@5:18 → relu (tfjs method, tfjs)']);
    });

    it('reads fences in lists and block quotes, with their indentation or markers removed', () => {
      const text = ['1. Step one:', '   ```python', '   keras.activations.elu(x, alpha=0.5)', '   ```', '', '> ```py', '> ops.gelu(x)', '> ```'].join('\n');
      assert.deepEqual(found(text, 'markdown'), ['elu@3:21 → elu (keras.activations, keras3)', 'gelu@7:6 → gelu (keras.ops, keras3)']);
      // The code keeps its own indentation under the markers.
      const quoted = '> ```py\n> def f():\n>     return ops.gelu(x)\n> ```';
      assert.deepEqual(documentRegions(analyzeDocument(quoted, 'markdown')).regions.map((region) => region.text), ['def f():\n    return ops.gelu(x)']);
    });

    it('reads a console session fence (>>> prompts) as its code only', () => {
      const text = ['```python', '>>> import keras', '>>> keras.activations.relu6([7.0])', 'array([6.], dtype=float32)', '```'].join('\n');
      assert.deepEqual(found(text, 'markdown'), ['relu6@3:22 → relu6 (keras.activations, keras3)']);
    });

    it('runs an unclosed fence to the end, and answers a hover in a fence and nowhere else', () => {
      const text = 'Intro with keras.activations.relu\n```python\ny = keras.activations.silu(x)';
      const index = analyzeDocument(text, 'markdown');
      const silu = rangeOf(text, 3, 'silu');
      assert.equal(referenceAt(index, silu.start + 1)?.name, 'silu');
      assert.deepEqual(referenceAt(index, silu.start + 1) && { start: referenceAt(index, silu.start)?.start, end: referenceAt(index, silu.end)?.end }, silu);
      assert.equal(referenceAt(index, rangeOf(text, 1, 'relu').start), undefined);
      assert.equal(referenceAt(index, text.length + 3), undefined);
    });

    it('keeps CRLF documents exact', () => {
      const text = '```python\r\nx = 1\r\nkeras.activations.mish(x)\r\n```\r\n';
      assert.deepEqual(found(text, 'markdown'), ['mish@3:18 → mish (keras.activations, keras3)']);
    });
  });

  describe('Python docstrings', () => {
    const module = [
      'from keras import ops', //                                                          1
      '', //                                                                                2
      'def relu(x):', //                                                                    3
      '    """Rectified linear unit.', //                                                   4
      '', //                                                                                5
      '    keras.activations.relu in prose is nothing.', //                                 6
      '', //                                                                                7
      '    >>> x = [-1.0, 0.0, 1.0]', //                                                    8
      '    >>> keras.activations.relu(x,', //                                               9
      '    ...     negative_slope=0.5)', //                                                 10
      '    array([-0.5,  0. ,  1. ], dtype=float32)', //                                    11
      '    >>> ops.sigmoid(x)  # the module imports ops', //                                12
      '', //                                                                                13
      '    ```python', //                                                                   14
      '    layers.Dense(2, activation="tanh")', //                                          15
      '    ```', //                                                                         16
      '    """', //                                                                         17
      '    return ops.relu(x)', //                                                          18
    ].join('\n');

    it('reads doctest lines and fences inside docstrings, with the module imports, at their exact place', () => {
      assert.deepEqual(found(module, 'python'), [
        'relu@9:26 → relu (keras.activations, keras3)',
        'sigmoid@12:12 → sigmoid (keras.ops, keras3)',
        'tanh@15:32 → tanh (activation string, keras3)',
        'relu@18:15 → relu (keras.ops, keras3)',
      ]);
    });

    it('maps the parameters written in a doctest continuation line', () => {
      const reference = scanDocument(analyzeDocument(module, 'python')).find((candidate) => candidate.api === 'keras.activations');
      assert.deepEqual(reference?.params, { negative_slope: 0.5 });
    });

    it('never reads f-strings, bytes, or strings that are arguments rather than statements', () => {
      const text = 'f"""\n>>> keras.activations.relu(x)\n"""\nprint("""\n>>> keras.activations.relu(x)\n""")';
      assert.deepEqual(found(text, 'python'), []);
    });

    it('gives a hover in a docstring and none on its prose or prompts', () => {
      const index = analyzeDocument(module, 'python');
      const relu = rangeOf(module, 9, 'relu');
      assert.equal(referenceAt(index, relu.start + 2)?.start, relu.start);
      assert.equal(referenceAt(index, rangeOf(module, 6, 'relu').start), undefined);
      assert.equal(referenceAt(index, rangeOf(module, 9, '>>>').start + 1), undefined);
    });
  });

  describe('JSDoc', () => {
    it('reads @example blocks and ```js fences in /** */ comments, never other comments', () => {
      const text = [
        '/**', //                                                                 1
        ' * Computes relu: `tf.relu(x)` in prose is nothing.', //                 2
        ' *', //                                                                  3
        ' * ```js', //                                                            4
        ' * const x = tf.tensor1d([-1, 2]);', //                                  5
        ' * x.relu().print();', //                                                6
        ' * ```', //                                                              7
        ' * @param x The input.', //                                              8
        ' * @example', //                                                         9
        ' * tf.layers.dense({units: 2, activation: "softmax"});', //              10
        ' * @returns A tensor.', //                                               11
        ' */', //                                                                 12
        'export function relu(x) { return x; }', //                               13
        '// tf.sigmoid(x) in a line comment', //                                  14
        '/* tf.sigmoid(x) in a block comment */', //                              15
      ].join('\n');
      assert.deepEqual(found(text, 'typescript'), ['relu@6:5 → relu (tfjs method, tfjs)', 'softmax@10:43 → softmax (activation string, tfjs)']);
    });
  });

  describe('notebooks', () => {
    it("reads a markdown cell's fences with the code cells' imports", () => {
      const notebook = parseNotebook(
        JSON.stringify({
          cells: [
            { cell_type: 'code', source: 'import tensorflow as T' },
            { cell_type: 'markdown', source: ['Try `T.nn.relu` (prose):\n', '```python\n', 'T.nn.gelu(x)\n', '```\n'] },
          ],
        }),
      );
      const [, markdown] = scanNotebook(notebook);
      assert.deepEqual(markdown.references.map((reference) => [markdown.cell.source.slice(reference.start, reference.end), reference.symbol]), [['gelu', 'tf.nn.gelu']]);
    });
  });

  describe('regions for Evaluate', () => {
    it('gives each region its code, its place and the code of the earlier fences it runs after', () => {
      const text = '```python\nimport numpy as np\n```\nprose\n```python\n  y = np.tanh(1)\n```\n```js\nlet z = 1;\n```';
      const { regions } = documentRegions(analyzeDocument(text, 'markdown'));
      assert.deepEqual(regions.map((region) => [region.language, region.kind, region.text, region.previous]), [
        ['python', 'fence', 'import numpy as np', -1],
        ['python', 'fence', '  y = np.tanh(1)', 0],
        ['javascript', 'fence', 'let z = 1;', -1],
      ]);
      const second = regionIndexAt(regions, text.indexOf('np.tanh'));
      assert.equal(second, 1);
      assert.equal(regionOffsetAt(regions[1], text.indexOf('np.tanh')), 6);
      assert.equal(documentOffsetOf(regions[1], 6), text.indexOf('np.tanh'));
      assert.deepEqual(regionSource(regions, 1), { text: 'import numpy as np\n  y = np.tanh(1)', offset: 19, chain: [0, 1] });
      assert.equal(regionIndexAt(regions, text.indexOf('prose')), -1);
    });

    it('leaves a doctest\'s output lines empty so its lines stay the document\'s', () => {
      const text = 'def f():\n    """\n    >>> a = 1\n    1\n    >>> b = a\n    """';
      const { regions } = documentRegions(analyzeDocument(text, 'python'));
      assert.deepEqual(regions.map((region) => [region.kind, region.text]), [['doctest', 'a = 1\n\nb = a']]);
    });
  });
});
