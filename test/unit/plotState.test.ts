// The plot panel's state: built from a request (names, library identifiers, the variant's parameter names),
// persisted as JSON and repaired when what comes back is broken; labels, variant switches and controls.
import assert from 'node:assert/strict';
import { getActivation } from '../../src/core';
import {
  defaultDomain,
  migrateState,
  offeredVariants,
  paramControls,
  seriesLabel,
  stateFromRequest,
  switchableVariants,
} from '../../src/webview/plotModel';
import { validatePlotState, type PlotState } from '../../src/webview/protocol';

const f32 = Math.fround;

describe('plot state', () => {
  describe('from a request', () => {
    it('resolves parameters to Keras 3 names, float32, defaults filled in', () => {
      const { state, problems } = stateFromRequest({ activations: [{ name: 'relu', params: { alpha: 0.1 }, variant: 'keras2' }] });
      assert.deepEqual(problems, []);
      assert.deepEqual(state.series[0], {
        name: 'relu',
        variant: 'keras2',
        params: { negative_slope: f32(0.1), max_value: null, threshold: 0 },
        showFunction: true,
        showDerivative: true,
      });
      assert.deepEqual(state.domain, getActivation('relu').plotDomain);
      assert.deepEqual(state.home, state.domain);
      assert.ok(validatePlotState(state).ok, 'a built state is a valid persisted state');
    });

    it('finds library identifiers: tfjs hardSigmoid, and gelu_new as Keras 3 gelu(approximate=True)', () => {
      const { state } = stateFromRequest({ activations: [{ name: 'hardSigmoid' }, { name: 'gelu_new', variant: 'tfjs' }] });
      assert.equal(state.series[0].name, 'hard_sigmoid');
      assert.equal(state.series[0].variant, 'tfjs');
      assert.equal(state.series[1].name, 'gelu');
      assert.equal(state.series[1].variant, 'keras3');
      assert.equal(state.series[1].params['approximate'], true);
    });

    it('keeps an alias as written', () => {
      assert.equal(stateFromRequest({ activations: [{ name: 'swish' }] }).state.series[0].name, 'swish');
    });

    it('reports what it cannot plot and plots the rest', () => {
      const { state, problems } = stateFromRequest({
        activations: [{ name: 'relu' }, { name: 'nonexistent' }, { name: 'hard_silu', variant: 'keras2' }, { name: 'elu', params: { beta: 1 } }],
      });
      assert.deepEqual(state.series.map((series) => series.name), ['relu', 'hard_silu', 'elu']);
      assert.equal(state.series[1].variant, 'keras3');
      assert.equal(state.series[2].params['alpha'], 1);
      assert.equal(problems.length, 3);
      assert.match(problems[0], /unknown activation 'nonexistent'/);
      assert.match(problems[1], /hard_silu has no Keras 2 definition/);
      assert.match(problems[2], /unknown parameter 'beta' for elu/);
    });

    it('starts required parameters where the curve shows them (threshold)', () => {
      const { state, problems } = stateFromRequest({ activations: [{ name: 'threshold' }] });
      assert.deepEqual(problems, []);
      assert.deepEqual(state.series[0].params, { threshold: 0, default_value: -1 });
    });

    it('shows derivatives for one or two activations, not for more, unless asked', () => {
      const two = stateFromRequest({ activations: [{ name: 'relu' }, { name: 'gelu' }] }).state;
      assert.deepEqual(two.series.map((s) => s.showDerivative), [true, true]);
      const three = stateFromRequest({ activations: [{ name: 'relu' }, { name: 'gelu' }, { name: 'tanh', derivative: true }] }).state;
      assert.deepEqual(three.series.map((s) => s.showDerivative), [false, false, true]);
    });

    it('uses the requested x-range, else the union of the plot domains', () => {
      assert.deepEqual(stateFromRequest({ activations: [{ name: 'relu' }], domain: [-1, 2] }).state.domain, [-1, 2]);
      const union = defaultDomain(stateFromRequest({ activations: [{ name: 'relu6' }, { name: 'sigmoid' }] }).state.series);
      assert.deepEqual(union, [-8, 9]);
    });
  });

  describe('migration of persisted state', () => {
    const good: PlotState = stateFromRequest({
      activations: [{ name: 'leaky_relu', params: { negative_slope: 0.3 } }, { name: 'gelu', params: { approximate: true } }],
      domain: [-2, 2],
      marks: [{ name: 'gelu', x: [0, 1], y: [0, 0.8413447] }],
    }).state;

    it('passes a good state through unchanged, also after a JSON round trip', () => {
      assert.deepEqual(migrateState(good), good);
      assert.deepEqual(migrateState(JSON.parse(JSON.stringify(good))), good);
    });

    it('keeps parameter values as a slider stored them, so a reload changes nothing', () => {
      const slid: PlotState = { ...good, series: [{ ...good.series[0], params: { negative_slope: 0.46 } }] };
      assert.equal(migrateState(slid)?.series[0].params['negative_slope'], 0.46);
    });

    it('keeps the values of required parameters too (threshold takes two)', () => {
      const moved = stateFromRequest({ activations: [{ name: 'threshold', params: { threshold: 0.5, default_value: 2 } }] }).state;
      assert.deepEqual(migrateState(JSON.parse(JSON.stringify(moved)))?.series[0].params, { threshold: 0.5, default_value: 2 });
    });

    it('keeps which activation evaluated points belong to, so they keep its colour', () => {
      const owned: PlotState = { ...good, marks: [{ name: 'gelu(x)', activation: 'gelu', x: [0, 1], y: [0, 0.8413447] }] };
      assert.deepEqual(migrateState(JSON.parse(JSON.stringify(owned))), owned);
    });

    it('gives up on what is not a state at all', () => {
      for (const junk of [undefined, null, 42, 'state', [], {}, { version: 99, series: [] }, { version: 1 }, { version: 1, series: 'relu' }]) {
        assert.equal(migrateState(junk), undefined, JSON.stringify(junk));
      }
    });

    it('drops unknown activations and repairs bad fields', () => {
      const bad = {
        version: 1,
        series: [
          { name: 'relu', variant: 'torch', params: { negative_slope: 'lots', max_value: 6, threshold: null }, showFunction: 'yes' },
          { name: 'removed_in_keras_4', variant: 'keras3', params: {}, showFunction: true, showDerivative: true },
          { name: 'hard_silu', variant: 'tfjs', params: null, showFunction: false, showDerivative: true },
          'garbage',
        ],
        domain: [5, -5],
        home: [-3, Number.NaN],
        marks: [{ name: 'm', x: [1, 'two', 3], y: [1, 2] }, { name: 'n' }],
        showMarks: 0,
      };
      const repaired = migrateState(bad);
      assert.ok(repaired);
      assert.deepEqual(repaired.series, [
        { name: 'relu', variant: 'keras3', params: { negative_slope: 0, max_value: 6, threshold: 0 }, showFunction: true, showDerivative: false },
        { name: 'hard_silu', variant: 'keras3', params: {}, showFunction: false, showDerivative: true },
      ]);
      assert.deepEqual(repaired.home, [-5, 5], 'the union of relu [-4, 4] and hard_silu [-5, 5]');
      assert.deepEqual(repaired.domain, repaired.home);
      assert.deepEqual(repaired.marks, [{ name: 'm', x: [1], y: [1] }]);
      assert.equal(repaired.showMarks, true);
      assert.ok(validatePlotState(repaired).ok, 'the repaired state is valid');
    });

    it('turns a request-shaped state (what a panel was opened with) into a state', () => {
      const migrated = migrateState({ activations: [{ name: 'tanh' }], domain: [-1, 1] });
      assert.ok(migrated);
      assert.equal(migrated.series[0].name, 'tanh');
      assert.deepEqual(migrated.domain, [-1, 1]);
    });

    it('caps what it keeps at the protocol limits', () => {
      const many = { ...good, series: Array.from({ length: 20 }, () => good.series[0]) };
      assert.equal(migrateState(many)?.series.length, 8);
    });
  });

  describe('labels, variants and controls', () => {
    it('labels a series as a call with the parameters that differ from defaults, in the variant’s spelling', () => {
      const base = { showFunction: true, showDerivative: false } as const;
      assert.equal(seriesLabel({ ...base, name: 'relu', variant: 'keras3', params: { negative_slope: 0, max_value: null, threshold: 0 } }), 'relu()');
      assert.equal(
        seriesLabel({ ...base, name: 'relu', variant: 'keras2', params: { negative_slope: f32(0.1), max_value: 6, threshold: 0 } }),
        'relu(alpha=0.1, max_value=6)',
      );
      assert.equal(seriesLabel({ ...base, name: 'gelu', variant: 'keras3', params: { approximate: true } }), 'gelu(approximate=True)');
      assert.equal(seriesLabel({ ...base, name: 'threshold', variant: 'keras3', params: { threshold: 0, default_value: -1 } }), 'threshold(threshold=0, default_value=-1)');
      assert.equal(seriesLabel({ ...base, name: 'softmax', variant: 'keras3', params: { axis: -1 } }), 'softmax([x, 0])₀');
    });

    it('offers a library switch only where the definition differs', () => {
      const offered = (name: string) => switchableVariants(getActivation(name));
      assert.deepEqual(offered('hard_sigmoid'), ['keras3', 'keras2', 'tfjs'], 'slope 0.2 vs 1/6');
      assert.deepEqual(offered('relu'), ['keras3', 'keras2', 'tfjs'], 'alpha in Keras 2; no parameters in tfjs');
      assert.deepEqual(offered('elu'), ['keras3', 'tfjs'], 'tfjs elu has no alpha');
      for (const same of ['tanh', 'sigmoid', 'softmax', 'silu', 'selu', 'hard_silu']) assert.deepEqual(offered(same), [], same);
    });

    it('keeps a requested variant that does not differ on the switch, in library order', () => {
      const offered = (name: string, variant: 'keras3' | 'keras2' | 'tfjs') => offeredVariants(getActivation(name), variant);
      assert.deepEqual(offered('elu', 'keras3'), ['keras3', 'tfjs']);
      assert.deepEqual(offered('elu', 'keras2'), ['keras3', 'keras2', 'tfjs'], 'Keras 2 elu is Keras 3 elu, but it was asked for');
      assert.deepEqual(offered('tanh', 'keras2'), ['keras3', 'keras2']);
      assert.deepEqual(offered('tanh', 'keras3'), []);
    });

    it('builds slider controls from the catalog: ranges, defaults, None for max_value, the variant’s names', () => {
      const relu = paramControls(getActivation('relu'), 'keras3');
      assert.deepEqual(relu.map((control) => control.label), ['negative_slope', 'max_value', 'threshold']);
      const cap = relu[1];
      assert.equal(cap.nullable, true);
      assert.equal(cap.default, null);
      assert.deepEqual([cap.min, cap.max, cap.step], [0, 10, 0.1]);
      assert.deepEqual(paramControls(getActivation('relu'), 'keras2').map((control) => control.label), ['alpha', 'max_value', 'threshold']);
      assert.deepEqual(paramControls(getActivation('relu'), 'keras2')[1].max, 10, 'Keras 2 borrows the Keras 3 slider range');
      assert.deepEqual(paramControls(getActivation('relu'), 'tfjs'), []);
      const gelu = paramControls(getActivation('gelu'), 'keras3');
      assert.equal(gelu[0].kind, 'boolean');
      assert.deepEqual(paramControls(getActivation('softmax'), 'keras3'), [], 'axis is fixed by the slice');
    });
  });
});
