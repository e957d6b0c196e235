// NaN, ±∞ and ±0 through every float64 activation: the float32 kernels' documented decisions
// (docs/numerics.md, pinned in test/unit/core/special-values.test.ts) hold in float64 too. Rather than a
// second table, each float64 result is compared with the float32 kernel's at the same input: the same NaN,
// the same signed zero and infinity, and a finite value that rounds to the float32 one.
import assert from 'node:assert/strict';
import { ACTIVATIONS, evaluate, type EvaluateOptions } from '../../../../src/core';
import { evaluateFloat64, type EvaluateFloat64Options } from '../../../../src/core/float64';

const SPECIAL = [NaN, -Infinity, Infinity, -0, 0];

/** Parameter sets beyond the defaults, where the special values take other branches. */
const EXTRA: Record<string, (EvaluateOptions & EvaluateFloat64Options)[]> = {
  relu: [{ threshold: 0.5 }, { threshold: 0.5, negative_slope: 0.1 }, { threshold: 0.5, variant: 'keras2' }, { max_value: 6, negative_slope: 0.2 }],
  leaky_relu: [{ negative_slope: 0 }],
  celu: [{ alpha: 0 }],
  gelu: [{ approximate: true }],
  squareplus: [{ b: 0 }],
  threshold: [{ threshold: 0.5, default_value: -1 }],
  hard_sigmoid: [{ variant: 'keras2' }],
};

function agree(float64: Float64Array, float32: Float32Array, label: string): void {
  float64.forEach((value, i) => {
    const expected = float32[i];
    const ok = Number.isNaN(expected) ? Number.isNaN(value) : Object.is(Math.fround(value), expected);
    assert.ok(ok, `${label} [${i}]: float64 ${Object.is(value, -0) ? '-0' : value}, float32 ${Object.is(expected, -0) ? '-0' : expected}`);
  });
}

describe('float64 activations: NaN, ±∞ and ±0 as the float32 kernels document them', () => {
  for (const spec of ACTIVATIONS.filter((s) => s.elementwise)) {
    const optionSets: (EvaluateOptions & EvaluateFloat64Options)[] = spec.name === 'threshold' ? [] : [{}];
    optionSets.push(...(EXTRA[spec.name] ?? []));
    it(`${spec.name} at NaN, −∞, +∞, −0, +0`, () => {
      for (const options of optionSets) agree(evaluateFloat64(spec.name, SPECIAL, options), evaluate(spec.name, SPECIAL, options), `${spec.name} ${JSON.stringify(options)}`);
    });
  }

  it('rows along an axis: NaN rows, a single +∞ taking the mass, −∞ entries', () => {
    const rows = [1, NaN, 2, Infinity, 1, Infinity, -Infinity, -Infinity, -Infinity, 1, Infinity, -Infinity, 0, -Infinity, 0];
    for (const name of ['softmax', 'log_softmax', 'sparsemax']) {
      agree(evaluateFloat64(name, rows, { shape: [5, 3] }), evaluate(name, rows, { shape: [5, 3] }), name);
      agree(evaluateFloat64(name, rows, { shape: [3, 5], axis: 0 }), evaluate(name, rows, { shape: [3, 5], axis: 0 }), `${name} axis 0`);
    }
    const halves = [NaN, 2, 3, -5, 1, NaN, -Infinity, Infinity];
    agree(evaluateFloat64('glu', halves), evaluate('glu', halves), 'glu');
  });
});

describe('evaluateFloat64: the call as evaluate parses it', () => {
  it('keeps parameters double: leaky_relu(−1, 0.1) is −0.1, not float32(0.1)', () => {
    assert.equal(evaluateFloat64('leaky_relu', [-1], { negative_slope: 0.1 })[0], -0.1);
    assert.equal(evaluateFloat64('relu', [-1], { alpha: 0.1, variant: 'keras2' })[0], -0.1);
  });

  it('accepts aliases and library identifiers, and refuses what evaluate refuses', () => {
    assert.deepEqual([...evaluateFloat64('swish', [1])], [...evaluateFloat64('silu', [1])]);
    assert.deepEqual([...evaluateFloat64('gelu_new', [1], { variant: 'tfjs' })], [...evaluateFloat64('gelu', [1], { approximate: true })]);
    assert.throws(() => evaluateFloat64('nope', [1]), /unknown activation 'nope'/);
    assert.throws(() => evaluateFloat64('elu', [1], { beta: 2 }), /unknown parameter 'beta'/);
    assert.throws(() => evaluateFloat64('softmax', [1, 2], { variant: 'keras2' }), /1-D/);
    assert.throws(() => evaluateFloat64('glu', [1, 2, 3]), /even/);
    assert.throws(() => evaluateFloat64('relu', [1], { out: new Float32Array(1) } as never), /Float64Array/);
    assert.throws(() => evaluateFloat64('relu', ['1'] as never), /element 0/);
  });

  it('writes into out (the input itself too) and returns a Float64Array input of linear as is', () => {
    const x = Float64Array.from([-1, 0, 2]);
    assert.equal(evaluateFloat64('linear', x), x);
    const out = evaluateFloat64('relu', x, { out: x });
    assert.equal(out, x);
    assert.deepEqual([...x], [0, 0, 2]);
    assert.deepEqual([...evaluateFloat64('glu', [1, 2, 0, 0], { shape: [1, 4] })], [0.5, 1]);
  });
});
