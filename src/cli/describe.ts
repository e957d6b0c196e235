// `activation-lens describe <name>`: what the hover shows for an activation, as markdown (formulas as
// text) or JSON. The name is a Keras name or alias, a layer class (`LeakyReLU`) or a Keras 2 / TensorFlow.js
// identifier (`hardSigmoid`); `--param k=v` sets parameters as that site spells them.
import { ActivationError, MissingParameterError, resolveParams, type ParamValue } from '../core';
import { buildHover, describeSite, type HoverSubject } from '../render/hover';
import { UsageError, kerasVersionOf, parseArgs, type CliIo } from './args';
import { resolveSite, siteParams, type Site } from './site';

export const usage = 'describe <name> [--param k=v ...] [--format markdown|json] [--keras 2|3]';

export function run(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['format', 'keras'] });
  if (args.positionals.length !== 1) throw new UsageError(`describe needs exactly one activation name; usage: ${usage}`);
  const format = args.options.get('format') ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, got '${format}'`);
  const site = resolveSite(args.positionals[0], kerasVersionOf(args, undefined, io) === '2' ? 'keras2' : 'keras3');
  const subject: HoverSubject = { ...site, params: mapParams(site, args.params), notes: [] };
  io.stdout(format === 'json' ? `${JSON.stringify(describeSite(subject), null, 2)}\n` : `${buildHover(subject)}\n`);
  return 0;
}

/** The parameters given, checked the way the hover checks them: a missing required one is described, not refused. */
function mapParams(site: Site, given: readonly (readonly [string, string])[]): Record<string, ParamValue> {
  const params = siteParams(site, given);
  try {
    resolveParams(site.spec, { ...site.implied, ...params });
  } catch (error) {
    // Missing required parameters are described (the output says why there is no curve); wrong values are not.
    if (error instanceof ActivationError && !(error instanceof MissingParameterError)) throw new UsageError(error.message);
  }
  return params;
}
