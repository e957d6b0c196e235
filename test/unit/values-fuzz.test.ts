// Random and mutated text through the value parser: it always answers (values or a positioned error),
// never throws, and never takes long, whatever it is given.
import assert from 'node:assert/strict';
import { parseValues, type Dialect } from '../../src/interpreter/values';
import { tokenize } from '../../src/interpreter/valuesLexer';
import { random } from '../support/random';
import { mutate, randomText } from './values-mutations';

const CORPUS = [
  '[-20, -1.0, 0.0, 1.0, 20]',
  'tf.constant([-20, -1.0, 0.0, 1.0, 20], dtype = tf.float32)',
  "np.array([[1, 2], [3, 4]], dtype='float32')",
  'np.linspace(-3, 3, 7)',
  "[float('inf'), -np.inf, np.nan, 1_000.5, 0x1F]",
  'tf.tensor2d([1, 2, 3, 4], [2, 2])',
  'array([2.0611537e-09, 2.6894143e-01], dtype=float32)',
  'np.arange(6).reshape(2, 3) / 2',
  'tf.range(0., 1., 0.1)',
  'const x = tf.tensor1d([-1, 0, 1]);',
];

function check(text: string, dialect: Dialect): void {
  let result;
  try {
    result = parseValues(text, { dialect });
    if (dialect === 'javascript') tokenize(text);
  } catch (error) {
    assert.fail(`threw on ${JSON.stringify(text)}: ${String(error)}`);
  }
  if (!result.ok) {
    assert.match(result.error.message, /^line \d+, column \d+: ./, JSON.stringify(text));
    assert.ok(result.error.line >= 0 && result.error.column >= 0);
  } else {
    assert.equal(result.array.data.length, result.value.shape.reduce((a, b) => a * b, 1));
  }
}

describe('value parser fuzzing', () => {
  it('answers every mutation of the corpus without throwing or stalling', () => {
    const next = random(1);
    for (let i = 0; i < 3000; i++) {
      const base = CORPUS[i % CORPUS.length];
      const text = mutate(base, next);
      check(text, i % 2 === 0 ? 'python' : 'javascript');
    }
  });

  it('answers random text without throwing or stalling', () => {
    const next = random(2);
    for (let i = 0; i < 2000; i++) {
      const text = randomText(next, 1 + Math.floor(next() * 80));
      check(text, i % 2 === 0 ? 'python' : 'javascript');
    }
  });

  it('answers long adversarial inputs quickly', () => {
    const inputs = [
      '['.repeat(5000) + ']'.repeat(5000),
      '[' + '1,'.repeat(50_000) + ']',
      '1' + '+1'.repeat(20_000),
      "'".repeat(10_001),
      '"""' + 'a'.repeat(50_000),
      '/*'.repeat(10_000),
      'np.' .repeat(10_000),
      '(' + 'lambda x: '.repeat(2000) + '1)',
      '[' + '(1, '.repeat(3000),
    ];
    for (const text of inputs) {
      for (const dialect of ['python', 'javascript'] as const) {
        const result = parseValues(text, { dialect });
        assert.ok(result.ok || result.error.message.length > 0);
      }
    }
  });
});
