// Turns a user's call (activation name, values, options) into what a kernel needs, validating every
// part through the catalog: the spec, the library variant, parameters rounded to float32, the values as
// a Float32Array, the n-d shape and the axis. Every error is an ActivationError that says what was
// expected and what was found.
import {
  ACTIVATIONS,
  ActivationError,
  FLAVOURS,
  FLAVOUR_LABELS,
  findIdentifier,
  getActivation,
  resolveParams,
  type ActivationSpec,
  type Flavour,
  type ParamValue,
  type ResolvedParams,
} from '../catalog';
import type { AxisLayout } from './axis';

/**
 * Options of `evaluate` and `derivative`: the activation's parameters under Keras' names (a Keras 2
 * name such as relu's `alpha` is accepted with `variant: 'keras2'`), plus where the values sit.
 */
export interface EvaluateOptions {
  readonly negative_slope?: number;
  readonly max_value?: number | null;
  readonly threshold?: number;
  readonly alpha?: number;
  readonly approximate?: boolean;
  readonly b?: number;
  readonly default_value?: number;
  /** Axis of softmax, log_softmax, glu and sparsemax; negative counts from the end. Default −1. */
  readonly axis?: number;
  /** The n-d shape of `values` (row-major); default `[values.length]`. */
  readonly shape?: readonly number[];
  /** Whose definition to use where the libraries differ; default 'keras3'. */
  readonly variant?: Flavour;
  /** Write the result here instead of a new array (length of the result; may be `values` itself). */
  readonly out?: Float32Array;
  readonly [parameter: string]: unknown;
}

/** Option keys that are not activation parameters. */
const PLACEMENT_OPTIONS = new Set(['shape', 'variant', 'out']);

export interface Request {
  readonly spec: ActivationSpec;
  readonly variant: Flavour;
  readonly params: ResolvedParams;
  readonly values: Float32Array;
  readonly shape: readonly number[];
  readonly out: Float32Array | undefined;
}

export function parseRequest(name: unknown, values: unknown, options: unknown): Request {
  const call = parseCall(name, options);
  const array = toFloat32(values);
  const shape = parseShape(call.given.shape, array.length);
  const out = call.given.out;
  if (out !== undefined && !(out instanceof Float32Array)) {
    throw new ActivationError(`option 'out' must be a Float32Array, got ${describe(out)}`);
  }
  return { spec: call.spec, variant: call.variant, params: call.params, values: array, shape, out };
}

/** The activation, variant and parameters of a call, without its values. */
export function parseCall(
  name: unknown,
  options: unknown,
): { spec: ActivationSpec; variant: Flavour; params: ResolvedParams; given: Readonly<Record<string, unknown>> } {
  if (typeof name !== 'string') throw new ActivationError(`the activation name must be a string, got ${describe(name)}`);
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new ActivationError(`options must be an object of parameters, got ${describe(options)}`);
  }
  const given = (options ?? {}) as Readonly<Record<string, unknown>>;
  const variant = parseVariant(given.variant);
  const { spec, fixed } = lookUp(name, variant);
  const keywordArgs: Record<string, unknown> = { ...fixed };
  for (const [key, value] of Object.entries(given)) if (!PLACEMENT_OPTIONS.has(key)) keywordArgs[key] = value;
  return { spec, variant, params: resolveParams(spec, keywordArgs, variant), given };
}

function parseVariant(value: unknown): Flavour {
  if (value === undefined) return 'keras3';
  if (typeof value === 'string' && (FLAVOURS as readonly string[]).includes(value)) return value as Flavour;
  throw new ActivationError(`unknown variant ${describe(value)}; expected one of ${FLAVOURS.map((f) => `'${f}'`).join(', ')}`);
}

/** A Keras 3 name or alias, or the variant library's own identifier (tfjs 'hardSigmoid', 'gelu_new'). */
function lookUp(name: string, variant: Flavour): { spec: ActivationSpec; fixed: Readonly<Record<string, ParamValue>> } {
  const found = findIdentifier(name, 'keras3') ?? (variant === 'keras3' ? undefined : findIdentifier(name, variant));
  const spec = found?.spec ?? getActivation(name); // throws, listing the known names
  if (variant !== 'keras3' && spec[variant] === null) {
    const available = ACTIVATIONS.filter((candidate) => candidate[variant] !== null).map((candidate) => candidate.name);
    throw new ActivationError(`${spec.name} does not exist in ${FLAVOUR_LABELS[variant]}; it has: ${available.join(', ')}`);
  }
  return { spec, fixed: found?.fixed ?? {} };
}

function toFloat32(values: unknown): Float32Array {
  if (values instanceof Float32Array) return values;
  if (!Array.isArray(values)) {
    throw new ActivationError(`values must be a Float32Array or an array of numbers, got ${describe(values)}`);
  }
  const array = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    if (typeof value !== 'number') {
      throw new ActivationError(`values must be numbers; element ${i} is ${describe(value)}`);
    }
    array[i] = value;
  }
  return array;
}

export function parseShape(shape: unknown, length: number): readonly number[] {
  if (shape === undefined) return [length];
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isInteger(dim) && (dim as number) >= 0)) {
    throw new ActivationError(`shape must be an array of non-negative integers, got ${describe(shape)}`);
  }
  const dims = shape as number[];
  const size = dims.reduce((product, dim) => product * dim, 1);
  if (size !== length) {
    throw new ActivationError(`shape [${dims.join(', ')}] holds ${size} values but ${length} were given`);
  }
  return dims;
}

/**
 * The array seen along the activation's axis, after the checks Keras (and the variant) make: the axis
 * within −rank…rank−1, glu's axis of even size, Keras 2's softmax refusing 1-D input, tfjs' softmax and
 * logSoftmax working on the last axis only.
 */
export function layoutAlong(request: Pick<Request, 'spec' | 'variant' | 'params' | 'shape'>): AxisLayout {
  const { spec, variant, params, shape } = request;
  const rank = shape.length;
  const given = params.axis as number;
  const axis = axisIndex(given, rank);
  if (rank === 0 || axis < 0 || axis >= rank) {
    const range = rank === 0 ? 'a scalar has no axis' : `expected an integer from ${-rank} to ${rank - 1}`;
    throw new ActivationError(`axis ${given} is out of range for ${spec.name} of shape [${shape.join(', ')}]; ${range}`);
  }
  const size = shape[axis];
  if (spec.name === 'glu' && size % 2 !== 0) {
    throw new ActivationError(`glu splits axis ${given} into two halves, so its size must be even; shape [${shape.join(', ')}] has ${size} there`);
  }
  if (variant === 'keras2' && spec.name === 'softmax' && rank === 1) {
    throw new ActivationError("Keras 2's softmax raises ValueError on 1-D input ('Cannot apply softmax to a tensor that is 1D'); give a shape of rank ≥ 2");
  }
  if (variant === 'tfjs' && axis !== rank - 1) {
    throw new ActivationError(`TensorFlow.js computes ${spec.name} along the last axis only (axis -1 or ${rank - 1}), not axis ${given}`);
  }
  const product = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);
  return { outer: product(shape.slice(0, axis)), size, inner: product(shape.slice(axis + 1)) };
}

/** The axis counted from 0: Keras counts a negative axis from the end. */
export const axisIndex = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

function describe(value: unknown): string {
  if (value === null) return 'None (null)';
  if (typeof value === 'string') return `the string '${value}'`;
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `${typeof value} ${String(value)}`;
}
