// Benchmark section "hover": what a hover costs on a 10,000-line Python file — recognising the activation at
// the position and building the markdown with its formula and curve images — and what reading the whole
// file costs (lexing + imports, once per document version, then every reference). The file mixes the
// samples' patterns with call sites whose literal parameters differ, so most hovers draw a new curve.
// Also what `scan` costs on a 10,000-line Markdown file (prose, inline code, Python and JS fences). Times
// are the process' CPU time, which stays steady on a shared machine.
import { analyzeDocument, lineStarts, referenceAt, scanDocument } from '../src/language';
import { buildHover } from '../src/render/hover';
import { formatTable, median, nowMs } from './harness';

const LINES = 10_000;

/** Activation lines with literal parameters varying by line, between ordinary model code. */
function pythonFile(): string {
  const lines = [
    'import tensorflow as tf',
    'import keras',
    'from keras import layers, activations',
    'from keras.layers import LeakyReLU, ELU, ReLU, Activation, Dense',
  ];
  const patterns = [
    (i: number) => `x = LeakyReLU(negative_slope=${(i % 997) / 1000})(x)`,
    (i: number) => `x = layers.Dense(${i % 512 + 1}, activation='gelu')(x)  # a comment with 'relu' in it`,
    (i: number) => `y = tf.keras.activations.relu(x, negative_slope=0.1, max_value=${(i % 89) / 10 + 1}, threshold=0.5)`,
    (i: number) => `x = ELU(alpha=${(i % 293) / 100 + 0.05})(x)`,
    () => `z = keras.ops.gelu(x)`,
    (i: number) => `h = activations.squareplus(x, b=${(i % 101) / 10})`,
    () => `model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")`,
    () => `print("training step", step, loss)`,
  ];
  for (let i = lines.length; i < LINES; i++) lines.push(patterns[i % patterns.length](i));
  return lines.join('\n');
}

/** A README-like Markdown file: prose with inline code, Python fences sharing imports, JS fences, a console session. */
function markdownFile(): string {
  const blocks = [
    (i: number) => [`## Section ${i}`, '', `Prose that mentions \`keras.activations.relu\` and activation="gelu" inline, line ${i}.`, ''],
    (i: number) => ['```python', 'x = layers.Dense(64, activation="relu")(inputs)', `x = layers.LeakyReLU(negative_slope=${(i % 97) / 100})(x)`, 'y = keras.ops.gelu(x)', 'model.compile(optimizer="adam")', '```', ''],
    (i: number) => ['```js', `model.add(tf.layers.dense({ units: ${(i % 64) + 1}, activation: 'relu' }));`, 'tf.tensor1d([-1, 0, 2]).sigmoid().print();', '```', ''],
    () => ['```pycon', '>>> keras.activations.elu([-1.0, 0.0], alpha=0.5)', 'array([-0.31606028,  0.        ], dtype=float32)', '```', ''],
  ];
  const lines = ['# Guide', '', '```python', 'import keras', 'from keras import layers', '```', ''];
  for (let i = 0; lines.length < LINES; i++) lines.push(...blocks[i % blocks.length](i));
  return lines.slice(0, LINES).join('\n');
}

export interface HoverBenchResult {
  readonly lines: number;
  readonly references: number;
  readonly analyzeMs: number;
  readonly scanMs: number;
  readonly hovers: number;
  readonly hoverMedianMs: number;
  readonly hoverP99Ms: number;
  /** The same p99 on the wall clock: what a person waits, without the parallel GC threads' CPU time. */
  readonly hoverWallP99Ms: number;
  readonly missMedianMs: number;
  readonly markdownReferences: number;
  readonly markdownScanMs: number;
}

function timeOnce<T>(work: () => T): [T, number] {
  const start = nowMs();
  const result = work();
  return [result, nowMs() - start];
}

function percentile99(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
}

export function runHoverBench(): HoverBenchResult {
  const text = pythonFile();
  // Warm the JIT on a copy, then time the first read of the real text as an editor would do it.
  scanDocument(analyzeDocument(text.slice(0, 50_000), 'python'));
  const analyses = Array.from({ length: 7 }, () => timeOnce(() => analyzeDocument(text, 'python')));
  const index = analyses[0][0];
  const analyzeMs = median(analyses.map(([, ms]) => ms));
  const scans = Array.from({ length: 7 }, () => timeOnce(() => scanDocument(index)));
  const references = scans[0][0];
  const scanMs = median(scans.map(([, ms]) => ms));

  // Hover over the middle of each reference, in file order (each site's parameters are new to the caches).
  const hoverTimes: number[] = [];
  const hoverWallTimes: number[] = [];
  for (const reference of references) {
    const offset = (reference.start + reference.end) >> 1;
    const wallStart = performance.now();
    const [, ms] = timeOnce(() => {
      const found = referenceAt(index, offset);
      return found && buildHover(found, { theme: 'dark', plotLink: true, evaluateArgs: [{ line: 0 }] });
    });
    hoverWallTimes.push(performance.now() - wallStart);
    hoverTimes.push(ms);
  }
  // Positions that name nothing: the cost of saying "no hover".
  const starts = lineStarts(text);
  const missTimes: number[] = [];
  for (let line = 6; line < LINES; line += 8) {
    missTimes.push(timeOnce(() => referenceAt(index, starts[line] + 20))[1]);
  }
  // `scan` of a Markdown file: finding the fences, reading each, every reference (as the CLI does).
  const markdown = markdownFile();
  for (let k = 0; k < 3; k++) scanDocument(analyzeDocument(markdown, 'markdown'));
  const markdownScans = Array.from({ length: 15 }, () => timeOnce(() => scanDocument(analyzeDocument(markdown, 'markdown'))));
  return {
    lines: LINES,
    references: references.length,
    analyzeMs,
    scanMs,
    hovers: hoverTimes.length,
    hoverMedianMs: median(hoverTimes),
    hoverP99Ms: percentile99(hoverTimes),
    hoverWallP99Ms: percentile99(hoverWallTimes),
    missMedianMs: median(missTimes),
    markdownReferences: markdownScans[0][0].length,
    markdownScanMs: median(markdownScans.map(([, ms]) => ms)),
  };
}

export function formatHoverResults(result: HoverBenchResult): string {
  const ms = (value: number) => `${value.toFixed(3)} ms`;
  return formatTable(
    ['measure', 'time'],
    [
      [`read the file (lex + imports), ${result.lines} lines`, ms(result.analyzeMs)],
      [`scan every reference (${result.references})`, ms(result.scanMs)],
      [`hover: recognise + markdown + images, median of ${result.hovers}`, ms(result.hoverMedianMs)],
      ['hover: p99', ms(result.hoverP99Ms)],
      ['hover: p99 on the wall clock', ms(result.hoverWallP99Ms)],
      ['no activation at the position, median', ms(result.missMedianMs)],
      [`scan a ${result.lines}-line Markdown file (${result.markdownReferences} references)`, ms(result.markdownScanMs)],
    ],
  );
}
