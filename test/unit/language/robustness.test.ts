// The recognizers are total and linear: random bytes, truncated files, unbalanced brackets and
// unterminated strings never throw or hang, and every reference a scan reports is what a hover at its
// position reports.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { analyzeDocument, referenceAt, scanDocument, type DocumentIndex, type DocumentLanguage } from '../../../src/language';
import { fixture } from './expect';
import { random } from '../../support/random';

/** Pieces of code-like text that stress the lexers, mixed with arbitrary UTF-16 units (lone surrogates too). */
const PIECES = [
  'keras', 'tf', 'layers', 'activations', '.', 'relu', 'gelu', 'LeakyReLU', 'leakyRelu', 'import', 'from', 'as', ' ', '\n', '\r\n', '\r', '\t',
  '(', ')', '[', ']', '{', '}', ',', '=', '==', ':', '*', '**', '-', '1e-3', '0x', '#', '//', '/*', '*/', '/', '\\', "'", '"', '"""', "'''",
  '`', '${', 'f"', "rb'", 'activation', "'relu'", 'alpha=0.1', 'float(', "'inf'", 'tf.layers.dense({', 'activation:', 'require(', '@tensorflow/tfjs',
  // Documentation: fences, prompts, block quotes, JSDoc.
  '```python\n', '```js\n', '~~~py\n', '```\n', '````', '>>> ', '... ', '> ', '/**', ' * ', '@example', '\n    ',
];

function randomText(next: () => number, length: number): string {
  let text = '';
  while (text.length < length) {
    if (next() < 0.15) text += String.fromCharCode(Math.floor(next() * 0x10000));
    else text += PIECES[Math.floor(next() * PIECES.length)];
  }
  return text;
}

const LANGUAGES: readonly DocumentLanguage[] = ['python', 'typescript', 'javascript', 'markdown'];

/** Scans, checks every reference's range and that a hover at its start finds the same reference. */
function checkDocument(text: string, language: DocumentLanguage): void {
  let index: DocumentIndex;
  try {
    index = analyzeDocument(text, language);
  } catch (error) {
    assert.fail(`analyze threw on ${JSON.stringify(text.slice(0, 200))}: ${String(error)}`);
  }
  const references = scanDocument(index, { kerasVersion: '2' });
  for (const reference of references) {
    assert.ok(reference.start >= 0 && reference.start <= reference.end && reference.end <= text.length, 'range inside the text');
    assert.equal(text.slice(reference.start, reference.end), reference.written);
    const again = referenceAt(index, reference.start, { kerasVersion: '2' });
    assert.deepEqual([again?.name, again?.start, again?.end], [reference.name, reference.start, reference.end], `hover at ${reference.start} in ${JSON.stringify(text)}`);
  }
  for (const offset of [0, text.length >> 1, text.length, -1, text.length + 1]) referenceAt(index, offset);
}

describe('recognizer robustness', () => {
  it('never throws on random text, and scan agrees with hovers', function () {
    this.timeout(60000);
    const next = random(20240611);
    for (let round = 0; round < 300; round++) {
      const text = randomText(next, Math.floor(next() * 400));
      for (const language of LANGUAGES) checkDocument(text, language);
    }
  });

  it('never throws on truncated fixtures', function () {
    this.timeout(60000);
    const files = readdirSync(new URL('../../fixtures/language/', import.meta.url)).filter((name) => !name.endsWith('.ipynb'));
    for (const name of files) {
      const text = fixture(name);
      const step = Math.max(1, Math.floor(text.length / 150));
      for (let cut = 0; cut <= text.length; cut += step) {
        checkDocument(text.slice(0, cut), name.endsWith('.py') ? 'python' : 'typescript');
        checkDocument(text.slice(cut), name.endsWith('.py') ? 'python' : 'typescript');
      }
    }
  });

  it('handles unbalanced brackets and unterminated strings of every kind', () => {
    const cases = [
      'keras.layers.LeakyReLU(negative_slope=0.1',
      'keras.layers.LeakyReLU(negative_slope=[0.1)',
      ')))]]]}}} keras.activations.relu(x)',
      'Dense(activation="relu',
      "Dense(activation='''relu",
      'f"{keras.activations.relu(x)',
      'x = """\nkeras.activations.relu(x)\n',
      "rb'\\",
      'tf.layers.dense({activation: `relu${',
      'tf.layers.dense({activation: `${`${`',
      'const r = /[relu/; tf.relu(x)',
      '/* tf.relu(x)',
      "tf.layers.dense({activation: 'relu",
      '\\',
      '`',
      '${}',
    ];
    for (const text of cases) for (const language of LANGUAGES) checkDocument(text, language);
    // Still finds what it can after the damage.
    const [relu] = scanDocument(analyzeDocument(')))]]]}}} keras.activations.relu(x)', 'python'));
    assert.equal(relu?.name, 'relu');
  });

  it('stays linear on pathological nesting and long lines', function () {
    this.timeout(60000);
    const n = 40000;
    const inputs: [string, DocumentLanguage][] = [
      ['tf.nn.relu('.repeat(n), 'python'],
      ['tf.nn.relu('.repeat(n) + ')'.repeat(n), 'python'],
      ['('.repeat(n) + ']'.repeat(n), 'python'],
      ['keras.layers.ReLU(' + 'max_value=1,'.repeat(n) + ')', 'python'],
      ['a.'.repeat(n) + 'relu(x)', 'python'],
      ['x = ' + "'relu' ".repeat(n), 'python'],
      ['tf.relu('.repeat(n), 'typescript'],
      ['tf.layers.dense({activation: '.repeat(n), 'typescript'],
      ['`${'.repeat(n), 'typescript'],
      ['{'.repeat(n) + ')'.repeat(n), 'typescript'],
      ['x' + '.relu()'.repeat(n), 'typescript'],
      // Documentation: many fences, fences never closed, deep block quotes, a docstring of prompts, JSDoc examples.
      ['```python\nkeras.activations.relu(x)\n```\n'.repeat(n / 10), 'markdown'],
      ['````python\n```\n'.repeat(n / 4), 'markdown'],
      ['> '.repeat(n) + '```py\nops.gelu(x)', 'markdown'],
      ['"""\n' + '>>> keras.activations.relu(x)\n... \n'.repeat(n / 4) + '"""', 'python'],
      ['/**\n' + ' * @example\n * tf.relu(x)\n * ```js\n'.repeat(n / 4) + ' */', 'typescript'],
    ];
    // A quadratic walk over ~400k characters would take minutes and trip the test's timeout; linear work takes
    // milliseconds (npm run bench measures the speed itself).
    for (const [text, language] of inputs) {
      const index = analyzeDocument(text, language);
      scanDocument(index);
      for (let k = 0; k < 1000; k++) referenceAt(index, (k * 7919) % text.length);
    }
  });
});
