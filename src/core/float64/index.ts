// Double-precision functions as CPython's `math` module gives them on Linux (glibc), for the Python
// interpreter's `math` and NumPy float64, and activations evaluated in float64 (what Keras returns for a
// float64 input). Pure TypeScript, no Node APIs.
//
// STAND-INS: each function below is JavaScript's own until the CPython-compatible implementations land
// (the float64 work on branch f64 replaces this whole file); evaluateFloat64 refuses until then.
import { ActivationError } from '../catalog';
import type { EvaluateOptions } from '../kernels';

export const exp = Math.exp;
export const expm1 = Math.expm1;
export const log = Math.log;
export const log1p = Math.log1p;
export const log2 = Math.log2;
export const log10 = Math.log10;
export const sqrt = Math.sqrt;
export const pow = Math.pow;
export const tanh = Math.tanh;
export const sinh = Math.sinh;
export const cosh = Math.cosh;
export const atan = Math.atan;
export const sin = Math.sin;
export const cos = Math.cos;
export const tan = Math.tan;

/** erf and erfc: no JavaScript built-in; a stand-in that refuses. */
export function erf(_x: number): number {
  throw new ActivationError('math.erf is not available yet');
}
export function erfc(_x: number): number {
  throw new ActivationError('math.erfc is not available yet');
}

/**
 * f(values) in double for a Keras activation, as Keras computes it for a float64 input: the exact
 * function rounded to double within 1 ulp. Options as `evaluate`'s, with `out` a Float64Array.
 */
export function evaluateFloat64(name: string, _values: Float64Array | readonly number[], _options?: Omit<EvaluateOptions, 'out'> & { readonly out?: Float64Array }): Float64Array {
  throw new ActivationError(`${name} in float64 is not available yet`);
}
