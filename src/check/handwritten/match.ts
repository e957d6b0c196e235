// Which activation a hand-written function's name means, and how its parameters map to the library's.
// Names are compared squashed (lower case, no underscores) against every spelling the catalog knows —
// Keras 3 names and aliases, Keras 2 / TensorFlow.js identifiers, layer classes, ops — after the prefixes
// and suffixes people add (`my_elu`, `elu2`, `softmax_stable`, `gelu_tanh`) are taken off.
import { ACTIVATIONS, LAYERS, OPS, findActivation, paramsOf, FLAVOURS, type ActivationSpec, type ParamSpec } from '../../core/catalog';

const squash = (name: string): string => name.toLowerCase().replace(/_/g, '');

/** Every catalog spelling, squashed, to its activation; built once from the catalog. */
const BY_SQUASHED: ReadonlyMap<string, ActivationSpec> = (() => {
  const index = new Map<string, ActivationSpec>();
  const add = (spelling: string, spec: ActivationSpec | undefined): void => {
    if (spec && !index.has(squash(spelling))) index.set(squash(spelling), spec);
  };
  for (const spec of ACTIVATIONS) for (const spelling of [spec.name, ...spec.aliases]) add(spelling, spec);
  for (const spec of ACTIVATIONS) for (const spelling of [...(spec.keras2?.identifiers ?? []), ...(spec.tfjs?.identifiers ?? [])]) add(spelling, spec);
  for (const layer of LAYERS) add(layer.name, layer.activation === null ? undefined : findActivation(layer.activation));
  for (const op of OPS) add(op.name, findActivation(op.activation));
  return index;
})();

/** Short names people use that no library spells (the catalog's own names need no entry here). */
const ABBREVIATIONS: Readonly<Record<string, string>> = { leaky: 'leaky_relu', lrelu: 'leaky_relu', hswish: 'hard_silu', hsigmoid: 'hard_sigmoid' };

// What people put around a name: `my_`, `naive_`; `_stable`, `_v2`, `2`, `_tanh` (gelu's approximation).
const PREFIX = /^(?:my|custom|naive|stable|simple|manual|np|numpy|py|torch|keras|tf|f)_+|^_+/;
const SUFFIX = /(?:_*(?:v?\d+|stable|naive|fn|func|function|activation|act|impl|numpy|np|manual|custom|exact|approx|approximate|tanh|erf|fast|safe|shifted|vec|vectorized|scalar)|_+)$/;

/** The activation a function's name means, or undefined. */
export function activationForName(name: string): ActivationSpec | undefined {
  let candidate = name.toLowerCase();
  for (;;) {
    const found = BY_SQUASHED.get(squash(candidate)) ?? (ABBREVIATIONS[squash(candidate)] ? findActivation(ABBREVIATIONS[squash(candidate)]) : undefined);
    if (found) return found;
    const shorter = candidate.replace(PREFIX, '').replace(SUFFIX, '');
    if (shorter === candidate || !shorter) return undefined;
    candidate = shorter;
  }
}

/** The library parameters a function can take: numbers and booleans (axes and strings are not curve parameters). */
export const fittableParams = (spec: ActivationSpec): readonly ParamSpec[] => spec.params.filter((param) => param.type === 'number' || param.type === 'boolean');

/**
 * The Keras 3 parameter a user's parameter sets: by name in any flavour's spelling (`alpha` is Keras 2's
 * and TensorFlow.js' `negative_slope` of leaky ReLU), else the next numeric one not yet taken, in order.
 */
export function mapParameters(spec: ActivationSpec, names: readonly string[]): (string | undefined)[] {
  const byName = new Map<string, string>();
  for (const flavour of FLAVOURS) for (const param of paramsOf(spec, flavour)) if (!byName.has(param.name)) byName.set(param.name, param.target);
  const taken = new Set<string>();
  const mapped = names.map((name) => {
    const target = byName.get(name);
    if (!target || taken.has(target)) return undefined;
    taken.add(target);
    return target;
  });
  const free = fittableParams(spec).filter((param) => param.type === 'number' && !taken.has(param.name));
  return mapped.map((target) => target ?? free.shift()?.name);
}
