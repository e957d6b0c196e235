// How snippet results live in the editor, without VS Code: one-line text for the decoration, results
// following their lines through edits (and dropped when their own line changes), recent activations, and
// parameter input read as Python writes it, and the plot of a result with its points.
import assert from 'node:assert/strict';
import { evaluate, type Flavour, type ParamValue } from '../../src/core';
import {
  InlineResultStore,
  PLOT_MARK_LIMIT,
  formatParameter,
  inlineResultOf,
  inlineText,
  parseParameterInput,
  plotRequestFor,
  rememberRecent,
  type InlineResult,
} from '../../src/features/evaluateModel';
import { evaluateSnippet, type SnippetResult } from '../../src/interpreter/snippet';

const result = (line: number, source: 'command' | 'auto' = 'command', text = `r${line}`): InlineResult => ({ line, kind: 'result', text, inline: text, source });

describe('inline results', () => {
  describe('inlineText', () => {
    it("joins NumPy's lines, keeping its alignment within a line", () => {
      const repr = 'array([-0.9950548, -0.7615942,  0.       ,  0.7615942,  0.9950548],\n      dtype=float32)';
      assert.equal(inlineText(repr), 'array([-0.9950548, -0.7615942,  0.       ,  0.7615942,  0.9950548], dtype=float32)');
      assert.equal(inlineText('Tensor\n    [0, 0.5, 1]'), 'Tensor [0, 0.5, 1]');
    });
    it('shortens long output at a value boundary and keeps the closing part', () => {
      const values = Array.from({ length: 60 }, (_, i) => `${i}.`).join(', ');
      const text = inlineText(`array([${values}], dtype=float32)`, 80);
      assert.ok(text.length <= 80, text);
      assert.match(text, /^array\(\[0\., 1\., 2\., .*\d\., …\], dtype=float32\)$/);
    });
  });

  describe('InlineResultStore', () => {
    it('keeps results sorted and lets a command replace what is on its lines', () => {
      const store = new InlineResultStore();
      store.addFromCommand('a', [result(5), result(2)]);
      store.addFromCommand('a', [result(5, 'command', 'new')]);
      assert.deepEqual(store.get('a').map((r) => [r.line, r.text]), [[2, 'r2'], [5, 'new']]);
    });
    it('moves results below an edit and drops those on edited lines', () => {
      const store = new InlineResultStore();
      store.addFromCommand('a', [result(1), result(4), result(9)]);
      // Line 4 edited in place (one line stays one line); two lines inserted at line 6.
      assert.ok(store.applyEdits('a', [{ startLine: 6, endLine: 6, newLineCount: 3 }, { startLine: 4, endLine: 4, newLineCount: 1 }]));
      assert.deepEqual(store.get('a').map((r) => r.line), [1, 11]);
      // Lines 0–2 joined into one: line 1's result goes, line 11 moves up by two.
      store.applyEdits('a', [{ startLine: 0, endLine: 2, newLineCount: 1 }]);
      assert.deepEqual(store.get('a').map((r) => r.line), [9]);
      assert.equal(store.applyEdits('a', [{ startLine: 20, endLine: 20, newLineCount: 1 }]), false);
    });
    it('lets auto mode refresh its results without touching the command’s', () => {
      const store = new InlineResultStore();
      store.addFromCommand('a', [result(3)]);
      store.setAuto('a', [result(3, 'auto'), result(7, 'auto')]);
      assert.deepEqual(store.get('a').map((r) => [r.line, r.source]), [[3, 'command'], [7, 'auto']]);
      store.setAuto('a', [result(8, 'auto')]);
      assert.deepEqual(store.get('a').map((r) => [r.line, r.source]), [[3, 'command'], [8, 'auto']]);
      store.clearAuto();
      assert.deepEqual(store.get('a').map((r) => r.source), ['command']);
      store.clear('a');
      assert.deepEqual(store.uris(), []);
    });
  });

  it('remembers recent activations, most recent first, without duplicates', () => {
    assert.deepEqual(rememberRecent(['relu', 'gelu', 'tanh'], 'gelu'), ['gelu', 'relu', 'tanh']);
    assert.equal(rememberRecent(Array.from({ length: 20 }, (_, i) => `a${i}`), 'new').length, 8);
  });

  it('reads parameters as Python writes them, refusing what is not one', () => {
    assert.deepEqual(parseParameterInput('0.1', 'number', false), { value: 0.1 });
    assert.deepEqual(parseParameterInput(' 1_000 ', 'number', false), { value: 1000 });
    assert.deepEqual(parseParameterInput('None', 'number', true), { value: null });
    assert.deepEqual(parseParameterInput('-inf', 'number', false), { value: -Infinity });
    assert.deepEqual(parseParameterInput('True', 'boolean', false), { value: true });
    assert.deepEqual(parseParameterInput('-1', 'integer', false), { value: -1 });
    assert.ok('error' in parseParameterInput('None', 'number', false));
    assert.ok('error' in parseParameterInput('abc', 'number', false));
    assert.ok('error' in parseParameterInput('', 'number', false));
    assert.ok('error' in parseParameterInput('1.5', 'integer', false));
    assert.ok('error' in parseParameterInput('yes', 'boolean', false));
    assert.deepEqual([null, true, false, 0.2, undefined].map(formatParameter), ['None', 'True', 'False', '0.2', '']);
  });
});

describe('plotRequestFor', () => {
  const applied = (name: string, data: number[], flavour: Flavour = 'keras3', params: Record<string, ParamValue> = {}) => {
    const input = { shape: [data.length], data: Float32Array.from(data) };
    const ref = { name, flavour, params, label: `tf.keras.activations.${name}`, layer: false };
    return { ref, input, output: { shape: input.shape, data: evaluate(name, input.data, { ...params, variant: flavour }) } };
  };

  it('plots the evaluated activation with its points marked and in view', () => {
    const request = plotRequestFor(applied('sigmoid', [-20, -1, 0, 1, 20]));
    assert.deepEqual(request.activations, [{ name: 'sigmoid', params: {}, variant: 'keras3' }]);
    assert.deepEqual(request.marks?.[0].x, [-20, -1, 0, 1, 20]);
    assert.equal(request.marks?.[0].name, 'tf.keras.activations.sigmoid');
    assert.equal(request.marks?.[0].activation, 'sigmoid', 'the points take the curve’s colour');
    assert.equal(request.marks?.[0].y[2], 0.5);
    assert.deepEqual(request.domain, [-22, 22]);
  });

  it('keeps the parameters and library as evaluated', () => {
    const request = plotRequestFor(applied('leaky_relu', [-3, 3], 'keras2', { negative_slope: 0.1 }));
    assert.deepEqual(request.activations, [{ name: 'leaky_relu', params: { negative_slope: 0.1 }, variant: 'keras2' }]);
  });

  it('shows a lone point inside the usual domain, and leaves non-finite values out', () => {
    const request = plotRequestFor(applied('exponential', [1, NaN, Infinity, 100]));
    assert.deepEqual(request.marks?.[0].x, [1, 100]);
    assert.deepEqual(request.marks?.[0].y, [Math.fround(Math.E), null]);
    const lone = plotRequestFor(applied('tanh', [0.5]));
    assert.deepEqual(lone.domain, [-4, 4]);
  });

  it('plots functions along an axis, or many points, without marks', () => {
    assert.equal(plotRequestFor(applied('softmax', [1, 2, 3])).marks, undefined);
    assert.equal(plotRequestFor(applied('relu', Array.from({ length: PLOT_MARK_LIMIT + 1 }, (_, i) => i))).marks, undefined);
  });
});

describe('inlineResultOf', () => {
  const results = (text: string): SnippetResult[] =>
    evaluateSnippet(text, { language: 'python' }).items.filter((item): item is SnippetResult => item.kind === 'result');

  it('titles a result by the activation behind it and links its plot, also on a line that only shows it', () => {
    const [assigned, shown] = results('a = [-1.0, 0.0, 1.0]\nb = tf.keras.activations.tanh(a)\nb.numpy()');
    for (const result of [assigned, shown]) {
      const inline = inlineResultOf(result, result.line, 'auto');
      assert.equal(inline.title, 'tf.keras.activations.tanh · tanh (Keras 3)');
      assert.deepEqual(inline.plot?.marks?.[0].x, [-1, 0, 1]);
      assert.equal(inline.text, result.text);
    }
  });

  it('keeps notes apart from the text, so Copy gives exactly what NumPy prints', () => {
    const [result] = results('import numpy as np\nb = tf.keras.activations.relu(np.exp(np.array([1.0, 1000.0], dtype=np.float32)))');
    assert.deepEqual(result.notes, ['RuntimeWarning: overflow encountered in exp'], "NumPy's warning becomes a note");
    const inline = inlineResultOf(result, result.line, 'command');
    assert.deepEqual(inline.notes, result.notes);
    assert.doesNotMatch(inline.text, /note/);
  });
});
