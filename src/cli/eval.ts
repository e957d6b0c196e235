// `activation-lens eval <name> <values>`: an activation applied to values written as Python would write them
// (`[-1, 0, 1]`, `np.linspace(-3, 3, 7)`, `tf.constant([...])`; tfjs `tf.tensor1d([...])` too), printed as
// NumPy prints the result — the same parser, kernels and formatter as the editor. `--json` prints
// `{ "shape": [...], "values": [...] }` with float32 values as shortest round-trip decimals and
// "nan" / "inf" / "-inf" as strings. Unreadable values: `error: line L, column C: …`, exit code 2.
import type { CliIo } from '../cli';
import { ActivationError, findActivation, findByIdentifier, type Flavour, type ParamValue } from '../core';
import { applyActivation, resultText } from '../language/snippet';
import { parseValues, type ParsedValues } from '../language/values';
import type { Float32NdArray } from '../render/numpy';
import { shortestDecimal } from '../render/numpyFloat';
import { UsageError, kerasVersionOf, parseArgs, parseParamValue } from './args';

export const usage = 'eval <name> <values> [--param k=v ...] [--keras 2|3] [--json]';

export function run(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['keras'], flags: ['json'] });
  if (args.positionals.length !== 2) throw new UsageError(`eval needs an activation name and values; usage: ${usage}`);
  const [name, text] = args.positionals;
  const flavour: Flavour = kerasVersionOf(args) === '2' ? 'keras2' : 'keras3';

  const activation = resolveName(name, flavour);
  const parsed = readValues(text);
  if (!parsed.ok) throw new UsageError(parsed.error.message);

  const params: Record<string, ParamValue> = { ...activation.fixed };
  for (const [key, value] of args.params) {
    const parsedValue = parseParamValue(value);
    if (typeof parsedValue === 'string') throw new UsageError(`--param ${key} must be a number, True/False or None, got '${value}'`);
    params[key] = parsedValue;
  }
  let output: Float32NdArray;
  try {
    output = applyActivation({ name: activation.name, flavour: activation.flavour, params, label: name, layer: false }, parsed.array).output;
  } catch (error) {
    if (error instanceof ActivationError || error instanceof Error) throw new UsageError(error.message);
    throw error;
  }
  io.stdout(args.options.has('json') ? `${jsonResult(output)}\n` : `${resultText(output, 'python')}\n`);
  return 0;
}

/** A Keras name or alias; with --keras 2 also Keras 2's own identifiers; TensorFlow.js identifiers as tfjs. */
function resolveName(name: string, flavour: Flavour): { name: string; flavour: Flavour; fixed: Readonly<Record<string, ParamValue>> } {
  const spec = findActivation(name);
  if (spec) return { name: spec.name, flavour, fixed: {} };
  const keras = findByIdentifier(name, flavour);
  if (keras) return { name: keras.spec.name, flavour, fixed: keras.fixed };
  const tfjs = findByIdentifier(name, 'tfjs');
  if (tfjs) return { name: tfjs.spec.name, flavour: 'tfjs', fixed: tfjs.fixed };
  // Let the core list the known names.
  return { name, flavour, fixed: {} };
}

/** Values as Python writes them, or as TS/JS does when that is what they are. */
function readValues(text: string): ParsedValues {
  const python = parseValues(text, { dialect: 'python' });
  if (python.ok || python.error.refusal) return python;
  const javascript = parseValues(text, { dialect: 'javascript' });
  return javascript.ok ? javascript : python;
}

/** `{ "shape": [...], "values": [...] }`, values flat in row-major order. */
export function jsonResult(array: Float32NdArray): string {
  const values = Array.from(array.data, (value) => {
    const text = shortestDecimal(value);
    return Number.isFinite(value) ? text : JSON.stringify(text);
  });
  return `{ "shape": [${array.shape.join(', ')}], "values": [${values.join(', ')}] }`;
}
