// The plot panel's message contract: what the validators accept, and that anything else — from a markdown
// command link or a webview — is refused with a message that says where and what.
import assert from 'node:assert/strict';
import {
  LIMITS,
  validateHostMessage,
  validatePlotRequest,
  validatePlotState,
  validateWebviewMessage,
  type PlotState,
} from '../../src/webview/protocol';

function refused(result: { ok: boolean; error?: string }, pattern: RegExp): void {
  assert.equal(result.ok, false, 'expected a refusal');
  assert.match(result.error ?? '', pattern);
}

const state: PlotState = {
  version: 1,
  series: [{ name: 'relu', variant: 'keras2', params: { negative_slope: 0.1, max_value: null, threshold: 0 }, showFunction: true, showDerivative: false }],
  domain: [-3, 3],
  home: [-4, 4],
  marks: [{ name: 'relu', x: [-1, 2], y: [-0.1, null] }],
  showMarks: true,
};

describe('plot protocol', () => {
  describe('PlotRequest (the argument of activationLens.openPlot)', () => {
    it('accepts the full shape: activations with params and variant, a domain, marks', () => {
      const request = {
        activations: [
          { name: 'relu', params: { negative_slope: 0.1, max_value: null }, variant: 'keras2' },
          { name: 'gelu', params: { approximate: true }, derivative: false },
        ],
        domain: [-5, 5],
        marks: [{ name: 'gelu', x: [0, 1], y: [0, 0.8413447] }, { name: 'yours: gelu', x: [0, 1], y: [0, 0.8413447], style: 'line' }],
      };
      const result = validatePlotRequest(request);
      assert.ok(result.ok);
      assert.deepEqual(result.value, request);
    });

    it('accepts a name or a list of names as shorthands', () => {
      assert.deepEqual(validatePlotRequest('gelu'), { ok: true, value: { activations: [{ name: 'gelu' }] } });
      assert.deepEqual(validatePlotRequest(['relu', 'tanh']), { ok: true, value: { activations: [{ name: 'relu' }, { name: 'tanh' }] } });
    });

    it('refuses what is not a request, saying where', () => {
      refused(validatePlotRequest(42), /^request: expected an object, got number 42/);
      refused(validatePlotRequest(null), /expected an object, got null/);
      refused(validatePlotRequest({}), /request\.activations: expected an array/);
      refused(validatePlotRequest({ activations: [] }), /at least one activation/);
      refused(validatePlotRequest({ activations: [{ name: 'relu' }], colour: 'red' }), /unknown property 'colour'/);
      refused(validatePlotRequest({ activations: [{ name: '' }] }), /activations\[0\]\.name: expected a non-empty string/);
      refused(validatePlotRequest({ activations: [{ name: 'relu', variant: 'keras1' }] }), /activations\[0\]\.variant: expected one of 'keras3', 'keras2', 'tfjs'/);
      refused(validatePlotRequest({ activations: [{ name: 'relu', params: { alpha: '0.1' } }] }), /params\.alpha: expected a finite number/);
      refused(validatePlotRequest({ activations: [{ name: 'relu', params: { alpha: Number.NaN } }] }), /finite number/);
      refused(validatePlotRequest({ activations: [{ name: 'relu', params: { 'a b': 1 } }] }), /'a b' is not a parameter name/);
      refused(validatePlotRequest({ activations: [{ name: 'relu', params: [1] }] }), /params: expected an object of parameter values/);
      refused(validatePlotRequest({ activations: [{ name: 'relu', derivative: 'yes' }] }), /derivative: expected true or false/);
    });

    it('refuses bad ranges and marks', () => {
      refused(validatePlotRequest({ activations: [{ name: 'relu' }], domain: [3, -3] }), /low must be below high/);
      refused(validatePlotRequest({ activations: [{ name: 'relu' }], domain: [0] }), /expected a pair/);
      refused(validatePlotRequest({ activations: [{ name: 'relu' }], domain: [0, 1e9] }), /within ±1000000/);
      refused(validatePlotRequest({ activations: [{ name: 'relu' }], domain: [0, Infinity] }), /finite number/);
      refused(validatePlotRequest({ activations: [], marks: [{ name: 'm', x: [1, 2], y: [1] }] }), /x has 2 values but y has 1/);
      refused(validatePlotRequest({ activations: [], marks: [{ name: 'm', x: [null], y: [1] }] }), /marks\[0\]\.x\[0\]: expected a finite number/);
      refused(validatePlotRequest({ activations: [], marks: [{ name: 'm', x: [1], y: [1], style: 'bars' }] }), /marks\[0\]\.style/);
    });

    it('keeps the activation that marks belong to, and refuses one that is not a name', () => {
      const result = validatePlotRequest({ activations: [{ name: 'sigmoid' }], marks: [{ name: 'tf.keras.activations.sigmoid', activation: 'sigmoid', x: [0], y: [0.5] }] });
      assert.ok(result.ok);
      assert.equal(result.value.marks?.[0].activation, 'sigmoid');
      refused(validatePlotRequest({ activations: [], marks: [{ name: 'm', activation: 3, x: [], y: [] }] }), /marks\[0\]\.activation/);
    });

    it('accepts marks alone (evaluated points without a curve) and null outputs', () => {
      const result = validatePlotRequest({ activations: [], marks: [{ name: 'exp', x: [100], y: [null] }] });
      assert.ok(result.ok);
    });

    it('caps the sizes a link can ask for', () => {
      const many = Array.from({ length: LIMITS.activations + 1 }, () => ({ name: 'relu' }));
      refused(validatePlotRequest({ activations: many }), /at most 8 entries/);
      const points = Array.from({ length: LIMITS.markPoints + 1 }, () => 0);
      refused(validatePlotRequest({ activations: [], marks: [{ name: 'm', x: points, y: points }] }), /at most 10000 entries/);
    });
  });

  describe('messages from the webview', () => {
    it('accepts each message type', () => {
      const summary = [{ label: 'relu()', derivative: false, visible: true, points: 2000, checksum: 12.5, min: 0, max: 4 }];
      const metrics = {
        firstCurvesMs: 87.5,
        sliderFrames: { count: 3, meanMs: 2, p95Ms: 3, maxMs: 3 },
        viewFrames: { count: 0, meanMs: 0, p95Ms: 0, maxMs: 0 },
      };
      for (const message of [
        { type: 'ready' },
        { type: 'state', state, summary },
        { type: 'export', format: 'png', fileName: 'activation-plot-relu.png', encoding: 'base64', data: 'iVBORw0KGgo=' },
        { type: 'export', format: 'csv', fileName: 'plot (1).csv', encoding: 'utf8', data: 'x,relu\n0,0\n' },
        { type: 'metrics', metrics },
        { type: 'log', level: 'warn', message: 'something odd' },
      ]) {
        const result = validateWebviewMessage(message);
        assert.ok(result.ok, `${message.type}: ${result.ok ? '' : result.error}`);
        assert.deepEqual(result.value, message);
      }
    });

    it('reads a digest whose NaN became null in JSON as NaN', () => {
      const summary = [{ label: 'exp', derivative: false, visible: true, points: 2, checksum: null, min: null, max: null }];
      const result = validateWebviewMessage({ type: 'state', state, summary });
      assert.ok(result.ok);
      assert.ok(result.value.type === 'state' && Number.isNaN(result.value.summary[0].checksum));
    });

    it('refuses unknown, incomplete and dangerous messages', () => {
      refused(validateWebviewMessage('ready'), /^message: expected an object/);
      refused(validateWebviewMessage({ type: 'delete-everything' }), /message\.type: expected 'ready', 'state'/);
      refused(validateWebviewMessage({ type: 'ready', extra: 1 }), /unknown property 'extra'/);
      refused(validateWebviewMessage({ type: 'state', state: { ...state, version: 2 }, summary: [] }), /state\.state\.version: expected 1/);
      refused(validateWebviewMessage({ type: 'state', state: { ...state, domain: [1, 0] }, summary: [] }), /low must be below high/);
      const exported = { type: 'export', format: 'svg', fileName: 'a.svg', encoding: 'utf8', data: '<svg/>' };
      refused(validateWebviewMessage({ ...exported, fileName: '../../.bashrc' }), /export\.fileName: expected a plain file name/);
      refused(validateWebviewMessage({ ...exported, fileName: '/etc/passwd' }), /plain file name/);
      refused(validateWebviewMessage({ ...exported, fileName: '.hidden' }), /plain file name/);
      refused(validateWebviewMessage({ ...exported, format: 'exe' }), /export\.format: expected one of 'png', 'svg', 'csv'/);
      refused(validateWebviewMessage({ ...exported, encoding: 'base64', data: 'not base64!' }), /base64 text/);
      refused(validateWebviewMessage({ type: 'log', level: 'fatal', message: 'x' }), /log\.level/);
      refused(validateWebviewMessage({ type: 'log', level: 'info', message: 'x'.repeat(LIMITS.logChars + 1) }), /at most 4000 characters/);
    });
  });

  describe('messages from the host', () => {
    it('accepts show, export and exported', () => {
      assert.ok(validateHostMessage({ type: 'show', request: { activations: [{ name: 'relu' }] } }).ok);
      assert.ok(validateHostMessage({ type: 'export', format: 'csv' }).ok);
      assert.ok(validateHostMessage({ type: 'exported', format: 'png', ok: true, message: 'Saved /tmp/a.png' }).ok);
    });

    it('refuses anything else', () => {
      refused(validateHostMessage({ type: 'show', request: { activations: 'relu' } }), /show\.request\.activations: expected an array/);
      refused(validateHostMessage({ type: 'eval', code: 'alert(1)' }), /message\.type/);
      refused(validateHostMessage([]), /expected an object, got an array/);
    });
  });

  it('checks a persisted state strictly (repair is migrateState’s job)', () => {
    assert.deepEqual(validatePlotState(state), { ok: true, value: state });
    refused(validatePlotState({ ...state, showMarks: 'yes' }), /state\.showMarks: expected true or false/);
    refused(validatePlotState({ ...state, series: [{ ...state.series[0], variant: 'torch' }] }), /series\[0\]\.variant/);
  });
});
