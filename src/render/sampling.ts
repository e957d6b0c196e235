// Curve sampling shared by the hover's small chart and the plot panel: an activation and its derivative
// evaluated by the float32 core at evenly spaced points of a domain. Pure (no DOM, no vscode).
//
// Functions that work along an axis (softmax, log_softmax, sparsemax, glu) have no curve y = f(x). We plot the
// one-dimensional slice of them the catalog gives (`slice`: softmax([x, 0])₀, the probability of class 0
// against a rival logit of 0, …) and say which one in the legend. Each is computed by the real kernel on a
// [n, 2] tensor (axis −1), so a library variant's definition applies; the derivative is the slope along the
// slice, the derivative of the elementwise function it equals (softmax([x, 0])₀ = σ(x)).
import {
  derivative as derivativeOf,
  evaluate,
  paramsOf,
  findActivation,
  type ActivationSpec,
  type AxisSlice,
  type Flavour,
  type ParamSpec,
  type ParamValue,
  type ResolvedParams,
} from '../core';

/** A sampled curve: float32 inputs, outputs and (unless asked not to) derivatives at the same points. */
export interface Curve {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly dy?: Float32Array;
}

export interface SampleOptions {
  /** The x-range; defaults to the spec's `plotDomain`. */
  readonly domain?: readonly [number, number];
  /** Number of points, at least 2; default 400. */
  readonly points?: number;
  /** The library whose definition is plotted; default Keras 3. */
  readonly variant?: Flavour;
  /** Whether to compute the derivative too; default true. */
  readonly derivative?: boolean;
  /**
   * An earlier curve whose arrays may be overwritten (when their lengths fit): a plot redrawing on every
   * slider step then allocates nothing, so no garbage collection pauses a drag.
   */
  readonly reuse?: Curve;
}

/** The slice plotted for a function along an axis; undefined for elementwise functions. */
export function sliceOf(spec: ActivationSpec): AxisSlice | undefined {
  return spec.elementwise ? undefined : spec.slice;
}

/** `points` evenly spaced float32 values from lo to hi inclusive (written into `out` when it fits). */
export function linspace(lo: number, hi: number, points: number, out?: Float32Array): Float32Array {
  const n = Math.max(2, Math.floor(points));
  const x = out && out.length === n ? out : new Float32Array(n);
  const step = (hi - lo) / (n - 1);
  for (let i = 0; i < n; i++) x[i] = lo + i * step;
  x[n - 1] = hi;
  return x;
}

/**
 * Samples `spec` with already resolved parameters (Keras 3 names, see `resolveParams`). Only the parameters
 * the variant takes reach the kernel (TensorFlow.js `relu` takes none), so the curve is that library's.
 */
export function sampleActivation(spec: ActivationSpec, params: ResolvedParams, options: SampleOptions = {}): Curve {
  const [lo, hi] = options.domain ?? spec.plotDomain;
  const variant = options.variant ?? 'keras3';
  const reuse = options.reuse;
  const x = linspace(lo, hi, options.points ?? 400, reuse?.x);
  const fits = (array: Float32Array | undefined) => (array && array.length === x.length ? array : undefined);
  const kernelOptions = { ...kernelParams(spec, params, variant), variant };
  const slice = sliceOf(spec);
  if (!slice) {
    const y = evaluate(spec.name, x, { ...kernelOptions, out: fits(reuse?.y) });
    if (options.derivative === false) return { x, y };
    return { x, y, dy: derivativeOf(spec.name, x, { ...kernelOptions, out: fits(reuse?.dy) }) };
  }
  const y = sampleSlice(spec, slice, x, kernelOptions, fits(reuse?.y));
  if (options.derivative === false) return { x, y };
  return { x, y, dy: sliceDerivative(slice, x, variant, fits(reuse?.dy)) };
}

/**
 * Whether a parameter shapes a plotted curve (and so gets a control in the plot panel): numbers and
 * booleans do; an axis is fixed by the slice, and strings never reach the kernels.
 */
export const isCurveParam = (param: ParamSpec): boolean => param.type === 'number' || param.type === 'boolean';

/** The parameters a variant's function takes, under the Keras 3 names the kernels accept. */
export function kernelParams(spec: ActivationSpec, params: ResolvedParams, variant: Flavour): Record<string, ParamValue> {
  const taken = new Set(paramsOf(spec, variant).map((param) => param.target));
  const chosen: Record<string, ParamValue> = {};
  for (const param of spec.params) {
    if (!isCurveParam(param)) continue;
    const value = params[param.name];
    if (taken.has(param.name) && value !== undefined) chosen[param.name] = value;
  }
  return chosen;
}

function sampleSlice(spec: ActivationSpec, slice: AxisSlice, x: Float32Array, options: Record<string, unknown>, into?: Float32Array): Float32Array {
  const n = x.length;
  const pairs = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    pairs[2 * i] = x[i];
    pairs[2 * i + 1] = slice.partner === 'x' ? x[i] : slice.partner;
  }
  const out = evaluate(spec.name, pairs, { ...options, shape: [n, 2], axis: -1 });
  if (out.length === n) {
    // glu halves the axis
    if (!into) return out;
    into.set(out);
    return into;
  }
  const first = into ?? new Float32Array(n);
  for (let i = 0; i < n; i++) first[i] = out[2 * i];
  return first;
}

/** ∂y₀/∂x along the slice: the derivative of the function it equals, in the variant's definition where that library has it. */
function sliceDerivative(slice: AxisSlice, x: Float32Array, variant: Flavour, into?: Float32Array): Float32Array {
  const equal = findActivation(slice.equals);
  const inVariant = variant === 'keras3' || (equal !== undefined && equal[variant] !== null);
  return derivativeOf(slice.equals, x, { variant: inVariant ? variant : 'keras3', out: into });
}
