import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  ACTIVATIONS,
  ACTIVATION_NAMES,
  ActivationError,
  findActivation,
  findByIdentifier,
  findLayers,
  formulaFor,
  getActivation,
  resolveParams,
} from '../../src/core';

interface ReferenceParam {
  name: string;
  default: number | boolean | null | string;
}
interface ReferenceActivation {
  name: string;
  aliases: string[];
  keras3: { params: ReferenceParam[] };
  elementwise: boolean;
}
const reference = JSON.parse(readFileSync(new URL('../fixtures/keras-reference.json', import.meta.url), 'utf8')) as {
  activations: ReferenceActivation[];
};

describe('activation catalog', () => {
  it('has the 30 Keras 3 activations with their parameters and defaults in signature order', () => {
    assert.equal(ACTIVATIONS.length, 30);
    assert.deepEqual(ACTIVATIONS.map((spec) => spec.name).sort(), reference.activations.map((a) => a.name).sort());
    for (const expected of reference.activations) {
      const spec = getActivation(expected.name);
      assert.deepEqual(spec.aliases, expected.aliases, expected.name);
      assert.equal(spec.elementwise, expected.elementwise, expected.name);
      const params = spec.params.map((param) => [param.name, param.default === undefined ? '<required>' : param.default]);
      assert.deepEqual(params, expected.keras3.params.map((param) => [param.name, param.default]), expected.name);
    }
  });

  it('resolves the aliases swish and hard_swish', () => {
    assert.equal(findActivation('swish')?.name, 'silu');
    assert.equal(findActivation('hard_swish')?.name, 'hard_silu');
    assert.ok(ACTIVATION_NAMES.includes('swish'));
  });

  it('lists the known activations when a name is unknown', () => {
    assert.throws(() => getActivation('rleu'), (error: Error) => {
      assert.ok(error instanceof ActivationError);
      assert.match(error.message, /unknown activation 'rleu'; known activations: .*relu, relu6/);
      return true;
    });
  });

  it('maps library identifiers onto specs', () => {
    assert.equal(findByIdentifier('hardSigmoid', 'tfjs')?.spec.name, 'hard_sigmoid');
    assert.equal(findByIdentifier('hard_sigmoid', 'tfjs')?.spec.name, 'hard_sigmoid');
    assert.deepEqual(findByIdentifier('gelu_new', 'tfjs')?.fixed, { approximate: true });
    assert.equal(findByIdentifier('swish', 'keras2')?.spec.name, 'silu');
    assert.equal(findByIdentifier('leaky_relu', 'tfjs'), undefined);
  });

  it('resolves every identifier a library variant lists back to its activation', () => {
    for (const spec of ACTIVATIONS) {
      for (const flavour of ['keras2', 'tfjs'] as const) {
        for (const identifier of spec[flavour]?.identifiers ?? []) assert.equal(findByIdentifier(identifier, flavour)?.spec, spec, `${flavour} '${identifier}'`);
      }
    }
  });

  it('maps layer classes with their own defaults and deprecated names', () => {
    const [leaky] = findLayers('LeakyReLU', 'keras3');
    assert.equal(leaky.activation, 'leaky_relu');
    assert.equal(leaky.params[0].default, 0.3);
    assert.equal(leaky.deprecated?.alpha, 'negative_slope');
    assert.equal(findLayers('LeakyReLU', 'keras2')[0].params[0].name, 'alpha');
    assert.equal(findLayers('ThresholdedReLU', 'keras3').length, 0);
    assert.equal(findLayers('softmax', 'tfjs')[0].params[0].default, 1);
  });
});

describe('resolveParams', () => {
  it('fills defaults and rounds numbers to float32', () => {
    assert.deepEqual(resolveParams(getActivation('leaky_relu')), { negative_slope: Math.fround(0.2) });
    assert.deepEqual(resolveParams(getActivation('relu'), { max_value: 6.1 }), {
      negative_slope: 0,
      max_value: Math.fround(6.1),
      threshold: 0,
    });
  });

  it("accepts a flavour's own names", () => {
    assert.equal(resolveParams(getActivation('relu'), { alpha: 0.1 }, 'keras2').negative_slope, Math.fround(0.1));
  });

  it('rejects unknown parameters, listing the known ones', () => {
    assert.throws(() => resolveParams(getActivation('relu'), { alpha: 0.1 }), /unknown parameter 'alpha' for relu; known parameters: negative_slope, max_value, threshold/);
    assert.throws(() => resolveParams(getActivation('tanh'), { beta: 1 }), /tanh takes no parameters/);
  });

  it('says what type was expected', () => {
    assert.throws(() => resolveParams(getActivation('elu'), { alpha: 'big' }), /parameter 'alpha' of elu must be a number, got the string 'big'/);
    assert.throws(() => resolveParams(getActivation('gelu'), { approximate: 1 }), /must be True or False/);
    assert.throws(() => resolveParams(getActivation('softmax'), { axis: 0.5 }), /must be an integer/);
    assert.throws(() => resolveParams(getActivation('elu'), { alpha: null }), /cannot be None/);
  });

  it('requires threshold and default_value for threshold', () => {
    assert.throws(() => resolveParams(getActivation('threshold'), { threshold: 0 }), /requires 'default_value'/);
  });
});

describe('formulaFor', () => {
  it("picks gelu's tanh form when approximate=True", () => {
    const gelu = getActivation('gelu');
    assert.match(formulaFor(gelu, { approximate: true }).formula.text, /tanh/);
    assert.match(formulaFor(gelu, { approximate: false }).formula.text, /erf/);
  });

  it("shows relu's general form only when a parameter differs from its default", () => {
    const relu = getActivation('relu');
    assert.equal(formulaFor(relu, resolveParams(relu)).formula.text, 'max(x, 0)');
    assert.match(formulaFor(relu, resolveParams(relu, { max_value: 6 })).formula.text, /min\(x, m\)/);
  });

  it("gives Keras 2's hard_sigmoid slope", () => {
    assert.match(formulaFor(getActivation('hard_sigmoid'), {}, 'keras2').formula.text, /0\.2·x/);
  });
});
