// `activation-lens eval <name> <values>`: an activation applied to values written as Python would write them
// (`[-1, 0, 1]`, `np.linspace(-3, 3, 7)`, `tf.constant([...])`; tfjs `tf.tensor1d([...])` too), printed as
// NumPy prints the result — the same parser, kernels and formatter as the editor. `--json` prints
// `{ "shape": [...], "values": [...] }` with float32 values as shortest round-trip decimals and
// "nan" / "inf" / "-inf" as strings. Unreadable values: `error: line L, column C: …`, exit code 2.
import type { Flavour } from '../core';
import { applyActivation } from '../interpreter/activation';
import { resultText } from '../interpreter/snippet';
import { parseValues, type ParsedValues } from '../interpreter/values';
import type { Float32NdArray } from '../render/numpy';
import { shortestDecimal } from '../render/numpyFloat';
import { UsageError, kerasVersionOf, parseArgs, type CliIo } from './args';
import { resolveSite, siteParams } from './site';

export const usage = 'eval <name|layer> <values> [--param k=v ...] [--keras 2|3] [--json]';

export function run(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['keras'], flags: ['json'] });
  if (args.positionals.length !== 2) throw new UsageError(`eval needs an activation name and values; usage: ${usage}`);
  const [name, text] = args.positionals;
  const flavour: Flavour = kerasVersionOf(args) === '2' ? 'keras2' : 'keras3';

  const site = resolveSite(name, flavour);
  const parsed = readValues(text);
  if (!parsed.ok) throw new UsageError(parsed.error.message);

  const params = { ...site.implied, ...siteParams(site, args.params) };
  let output: Float32NdArray;
  try {
    output = applyActivation({ name: site.spec.name, flavour: site.flavour, params, label: name, layer: site.layer !== undefined }, parsed.array).output;
  } catch (error) {
    if (error instanceof Error) throw new UsageError(error.message);
    throw error;
  }
  io.stdout(args.options.has('json') ? `${jsonResult(output)}\n` : `${resultText(output, 'python')}\n`);
  return 0;
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
