import assert from 'node:assert/strict';
import { ACTIVATIONS, OPS, findActivation, findOp } from '../../../src/core';

describe('op catalog (keras.ops, tf.nn, tf.math, tfjs)', () => {
  it('maps every op onto a known activation and its params onto that activation’s parameters', () => {
    for (const op of OPS) {
      const spec = findActivation(op.activation);
      assert.ok(spec, `${op.namespace}.${op.name}`);
      for (const param of op.params) {
        if (param.target) assert.ok(spec.params.some((p) => p.name === param.target), `${op.namespace}.${op.name}(${param.name})`);
      }
    }
  });

  it('knows every op the catalog’s library variants name', () => {
    for (const spec of ACTIVATIONS) {
      for (const fn of [...(spec.keras2?.functions ?? []), ...(spec.tfjs?.functions ?? [])]) {
        const [, namespace, name] = /^(tf\.nn|tf\.math|tf)\.(\w+)$/.exec(fn) ?? [];
        if (!namespace) continue;
        const op = spec.tfjs?.functions.includes(fn) ? findOp('tfjs', name) : findOp(namespace as 'tf.nn', name);
        assert.equal(op?.activation, spec.name, fn);
      }
    }
  });

  it('has keras.ops with its own signatures and defaults', () => {
    assert.deepEqual(findOp('keras.ops', 'relu')?.params, []);
    assert.deepEqual(findOp('keras.ops', 'gelu')?.defaults, { approximate: true });
    assert.equal(findOp('keras.ops', 'swish')?.activation, 'silu');
    assert.equal(findOp('keras.ops', 'tanh')?.submodule, 'numpy');
    assert.equal(findOp('keras.ops', 'relu6')?.submodule, 'nn');
    assert.equal(findOp('keras.ops', 'linear'), undefined);
  });

  it('lists only ops named as an activation: exp computes exponential but is a math op', () => {
    for (const namespace of ['keras.ops', 'tf.math', 'tf'] as const) assert.equal(findOp(namespace, 'exp'), undefined, namespace);
  });

  it('orders TensorFlow and TensorFlow.js arguments as the libraries do', () => {
    assert.deepEqual(findOp('tf.nn', 'leaky_relu')?.params.map((p) => [p.name, p.target]), [['alpha', 'negative_slope'], ['name', undefined]]);
    assert.deepEqual(findOp('tfjs', 'softmax')?.params, [{ name: 'dim', target: 'axis' }]);
    assert.equal(findOp('tf.nn', 'relu')?.activation, 'relu');
    assert.deepEqual(findOp('tf.nn', 'swish')?.params, [{ name: 'beta' }], 'tf.nn.silu / swish take (features, beta) and no name');
    assert.deepEqual(['tf.nn', 'tf.math', 'tf'].map((namespace) => findOp(namespace as 'tf', 'sigmoid')?.params), [[{ name: 'name' }], [{ name: 'name' }], [{ name: 'name' }]]);
    assert.equal(findOp('tfjs', 'leakyRelu')?.method, true);
  });
});
