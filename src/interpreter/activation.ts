// An activation applied to values by the compute core: float32 (Keras' floatx, TensorFlow.js) through the
// float32 kernels, float64 (a float64 NumPy array given to a Keras function keeps float64) through
// `evaluateFloat64`. A parameter the catalog refuses, or a shape the kernels refuse, is an ActivationError
// the callers position. Shared by the snippet evaluator, the Python interpreter's Keras objects and the CLI.
import { evaluate as evaluateActivation, getActivation, outputShape, resolveParams, type Flavour, type ParamValue, type ResolvedParams } from '../core';
import { evaluateFloat64 } from '../core/float64';
import type { Float32NdArray } from '../render/numpy';
import type { Span } from './valuesParser';

/** An activation function or layer object, with the parameters it was made with. */
export interface ActivationRef {
  /** Keras 3 name of the activation computed. */
  readonly name: string;
  readonly flavour: Flavour;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** How to name it to a reader: `tf.keras.activations.relu`, `LeakyReLU(negative_slope=0.1)`. */
  readonly label: string;
  /** A layer object (called on a tensor, or `.apply(x)` in tfjs) rather than a function. */
  readonly layer: boolean;
}

/** One evaluation of an activation: what it was applied to and what it gave (as float32, for plots and marks). */
export interface AppliedActivation {
  readonly ref: ActivationRef;
  readonly params: ResolvedParams;
  readonly input: Float32NdArray;
  readonly output: Float32NdArray;
  readonly span: Span;
}

function shapeOut(ref: ActivationRef, shape: readonly number[], params: ResolvedParams): number[] {
  const spec = getActivation(ref.name);
  // Only glu changes the shape (it halves its axis, its one parameter).
  return spec.elementwise ? [...shape] : outputShape(ref.name, shape, { variant: ref.flavour, ...(typeof params.axis === 'number' ? { axis: params.axis } : {}) });
}

/** f(input) in float32 by the core's kernels. Throws an ActivationError for a bad parameter or shape. */
export function applyActivation(ref: ActivationRef, input: Float32NdArray, span: Span = { start: 0, end: 0 }): AppliedActivation {
  const params = resolveParams(getActivation(ref.name), ref.params, ref.flavour);
  const data = evaluateActivation(ref.name, input.data, { ...ref.params, shape: input.shape, variant: ref.flavour });
  return { ref, params, input, output: { shape: shapeOut(ref, input.shape, params), data }, span };
}

/** f(values) in double, as Keras computes a float64 input; the result with its shape. */
export function applyActivationFloat64(ref: ActivationRef, values: Float64Array, shape: readonly number[]): { params: ResolvedParams; shape: number[]; data: Float64Array } {
  const params = resolveParams(getActivation(ref.name), ref.params, ref.flavour);
  const data = evaluateFloat64(ref.name, values, { ...ref.params, shape, variant: ref.flavour });
  return { params, shape: shapeOut(ref, shape, params), data };
}
