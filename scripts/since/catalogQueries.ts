// What the "added in" table must date, derived from the catalog: every activation, op, layer class and
// argument it names, per library, under the keys `src/core/catalog/since.ts` looks up. Read by the
// generator (`build_since.py` runs this file and reads its JSON) and by the unit test that checks the
// table covers the catalog.
import { pathToFileURL } from 'node:url';
import { ACTIVATIONS, LAYERS, OPS, paramsOf, type ActivationSpec, type Flavour, type LayerSpec } from '../../src/core/catalog';
import { identifierName, type SinceKind, type SinceLibrary } from '../../src/core/catalog/since';

/** One name to date, with the arguments (keywords as that library spells them) to date with it. */
export interface SinceQuery {
  readonly library: SinceLibrary;
  readonly kind: SinceKind;
  /** The key: `keras.activations.gelu`, `keras.layers.LeakyReLU`, `keras.ops.gelu`, `tf.nn.gelu`, `tf.leakyRelu`,
   *  `Tensor.relu`, `tf.layers.leakyReLU`, or an activation string in quotes: `'hard_swish'`. */
  readonly name: string;
  readonly arguments: readonly string[];
  /** For a Keras 2 name or argument Keras 3 lacks: what Keras 3 offers instead, as code. */
  readonly keras3Replacement?: { readonly name?: string; readonly arguments: Readonly<Record<string, string>> };
}

const KERAS2_FUNCTION_PREFIX = 'tf.keras.activations.';

function activationQueries(spec: ActivationSpec): SinceQuery[] {
  const keras3Args = spec.params.map((param) => param.name);
  const queries: SinceQuery[] = [];
  for (const name of [spec.name, ...spec.aliases]) {
    queries.push({ library: 'keras3', kind: 'activation', name: `keras.activations.${name}`, arguments: keras3Args });
    queries.push({ library: 'keras3', kind: 'identifier', name: identifierName(name), arguments: [] });
  }
  if (spec.keras2) {
    const params = paramsOf(spec, 'keras2');
    const renamed = Object.fromEntries(params.filter((param) => param.name !== param.target).map((param) => [param.name, param.target]));
    for (const fn of spec.keras2.functions.filter((candidate) => candidate.startsWith(KERAS2_FUNCTION_PREFIX))) {
      queries.push({
        library: 'keras2',
        kind: 'activation',
        name: `keras.activations.${fn.slice(KERAS2_FUNCTION_PREFIX.length)}`,
        arguments: params.map((param) => param.name),
        ...(Object.keys(renamed).length ? { keras3Replacement: { arguments: renamed } } : {}),
      });
    }
    for (const identifier of spec.keras2.identifiers) queries.push({ library: 'keras2', kind: 'identifier', name: identifierName(identifier), arguments: [] });
  }
  for (const identifier of spec.tfjs?.identifiers ?? []) queries.push({ library: 'tfjs', kind: 'identifier', name: identifierName(identifier), arguments: [] });
  return queries;
}

const LAYER_PREFIX: Readonly<Record<Flavour, string>> = { keras3: 'keras.layers.', keras2: 'keras.layers.', tfjs: 'tf.layers.' };

/** The Keras 3 layer computing the same activation with an argument for every parameter a Keras 2 layer sets
 *  (ThresholdedReLU's `theta` → `ReLU(threshold=…)`), when the Keras 2 layer is not in Keras 3 itself. */
function keras3LayerFor(layer: LayerSpec): SinceQuery['keras3Replacement'] {
  const targets = layer.params.flatMap((param) => (param.target ? [param.target] : []));
  const same = LAYERS.find((candidate) => candidate.flavour === 'keras3' && candidate.name === layer.name);
  const replacement = same ?? LAYERS.find((candidate) =>
    candidate.flavour === 'keras3' &&
    candidate.activation === layer.activation &&
    targets.every((target) => candidate.params.some((param) => param.target === target)));
  if (!replacement) return undefined;
  const argumentsByName: Record<string, string> = {};
  for (const param of layer.params) {
    const match = replacement.params.find((candidate) => candidate.target !== undefined && candidate.target === param.target);
    if (match && match.name !== param.name) argumentsByName[param.name] = match.name;
  }
  if (same && Object.keys(argumentsByName).length === 0) return undefined;
  return { ...(same ? {} : { name: `${LAYER_PREFIX.keras3}${replacement.name}` }), arguments: argumentsByName };
}

function layerQuery(layer: LayerSpec): SinceQuery {
  const args = [...layer.params.map((param) => param.name), ...Object.keys(layer.deprecated ?? {})];
  const query: SinceQuery = { library: layer.flavour, kind: 'layer', name: `${LAYER_PREFIX[layer.flavour]}${layer.name}`, arguments: args };
  const replacement = layer.flavour === 'keras2' ? keras3LayerFor(layer) : undefined;
  return replacement ? { ...query, keras3Replacement: replacement } : query;
}

function opQueries(): SinceQuery[] {
  return OPS.flatMap((op): SinceQuery[] => {
    const args = op.params.map((param) => param.name);
    if (op.namespace === 'keras.ops') return [{ library: 'keras3', kind: 'op', name: `keras.ops.${op.name}`, arguments: args }];
    if (op.namespace !== 'tfjs') return [{ library: 'tensorflow', kind: 'op', name: `${op.namespace}.${op.name}`, arguments: args }];
    const asOp: SinceQuery = { library: 'tfjs', kind: 'op', name: `tf.${op.name}`, arguments: args };
    return op.method ? [asOp, { library: 'tfjs', kind: 'method', name: `Tensor.${op.name}`, arguments: args }] : [asOp];
  });
}

/** Every name and argument of the catalog to date, each once. */
export function catalogQueries(): SinceQuery[] {
  const byKey = new Map<string, SinceQuery>();
  for (const query of [...ACTIVATIONS.flatMap(activationQueries), ...LAYERS.map(layerQuery), ...opQueries()]) {
    const key = `${query.library} ${query.name}`;
    const seen = byKey.get(key);
    // An identifier can come from two specs' variants only by mistake; the same op under two activations (tfjs prelu) merges.
    byKey.set(key, seen ? { ...seen, arguments: [...new Set([...seen.arguments, ...query.arguments])] } : query);
  }
  return [...byKey.values()];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(catalogQueries(), null, 1)}\n`);
}
