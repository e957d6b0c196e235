// Lookups over the activation catalog: by Keras name or alias, by a library's own identifier, layer
// classes; and the one place where user parameters are validated and rounded to float32.
import { ACTIVATIONS } from './activations';
import { LAYERS } from './layers';
import { OPS, type OpNamespace, type OpSpec } from './ops';
import type { ActivationSpec, Flavour, Formula, LayerSpec, ParamSpec, ParamValue, WrittenValue } from './types';

export * from './types';
export type { OpNamespace, OpParam, OpSpec } from './ops';
export { ACTIVATIONS, LAYERS, OPS };

/** Thrown for unknown names and parameters and for values of the wrong type; the message lists what is known. */
export class ActivationError extends Error {
  override readonly name: string = 'ActivationError';
}

/** A required parameter (threshold's `threshold`, `default_value`) was not given: the call is incomplete, not wrong. */
export class MissingParameterError extends ActivationError {
  override readonly name = 'MissingParameterError';
}

function indexByName(): ReadonlyMap<string, ActivationSpec> {
  const byName = new Map<string, ActivationSpec>();
  for (const spec of ACTIVATIONS) {
    for (const key of [spec.name, ...spec.aliases]) {
      if (byName.has(key)) throw new Error(`duplicate activation name '${key}' in the catalog`);
      byName.set(key, spec);
    }
  }
  return byName;
}

const BY_NAME = indexByName();

/** All names `keras.activations.get` accepts: canonical names and aliases, sorted. */
export const ACTIVATION_NAMES: readonly string[] = [...BY_NAME.keys()].sort();

/** The spec for a Keras 3 name or alias (`swish` → silu), or undefined. */
export function findActivation(name: string): ActivationSpec | undefined {
  return BY_NAME.get(name);
}

/** The spec for a Keras 3 name or alias; throws an ActivationError listing the known names otherwise. */
export function getActivation(name: string): ActivationSpec {
  const spec = BY_NAME.get(name);
  if (!spec) {
    throw new ActivationError(`unknown activation '${name}'; known activations: ${ACTIVATION_NAMES.join(', ')}`);
  }
  return spec;
}

/** How a spelling names an activation. */
export type SpellingKind =
  /** A Keras 3 name (`silu`) or alias (`swish`): Keras 3's own identifiers. */
  | 'name'
  /** A Keras 2 or TensorFlow.js activation identifier (`swish`, `hardSigmoid`, `gelu_new`; tfjs' snake_case too). */
  | 'identifier'
  /** A layer class or tfjs layer factory (`LeakyReLU`, `leakyReLU`); `Activation` computes none of its own. */
  | 'layer'
  /** An op's own name (`leakyRelu`, `logSigmoid`, `leaky_relu`), in any namespace. */
  | 'op';

/** One meaning of a spelling. */
export interface Spelling {
  readonly kind: SpellingKind;
  /** The activation named; undefined only for the `Activation` layers, which take one as their argument. */
  readonly spec: ActivationSpec | undefined;
  /** Whose spelling it is: Keras 3 for names, the library for identifiers, layers and ops. */
  readonly flavour: Flavour;
  /** Parameters the spelling fixes (tfjs `gelu_new`: approximate=True; an op's own defaults). */
  readonly fixed: Readonly<Record<string, ParamValue>>;
  readonly layer?: LayerSpec;
  readonly op?: OpSpec;
}

/** Every meaning of every spelling, in one order: names, then Keras 2 and tfjs identifiers, layers, ops. */
function indexSpellings(): ReadonlyMap<string, readonly Spelling[]> {
  const bySpelling = new Map<string, Spelling[]>();
  const add = (key: string, spelling: Spelling): void => {
    const list = bySpelling.get(key) ?? [];
    // One meaning per kind and flavour: a duplicate is a catalog mistake.
    if (list.some((other) => other.kind === spelling.kind && other.flavour === spelling.flavour && (other.op?.namespace ?? '') === (spelling.op?.namespace ?? ''))) {
      throw new Error(`duplicate ${spelling.flavour} ${spelling.kind} '${key}' in the catalog`);
    }
    list.push(spelling);
    bySpelling.set(key, list);
  };
  for (const spec of ACTIVATIONS) for (const key of [spec.name, ...spec.aliases]) add(key, { kind: 'name', spec, flavour: 'keras3', fixed: {} });
  for (const flavour of ['keras2', 'tfjs'] as const) {
    for (const spec of ACTIVATIONS) {
      const variant = spec[flavour];
      for (const identifier of variant?.identifiers ?? []) {
        const spelling: Spelling = { kind: 'identifier', spec, flavour, fixed: variant?.fixedBy?.[identifier] ?? {} };
        // tfjs camel-cases Python JSON's snake_case on load, so 'hard_sigmoid' names hardSigmoid too.
        for (const key of new Set(flavour === 'tfjs' ? [identifier, snakeCase(identifier)] : [identifier])) add(key, spelling);
      }
    }
  }
  for (const layer of LAYERS) add(layer.name, { kind: 'layer', spec: layer.activation === null ? undefined : BY_NAME.get(layer.activation), flavour: layer.flavour, fixed: {}, layer });
  for (const op of OPS) add(op.name, { kind: 'op', spec: BY_NAME.get(op.activation), flavour: op.flavour, fixed: op.defaults ?? {}, op });
  return bySpelling;
}

const snakeCase = (camel: string): string => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const SPELLINGS = indexSpellings();

/**
 * Every meaning of a spelling, for every caller that resolves one (recognizers, the core's `evaluate`, the
 * plot, the CLI): Keras 3 names first, then Keras 2 and TensorFlow.js identifiers, layer classes (Keras 3,
 * Keras 2, tfjs), ops — each caller then takes the first meaning its context admits.
 */
export function lookUpSpelling(spelling: string): readonly Spelling[] {
  return SPELLINGS.get(spelling) ?? NO_SPELLINGS;
}

const NO_SPELLINGS: readonly Spelling[] = [];

/**
 * An activation identifier as a library reads it (`activation='…'`, `activations.get('…')`): Keras 3's
 * names and aliases, or Keras 2's / tfjs' own identifiers.
 */
export function findIdentifier(identifier: string, flavour: Flavour): Spelling | undefined {
  return lookUpSpelling(identifier).find((spelling) => spelling.flavour === flavour && (spelling.kind === 'name' || spelling.kind === 'identifier'));
}

/** Layer classes (or tfjs factories) with this name, for one flavour or all. */
export function findLayers(name: string, flavour?: Flavour): readonly LayerSpec[] {
  return LAYERS.filter((layer) => layer.name === name && (flavour === undefined || layer.flavour === flavour));
}

const OPS_BY_KEY = new Map(OPS.map((op) => [`${op.namespace}:${op.name}`, op]));

/** The op `name` in a namespace (`findOp('tf.nn', 'leaky_relu')`, `findOp('tfjs', 'leakyRelu')`), or undefined. */
export function findOp(namespace: OpNamespace, name: string): OpSpec | undefined {
  return OPS_BY_KEY.get(`${namespace}:${name}`);
}

/** A parameter as a flavour spells it, with the Keras 3 name it sets. */
export type FlavourParam = ParamSpec & { readonly target: string };

/** Parameters after validation: Keras 3 names, numbers rounded to float32, defaults filled in. */
export type ResolvedParams = Readonly<Record<string, ParamValue>>;

/** What paramsOf and resolveParams read of an activation in one flavour, derived once from its spec. */
interface ParamTable {
  readonly spelled: readonly FlavourParam[];
  /** The Keras 3 names and the flavour's own. */
  readonly accepted: ReadonlyMap<string, FlavourParam>;
  readonly defaults: ResolvedParams;
}

const PARAM_TABLES = new WeakMap<ActivationSpec, Partial<Record<Flavour, ParamTable>>>();

// The evaluator resolves parameters on every call (the plot's slider frames, every hover): the tables are
// built on first use rather than on each call.
function paramTable(spec: ActivationSpec, flavour: Flavour): ParamTable {
  let byFlavour = PARAM_TABLES.get(spec);
  if (!byFlavour) PARAM_TABLES.set(spec, (byFlavour = {}));
  return (byFlavour[flavour] ??= buildParamTable(spec, flavour));
}

function buildParamTable(spec: ActivationSpec, flavour: Flavour): ParamTable {
  const own = spec.params.map((param) => ({ ...param, target: param.name }));
  const variant = flavour === 'keras3' ? null : spec[flavour];
  // tfjs functions mostly take no parameters; Keras 2 shares Keras 3's names unless listed.
  const spelled = variant?.params ?? (flavour === 'tfjs' && variant ? [] : own);
  const defaults: Record<string, ParamValue> = {};
  for (const param of spec.params) {
    const fallback = defaultOf(param);
    if (fallback !== undefined) defaults[param.name] = fallback;
  }
  return { spelled, accepted: new Map([...own, ...spelled].map((param) => [param.name, param])), defaults };
}

/** The parameters of an activation as a library spells them (Keras 2 calls relu's slope `alpha`). */
export function paramsOf(spec: ActivationSpec, flavour: Flavour = 'keras3'): readonly FlavourParam[] {
  return paramTable(spec, flavour).spelled;
}

/**
 * Validates user parameters for an activation and returns them under their Keras 3 names with
 * defaults filled in and numbers rounded to float32 (Keras converts parameters to the input dtype;
 * `precision: 'float64'` keeps them double, as for a float64 input).
 * Accepts the flavour's own names (Keras 2 `alpha` for relu) as well as the Keras 3 ones.
 */
export function resolveParams(
  spec: ActivationSpec,
  given: Readonly<Record<string, unknown>> = {},
  flavour: Flavour = 'keras3',
  precision: ParamPrecision = 'float32',
): ResolvedParams {
  const { accepted, defaults } = paramTable(spec, flavour);
  const resolved: Record<string, ParamValue> = precision === 'float32' ? { ...defaults } : doubleDefaults(spec);
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const param = accepted.get(key);
    if (!param) {
      const known = [...accepted.keys()];
      throw new ActivationError(
        `unknown parameter '${key}' for ${spec.name}; ` +
          (known.length ? `known parameters: ${known.join(', ')}` : `${spec.name} takes no parameters`),
      );
    }
    resolved[param.target] = coerceParam(spec, param, value, precision);
  }
  const missing = spec.params.filter((param) => resolved[param.name] === undefined).map((param) => param.name);
  if (missing.length) {
    throw new MissingParameterError(`${spec.name} requires ${missing.map((name) => `'${name}'`).join(' and ')} (no default)`);
  }
  return resolved;
}

/**
 * Written parameters split for evaluation: literal values (numbers, booleans, None/null) and the names of
 * parameters written with anything else (a variable, an expression, a string).
 */
export function literalParams(site: { readonly params: Readonly<Record<string, WrittenValue>> }): { params: Record<string, ParamValue>; nonLiteral: string[] } {
  const params: Record<string, ParamValue> = {};
  const nonLiteral: string[] = [];
  for (const [name, value] of Object.entries(site.params)) {
    if (value === null || typeof value === 'number' || typeof value === 'boolean') params[name] = value;
    else nonLiteral.push(name);
  }
  return { params, nonLiteral };
}

/** float32 (Keras' floatx: parameters converted to the float32 input) or float64 (kept as given). */
export type ParamPrecision = 'float32' | 'float64';

/** The defaults as a float64 input sees them: the numbers as written, not rounded. */
function doubleDefaults(spec: ActivationSpec): Record<string, ParamValue> {
  const defaults: Record<string, ParamValue> = {};
  for (const param of spec.params) {
    if (param.default !== undefined && typeof param.default !== 'string') defaults[param.name] = param.default;
  }
  return defaults;
}

/** A parameter's default as the kernels see it (numbers rounded to float32); undefined when required. */
export function defaultOf(param: ParamSpec): ParamValue | undefined {
  const value = param.default;
  if (value === undefined || typeof value === 'string') return undefined;
  return typeof value === 'number' && param.type === 'number' ? Math.fround(value) : value;
}

function coerceParam(spec: ActivationSpec, param: ParamSpec, value: unknown, precision: ParamPrecision): ParamValue {
  const where = `parameter '${param.name}' of ${spec.name}`;
  if (value === null) {
    if (param.nullable) return null;
    throw new ActivationError(`${where} cannot be None; expected ${describeType(param)}`);
  }
  switch (param.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw new ActivationError(`${where} must be True or False, got ${describeValue(value)}`);
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw new ActivationError(`${where} must be an integer, got ${describeValue(value)}`);
    case 'number':
      if (typeof value === 'number') return precision === 'float32' ? Math.fround(value) : value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      throw new ActivationError(`${where} must be a number${param.nullable ? ' or None' : ''}, got ${describeValue(value)}`);
    case 'string':
      throw new ActivationError(`${where} is not a numeric parameter`);
  }
}

function describeType(param: ParamSpec): string {
  return { boolean: 'True or False', integer: 'an integer', number: 'a number', string: 'a string' }[param.type];
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string '${value}'`;
  if (Array.isArray(value)) return 'a list';
  return `${typeof value} ${String(value)}`;
}

/** The formula and derivative that apply for these parameters (gelu's tanh form when approximate=True). */
export function formulaFor(
  spec: ActivationSpec,
  params: ResolvedParams = {},
  flavour: Flavour = 'keras3',
): { formula: Formula; derivative: Formula | null } {
  const variant = flavour === 'keras3' ? undefined : spec[flavour];
  if (variant?.formula) return { formula: variant.formula, derivative: variant.derivative ?? null };
  const form = spec.forms?.find((candidate) => {
    const conditions = Object.entries(candidate.when);
    // A form with no conditions is the general one, used once any parameter differs from its default.
    if (conditions.length === 0) {
      return spec.params.some((param) => params[param.name] !== undefined && params[param.name] !== defaultOf(param));
    }
    return conditions.every(([name, value]) => params[name] === value);
  });
  return { formula: form?.formula ?? spec.formula, derivative: form?.derivative ?? spec.derivative };
}
