// Benchmark section "check": what re-checking a 10,000-line Python file costs as you type — after an edit, the
// document re-read and re-checked from the previous version's index and result (what the editor does), beside
// a whole read and check for comparison, split into read, recognizers and rules. Two files: model code (an
// activation on one line in eight, half of those lines with a mistake), and a worst case with an activation on
// every line but the imports. Budget: 20 ms for the edit.
import { checkDocument, type CheckResult } from '../src/check';
import { analyzeDocument, reanalyzeDocument, scanDocument, type DocumentIndex, type DocumentLanguage } from '../src/language';
import { DEFAULT_TIMING, formatTable, timeInterleaved } from './harness';

const LINES = 10_000;
const HEADER = ['import tensorflow as tf', 'import keras', 'from keras import layers, activations', 'from keras.layers import LeakyReLU, ReLU, Dense'];

const ACTIVATION_LINES = [
  (i: number) => `x = layers.Dense(${(i % 512) + 1}, activation='relu')(x)`,
  (i: number) => `x = LeakyReLU(negative_slope=${(i % 997) / 1000})(x)`,
  (i: number) => `y = keras.activations.leaky_relu(x, alpha=${(i % 89) / 100})  # Keras 2's spelling`,
  () => `x = layers.Activation('sofmax')(x)`,
  (i: number) => `x = ReLU(max_value=${(i % 13) - 6})(x)`,
  () => `z = keras.ops.gelu(x)`,
];

const OTHER_LINES = [
  (i: number) => `    for step, (images, labels) in enumerate(dataset.take(${i % 100})):`,
  () => `        with tf.GradientTape() as tape:`,
  () => `            logits = model(images, training=True)`,
  () => `            loss = loss_fn(labels, logits) + sum(model.losses)`,
  () => `        grads = tape.gradient(loss, model.trainable_weights)`,
  () => `        optimizer.apply_gradients(zip(grads, model.trainable_weights))`,
  (i: number) => `    print("epoch %d: loss=%.4f" % (${i}, float(loss)))  # a comment with 'relu' in it`,
];

/** One activation line in `every` (the others ordinary model code). */
function pythonFile(every: number): string {
  const lines = [...HEADER];
  for (let i = lines.length; i < LINES; i++) lines.push(i % every === 0 ? ACTIVATION_LINES[(i / every) % ACTIVATION_LINES.length](i) : OTHER_LINES[i % OTHER_LINES.length](i));
  return lines.join('\n');
}

export interface CheckFileResult {
  readonly file: string;
  readonly references: number;
  readonly diagnostics: number;
  /** A one-character edit in the middle of the file, re-read and re-checked from the previous version: what the editor pays. */
  readonly editMs: number;
  /** Read + every rule, whole. */
  readonly recheckMs: number;
  readonly readMs: number;
  readonly scanMs: number;
}

/** An edit that changes the bracket or string structure below it: typing an opener halfway down, and deleting it. */
export interface StructureEditResult {
  readonly edit: string;
  readonly editMs: number;
}

const KERAS = { major: '3', version: '3.5', source: 'requirements.txt' } as const;

/** Goes round the versions (two: alternates), each re-read and re-checked from the last one's index and result. */
function typing(versions: readonly string[], language: DocumentLanguage = 'python'): () => void {
  const keras = KERAS;
  const index = analyzeDocument(versions[0], language);
  let last: { index: DocumentIndex; result: CheckResult } = { index, result: checkDocument(index, { keras }) };
  let edits = 0;
  return () => {
    const edited = reanalyzeDocument(last.index, versions[++edits % versions.length]);
    last = { index: edited, result: checkDocument(edited, { keras }, last.result) };
  };
}

/** The second version re-read and re-checked from the first one's index and result, each run afresh: the edit alone, never its undoing. */
function typingOnce([before, after]: readonly [string, string]): () => void {
  const keras = KERAS;
  const index = analyzeDocument(before, 'python');
  const result = checkDocument(index, { keras });
  return () => checkDocument(reanalyzeDocument(index, after), { keras }, result);
}

function measure(file: string, text: string): CheckFileResult {
  const keras = KERAS;
  const index = analyzeDocument(text, 'python');
  const references = scanDocument(index).length;
  const diagnostics = checkDocument(index, { keras }).diagnostics.length;
  // The edit toggles a digit of an argument halfway down, so every run is a real edit of the last version.
  const at = text.indexOf('negative_slope=0.', text.length >> 1) + 'negative_slope=0.'.length;
  const typed = typing([text, text.slice(0, at) + (text[at] === '1' ? '2' : '1') + text.slice(at + 1)]);
  const [editMs, recheckMs, readMs, scanMs] = timeInterleaved(
    [
      { name: 'edit: re-read + re-check', run: typed },
      { name: 'read + check', run: () => checkDocument(analyzeDocument(text, 'python'), { keras }) },
      { name: 'read', run: () => analyzeDocument(text, 'python') },
      { name: 'read + recognizers', run: () => scanDocument(analyzeDocument(text, 'python'), { kerasVersion: '3', onUnresolved: () => undefined }) },
    ],
    { ...DEFAULT_TIMING, minSampleMs: 100 },
  );
  return { file, references, diagnostics, editMs, recheckMs, readMs, scanMs };
}

/** The text and the text with a digit halfway down changed. */
function digitEdited(text: string): [string, string] {
  let at = text.length >> 1;
  while (!/[0-9]/.test(text[at])) at++;
  return [text, text.slice(0, at) + (text[at] === '1' ? '2' : '1') + text.slice(at + 1)];
}

/** 10,000 lines of Markdown: prose, and every 20 lines a Python fence of model code. */
function markdownFile(): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < LINES; i++) {
    lines.push(`## Step ${i}`, '', `Some prose about step ${i}, with \`relu\` in it.`, '', '```python', ...HEADER.slice(0, 2));
    for (let k = 0; k < 8; k++) lines.push(ACTIVATION_LINES[(i + k) % ACTIVATION_LINES.length](i * 8 + k));
    lines.push('```', '', '');
  }
  return lines.slice(0, LINES).join('\n');
}

/** The model code below two hand-written activations (AL401/AL402 run the module for them). */
function handwrittenFile(model: string): string {
  return ['import numpy as np', 'def my_sigmoid(x):', '    return 1 / (1 + np.exp(-x))', 'def my_elu(x, alpha=1.0):', '    return x if x > 0 else alpha * (np.exp(x) - 1)', model].join('\n');
}

/**
 * Eight versions of `my_elu`'s formula, `- 1`, `- 1.`, `- 1.0` … `- 1.00000`: an edit inside a function, typed and
 * undone in turn. More than the recent runs kept, so no version's checks are found in one.
 */
function insideFunction(text: string): string[] {
  return ['1', ...Array.from({ length: 7 }, (_, k) => `1.${'0'.repeat(k)}`)].map((one) => text.replace('alpha * (np.exp(x) - 1)', `alpha * (np.exp(x) - ${one})`));
}

/** Eight versions of the constant a hand-written leaky ReLU above the model code reads (`ALPHA = 0.2`, `0.20` …). */
function constantEdited(model: string): string[] {
  const text = ['import numpy as np', 'ALPHA = 0.2', 'def my_leaky(x):', '    return x if x > 0 else ALPHA * x', model].join('\n');
  return ['0.2', ...Array.from({ length: 7 }, (_, k) => `0.2${'0'.repeat(k + 1)}`)].map((alpha) => text.replace('ALPHA = 0.2', `ALPHA = ${alpha}`));
}

/** 10,000 lines of TypeScript with tfjs layers: one line in eight names an activation. */
function scriptFile(): string {
  const lines = ["import * as tf from '@tensorflow/tfjs';", 'const model = tf.sequential();'];
  for (let i = lines.length; i < LINES; i++) {
    lines.push(i % 8 === 0 ? `model.add(tf.layers.dense({ units: ${(i % 512) + 1}, activation: '${i % 16 === 0 ? 'relu' : 'hard_sigmoid'}' }));` : `const value${i} = compute(${i}, { step: ${i % 100} }); // relu in a comment`);
  }
  return lines.join('\n');
}

/**
 * Typing an opener halfway down the model-code file, inside a call's arguments, and deleting it again (each run
 * one of the two): `(` left open (the tokenizer reads on until a `)` closes it), `()` (the editor's auto-close),
 * and `"""` (the rest of the file a string until another one); and `(` alone, typed from the version before it in
 * every run (the keystroke that re-reads the rest, without its cheap undoing in the mean).
 */
function measureStructureEdits(text: string): StructureEditResult[] {
  const at = text.indexOf('negative_slope=0.', text.length >> 1) + 'negative_slope='.length;
  const inserted = (piece: string): [string, string] => [text, text.slice(0, at) + piece + text.slice(at)];
  const edits: [string, readonly string[], DocumentLanguage][] = [
    ['model code: after typing `(` (and after deleting it)', inserted('('), 'python'],
    ['model code: after typing `()` (auto-closed)', inserted('()'), 'python'],
    ['model code: after typing `"""`', inserted('"""'), 'python'],
    ['Markdown (a Python fence in every 20 lines): a digit edited', digitEdited(markdownFile()), 'markdown'],
    ['TypeScript (tfjs, 1 line in 8 names an activation): a digit edited', digitEdited(scriptFile()), 'typescript'],
    ['model code below two hand-written activations: a digit edited', digitEdited(handwrittenFile(text)), 'python'],
    ['model code below two hand-written activations: `- 1` edited in `def my_elu`', insideFunction(handwrittenFile(text)), 'python'],
    ['model code below a hand-written activation reading `ALPHA = 0.2`: the constant edited', constantEdited(text), 'python'],
  ];
  const times = timeInterleaved(
    edits.map(([name, versions, language]) => ({ name, run: typing(versions, language) })),
    { ...DEFAULT_TIMING, minSampleMs: 100 },
  );
  // Timed on its own, both after a full collection (as after an idle spell: V8 shrinks the young generation, and
  // the keystroke's garbage then costs several collections) and in continuous typing.
  const alone = (collectBeforeSample: boolean) => {
    const edit = `model code: typing \`(\` alone (from the version before it, every run), ${collectBeforeSample ? 'after a full collection' : 'typing on'}`;
    const [editMs] = timeInterleaved([{ name: edit, run: typingOnce(inserted('(')) }], { ...DEFAULT_TIMING, minSampleMs: 100, collectBeforeSample });
    return { edit, editMs };
  };
  return [...edits.map(([edit], k) => ({ edit, editMs: times[k] })), alone(true), alone(false)];
}

export function runCheckBench(): { files: CheckFileResult[]; structure: StructureEditResult[] } {
  const model = pythonFile(8);
  return {
    files: [measure('model code (1 line in 8 names an activation)', model), measure('worst case (every line but the imports)', pythonFile(1))],
    structure: measureStructureEdits(model),
  };
}

export function formatCheckResults({ files: results, structure }: ReturnType<typeof runCheckBench>): string {
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  const structureTable = formatTable(
    ['10,000 lines, halfway down', 'after the edit (budget 20 ms)'],
    structure.map((result) => [result.edit, ms(result.editMs)]),
  );
  return structureTable + '\n\n' + formatTable(
    ['10,000-line file', 'references', 'diagnostics', 'after an edit (budget 20 ms)', 'whole check', 'of it: read', 'recognizers', 'rules'],
    results.map((result) => [
      result.file,
      String(result.references),
      String(result.diagnostics),
      ms(result.editMs),
      ms(result.recheckMs),
      ms(result.readMs),
      ms(result.scanMs - result.readMs),
      ms(result.recheckMs - result.scanMs),
    ]),
  );
}
