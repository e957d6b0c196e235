// Benchmark section "check": what re-checking a 10,000-line Python file costs as you type — the document read
// again (lex + imports: every edit is a new version) and every rule run over what the recognizers find. Two
// files: model code (an activation on one line in eight, half of those lines with a mistake), and a worst
// case with an activation on every line but the imports. Budget: 20 ms.
import { checkDocument } from '../src/check';
import { analyzeDocument, scanDocument } from '../src/language';
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
  /** Read + every rule: what one re-check after an edit costs. */
  readonly recheckMs: number;
  readonly readMs: number;
  readonly scanMs: number;
}

function measure(file: string, text: string): CheckFileResult {
  const keras = { major: '3', version: '3.5', source: 'requirements.txt' } as const;
  const index = analyzeDocument(text, 'python');
  const references = scanDocument(index).length;
  const diagnostics = checkDocument(index, { keras }).diagnostics.length;
  const [recheckMs, readMs, scanMs] = timeInterleaved(
    [
      { name: 'read + check', run: () => checkDocument(analyzeDocument(text, 'python'), { keras }) },
      { name: 'read', run: () => analyzeDocument(text, 'python') },
      { name: 'read + recognizers', run: () => scanDocument(analyzeDocument(text, 'python'), { kerasVersion: '3', onUnresolved: () => undefined }) },
    ],
    { ...DEFAULT_TIMING, minSampleMs: 100 },
  );
  return { file, references, diagnostics, recheckMs, readMs, scanMs };
}

export function runCheckBench(): CheckFileResult[] {
  return [measure('model code (1 line in 8 names an activation)', pythonFile(8)), measure('worst case (every line but the imports)', pythonFile(1))];
}

export function formatCheckResults(results: readonly CheckFileResult[]): string {
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  return formatTable(
    ['10,000-line file', 'references', 'diagnostics', 'read', 'recognizers', 'rules', 're-check (budget 20 ms)'],
    results.map((result) => [result.file, String(result.references), String(result.diagnostics), ms(result.readMs), ms(result.scanMs - result.readMs), ms(result.recheckMs - result.scanMs), ms(result.recheckMs)]),
  );
}
