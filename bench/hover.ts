// Benchmark section "hover": what a hover costs on a 10,000-line Python file — recognising the activation at
// the position and building the markdown with its formula and curve images — and what reading the whole
// file costs (lexing + imports, once per document version, then every reference). The file mixes the
// samples' patterns with call sites whose literal parameters differ, so most hovers draw a new curve.
import { analyzeDocument, lineStarts, referenceAt, scanDocument } from '../src/language';
import { buildHover } from '../src/render/hover';
import { formatTable, median } from './harness';

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

export interface HoverBenchResult {
  readonly lines: number;
  readonly references: number;
  readonly analyzeMs: number;
  readonly scanMs: number;
  readonly hovers: number;
  readonly hoverMedianMs: number;
  readonly hoverP99Ms: number;
  readonly missMedianMs: number;
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

function timeOnce<T>(work: () => T): [T, number] {
  const start = nowMs();
  const result = work();
  return [result, nowMs() - start];
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
  for (const reference of references) {
    const offset = (reference.start + reference.end) >> 1;
    const [, ms] = timeOnce(() => {
      const found = referenceAt(index, offset);
      return found && buildHover(found, { theme: 'dark', plotLink: true, evaluateArgs: [{ line: 0 }] });
    });
    hoverTimes.push(ms);
  }
  // Positions that name nothing: the cost of saying "no hover".
  const starts = lineStarts(text);
  const missTimes: number[] = [];
  for (let line = 6; line < LINES; line += 8) {
    missTimes.push(timeOnce(() => referenceAt(index, starts[line] + 20))[1]);
  }
  const sorted = [...hoverTimes].sort((a, b) => a - b);
  return {
    lines: LINES,
    references: references.length,
    analyzeMs,
    scanMs,
    hovers: hoverTimes.length,
    hoverMedianMs: median(hoverTimes),
    hoverP99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))],
    missMedianMs: median(missTimes),
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
      ['no activation at the position, median', ms(result.missMedianMs)],
    ],
  );
}
