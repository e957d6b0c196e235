// Random and mutated code through the snippet evaluator, in every mode and language: it always answers
// (results, positioned errors, values or a pending activation), never throws and never takes long.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateSnippet, type SnippetOptions } from '../../src/interpreter/snippet';
import { random } from '../support/random';
import { mutate, randomText } from './values-mutations';

const ROOT = path.join(__dirname, '..', '..');
const SAMPLES = [
  ['python', fs.readFileSync(path.join(ROOT, 'samples', 'python', 'tutorial.py'), 'utf8')],
  ['python', fs.readFileSync(path.join(ROOT, 'samples', 'python', 'ops_and_tf_nn.py'), 'utf8')],
  ['python', fs.readFileSync(path.join(ROOT, 'samples', 'python', 'keras_layers.py'), 'utf8')],
  ['typescript', fs.readFileSync(path.join(ROOT, 'samples', 'tfjs', 'model.ts'), 'utf8')],
  ['javascript', fs.readFileSync(path.join(ROOT, 'samples', 'tfjs', 'ops.js'), 'utf8')],
] as const;

function check(text: string, options: SnippetOptions): void {
  let evaluation;
  try {
    evaluation = evaluateSnippet(text, options);
  } catch (error) {
    assert.fail(`threw on ${JSON.stringify(text.slice(0, 200))}: ${String(error)}`);
  }
  for (const item of evaluation.items) {
    if (item.kind === 'error') {
      assert.match(item.error.message, /^line \d+, column \d+: ./);
      assert.doesNotMatch(item.error.message, /internal error/, JSON.stringify(text.slice(0, 300)));
    } else {
      assert.ok(item.text.length > 0);
    }
    assert.ok(item.line >= 0);
  }
}

describe('snippet evaluator fuzzing', () => {
  it('answers mutations of the samples in auto and selection mode', function () {
    this.timeout(120_000);
    const next = random(3);
    for (let i = 0; i < 600; i++) {
      const [language, sample] = SAMPLES[i % SAMPLES.length];
      // Mutate a window of the sample, keep the rest: realistic edits while typing.
      const at = Math.floor(next() * sample.length);
      const text = sample.slice(0, at) + mutate(sample.slice(at, at + 120), next) + sample.slice(at + 120);
      const start = Math.floor(next() * text.length);
      const end = Math.min(text.length, start + Math.floor(next() * 200));
      check(text, { language, ...(i % 2 ? { range: { start, end }, mode: 'selection' as const } : {}), kerasVersion: i % 3 ? '3' : '2' });
    }
  });

  it('answers random code', () => {
    const next = random(4);
    for (let i = 0; i < 1500; i++) {
      const text = randomText(next, 1 + Math.floor(next() * 120));
      const language = (['python', 'typescript', 'javascript'] as const)[i % 3];
      check(text, { language, ...(i % 2 ? { range: { start: 0, end: text.length } } : {}) });
    }
  });

  it('answers long adversarial code quickly', () => {
    const inputs = [
      'a = [1.0]\n' + 'a = tf.nn.relu(a)\n'.repeat(2000),
      'x = (' + '\n'.repeat(5000),
      'def f(:\n'.repeat(3000),
      'import ' + 'a.'.repeat(5000),
      '"""'.repeat(3001),
      'if True:\n    '.repeat(2000) + 'y = tf.nn.relu([1.0])',
      '{'.repeat(5000) + 'const x = tf.relu(tf.tensor1d([1]));',
      'const f = (x) => {\n'.repeat(1000),
    ];
    for (const text of inputs) {
      for (const language of ['python', 'typescript'] as const) {
        const evaluation = evaluateSnippet(text, { language });
        assert.ok(Array.isArray(evaluation.items));
      }
    }
  });
});
