// The kernels' public API: input forms, float32 rounding of inputs and parameters, errors users read,
// n-d shapes and axes, library variants, the `out` option, and the places where Keras' own formulas
// fail (each must give the true value here).
import assert from 'node:assert/strict';
import { ActivationError, MissingParameterError, derivative, evaluate, outputShape, type EvaluateOptions } from '../../../src/core';

const f = Math.fround;
/** Options as a caller without types (the CLI, JSON) could pass them. */
const untyped = (options: Record<string, unknown>): EvaluateOptions => options as EvaluateOptions;

function throwsActivationError(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (error: Error) => {
    assert.ok(error instanceof ActivationError, `expected an ActivationError, got ${error.name}: ${error.message}`);
    assert.match(error.message, message);
    return true;
  });
}

describe('float32 kernels: API', () => {
  describe('inputs and parameters', () => {
    it('accepts number[] and Float32Array alike, rounding numbers to float32 first', () => {
      assert.deepEqual(evaluate('linear', [0.1, 1e40, -1e-50]), Float32Array.of(f(0.1), Infinity, -0));
      assert.deepEqual(evaluate('tanh', [0.1, 2]), evaluate('tanh', Float32Array.of(0.1, 2)));
      assert.equal(evaluate('relu', []).length, 0);
    });

    it("returns a Float32Array unchanged from linear, as Keras returns its argument, and copies into an out", () => {
      const x = Float32Array.of(1, -2);
      assert.equal(evaluate('linear', x), x);
      const out = new Float32Array(2);
      assert.equal(evaluate('linear', x, { out }), out);
      assert.deepEqual(out, x);
    });

    it('rounds parameters to float32 as Keras does', () => {
      // With θ = 0.1 in double, f32(0.1) = 0.10000000149 > θ would pass through.
      assert.deepEqual(evaluate('threshold', [0.1], { threshold: 0.1, default_value: -1 }), Float32Array.of(-1));
      assert.deepEqual(evaluate('leaky_relu', [-3], { negative_slope: 0.1 }), Float32Array.of(f(-3 * f(0.1))));
      assert.deepEqual(evaluate('soft_shrink', [1], { threshold: 0.3 }), Float32Array.of(f(1 - f(0.3))));
    });

    it('fills defaults and accepts booleans for approximate', () => {
      assert.deepEqual(evaluate('leaky_relu', [-1]), Float32Array.of(f(-0.2)));
      assert.notDeepEqual(evaluate('gelu', [1], { approximate: true }), evaluate('gelu', [1]));
    });

    it('computes the documented examples', () => {
      // Φ(−6) = 9.865876450376982e-10, Φ(1) = 0.8413447460685429
      assert.deepEqual(evaluate('gelu', [-6, 0, 1]), Float32Array.of(f(-6 * 9.865876450376982e-10), 0, f(0.8413447460685429)));
      const [low, high] = [f(1 / (1 + Math.E ** 2)), f(1 / (1 + Math.E ** -2))];
      assert.deepEqual(evaluate('softmax', [1, 2, 3, 4], { shape: [2, 2], axis: 0 }), Float32Array.of(low, low, high, high));
    });
  });

  describe('errors say what is known and what was expected', () => {
    it('unknown activation: lists the known names', () => {
      throwsActivationError(() => evaluate('rleu', [1]), /unknown activation 'rleu'; known activations: .*relu, relu6/);
    });
    it('unknown parameter: lists the parameters', () => {
      throwsActivationError(() => evaluate('relu', [1], { slope: 0.1 }), /unknown parameter 'slope' for relu; known parameters: negative_slope, max_value, threshold/);
      throwsActivationError(() => evaluate('tanh', [1], { alpha: 1 }), /tanh takes no parameters/);
      throwsActivationError(() => evaluate('relu', [1], { axis: 0 }), /unknown parameter 'axis' for relu/);
    });
    it('wrong types: says what was expected', () => {
      throwsActivationError(() => evaluate('elu', [1], untyped({ alpha: '1' })), /'alpha' of elu must be a number, got the string '1'/);
      throwsActivationError(() => evaluate('gelu', [1], untyped({ approximate: 1 })), /must be True or False/);
      throwsActivationError(() => evaluate('softmax', [1], { axis: 0.5 }), /must be an integer/);
      throwsActivationError(() => evaluate('relu', 'abc' as unknown as number[]), /values must be a Float32Array or an array of numbers, got the string 'abc'/);
      throwsActivationError(() => evaluate('relu', [1, '2'] as unknown as number[]), /element 1 is the string '2'/);
      throwsActivationError(() => evaluate('relu', Float64Array.of(1) as unknown as Float32Array), /got a Float64Array/);
      throwsActivationError(() => evaluate('relu', [1], { variant: 'keras4' as 'keras3' }), /unknown variant the string 'keras4'; expected one of 'keras3', 'keras2', 'tfjs'/);
      throwsActivationError(() => evaluate('relu', [1], { out: [0] as unknown as Float32Array }), /'out' must be a Float32Array/);
    });
    it('required parameters: threshold has no defaults', () => {
      throwsActivationError(() => evaluate('threshold', [1]), /threshold requires 'threshold' and 'default_value'/);
      // Its own class: callers describe an incomplete call rather than refuse it (the CLI's describe, the hover).
      assert.throws(() => evaluate('threshold', [1], { threshold: 0 }), MissingParameterError);
      assert.doesNotThrow(() => evaluate('threshold', [1], { threshold: 0, default_value: -1 }));
    });
    it('shape, axis and out mismatches', () => {
      throwsActivationError(() => evaluate('relu', [1, 2, 3], { shape: [2, 2] }), /shape \[2, 2\] holds 4 values but 3 were given/);
      throwsActivationError(() => evaluate('relu', [1], { shape: [-1] }), /shape must be an array of non-negative integers/);
      throwsActivationError(() => evaluate('softmax', [1, 2, 3, 4], { shape: [2, 2], axis: 2 }), /axis 2 is out of range for softmax of shape \[2, 2\]; expected an integer from -2 to 1/);
      throwsActivationError(() => evaluate('softmax', [1, 2, 3, 4], { shape: [2, 2], axis: -3 }), /axis -3 is out of range/);
      throwsActivationError(() => evaluate('softmax', [1], { shape: [] }), /a scalar has no axis/);
      throwsActivationError(() => evaluate('glu', [1, 2, 3, 4, 5, 6], { shape: [3, 2], axis: 0 }), /glu splits axis 0 into two halves, so its size must be even; shape \[3, 2\] has 3 there/);
      throwsActivationError(() => evaluate('relu', [1, 2], { out: new Float32Array(3) }), /'out' has 3 elements but relu returns 2/);
      throwsActivationError(() => evaluate('glu', [1, 2], { out: new Float32Array(2) }), /'out' has 2 elements but glu returns 1/);
    });
    it('derivative of a function along an axis', () => {
      throwsActivationError(() => derivative('softmax', [1, 2]), /softmax works along an axis: its derivative is a Jacobian/);
    });
  });

  describe('shapes and axes', () => {
    const x = [0.5, -1, 2, 3, 0, -2]; // shape [2, 3]

    it('softmax along axis 0 is softmax of the columns; axis -1 of the rows', () => {
      const byColumns = evaluate('softmax', x, { shape: [2, 3], axis: 0 });
      const columns = [0, 1, 2].map((j) => evaluate('softmax', [x[j], x[3 + j]]));
      assert.deepEqual(byColumns, Float32Array.of(columns[0][0], columns[1][0], columns[2][0], columns[0][1], columns[1][1], columns[2][1]));
      const byRows = evaluate('softmax', x, { shape: [2, 3], axis: -1 });
      assert.deepEqual(byRows, Float32Array.of(...evaluate('softmax', x.slice(0, 3)), ...evaluate('softmax', x.slice(3))));
      assert.deepEqual(evaluate('softmax', x, { shape: [2, 3], axis: 1 }), byRows);
    });

    it('works along the middle axis of a 3-d array', () => {
      const data = Array.from({ length: 24 }, (_, i) => Math.sin(i));
      const out = evaluate('log_softmax', data, { shape: [2, 3, 4], axis: 1 });
      for (const o of [0, 1]) {
        for (const j of [0, 1, 2, 3]) {
          const index = (k: number) => o * 12 + k * 4 + j;
          assert.deepEqual([0, 1, 2].map((k) => out[index(k)]), [...evaluate('log_softmax', [0, 1, 2].map((k) => data[index(k)]))]);
        }
      }
    });

    it('glu halves its axis; outputShape says so', () => {
      const out = evaluate('glu', [1, 2, 3, 4, 5, 6, 7, 8], { shape: [2, 4], axis: 0 });
      const sigma = (v: number) => 1 / (1 + Math.exp(-v));
      assert.deepEqual(out, Float32Array.of(1 * sigma(5), 2 * sigma(6), 3 * sigma(7), 4 * sigma(8)));
      assert.deepEqual(outputShape('glu', [2, 4], { axis: 0 }), [1, 4]);
      assert.deepEqual(outputShape('glu', [2, 4]), [2, 2]);
      assert.deepEqual(outputShape('softmax', [2, 4]), [2, 4]);
      assert.deepEqual(outputShape('relu', [3, 5]), [3, 5]);
      assert.deepEqual(outputShape('threshold', [3, 5], { threshold: 0.5, default_value: -1 }), [3, 5]);
    });

    it('elementwise functions accept any shape of the right size', () => {
      assert.deepEqual(evaluate('relu', [-1, 2, 3, -4], { shape: [2, 1, 2] }), Float32Array.of(0, 2, 3, 0));
    });
  });

  describe('variants', () => {
    it('hard_sigmoid: Keras 3 slope 1/6 (±3), Keras 2 and tfjs slope 0.2 (±2.5)', () => {
      assert.deepEqual(evaluate('hard_sigmoid', [-2.5, 1, 2.5]), Float32Array.of(f(0.5 / 6), f(4 / 6), f(5.5 / 6)));
      assert.deepEqual(evaluate('hard_sigmoid', [-2.5, 1, 2.5], { variant: 'keras2' }), Float32Array.of(0, f(0.7), 1));
      assert.deepEqual(evaluate('hard_sigmoid', [-2.5, 1, 2.5], { variant: 'tfjs' }), Float32Array.of(0, f(0.7), 1));
      assert.deepEqual(derivative('hard_sigmoid', [-2.5, 0], { variant: 'keras2' }), Float32Array.of(f(0.2), f(0.2)));
    });

    it('accepts the variant library names: Keras 2 alpha, tfjs hardSigmoid and gelu_new', () => {
      assert.deepEqual(evaluate('relu', [-1], { alpha: 0.5, variant: 'keras2' }), Float32Array.of(-0.5));
      throwsActivationError(() => evaluate('relu', [-1], { negative_slope: 0.5, alpha: 0.1, variant: 'keras3' }), /unknown parameter 'alpha'/);
      assert.deepEqual(evaluate('hardSigmoid', [1], { variant: 'tfjs' }), Float32Array.of(f(0.7)));
      assert.deepEqual(evaluate('gelu_new', [1], { variant: 'tfjs' }), evaluate('gelu', [1], { approximate: true }));
      assert.deepEqual(evaluate('swish', [1], { variant: 'keras2' }), evaluate('silu', [1]));
    });

    it('refuses what the library does not have or does not do', () => {
      throwsActivationError(() => evaluate('celu', [1], { variant: 'keras2' }), /celu does not exist in Keras 2; it has: relu, .*softmax/);
      throwsActivationError(() => evaluate('hard_silu', [1], { variant: 'tfjs' }), /hard_silu does not exist in TensorFlow.js/);
    });

    it("Keras 2's softmax refuses 1-D input; tfjs works on the last axis only", () => {
      throwsActivationError(() => evaluate('softmax', [1, 2], { variant: 'keras2' }), /Keras 2's softmax raises ValueError on 1-D input/);
      assert.equal(evaluate('softmax', [1, 2], { variant: 'keras2', shape: [1, 2] }).length, 2);
      throwsActivationError(() => evaluate('softmax', [1, 2, 3, 4], { variant: 'tfjs', shape: [2, 2], axis: 0 }), /TensorFlow.js computes softmax along the last axis only/);
    });

    it('relu below 0 above a negative threshold: x, with derivative 1 unless max_value clips it to 0', () => {
      const x = [-0.7, -0.3, 0.2];
      assert.deepEqual(evaluate('relu', x, { threshold: -0.5, negative_slope: 0.1 }), Float32Array.of(f(-f(0.1) * (f(-0.5) - f(-0.7))), f(-0.3), f(0.2)));
      assert.deepEqual(derivative('relu', x, { threshold: -0.5, negative_slope: 0.1 }), Float32Array.of(f(0.1), 1, 1));
      assert.deepEqual(derivative('relu', x, { threshold: -0.5, max_value: 6 }), Float32Array.of(0, 0, 1));
    });

    it("tfjs' gradients at kinks: relu6′(6) = 1 and selu′(0) = λα", () => {
      assert.deepEqual(derivative('relu6', [6]), Float32Array.of(0));
      assert.deepEqual(derivative('relu6', [6], { variant: 'tfjs' }), Float32Array.of(1));
      assert.deepEqual(derivative('selu', [0]), Float32Array.of(f(1.0507009873554805)));
      assert.deepEqual(derivative('selu', [0], { variant: 'tfjs' }), Float32Array.of(f(1.7580993408473769)));
    });
  });

  describe('out', () => {
    it('writes into the given array and returns it, in place too', () => {
      const x = Float32Array.of(-1, 0.5, 2);
      const out = new Float32Array(3);
      assert.equal(evaluate('relu', x, { out }), out);
      assert.deepEqual(out, Float32Array.of(0, 0.5, 2));
      const expected = evaluate('softmax', x);
      assert.deepEqual(evaluate('softmax', x, { out: x }), expected);
      assert.deepEqual(x, expected);
    });

    it('glu may write over its own input', () => {
      const x = Float32Array.of(1, 2, 3, 4);
      const expected = evaluate('glu', x);
      assert.deepEqual(evaluate('glu', x, { out: x.subarray(0, 2) }), expected);
    });
  });

  describe("where Keras' own float32 formulas fail", () => {
    it('gelu below −5.5 (1 + erf is 0 there)', () => {
      assert.deepEqual(evaluate('gelu', [-10, -14]), Float32Array.of(f(-10 * 7.619853024160527e-24), f(-14 * 7.7935368191928e-45)));
    });
    it('sigmoid and silu below −88.7 (exp(−x) overflows)', () => {
      const [s, z] = evaluate('sigmoid', [-100, -103.5]);
      assert.equal(s, f(Math.exp(-100)));
      assert.equal(z, 2 ** -149, 'σ(−103.5) is the smallest subnormal float32');
      assert.ok(evaluate('silu', [-100])[0] < 0);
    });
    it('tanh_shrink below 3e-4 (x − tanh x cancels)', () => {
      assert.equal(evaluate('tanh_shrink', [1e-4])[0], f(f(1e-4) ** 3 / 3));
    });
    it('squareplus far below 0 (x + √(x² + b) cancels)', () => {
      assert.equal(evaluate('squareplus', [-1e5])[0], f(4 / (2 * (Math.sqrt(1e10 + 4) + 1e5))));
    });
    it('log_softmax of the dominant entry (log Σ with Σ ≈ 1)', () => {
      assert.equal(evaluate('log_softmax', [40, 0])[0], f(-Math.exp(-40)));
    });
    it('sparsemax with two or more survivors (Keras 3.16 returns [0, 0] for [1, 1])', () => {
      assert.deepEqual(evaluate('sparsemax', [1, 1]), Float32Array.of(0.5, 0.5));
      // support {0.5, 0.4, 0.3}: τ = (0.5 + 0.4 + 0.3 − 1)/3
      const x = Float32Array.of(0.5, 0.4, 0.3, -2);
      const tau = (x[0] + x[1] + x[2] - 1) / 3;
      assert.deepEqual(evaluate('sparsemax', x), Float32Array.of(x[0] - tau, x[1] - tau, x[2] - tau, 0));
    });
  });
});
