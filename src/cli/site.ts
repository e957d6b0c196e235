// How a CLI command names an activation: a Keras name or alias, a layer class or tfjs layer factory
// (`LeakyReLU`, with its own defaults), a Keras 2 / TensorFlow.js identifier (`hardSigmoid`) or an op's name
// (`leakyRelu`); and `--param k=v` as that site spells its parameters (layer arguments, Keras 2's `alpha`,
// deprecated names).
import { ACTIVATION_NAMES, findActivation, lookUpSpelling, paramsOf, type ActivationSpec, type Flavour, type LayerSpec, type ParamValue } from '../core';
import { flavourHint, layerDefaults } from '../language/reference';
import type { HoverSubject } from '../render/hover';
import { UsageError, parseParamValue } from './args';

/** An activation as the command line named it, with what that site implies for unwritten parameters. */
export type Site = Omit<HoverSubject, 'params' | 'notes'>;

/** A Keras name or alias, then a layer class or factory (the `--keras` one first), then a Keras 2 / tfjs identifier, then an op. */
export function resolveSite(name: string, kerasFlavour: Flavour): Site {
  const meanings = lookUpSpelling(name);
  const named = meanings.find((meaning) => meaning.kind === 'name');
  if (named?.spec) return { spec: named.spec, flavour: kerasFlavour, written: name, implied: {} };
  const layers = meanings.filter((meaning) => meaning.kind === 'layer');
  const layer = (layers.find((meaning) => meaning.flavour === kerasFlavour) ?? layers[0])?.layer;
  if (layer) return layerSite(name, layer);
  const other = meanings.find((meaning) => meaning.kind === 'identifier') ?? meanings.find((meaning) => meaning.kind === 'op');
  if (other?.spec) return { spec: other.spec, flavour: other.flavour, written: name, implied: other.fixed };
  throw new UsageError(
    `unknown activation '${name}'; known activations: ${ACTIVATION_NAMES.join(', ')}; ` +
      'also layer classes (LeakyReLU, ELU, …), TensorFlow.js identifiers (hardSigmoid, …) and op names (leakyRelu, …)',
  );
}

function layerSite(name: string, layer: LayerSpec): Site {
  if (!layer.activation) throw new UsageError(`${name} takes the activation as its argument; name the activation itself`);
  return { spec: activationOf(layer), flavour: layer.flavour, written: name, layer, api: 'layer', implied: layerDefaults(layer) };
}

const activationOf = (layer: LayerSpec): ActivationSpec => findActivation(layer.activation ?? '') as ActivationSpec;

/** `--param` values under Keras 3 names, accepting the site's own spelling (layer arguments, Keras 2 `alpha`). */
export function siteParams(site: Site, given: readonly (readonly [string, string])[]): Record<string, ParamValue> {
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
  return params;
}
