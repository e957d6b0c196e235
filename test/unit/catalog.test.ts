import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  ACTIVATIONS,
  ACTIVATION_NAMES,
  ActivationError,
  LAYERS,
  OPS,
  findActivation,
  findIdentifier,
  findLayers,
  formulaFor,
  getActivation,
  lookUpSpelling,
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
    assert.equal(findIdentifier('hardSigmoid', 'tfjs')?.spec?.name, 'hard_sigmoid');
    assert.equal(findIdentifier('hard_sigmoid', 'tfjs')?.spec?.name, 'hard_sigmoid');
    assert.deepEqual(findIdentifier('gelu_new', 'tfjs')?.fixed, { approximate: true });
    assert.equal(findIdentifier('swish', 'keras2')?.spec?.name, 'silu');
    assert.equal(findIdentifier('swish', 'keras3')?.spec?.name, 'silu', "Keras 3's identifiers are its names and aliases");
    assert.equal(findIdentifier('leaky_relu', 'tfjs'), undefined);
    assert.equal(findIdentifier('hardSigmoid', 'keras3'), undefined);
  });

  it('resolves every identifier a library variant lists back to its activation', () => {
    for (const spec of ACTIVATIONS) {
      for (const flavour of ['keras2', 'tfjs'] as const) {
        for (const identifier of spec[flavour]?.identifiers ?? []) assert.equal(findIdentifier(identifier, flavour)?.spec, spec, `${flavour} '${identifier}'`);
      }
    }
  });

  describe('one lookup for every spelling', () => {
    const meanings = (spelling: string) => lookUpSpelling(spelling).map((meaning) => `${meaning.kind} ${meaning.flavour}${meaning.op ? ` ${meaning.op.namespace}` : ''} → ${meaning.spec?.name ?? '(argument)'}`);

    it('lists Keras 3 names first, then library identifiers, layers and ops', () => {
      assert.deepEqual(meanings('swish'), ['name keras3 → silu', 'identifier keras2 → silu', 'identifier tfjs → silu', 'op keras3 keras.ops → silu', 'op keras2 tf.nn → silu']);
      assert.deepEqual(meanings('prelu'), ['layer tfjs → leaky_relu', 'op tfjs tfjs → leaky_relu']);
      assert.deepEqual(meanings('LeakyReLU'), ['layer keras3 → leaky_relu', 'layer keras2 → leaky_relu']);
      assert.deepEqual(meanings('Activation'), ['layer keras3 → (argument)', 'layer keras2 → (argument)']);
      assert.deepEqual(meanings('leakyRelu'), ['op tfjs tfjs → leaky_relu']);
      assert.deepEqual(meanings('exp'), [], 'exp is a math op, not named as an activation');
      assert.deepEqual(meanings('toString'), []);
    });

    it('has a meaning for every name, identifier, layer and op of the catalog', () => {
      for (const spec of ACTIVATIONS) for (const name of [spec.name, ...spec.aliases]) assert.equal(lookUpSpelling(name)[0]?.spec, spec, name);
      for (const layer of LAYERS) assert.ok(lookUpSpelling(layer.name).some((meaning) => meaning.layer === layer), `${layer.flavour} ${layer.name}`);
      for (const op of OPS) assert.ok(lookUpSpelling(op.name).some((meaning) => meaning.op === op), `${op.namespace}.${op.name}`);
    });
  });

  it('gives every function along an axis the slice it is plotted as, equal to an elementwise activation', () => {
    for (const spec of ACTIVATIONS) {
      if (spec.elementwise) {
        assert.equal(spec.slice, undefined, spec.name);
        continue;
      }
      const slice = spec.slice;
      assert.ok(slice, `${spec.name} has no slice`);
      assert.ok(slice.label.startsWith(`${spec.name}(`), slice.label);
      assert.equal(findActivation(slice.equals)?.elementwise, true, `${spec.name} slice equals ${slice.equals}`);
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
