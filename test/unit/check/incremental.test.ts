// An incremental re-read and re-check gives exactly what reading and checking the text whole gives, over
// random edit sequences on model code (imports, docstring examples, brackets and strings across lines, the
// mistakes every rule reports), on TypeScript with tfjs and on Markdown with fences of several languages: the tokens, the import table,
// every reference a hover or scan finds, and the diagnostics with their fixes — whether the new index was
// re-read from the previous one or read whole.
import assert from 'node:assert/strict';
import { checkDocument, type CheckKeras, type CheckResult } from '../../../src/check';
import { flavourOf, handwrittenChecks, withoutRecentRuns } from '../../../src/check/handwritten';
import { analyzeDocument, reanalyzeDocument, referenceAt, scanDocument, type DocumentIndex, type DocumentLanguage } from '../../../src/language';

const SEED_TEXT = [
  'import keras',
  'from keras import layers, activations',
  'from keras.layers import LeakyReLU, ThresholdedReLU',
  'K = keras',
  '',
  '',
  'def block(x, activation="relu"):',
  '    """A block.',
  '',
  '    >>> y = layers.Dense(1, activation="softmax")(x)',
  '    >>> keras.activations.leaky_relu(x, alpha=0.1)',
  '    """',
  '    x = layers.Dense(',
  '        64,',
  "        activation='rellu',",
  '    )(x)',
  '    x = LeakyReLU(alpha=0.2)(x)  # deprecated',
  '    return ThresholdedReLU(theta=0.5)(x)',
  '',
  'outputs = K.layers.Dense(1, activation="softmax")(x)',
  "y = activations.get('Relu') + \\",
  '    keras.activations.threshold(x, 0.5)',
  "z = layers.ReLU(max_value=-1, negative_slope=0.1)(x)",
  's = f"{x!r:>{width}}" + \'\'\'tri',
  "ple'''",
  'model = keras.Sequential([layers.Dense(10, activation="softmax")])',
  'model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))',
  'keras.activations.squareplus(x)',
  '',
].join('\n');

/** Pieces an edit inserts: structure (brackets, quotes, line ends, continuations, comments), names that mean something, mistakes. */
const FRAGMENTS = [
  '(', ')', '[', ']', '{', '}', "'", '"', '"""', "'''", '\n', '\r\n', '\r', '\\\n', '#', ' ', ':', ',', ';', '=', '.',
  'x', 'relu', 'layers', 'keras', 'tf', 'ReLU', 'K', 'activations',
  'relu = 1\n', 'layers = 2\n', 'total = 3\n', 'import tensorflow as tf\n', 'from keras.activations import *\n', 'from keras.layers import ReLU\n',
  '    >>> from keras.activations import *\n', '    >>> relu(x)\n', '\n    """\n    >>> layers.Activation("sofmax")\n    """\n',
  "activation='sofmax'", 'activation="softmax"', 'layers.Dense(1, ', 'LeakyReLU(negative_slope=-1)', 'get_custom_objects()', 'f"{', 'from_logits=True',
  'keras.activations.leaky_relu(x, alpha=0.3)\n', 'model = keras.Sequential([layers.Dense(3, activation="sigmoid")])\n',
  // A Sequential built with model.add (AL302's last added layer), and functions appearing and going (AL401/AL402 run only with a def or lambda).
  'model = keras.Sequential()\n', 'model.add(layers.Dense(10, activation="softmax"))\n', 'model.add(layers.Dense(3))\n', 'def ', 'lambda x: ', 'sig = lambda x: 1/(1+2.718**-x)\n', 'def elu(x):\n    return x if x > 0 else 2.718**x - 1\n',
];

/** A small deterministic generator (a linear congruential one), so that a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const MARKDOWN_SEED_TEXT = [
  '# Notes',
  '',
  'Prose with `relu` and a ```` ``` ```` in it.',
  '',
  '```python',
  'import keras',
  'from keras import layers',
  "x = layers.Dense(1, activation='softmax')(x)",
  '```',
  '',
  '~~~py',
  "y = layers.Activation('sofmax')(x)",
  'keras.activations.leaky_relu(x, alpha=0.1)',
  '~~~',
  '',
  '```js',
  "import * as tf from '@tensorflow/tfjs';",
  "tf.layers.dense({ units: 1, activation: 'hard_sigmoid' });",
  '```',
  '',
  '> ```python',
  '> z = layers.LeakyReLU(negative_slope=-1)(x)',
  '> ```',
  '',
  '```pycon',
  '>>> layers.ReLU(max_value=-1)',
  '```',
  '',
  '```text',
  "activation='rellu'",
  '```',
  '',
  '```ts',
  "tf.layers.dense({ units: 2, activation: 'leaky_relu' });",
  '```',
  '',
  '```python',
  'def elu(x, alpha=1.0):',
  '    return x if x > 0 else alpha * (2.718 ** x) - 1',
  '```',
  '',
].join('\n');

const SCRIPT_SEED_TEXT = [
  "import * as tf from '@tensorflow/tfjs';",
  "import { layers, relu as r } from '@tensorflow/tfjs-layers';",
  "const { sigmoid } = require('@tensorflow/tfjs');",
  '',
  '/**',
  ' * A block.',
  ' * @example',
  " * tf.layers.dense({ units: 1, activation: 'softmax' });",
  ' */',
  'function block(x) {',
  "  const y = tf.layers.dense({ units: 64, activation: 'hard_sigmoid' }).apply(x);",
  '  const z = tf.layers.leakyReLU({ alpha: 0.2 }).apply(y);',
  "  return layers.dense({ units: 1, activation: 'softmax' }).apply(z);",
  '}',
  'const pattern = /relu[/]x/g, half = 1 / 2;',
  "const label = `relu ${tf.relu(x)} and ${'sigmoid'}`;",
  '/* a comment with tf.elu(x) */',
  'const t = x.relu().sigmoid(1, 2);',
  "model.add(tf.layers.dense({ units: 3, activation: 'leaky_relu' }))",
  'tf.leakyRelu(x, 0.2)',
  '',
].join('\n');

/** TS/JS structure: template literals, regexes and division, comments, JSDoc, bindings. */
const SCRIPT_FRAGMENTS = [
  ...FRAGMENTS.filter((fragment) => !fragment.includes('\n') || fragment === '\n' || fragment === '\r\n'),
  '`', '${', '/', '//', '/*', '*/', '/**', ' * @example\n', '=>', '?.', 'const ', 'let ', 'function ', 'import ', 'require', "from '@tensorflow/tfjs'",
  "const tf = require('@tensorflow/tfjs');\n", "import * as tf from 'other';\n", 'tf.', '.relu()', "activation: 'hardSigmoid'", "activation: 'hard_sigmoid'",
  "tf.layers.dense({ units: 1, activation: 'softmax' })\n", 'return /x/;\n', 'registerClass(x)\n',
];

/** Hand-written activations above model code, for edits below them that may or may not reach them. */
const HANDWRITTEN_SEED_TEXT = [
  'import numpy as np',
  'import keras',
  'from keras import layers',
  'ALPHA = 0.2',
  'scale = [1.0]',
  '',
  'def my_sigmoid(x):',
  '    return 1 / (1 + np.exp(-x))',
  '',
  'def leaky(x):',
  '    return x if x > 0 else ALPHA * x * scale[0]',
  '',
  'elu = lambda x: x if x > 0 else 2.718 ** x - 1',
  '',
  "x = layers.Dense(64, activation='relu')(x)",
  'y = layers.LeakyReLU(negative_slope=0.3)(x)',
  'z = keras.activations.leaky_relu(x, alpha=0.1)',
  'total = 1 + 2',
  "print(f'{total}')",
  '',
].join('\n');

/** Lines an edit below the functions may add: ones that change what they compute (directly, by an alias, by a definition) and ones that do not. */
const HANDWRITTEN_LINES = [
  'ALPHA = 3', 'scale[0] = 2', 'other = scale', 'other[0] = 5', 'np.exp = abs', "f'{scale.append(2)}'", 'total = 4', 'w = total * 2', 'print(total)',
  'def leaky(x):\n    return x', 'del ALPHA', 'for i in range(3):\n    ALPHA = i', 'exec("ALPHA = 1")', 'leaky = lambda x: x', "x = layers.Dense(1, activation='softmax')(x)",
];

/**
 * Hand-written activations that keep to themselves (NumPy, math, constants, each other), for edits inside their
 * bodies and of the constant one reads: the module is not run again for those while nothing else reads them.
 */
const ISOLATED_SEED_TEXT = [
  'import math',
  'import numpy as np',
  'from keras import layers',
  'ALPHA = 0.2',
  'SHAPE = (1.0, 2.0)',
  'scale = [1.0]',
  '',
  'def my_sigmoid(x):',
  '    return 1 / (1 + np.exp(-x))',
  '',
  'def leaky(x, alpha=0.01):',
  '    return x if x > 0 else alpha * x * ALPHA / 0.2',
  '',
  'def my_elu(x, alpha=1.0):',
  '    if x > 0:',
  '        return x',
  '    return alpha * (math.exp(x) - 1)',
  '',
  'swish = lambda x: x * my_sigmoid(x)',
  '',
  'def gelu_tanh(x):',
  '    return 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3)))',
  '',
  // Not isolated, but never called: no check calls a function without a positional parameter.
  'def report():',
  '    print(ALPHA, scale)',
  '',
  "x = layers.Dense(64, activation='relu')(x)",
  'y = layers.LeakyReLU(negative_slope=0.3)(x)',
  'total = SHAPE[0] * 2',
  '',
].join('\n');

/** What an edit inside a body may type anywhere: structure that breaks it, names, numbers. */
const BODY_FRAGMENTS = ['(', ')', '"', "'", '#', ':', '\n', '\n    ', ' if x < 0 else ', 'lambda v: v', 'x', '1', '0.5', 'np.exp(x)', 'math.exp(x)', 'undefined_name'];

/**
 * What a body line may end with, and lines a def's body may gain: what keeps the function isolated (NumPy, math,
 * a constant, another function) and what does not (a list other calls read or change, a global, a print, an attribute set, a yield).
 */
const LINE_ENDS = [' * scale[0]', ' + 1', ' * alpha', ' - np.exp(x)', ' + ALPHA', ' * SHAPE[0]', ' + my_sigmoid(x)', ' + swish(x)', ' + total', ' + abs(x)', ' + len(SHAPE)', ' - math.exp(x)'];
const BODY_LINES = ['scale[0] = scale[0] * 2', 'scale.append(x)', 'y = 2 * x', 'print(x)', 'global ALPHA', 's = [x]\n    s[0] = x', 'x.y = 1', 'del x', 'yield x', 'import math', 'ALPHA = 3', 'x = leaky(x)', 'x = x if x < 0 else 0.5 * x'];

/** Top-level lines that read a function (the run calls it), rebind what one reads, or neither. */
const OBSERVING_LINES = ['z = my_elu(1.0)', 'print(swish(2.0))', 'alias = leaky', 'ALPHA = 3', 'SHAPE = [1.0]', 'def leaky(x):\n    return x', 'w = total * 2', 'print(globals())', "if __name__ == '__main__':\n    print(total)"];

/**
 * Mostly an edit inside a function's body (after its header): a digit changed, a line ended or added, or
 * anything typed; now and then a digit of a constant, a top-level line added or removed, or the seed again (an
 * edit that made a function read a global, say, sticks until undone).
 */
function editBodies(text: string, random: () => number): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const choice = random();
  if (choice < 0.12) return ISOLATED_SEED_TEXT;
  if (choice < 0.22) {
    const lines = text.split('\n');
    const at = Math.floor(random() * (lines.length + 1));
    if (random() < 0.6) lines.splice(at, 0, pick(OBSERVING_LINES));
    else lines.splice(at, 1);
    return lines.join('\n');
  }
  if (choice < 0.3) {
    // A digit of a constant: `ALPHA = 0.2` → `ALPHA = 0.7`.
    const digits = [...text.matchAll(/^[A-Z]+ = [0-9.]*[0-9]/gm)].map((line) => (line.index ?? 0) + line[0].length - 1);
    if (!digits.length) return text;
    const at = pick(digits);
    return text.slice(0, at) + String(Math.floor(random() * 10)) + text.slice(at + 1);
  }
  const bodies = [...text.matchAll(/^(?:def [^\n]*?:|\w+ = lambda [^:\n]*:)/gm)].map((header) => {
    const start = (header.index ?? 0) + header[0].length;
    const next = text.slice(start).search(/\n(?=\S)/);
    return { start, end: next === -1 ? text.length : start + next, def: header[0].startsWith('def') };
  });
  if (!bodies.length) return ISOLATED_SEED_TEXT;
  const body = pick(bodies);
  const inside = text.slice(body.start, body.end);
  if (choice < 0.55) {
    const digits = [...inside.matchAll(/[0-9]/g)];
    if (!digits.length) return text;
    const at = body.start + (pick(digits).index ?? 0);
    return text.slice(0, at) + String(Math.floor(random() * 10)) + text.slice(at + 1);
  }
  if (choice < 0.75) {
    const ends = [...inside.matchAll(/(?=\n|$)/g)].map((end) => body.start + (end.index ?? 0)).filter((at) => at > body.start);
    if (!ends.length) return text;
    const at = pick(ends);
    return text.slice(0, at) + (body.def && random() < 0.5 ? `\n    ${pick(BODY_LINES)}` : pick(LINE_ENDS)) + text.slice(at);
  }
  const at = body.start + Math.floor(random() * (inside.length + 1));
  if (choice < 0.88) return text.slice(0, at) + pick(BODY_FRAGMENTS) + text.slice(at);
  return text.slice(0, at) + (random() < 0.5 ? pick(BODY_FRAGMENTS) : '') + text.slice(Math.min(body.end, at + 1 + Math.floor(random() * 5)));
}

/** An edit of the lines after `keep` characters: a line added, one removed, a digit changed, or characters typed anywhere there. */
function editLines(text: string, random: () => number, keep: number): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const lines = text.slice(keep).split('\n');
  const at = Math.floor(random() * lines.length);
  const choice = random();
  if (choice < 0.4) lines.splice(at, 0, pick(HANDWRITTEN_LINES));
  else if (choice < 0.6) lines.splice(at, 1);
  else if (choice < 0.8) lines[at] = lines[at].replace(/[0-9]/, () => String(Math.floor(random() * 10)));
  else return text.slice(0, keep) + edit(text.slice(keep), random);
  return text.slice(0, keep) + lines.join('\n');
}

/** Markdown's structure besides code: fence markers, info strings, block quotes, prompts. */
const MARKDOWN_FRAGMENTS = [
  ...FRAGMENTS,
  '```', '~~~', '```python\n', '```js\n', '\n```\n', '> ', '>>> ', '`', '~', 'import tensorflow as tf\n', "import * as tfjs from '@tensorflow/tfjs';\n",
  "tf.layers.dense({ units: 1, activation: 'relu' })\n", "activation: 'hardSigmoid'", 'const tf = 1;\n',
];

function edit(text: string, random: () => number, fragments: readonly string[] = FRAGMENTS): string {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const at = Math.floor(random() * (text.length + 1));
  const choice = random();
  if (choice < 0.45) return text.slice(0, at) + pick(fragments) + text.slice(at);
  if (choice < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * (random() < 0.2 ? 60 : 6)));
  if (choice < 0.9) return text.slice(0, at) + pick(fragments) + text.slice(at + Math.floor(random() * 5));
  // A line moved elsewhere.
  const lines = text.split('\n');
  const [line] = lines.splice(Math.floor(random() * lines.length), 1);
  lines.splice(Math.floor(random() * (lines.length + 1)), 0, line);
  return lines.join('\n');
}

/** The index as data (typed arrays as plain arrays), what must be equal. */
function indexFacts(index: DocumentIndex): unknown {
  if (index.language === 'markdown') {
    return { text: index.text, fences: index.fences, context: index.context, regions: comparable(index.regions), indexes: index.indexes.map(indexFacts) };
  }
  const { tokens } = index;
  return {
    text: index.text,
    tokens: [tokens.count, ...[tokens.kind, tokens.start, tokens.end, tokens.match, tokens.parent].map((array) => Array.from(array))],
    ...(index.language === 'python' ? { imports: index.imports, context: index.context, importSites: index.importSites } : { bindings: index.bindings, importSites: index.importSites, usesTfjs: index.usesTfjs, docComments: index.docComments }),
  };
}

/**
 * A recognizer's answer as data: a site's functions (its flavour hint) are made per document index, so they
 * are compared by their source, not by identity.
 */
function comparable(value: unknown): unknown {
  if (typeof value === 'function') return `function ${value.toString()}`;
  if (value instanceof Set) return [...value].map(comparable);
  if (value instanceof Map) return [...value].map(comparable);
  if (ArrayBuffer.isView(value)) return Array.from(value as Int32Array);
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparable(item)]));
  return value;
}

/** The hand-written checks of a Python document as data (the function objects, of one run or another, left out). */
function handwrittenFunctions(index: DocumentIndex, flavour: ReturnType<typeof flavourOf>): unknown {
  if (index.language !== 'python') return [];
  return comparable(handwrittenChecks(index, flavour).map((check) => ({ ...check, fn: { ...check.fn, value: undefined } })));
}

const KERAS: readonly CheckKeras[] = [{ major: '3', version: '3.5', source: 'requirements.txt' }, { major: '2', version: '2.12' }];

/** Edits `seed` `steps` times (`change`: one edit), re-reading and re-checking each version from the last, against a whole read and check. */
function fuzz(seed: string, language: DocumentLanguage, change: (text: string, random: () => number) => string, keras: CheckKeras, randomSeed: number, steps: number): void {
  const random = generator(randomSeed);
  let text = seed;
  let index = analyzeDocument(text, language);
  let result: CheckResult = checkDocument(index, { keras });
  let fromWhole: CheckResult = result;
  let before = text;
  for (let step = 0; step < steps; step++) {
    // Now and then the last edit undone (a bracket typed and deleted), else a new one.
    [before, text] = random() < 0.15 ? [text, before] : [text, change(text, random)];
    if (text.length > 4000) text = seed;
    const whole = analyzeDocument(text, language);
    index = reanalyzeDocument(index, text);
    const where = `step ${step}: ${JSON.stringify(text)}`;
    assert.deepStrictEqual(indexFacts(index), indexFacts(whole), where);
    result = checkDocument(index, { keras }, result);
    // The hand-written functions' checks of the expected result come from a run of the module, not a recent one.
    const flavour = flavourOf(keras);
    const [expected, expectedFunctions] = withoutRecentRuns(() => [checkDocument(whole, { keras }), handwrittenFunctions(whole, flavour)] as const);
    assert.deepStrictEqual(result, expected, where);
    // What the hover shows too: each function's place, reads and samples.
    assert.deepStrictEqual(handwrittenFunctions(index, flavour), expectedFunctions, where);
    // A previous result whose index was read whole, not re-read: the edit is found all the same.
    fromWhole = checkDocument(analyzeDocument(text, language), { keras }, fromWhole);
    assert.deepStrictEqual(fromWhole, expected, where);
    if (step % 10 === 0) {
      const recognize = { kerasVersion: keras.major };
      assert.deepStrictEqual(comparable(scanDocument(index, recognize)), comparable(scanDocument(whole, recognize)), where);
      for (let probe = 0; probe < 20; probe++) {
        const offset = Math.floor(random() * (text.length + 1));
        assert.deepStrictEqual(comparable(referenceAt(index, offset, recognize)), comparable(referenceAt(whole, offset, recognize)), `${where} at ${offset}`);
      }
    }
  }
}

describe('incremental re-read and re-check', () => {
  for (const [run, keras] of KERAS.entries()) {
    // 800 edits, each read and checked three ways: about 10 s alone, more on a loaded machine.
    it(`equals a whole read and check after every edit (Keras ${keras.version}, 800 random edits)`, () => fuzz(SEED_TEXT, 'python', (text, random) => edit(text, random), keras, 20260821 + run, 800)).timeout(60_000);
    it(`equals a whole read and check after every edit of Markdown (Keras ${keras.version}, 600 random edits)`, () => fuzz(MARKDOWN_SEED_TEXT, 'markdown', (text, random) => edit(text, random, MARKDOWN_FRAGMENTS), keras, 20261204 + run, 600)).timeout(60_000);
    it(`equals a whole read and check after every edit below hand-written functions (Keras ${keras.version}, 300 random edits)`, () =>
      fuzz(HANDWRITTEN_SEED_TEXT, 'python', (text, random) => editLines(text, random, HANDWRITTEN_SEED_TEXT.indexOf('x = layers')), keras, 20261206 + run, 300)).timeout(60_000);
    it(`equals a whole read and check after every edit inside hand-written functions (Keras ${keras.version}, 300 random edits)`, () =>
      fuzz(ISOLATED_SEED_TEXT, 'python', editBodies, keras, 20261207 + run, 300)).timeout(60_000);
    it(`equals a whole read and check after every edit of TypeScript (Keras ${keras.version}, 800 random edits)`, () => fuzz(SCRIPT_SEED_TEXT, 'typescript', (text, random) => edit(text, random, SCRIPT_FRAGMENTS), keras, 20261205 + run, 800)).timeout(60_000);
  }

  it('runs the module again for an edit inside a function the run reads, whose defaults it computes, or whose calls share state, or of a constant the run reads', () => {
    const keras = KERAS[0];
    const cases: [string, string, string][] = [
      // The run calls it: `y` holds what it gave, and another function reads `y`.
      ['def my_elu(x):\n    return x if x > 0 else 2.0 ** x - 1\ny = my_elu(-1.0)\ndef leaky(x):\n    return x if x > 0 else y * x\n', '2.0 ** x - 1', '2.0 ** x - 2'],
      // Its default is what ALPHA held where it was defined.
      ['ALPHA = 0.5\ndef leaky(x, alpha=ALPHA):\n    return x if x > 0 else alpha * x\nALPHA = 0.1\n', 'alpha * x', 'alpha * x * 1'],
      // The calls of a function checked after it change a list it reads.
      ['count = [1.0]\ndef leaky(x):\n    return x if x > 0 else 0.01 * x * count[0]\ndef bump(x):\n    count[0] = count[0] * 2\n    return x\n', '0.01 * x', '0.01 * x * 1'],
      // Another function reads it.
      ['def my_sigmoid(x):\n    return 1 / (1 + 2.718 ** -x)\nswish = lambda x: x * my_sigmoid(x)\n', '2.718 ** -x', '2.7182818 ** -x'],
      // A constant a function reads, itself or through another.
      ['ALPHA = 0.2\ndef leaky(x):\n    return x if x > 0 else ALPHA * x\ndef my_leaky_relu(x):\n    return leaky(x)\n', 'ALPHA = 0.2', 'ALPHA = 0.3'],
      // A constant the run reads: `y` holds what it gave, and a function reads `y`.
      ['ALPHA = 0.2\ny = ALPHA * 2\ndef leaky(x):\n    return x if x > 0 else y * x\n', 'ALPHA = 0.2', 'ALPHA = 0.3'],
      // A constant a line the run cannot read binds again.
      ['ALPHA = 0.2\ndef leaky(x):\n    return x if x > 0 else ALPHA * x\nALPHA = (\n', 'ALPHA = 0.2', 'ALPHA = 0.3'],
    ];
    for (const [text, from, to] of cases) {
      const index = analyzeDocument(text, 'python');
      const result = checkDocument(index, { keras });
      const editedIndex = reanalyzeDocument(index, text.replace(from, to));
      const edited = checkDocument(editedIndex, { keras }, result);
      const whole = analyzeDocument(editedIndex.text, 'python');
      const [expected, expectedFunctions] = withoutRecentRuns(() => [checkDocument(whole, { keras }), handwrittenFunctions(whole, flavourOf(keras))] as const);
      assert.deepStrictEqual(edited, expected, text);
      assert.deepStrictEqual(handwrittenFunctions(editedIndex, flavourOf(keras)), expectedFunctions, text);
    }
  });

  it('re-reads Markdown typed at its end: after a fence closed on the last line, and inside one left open', () => {
    const keras = KERAS[0];
    for (const start of ['```python\nimport keras\n```\n', '```python\nimport keras\n```', '```python\nimport keras\n']) {
      let text = start;
      let index = analyzeDocument(text, 'markdown');
      let result = checkDocument(index, { keras });
      for (const typed of ['x', " = keras.layers.Activation('sofmax')", '\n', 'y = 1']) {
        text += typed;
        index = reanalyzeDocument(index, text);
        result = checkDocument(index, { keras }, result);
        const whole = analyzeDocument(text, 'markdown');
        assert.deepStrictEqual(indexFacts(index), indexFacts(whole), JSON.stringify(text));
        assert.deepStrictEqual(result, checkDocument(whole, { keras }), JSON.stringify(text));
      }
    }
  });

  it('re-reads TS/JS whose last token the edit lines up at, keeping the JSDoc after it', () => {
    const keras = KERAS[0];
    const text = "import * as tf from '@tensorflow/tfjs';\nf(x)\n/**\n * @example\n * tf.layers.dense({ units: 1, activation: 'hard_sigmoid' });\n */\n";
    const index = analyzeDocument(text, 'typescript');
    const edited = text.replace('f(x)', 'f(y)');
    const whole = analyzeDocument(edited, 'typescript');
    assert.deepStrictEqual(indexFacts(reanalyzeDocument(index, edited)), indexFacts(whole));
    assert.deepStrictEqual(checkDocument(reanalyzeDocument(index, edited), { keras }, checkDocument(index, { keras })), checkDocument(whole, { keras }));
  });

  it('re-checks under other options whole', () => {
    const index = analyzeDocument(SEED_TEXT, 'python');
    const keras3 = checkDocument(index, { keras: { major: '3' } });
    const edited = reanalyzeDocument(index, SEED_TEXT.replace("'rellu'", "'relu'"));
    assert.deepStrictEqual(checkDocument(edited, { keras: { major: '2' } }, keras3), checkDocument(analyzeDocument(edited.text, 'python'), { keras: { major: '2' } }));
  });
});
