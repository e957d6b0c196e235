// Benchmark section "interpreter": what the Python interpreter costs where people use it — the tutorial
// sample run whole (its seven hand-written functions and their prints, the Keras lines through the
// recognisers), as the interpreter's API runs it and as the editor's auto mode and `run` evaluate it — and
// what the check layer pays to call a hand-written sigmoid 10,000 times through `PythonModule.call`,
// beside the same sigmoid written in JavaScript.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPythonModule } from '../src/interpreter/python';
import { evaluateDocument } from '../src/interpreter/snippet';
import { DEFAULT_TIMING, formatTable, timeInterleaved } from './harness';

const TUTORIAL = fs.readFileSync(path.join(__dirname, '..', '..', 'samples', 'python', 'tutorial.py'), 'utf8');
const SIGMOID = 'import math\ndef sigmoid(x):\n  k=math.exp(-x)\n  d=1/(1+k)\n  return d\n';
const CALLS = 10_000;

export interface InterpreterBenchResult {
  readonly tutorialRunMs: number;
  readonly tutorialEvaluateMs: number;
  readonly sigmoidCallsMs: number;
  readonly javascriptCallsMs: number;
}

export function runInterpreterBench(): InterpreterBenchResult {
  const sigmoidModule = runPythonModule(SIGMOID);
  const sigmoid = sigmoidModule.functions[0];
  /** The inputs the check layer samples: the plot domain, and traps. */
  const inputs = Array.from({ length: CALLS }, (_, i) => (i % 100 === 0 ? [Infinity, -Infinity, NaN, -0, 1000, -1000][(i / 100) % 6] : -8 + (16 * i) / CALLS));
  let sink = 0;
  const javascriptSigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
  const [tutorialRunMs, tutorialEvaluateMs, sigmoidCallsMs, javascriptCallsMs] = timeInterleaved(
    [
      { name: 'tutorial, runPythonModule', run: () => void runPythonModule(TUTORIAL) },
      { name: 'tutorial, evaluateDocument', run: () => void evaluateDocument(TUTORIAL, 'python') },
      {
        name: 'sigmoid x 10,000 via call',
        run: () => {
          for (const x of inputs) {
            const outcome = sigmoidModule.call(sigmoid, [x]);
            if (outcome.kind === 'value' && typeof outcome.value === 'number') sink += outcome.value;
          }
        },
      },
      {
        name: 'sigmoid x 10,000 in JavaScript',
        run: () => {
          for (const x of inputs) sink += javascriptSigmoid(x);
        },
      },
    ],
    DEFAULT_TIMING,
  );
  if (sink === 42) console.log('');
  return { tutorialRunMs, tutorialEvaluateMs, sigmoidCallsMs, javascriptCallsMs };
}

export function formatInterpreterResults(result: InterpreterBenchResult): string {
  const ms = (value: number): string => `${value.toFixed(2)} ms`;
  const lines = TUTORIAL.split('\n').length;
  return formatTable(
    ['work', 'CPU time (median)', 'per item'],
    [
      [`samples/python/tutorial.py (${lines} lines), runPythonModule`, ms(result.tutorialRunMs), '—'],
      ['  the same as auto mode / `run` evaluate it (evaluateDocument)', ms(result.tutorialEvaluateMs), '—'],
      [`hand-written sigmoid, ${CALLS.toLocaleString('en-US')} calls through PythonModule.call`, ms(result.sigmoidCallsMs), `${((result.sigmoidCallsMs * 1000) / CALLS).toFixed(2)} µs/call`],
      [`  the same sigmoid in JavaScript, ${CALLS.toLocaleString('en-US')} calls`, ms(result.javascriptCallsMs), `${((result.javascriptCallsMs * 1000) / CALLS).toFixed(3)} µs/call`],
    ],
  );
}
