// `activation-lens describe <name>`: what the hover shows for an activation, as markdown (formulas as
// text) or JSON. The name is a Keras name or alias, a layer class (`LeakyReLU`) or a Keras 2 / TensorFlow.js
// identifier (`hardSigmoid`); `--param k=v` sets parameters as that site spells them.
import type { CliIo } from '../cli';
import {
  ActivationError,
  findActivation,
  findByIdentifier,
  findLayers,
  paramsOf,
  resolveParams,
  type ActivationSpec,
  type Flavour,
  type LayerSpec,
  type ParamValue,
} from '../core';
import { flavourHint, layerDefaults } from '../language/reference';
import { buildHover, describeSite, type HoverSubject } from '../render/hover';
import { UsageError, kerasVersionOf, parseArgs, parseParamValue } from './args';

export const usage = 'describe <name> [--param k=v ...] [--format markdown|json] [--keras 2|3]';

export function run(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['format', 'keras'] });
  if (args.positionals.length !== 1) throw new UsageError(`describe needs exactly one activation name; usage: ${usage}`);
  const format = args.options.get('format') ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, got '${format}'`);
  const site = resolveName(args.positionals[0], kerasVersionOf(args) === '2' ? 'keras2' : 'keras3');
  const subject: HoverSubject = { ...site, params: mapParams(site, args.params), notes: [] };
  io.stdout(format === 'json' ? `${JSON.stringify(describeSite(subject), null, 2)}\n` : `${buildHover(subject)}\n`);
  return 0;
}

type Site = Omit<HoverSubject, 'params' | 'notes'>;

/** A Keras name or alias, then a layer class or factory, then a Keras 2 / tfjs activation identifier. */
function resolveName(name: string, kerasFlavour: Flavour): Site {
  const spec = findActivation(name);
  if (spec) return { spec, flavour: kerasFlavour, written: name, implied: {} };
  const layer = [kerasFlavour, 'keras3', 'keras2', 'tfjs'].flatMap((flavour) => findLayers(name, flavour as Flavour))[0];
  if (layer) return layerSite(name, layer);
  for (const flavour of ['keras2', 'tfjs'] as const) {
    const found = findByIdentifier(name, flavour);
    if (found) return { spec: found.spec, flavour, written: name, implied: found.fixed };
  }
  throw new UsageError(`unknown activation '${name}'; try a Keras name (relu, gelu, …), a layer (LeakyReLU, ELU, …) or a TensorFlow.js identifier (hardSigmoid, …)`);
}

function layerSite(name: string, layer: LayerSpec): Site {
  if (!layer.activation) throw new UsageError(`${name} takes the activation as its argument; describe the activation itself`);
  return { spec: activationOf(layer), flavour: layer.flavour, written: name, layer, api: 'layer', implied: layerDefaults(layer) };
}

const activationOf = (layer: LayerSpec): ActivationSpec => findActivation(layer.activation ?? '') as ActivationSpec;

/** `--param` values under Keras 3 names, accepting the site's own spelling (layer arguments, Keras 2 `alpha`). */
function mapParams(site: Site, given: readonly (readonly [string, string])[]): Record<string, ParamValue> {
  const names = new Map<string, string>();
  for (const param of site.spec.params) names.set(param.name, param.name);
  for (const param of site.layer ? site.layer.params : paramsOf(site.spec, site.flavour)) {
    if (param.target) names.set(param.name, param.target);
  }
  for (const [deprecated, replacement] of Object.entries(site.layer?.deprecated ?? {})) names.set(deprecated, replacement);
  const params: Record<string, ParamValue> = {};
  for (const [name, text] of given) {
    const target = names.get(name);
    if (!target) {
      const known = [...names.keys()];
      const hint = site.layer ? undefined : flavourHint(site.spec, site.flavour)(name);
      throw new UsageError(
        `unknown parameter '${name}' for ${site.written}; ${known.length ? `known parameters: ${known.join(', ')}` : 'it takes no parameters'}` +
          (hint ? ` (${hint.replace(/`/g, "'")})` : ''),
      );
    }
    const value = parseParamValue(text);
    if (typeof value === 'string') throw new UsageError(`parameter '${name}' must be a number, True/False or None, got '${text}'`);
    params[target] = value;
  }
  try {
    resolveParams(site.spec, { ...site.implied, ...params });
  } catch (error) {
    // Missing required parameters are described (the output says why there is no curve); wrong values are not.
    if (error instanceof ActivationError && !/requires/.test(error.message)) throw new UsageError(error.message);
  }
  return params;
}
