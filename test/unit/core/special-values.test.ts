// NaN, ±∞ and ±0 through every kernel, on their own (stdlib-js style): the decisions documented in
// docs/numerics.md. Keras' NumPy backend is followed except where its NaN is an accident of the formula
// and the limit exists. Zeros are compared with their sign (Object.is), as documented. Through the
// WebAssembly kernels and through the JS ones.
import assert from 'node:assert/strict';
import { derivative, evaluate, kernelEngine, setKernelEngine, type KernelEngine } from '../../../src/core';

const INPUTS = [NaN, -Infinity, Infinity, -0, 0];
const LN2 = Math.fround(Math.LN2);
const f = Math.fround;

/** f(x) and f′(x) at NaN, −∞, +∞, −0, +0 with default parameters (Keras 3). */
const TABLE: Record<string, { value: number[]; derivative: number[] }> = {
  relu: { value: [NaN, 0, Infinity, 0, 0], derivative: [NaN, 0, 1, 0, 0] },
  relu6: { value: [NaN, 0, 6, 0, 0], derivative: [NaN, 0, 0, 0, 0] },
  leaky_relu: { value: [NaN, -Infinity, Infinity, -0, 0], derivative: [NaN, f(0.2), 1, f(0.2), f(0.2)] },
  elu: { value: [NaN, -1, Infinity, -0, 0], derivative: [NaN, 0, 1, 1, 1] },
  selu: { value: [NaN, f(-1.7580993408473768), Infinity, -0, 0], derivative: [NaN, 0, f(1.0507009873554805), f(1.0507009873554805), f(1.0507009873554805)] },
  gelu: { value: [NaN, -0, Infinity, -0, 0], derivative: [NaN, -0, 1, 0.5, 0.5] },
  silu: { value: [NaN, -0, Infinity, -0, 0], derivative: [NaN, -0, 1, 0.5, 0.5] },
  hard_silu: { value: [NaN, 0, Infinity, -0, 0], derivative: [NaN, 0, 1, 0.5, 0.5] },
  sigmoid: { value: [NaN, 0, 1, 0.5, 0.5], derivative: [NaN, 0, 0, 0.25, 0.25] },
  hard_sigmoid: { value: [NaN, 0, 1, 0.5, 0.5], derivative: [NaN, 0, 0, f(1 / 6), f(1 / 6)] },
  sparse_sigmoid: { value: [NaN, 0, 1, 0.5, 0.5], derivative: [NaN, 0, 0, 0.5, 0.5] },
  log_sigmoid: { value: [NaN, -Infinity, 0, -LN2, -LN2], derivative: [NaN, 1, 0, 0.5, 0.5] },
  softplus: { value: [NaN, 0, Infinity, LN2, LN2], derivative: [NaN, 0, 1, 0.5, 0.5] },
  softsign: { value: [NaN, -1, 1, -0, 0], derivative: [NaN, 0, 0, 1, 1] },
  tanh: { value: [NaN, -1, 1, -0, 0], derivative: [NaN, 0, 0, 1, 1] },
  hard_tanh: { value: [NaN, -1, 1, -0, 0], derivative: [NaN, 0, 0, 1, 1] },
  tanh_shrink: { value: [NaN, -Infinity, Infinity, -0, 0], derivative: [NaN, 1, 1, 0, 0] },
  soft_shrink: { value: [0, -Infinity, Infinity, 0, 0], derivative: [0, 1, 1, 0, 0] },
  hard_shrink: { value: [0, -Infinity, Infinity, 0, 0], derivative: [0, 1, 1, 0, 0] },
  sparse_plus: { value: [NaN, 0, Infinity, 0.25, 0.25], derivative: [NaN, 0, 1, 0.5, 0.5] },
  squareplus: { value: [NaN, 0, Infinity, 1, 1], derivative: [NaN, 0, 1, 0.5, 0.5] },
  celu: { value: [NaN, -1, Infinity, -0, 0], derivative: [NaN, 0, 1, 1, 1] },
  mish: { value: [NaN, -0, Infinity, -0, 0], derivative: [NaN, -0, 1, f(0.6), f(0.6)] },
  exponential: { value: [NaN, 0, Infinity, 1, 1], derivative: [NaN, 0, Infinity, 1, 1] },
  linear: { value: [NaN, -Infinity, Infinity, -0, 0], derivative: [NaN, 1, 1, 1, 1] },
};

function assertSame(actual: Float32Array, expected: readonly number[], label: string): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((want, i) => {
    assert.ok(Object.is(actual[i], want), `${label} at ${INPUTS[i]}: got ${Object.is(actual[i], -0) ? '-0' : actual[i]}, expected ${Object.is(want, -0) ? '-0' : want}`);
  });
}

const ENGINES: readonly KernelEngine[] = ['wasm', 'js'];

for (const engine of ENGINES) describe(`float32 kernels (${engine}): NaN, ±∞ and ±0`, () => {
  const previous = kernelEngine();
  before(() => setKernelEngine(engine));
  after(() => setKernelEngine(previous));

  for (const [name, expected] of Object.entries(TABLE)) {
    it(`${name} at NaN, −∞, +∞, −0, +0`, () => {
      assertSame(evaluate(name, INPUTS), expected.value, name);
      assertSame(derivative(name, INPUTS), expected.derivative, `${name}′`);
    });
  }

  it('threshold sends NaN and −∞ to default_value, as Keras does', () => {
    assertSame(evaluate('threshold', INPUTS, { threshold: 0.5, default_value: -1 }), [-1, -1, Infinity, -1, -1], 'threshold');
    assertSame(derivative('threshold', INPUTS, { threshold: 0.5, default_value: -1 }), [0, 0, 1, 0, 0], 'threshold′');
  });

  it('gives the limit where Keras gets NaN from −∞·0, ∞ − ∞ or ∞/∞', () => {
    // Keras' NumPy backend: NaN for all of these.
    for (const name of ['gelu', 'silu', 'mish', 'hard_silu', 'squareplus']) assert.equal(Math.abs(evaluate(name, [-Infinity])[0]), 0, name);
    assert.equal(Math.abs(evaluate('gelu', [-Infinity], { approximate: true })[0]), 0);
    assert.deepEqual([...evaluate('softsign', [-Infinity, Infinity])], [-1, 1]);
    assert.equal(evaluate('leaky_relu', [-Infinity], { negative_slope: 0 })[0], 0);
    assert.equal(evaluate('celu', [0, -1], { alpha: 0 })[0], 0);
  });

  it('relu with a threshold: Keras 3 sends NaN to 0 (NaN when a slope multiplies it); Keras 2 gives NaN for NaN and −∞', () => {
    assertSame(evaluate('relu', INPUTS, { threshold: 0.5 }), [0, 0, Infinity, 0, 0], 'keras3');
    assertSame(evaluate('relu', INPUTS, { threshold: 0.5, negative_slope: 0.1 }), [NaN, -Infinity, Infinity, f(-0.5) * f(0.1), f(-0.5) * f(0.1)].map(f), 'keras3 slope');
    assertSame(evaluate('relu', INPUTS, { threshold: 0.5, variant: 'keras2' }), [NaN, NaN, Infinity, 0, 0], 'keras2');
    assertSame(derivative('relu', INPUTS, { threshold: 0.5 }), [0, 0, 1, 0, 0], 'keras3′');
    assertSame(derivative('relu', INPUTS, { threshold: 0.5, variant: 'keras2' }), [NaN, NaN, 1, 0, 0], 'keras2′');
  });

  describe('rows along an axis', () => {
    it('softmax: NaN anywhere, a +∞ (∞ − ∞, as in Keras and NumPy) or all −∞ make the row NaN; −∞ entries get 0', () => {
      const rows = [
        [1, NaN, 2],
        [Infinity, 1, Infinity],
        [-Infinity, -Infinity, -Infinity],
        [1, Infinity, -Infinity],
        [0, -Infinity, 0],
      ];
      const out = evaluate('softmax', rows.flat(), { shape: [5, 3] });
      assert.ok([...out.subarray(0, 12)].every(Number.isNaN));
      assert.deepEqual([...out.subarray(12, 15)], [0.5, 0, 0.5]);
    });

    it('softmax along a leading axis: the same rules for each column', () => {
      // shape [3, 2], axis 0: the columns [1, NaN, 2], [1, +∞, −∞] and, below, [0, −∞, 0]
      const out = evaluate('softmax', [1, 1, NaN, Infinity, 2, -Infinity], { shape: [3, 2], axis: 0 });
      assert.ok([...out].every(Number.isNaN));
      assert.deepEqual([...evaluate('softmax', [0, 1, -Infinity, 1, 0, 1], { shape: [3, 2], axis: 0 })], [0.5, 1 / 3, 0, 1 / 3, 0.5, 1 / 3].map(f));
    });

    it('log_softmax: the same rows, NaN for a +∞, −∞ at −∞ entries', () => {
      const out = evaluate('log_softmax', [1, NaN, 2, 1, Infinity, -Infinity, 0, -Infinity, 0], { shape: [3, 3] });
      assert.ok([...out.subarray(0, 6)].every(Number.isNaN));
      assert.deepEqual([...out.subarray(6, 9)], [-LN2, -Infinity, -LN2]);
    });

    it('sparsemax: one +∞ takes all the mass, −∞ entries get 0, NaN rows are NaN', () => {
      assert.deepEqual([...evaluate('sparsemax', [1, Infinity, 3])], [0, 1, 0]);
      assert.deepEqual([...evaluate('sparsemax', [1, -Infinity, 1])], [0.5, 0, 0.5]);
      assert.ok([...evaluate('sparsemax', [1, NaN])].every(Number.isNaN));
      assert.ok([...evaluate('sparsemax', [-Infinity, -Infinity])].every(Number.isNaN));
    });

    it('glu: NaN propagates; σ(−∞) = 0 and σ(+∞) = 1 gate finite halves exactly', () => {
      const out = evaluate('glu', [NaN, 2, 3, -5, 1, NaN, -Infinity, Infinity], { shape: [8] });
      assert.ok(Number.isNaN(out[0]) && Number.isNaN(out[1]));
      assert.deepEqual([...out.subarray(2, 4)], [0, -5]);
    });
  });

  describe('−0', () => {
    it('odd functions and identities keep it; relu-like ones return +0', () => {
      for (const name of ['linear', 'tanh', 'softsign', 'hard_tanh', 'tanh_shrink', 'elu', 'selu', 'celu', 'gelu', 'silu', 'mish', 'leaky_relu']) {
        assert.ok(Object.is(evaluate(name, [-0])[0], -0), name);
      }
      for (const name of ['relu', 'relu6', 'soft_shrink', 'hard_shrink']) assert.ok(Object.is(evaluate(name, [-0])[0], 0), name);
    });
  });
});
