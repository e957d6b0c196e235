// Curve sampling for the hover and the plot panel: the curve is the kernel's, with the variant's definition
// and only the parameters that variant takes; functions along an axis are cut to their documented slice.
import assert from 'node:assert/strict';
import { ACTIVATIONS, derivative, evaluate, getActivation, resolveParams } from '../../src/core';
import { kernelParams, linspace, sampleActivation, sliceOf } from '../../src/render/sampling';
import { initialParams } from '../../src/webview/plotModel';

const sample = (name: string, params: Record<string, unknown> = {}, options: Parameters<typeof sampleActivation>[2] = {}) => {
  const spec = getActivation(name);
  return sampleActivation(spec, resolveParams(spec, { ...initialParams(spec), ...params }), options);
};

/** Largest |a − b| over two arrays of the same length. */
function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('curve sampling', () => {
  it('spaces float32 points evenly from the low end to exactly the high end', () => {
    const x = linspace(-4, 4, 9);
    assert.deepEqual([...x], [-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    const fine = linspace(-1, 0.7, 2000);
    assert.equal(fine.length, 2000);
    assert.equal(fine[0], -1);
    assert.equal(fine[1999], Math.fround(0.7));
    assert.equal(linspace(0, 1, 1).length, 2, 'at least two points');
  });

  it("samples the spec's plot domain at 400 points with the derivative by default", () => {
    const curve = sample('gelu');
    assert.equal(curve.x.length, 400);
    assert.equal(curve.x[0], getActivation('gelu').plotDomain[0]);
    assert.equal(curve.x[399], getActivation('gelu').plotDomain[1]);
    assert.ok(curve.dy, 'derivative present');
    assert.equal(maxDifference(curve.y, evaluate('gelu', curve.x)), 0);
    assert.equal(maxDifference(curve.dy, derivative('gelu', curve.x)), 0);
  });

  it('writes into the arrays of an earlier curve when they fit, and gives the same values', () => {
    for (const name of ['gelu', 'softmax', 'glu']) {
      const spec = getActivation(name);
      const params = resolveParams(spec, initialParams(spec));
      const fresh = sampleActivation(spec, params, { points: 50 });
      const earlier = sampleActivation(spec, params, { points: 50, domain: [-1, 1] });
      const reused = sampleActivation(spec, params, { points: 50, reuse: earlier });
      assert.equal(reused.x, earlier.x, `${name}: x reused`);
      assert.equal(reused.y, earlier.y, `${name}: y reused`);
      assert.equal(reused.dy, earlier.dy, `${name}: dy reused`);
      assert.deepEqual([...reused.y], [...fresh.y], name);
      assert.deepEqual([...reused.dy!], [...fresh.dy!], name);
    }
    const other = sampleActivation(getActivation('relu'), resolveParams(getActivation('relu')), { points: 10, reuse: sample('relu') });
    assert.equal(other.x.length, 10, 'arrays of another length are not reused');
  });

  it('leaves the derivative out when asked', () => {
    assert.equal(sample('relu', {}, { derivative: false }).dy, undefined);
  });

  it('applies the parameters: relu with a slope leaks below zero', () => {
    const curve = sample('relu', { negative_slope: 0.1 }, { domain: [-2, 2], points: 5 });
    assert.deepEqual([...curve.y], [-0.2, -0.1, 0, 1, 2].map(Math.fround));
    // at the kink the kernel follows TensorFlow: the slope below (x > 0 is false at 0)
    assert.deepEqual([...curve.dy!], [0.1, 0.1, 0.1, 1, 1].map(Math.fround));
  });

  it("plots a library's own definition: Keras 2 hard_sigmoid saturates at 2.5, Keras 3 at 3", () => {
    const options = { domain: [2.75, 2.75 + 1e-3] as const, points: 2, derivative: false };
    const keras3 = sample('hard_sigmoid', {}, { ...options, variant: 'keras3' });
    const keras2 = sample('hard_sigmoid', {}, { ...options, variant: 'keras2' });
    assert.ok(Math.abs(keras3.y[0] - (2.75 / 6 + 0.5)) < 1e-6, String(keras3.y[0]));
    assert.equal(keras2.y[0], 1);
  });

  it('passes only the parameters a variant takes: TensorFlow.js relu has none', () => {
    const spec = getActivation('relu');
    const params = resolveParams(spec, { negative_slope: 0.5, max_value: 1 });
    assert.deepEqual(kernelParams(spec, params, 'tfjs'), {});
    assert.deepEqual(kernelParams(spec, params, 'keras2'), { negative_slope: 0.5, max_value: 1, threshold: 0 });
    const curve = sampleActivation(spec, params, { domain: [-2, 2], points: 3, variant: 'tfjs' });
    assert.deepEqual([...curve.y], [0, 0, 2]);
  });

  it('never passes an axis to the kernel (the slice fixes it)', () => {
    const spec = getActivation('softmax');
    assert.deepEqual(kernelParams(spec, resolveParams(spec, { axis: 0 }), 'keras3'), {});
  });

  describe('functions along an axis', () => {
    const x = linspace(-6, 6, 241);
    const domain = [-6, 6] as const;

    it('has a slice, with a label and a description, for every function that is not elementwise', () => {
      for (const spec of ACTIVATIONS) {
        const slice = sliceOf(spec);
        if (spec.elementwise) assert.equal(slice, undefined, spec.name);
        else {
          assert.ok(slice, `${spec.name} has no slice`);
          assert.ok(slice.label.startsWith(spec.name), slice.label);
          assert.ok(slice.description.length > 20);
        }
      }
    });

    it('plots softmax([x, 0])₀ = σ(x), and its derivative σ(1 − σ)', () => {
      const curve = sample('softmax', {}, { domain, points: 241 });
      assert.ok(maxDifference(curve.y, evaluate('sigmoid', x)) < 2e-7);
      assert.ok(maxDifference(curve.dy!, derivative('sigmoid', x)) < 2e-7);
    });

    it('plots log_softmax([x, 0])₀ = log σ(x), and its derivative 1 − σ(x)', () => {
      const curve = sample('log_softmax', {}, { domain, points: 241 });
      assert.ok(maxDifference(curve.y, evaluate('log_sigmoid', x)) < 1e-6);
      assert.ok(maxDifference(curve.dy!, derivative('log_sigmoid', x)) < 1e-6);
    });

    it('plots sparsemax([x, 0])₀ = clip((x + 1)/2, 0, 1), with slope ½ on the ramp only', () => {
      const curve = sample('sparsemax', {}, { domain: [-2, 2], points: 9 });
      assert.deepEqual([...curve.y], [0, 0, 0, 0.25, 0.5, 0.75, 1, 1, 1]);
      assert.deepEqual([...curve.dy!], [0, 0, 0, 0.5, 0.5, 0.5, 0, 0, 0]);
    });

    it('plots glu([x, x]) = x·σ(x), which is SiLU, with SiLU’s derivative', () => {
      const curve = sample('glu', {}, { domain, points: 241 });
      assert.ok(maxDifference(curve.y, evaluate('silu', x)) < 1e-6);
      assert.ok(maxDifference(curve.dy!, derivative('silu', x)) < 1e-6);
    });
  });

  it('gives a finite curve and derivative for every activation over its plot domain', () => {
    for (const spec of ACTIVATIONS) {
      const curve = sampleActivation(spec, resolveParams(spec, initialParams(spec)), { points: 101 });
      for (const [what, values] of [['y', curve.y], ['dy', curve.dy!]] as const) {
        assert.ok(values, `${spec.name} ${what}`);
        assert.ok(values.every(Number.isFinite), `${spec.name}: non-finite ${what}`);
      }
    }
  });
});
