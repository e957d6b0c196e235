import assert from 'node:assert/strict';
import { analyzeScript, scanReferences, scanScript, scriptReferenceAt } from '../../../src/language';
import { expectReferences, fixture, rangeOf } from './expect';

const scan = (text: string, language: 'typescript' | 'javascript' = 'typescript') => scanScript(analyzeScript(text, language));

describe('TypeScript / JavaScript recognizer (TensorFlow.js)', () => {
  it('tfjs_model.ts: layer options, layer factories, ops and tensor methods under any namespace name', () => {
    const text = fixture('tfjs_model.ts');
    expectReferences(text, scan(text), [
      // Named imports name the op they import.
      { line: 4, at: 'leakyRelu', name: 'leaky_relu', flavour: 'tfjs', api: 'tfjs op', symbol: 'tf.leakyRelu' },
      { line: 4, at: 'lrelu', name: 'leaky_relu', flavour: 'tfjs', api: 'tfjs op' },
      // tfjs' own identifiers: hardSigmoid is its slope-0.2 hard sigmoid, gelu_new the tanh form.
      { line: 9, at: 'hardSigmoid', name: 'hard_sigmoid', flavour: 'tfjs', api: 'activation string', keyword: 'activation', callee: 'tfjs.layers.dense' },
      { line: 12, at: 'gelu_new', name: 'gelu', flavour: 'tfjs', api: 'activation string', implied: { approximate: true }, callee: 'layers.dense' },
      { line: 14, at: 'sigmoid', name: 'sigmoid', flavour: 'tfjs', api: 'activation string', keyword: 'recurrentActivation', callee: 'layers.simpleRNN' },
      { line: 14, at: 'tanh', name: 'tanh', flavour: 'tfjs', api: 'activation string', keyword: 'activation' },
      { line: 15, at: 'leakyReLU', name: 'leaky_relu', flavour: 'tfjs', api: 'layer', layer: 'leakyReLU', params: { negative_slope: 0.1 }, implied: {} },
      { line: 16, at: 'leakyReLU', name: 'leaky_relu', flavour: 'tfjs', api: 'layer', layer: 'leakyReLU', implied: { negative_slope: 0.3 } },
      { line: 17, at: 'reLU', name: 'relu', flavour: 'tfjs', api: 'layer', layer: 'reLU', params: { max_value: 6 }, symbol: 'tf.layers.reLU' },
      { line: 18, at: 'thresholdedReLU', name: 'relu', flavour: 'tfjs', api: 'layer', layer: 'thresholdedReLU', params: { threshold: 0.5 } },
      // tfjs' softmax layer normalises axis 1 by default, not -1.
      { line: 19, at: 'softmax', name: 'softmax', flavour: 'tfjs', api: 'layer', layer: 'softmax', implied: { axis: 1 } },
      { line: 20, at: 'elu', name: 'elu', flavour: 'tfjs', api: 'layer', layer: 'elu', params: { alpha: 1 }, notes: [/tf\.layers\.elu has no option `beta` \(expected `alpha`\)/] },
      { line: 21, at: 'prelu', name: 'leaky_relu', flavour: 'tfjs', api: 'layer', layer: 'prelu', implied: { negative_slope: 0 } },
      { line: 22, at: 'logSoftmax', name: 'log_softmax', flavour: 'tfjs', api: 'activation string', layer: 'activation', callee: 'layers.activation' },
      { line: 23, at: 'leaky_relu', name: 'leaky_relu', flavour: 'keras3', api: 'activation string', notes: [/TensorFlow\.js has no activation 'leaky_relu'/] },
      { line: 27, at: 'lrelu', name: 'leaky_relu', flavour: 'tfjs', api: 'tfjs op', params: { negative_slope: -0.05 } },
      { line: 28, at: 'softmax', name: 'softmax', flavour: 'tfjs', api: 'tfjs op', params: { axis: -1 }, symbol: 'tf.softmax' },
      // `undefined` is the default.
      { line: 29, at: 'logSoftmax', name: 'log_softmax', flavour: 'tfjs', api: 'tfjs op' },
      { line: 30, at: 'leakyRelu', name: 'leaky_relu', flavour: 'tfjs', api: 'tfjs method', params: { negative_slope: 0.3 }, symbol: 'Tensor.leakyRelu' },
      { line: 30, at: 'sigmoid', name: 'sigmoid', flavour: 'tfjs', api: 'tfjs method' },
      { line: 31, at: 'tanh', name: 'tanh', flavour: 'tfjs', api: 'tfjs method' },
    ]);
  });

  it('tfjs_global.js: the global `tf` of a browser script, and chained methods on any tensor expression', () => {
    const text = fixture('tfjs_global.js');
    expectReferences(text, scan(text, 'javascript'), [
      { line: 3, at: 'relu', name: 'relu', flavour: 'tfjs', api: 'activation string', callee: 'tf.layers.dense' },
      { line: 4, at: 'relu', name: 'relu', flavour: 'tfjs', api: 'tfjs method' },
      { line: 5, at: 'softmax', name: 'softmax', flavour: 'tfjs', api: 'tfjs method', params: { axis: -1 } },
      { line: 5, at: 'logSigmoid', name: 'log_sigmoid', flavour: 'tfjs', api: 'tfjs method' },
      // Division is not mistaken for a regular expression, so the rest of the line is still code.
      { line: 6, at: 'elu', name: 'elu', flavour: 'tfjs', api: 'tfjs method' },
    ]);
  });

  it('tfjs_require.cjs: destructured requires of a tfjs package', () => {
    const text = fixture('tfjs_require.cjs');
    expectReferences(text, scan(text, 'javascript'), [
      { line: 1, at: 'relu6', name: 'relu6', flavour: 'tfjs', api: 'tfjs op' },
      { line: 4, at: 'softmax', name: 'softmax', flavour: 'tfjs', api: 'activation string', callee: 'layers.dense' },
      { line: 5, at: 'relu6', name: 'relu6', flavour: 'tfjs', api: 'tfjs op' },
      { line: 6, at: 'relu', name: 'relu', flavour: 'tfjs', api: 'tfjs method' },
    ]);
  });

  it('reads a renamed key of a destructured require as the import it is, and other object keys as nothing', () => {
    const source = "const { relu6: r6 } = require('@tensorflow/tfjs');\nr6(x);\nconst o = { relu: 1, elu: tf.elu };";
    assert.deepEqual(
      scan(source, 'javascript').map((reference) => [reference.written, reference.symbol]),
      [['relu6', 'tf.relu6'], ['r6', 'tf.relu6'], ['r6', 'tf.relu6'], ['elu', 'tf.elu']],
    );
  });

  it('plain.js: without TensorFlow.js, tensor-like method names and option objects name nothing', () => {
    assert.deepEqual(scan(fixture('plain.js'), 'javascript'), []);
  });

  it('needs no more arguments than the op takes, and a receiver that can be a tensor', () => {
    const names = (source: string) => scan(`import * as tf from '@tensorflow/tfjs';\n${source}`).map((reference) => reference.written);
    assert.deepEqual(names('x.sigmoid(a, b); x.relu(1); x.leakyRelu(0.1); x.leakyRelu(0.1, 2);'), ['leakyRelu']);
    assert.deepEqual(names('this.relu(); super.tanh(); Math.tanh(x); console.softmax(); obj.relu;'), []);
    assert.deepEqual(names('import * as other from "other";\nother.relu(); tf.relu(x);'), ['relu']);
  });

  it('answers a hover in a name or a string, and not in comments, regexes or templates with substitutions', () => {
    const text = fixture('tfjs_model.ts');
    const index = analyzeScript(text);
    const at = (line: number, word: string, nth = 1) => scriptReferenceAt(index, rangeOf(text, line, word, nth).start + 1)?.name;
    assert.equal(at(12, 'gelu_new'), 'gelu');
    assert.equal(at(15, 'leakyReLU'), 'leaky_relu');
    assert.equal(at(30, 'sigmoid'), 'sigmoid');
    assert.equal(at(9, 'tfjs'), undefined);
    assert.equal(at(32, 'relu'), undefined);
    assert.equal(at(33, 'tanh'), undefined);
    assert.equal(at(34, 'relu'), undefined);
    assert.equal(at(35, 'relu'), undefined);
    assert.equal(at(36, 'relu'), undefined);
    assert.equal(at(37, 'relu'), undefined);
    assert.equal(at(38, 'relu'), undefined);
    const templated = 'tf.layers.dense({ activation: `${kind}` }); tf.layers.dense({ activation: `relu` });';
    assert.deepEqual(scanReferences(templated, 'typescript').map((reference) => reference.written), ['relu']);
  });

  it('lets a local declaration or another import take the name tf', () => {
    assert.deepEqual(scan("import tf from 'not-tensorflow';\ntf.relu(x);"), []);
    assert.deepEqual(scan('const tf = makeThing();\ntf.relu(x); x.relu();'), []);
    assert.deepEqual(scan("import tf from '@tensorflow/tfjs';\ntf.relu(x);").map((reference) => reference.name), ['relu']);
  });

  it('accepts typed option values but not expressions', () => {
    const written = (source: string) => scan(source).map((reference) => reference.written);
    assert.deepEqual(written("tf.layers.dense({ activation: 'relu' as const, units: 1 });"), ['relu']);
    assert.deepEqual(written("tf.layers.dense({ activation: 'elu' satisfies string });"), ['elu']);
    assert.deepEqual(written("tf.layers.dense({ activation: 'relu' + suffix });"), []);
    assert.deepEqual(written("tf.layers.dense({ units: 'relu' });"), []);
  });

  it('reads an option string only for a factory named from the namespace, not one reached through an expression', () => {
    const written = (source: string) => scan(source).map((reference) => reference.written);
    assert.deepEqual(written("tf.layers.dense({ activation: 'relu' });"), ['relu']);
    assert.deepEqual(written("a.tf.layers.dense({ activation: 'relu' });"), []);
    assert.deepEqual(written("(a).tf.layers.dense({ activation: 'relu' }); f().layers.dense({ activation: 'elu' });"), []);
  });

  it('reads JavaScript literals', () => {
    const [reference] = scan('tf.layers.reLU({ maxValue: Infinity }); ');
    assert.deepEqual(reference.params, { max_value: Infinity });
    const [leaky] = scan("tf.layers.leakyReLU({ 'alpha': -1_0e-2, ...rest });");
    assert.deepEqual(leaky.params, { negative_slope: -0.1 });
    assert.match(leaky.notes[0], /`\.\.\.rest` is not analysed/);
    const [shorthand] = scan('tf.layers.elu({ alpha });');
    assert.deepEqual(shorthand.params, { alpha: { nonLiteral: 'alpha' } });
    const [notObject] = scan('tf.layers.elu(config);');
    assert.match(notObject.notes[0], /not an object literal/);
  });
});
