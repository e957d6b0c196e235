// Where Keras' own formula gives NaN at ±∞ (x·σ(x) at −∞ is −∞·0) the kernels give the limit; a hand-written
// swish that gives NaN there does what Keras does, and is no trap (Hands-On ML's swish was flagged).
// And a function that computes in float32 (through Keras layers) is compared in float32.
import assert from 'node:assert/strict';
import { handwrittenChecks } from '../../src/check/handwritten';
import { ACTIVATIONS, evaluate } from '../../src/core';
import { analyzeDocument } from '../../src/language';

describe("hand-written activations where Keras' formula gives NaN", () => {
  it('marks only infinities where the kernels give a number (the limit) instead', () => {
    const marked = ACTIVATIONS.filter((spec) => spec.kerasNaNAt?.length);
    assert.ok(marked.some((spec) => spec.name === 'silu'));
    for (const spec of marked) {
      for (const side of spec.kerasNaNAt ?? []) {
        const [value] = evaluate(spec.name, [side * Infinity]);
        assert.ok(!Number.isNaN(value), `${spec.name} at ${side * Infinity} gives the limit`);
      }
    }
  });

  it("reports no trap for x·σ(x)'s NaN at −∞, and still reports an overflow", () => {
    const code = 'import numpy as np\nimport math\n\ndef swish(z, beta=1):\n    return z / (1 + np.exp(-beta * z))\n\ndef silu(x):\n    return x / (1 + math.exp(-x))\n';
    const [swish, silu] = handwrittenChecks(analyzeDocument(code, 'python'), 'keras3');
    assert.equal(swish.verdict, 'same');
    assert.deepEqual(swish.traps, []);
    assert.ok(silu.traps.some((trap) => /OverflowError/.test(trap.message)), JSON.stringify(silu.traps));
  });
});

describe('hand-written activations that compute in float32', () => {
  it("compares Keras' own MobileNetV3 hard_sigmoid and hard_swish, made of float32 layers, in float32: same", () => {
    const code = 'from keras import layers\n\ndef hard_sigmoid(x):\n    return layers.ReLU(6.0)(x + 3.0) * (1.0 / 6.0)\n\ndef hard_swish(x):\n    return layers.Activation("hard_swish")(x)\n';
    const checks = handwrittenChecks(analyzeDocument(code, 'python'), 'keras3');
    assert.deepEqual(checks.map((check) => [check.fn.name, check.spec?.name, check.verdict]), [
      ['hard_sigmoid', 'hard_sigmoid', 'same'],
      ['hard_swish', 'hard_silu', 'same'],
    ]);
  });

  it('still tells a float32 function that differs apart', () => {
    const code = 'import numpy as np\n\ndef elu(x):\n    x = np.float32(x)\n    return x if x > 0 else np.float32(0.5) * np.exp(x) - np.float32(1)\n';
    const [check] = handwrittenChecks(analyzeDocument(code, 'python'), 'keras3');
    assert.equal(check.verdict, 'differs');
  });
});
