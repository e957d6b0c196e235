// Benchmark section "handwritten": checking the tutorial's seven hand-written activations against the
// library (interpreting the file, matching, sampling, traps) — the budget is 50 ms — and the hover
// on `def elu` once the document is read (checks cached per document index) — budget 5 ms.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkHandwritten, handwrittenChecks } from '../src/check/handwritten';
import { runPythonModule } from '../src/interpreter/python';
import { analyzeDocument } from '../src/language';
import { buildFunctionHover } from '../src/check/handwritten/hover';
import { DEFAULT_TIMING, formatTable, timeInterleaved } from './harness';

const TUTORIAL = fs.readFileSync(path.join(__dirname, '..', '..', 'samples', 'python', 'tutorial.py'), 'utf8');

export interface HandwrittenBenchResult {
  readonly interpretAndCheckMs: number;
  readonly hoverMs: number;
}

export function runHandwrittenBench(): HandwrittenBenchResult {
  const index = analyzeDocument(TUTORIAL, 'python');
  const elu = handwrittenChecks(index, 'keras3').find((check) => check.fn.name === 'elu');
  if (!elu) throw new Error('the tutorial has no elu');
  let sink = 0;
  const [interpretAndCheckMs, hoverMs] = timeInterleaved(
    [
      { name: 'tutorial: interpret and check', run: () => void (sink += checkHandwritten(runPythonModule(TUTORIAL), 'keras3').length) },
      {
        name: 'hover on def elu',
        run: () => {
          const check = handwrittenChecks(index, 'keras3').find(({ fn }) => fn.nameSpan.start <= elu.fn.nameSpan.start && elu.fn.nameSpan.start <= fn.nameSpan.end);
          if (check) sink += buildFunctionHover(check, { theme: 'dark' }).length;
        },
      },
    ],
    DEFAULT_TIMING,
  );
  if (sink === 42) console.log('');
  return { interpretAndCheckMs, hoverMs };
}

export function formatHandwrittenResults(result: HandwrittenBenchResult): string {
  const ms = (value: number): string => `${value.toFixed(2)} ms`;
  return formatTable(
    ['work', 'CPU time (median)', 'budget'],
    [
      ["samples/python/tutorial.py: interpret and check its seven functions", ms(result.interpretAndCheckMs), '50 ms'],
      ['hover on `def elu`, the document read (checks cached)', ms(result.hoverMs), '5 ms'],
    ],
  );
}
