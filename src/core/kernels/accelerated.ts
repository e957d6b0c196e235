// Which WebAssembly kernel computes an activation for given parameters, with the JS kernel as the exact
// fallback for the lanes it flags: results are the JS kernels' bits, faster. Parameter regimes without a
// WebAssembly kernel (relu with a cap or threshold, sparsemax, rows along a non-last axis)
// run in JS.
import type { Flavour, ResolvedParams } from '../catalog';
import { wasmKernels } from '../wasm';
import { AXIS_KERNELS, type AxisLayout } from './axis';
import { num, VALUE_KERNELS } from './elementwise';

/** The module's kernel and its two parameters. */
type Choice = readonly [kernel: string, p: number, q: number];

const SAME = (name: string) => (): Choice => [name, 0, 0];

const CHOICES: Readonly<Record<string, (params: ResolvedParams, variant: Flavour) => Choice | undefined>> = {
  relu: (params) => {
    if (params.max_value !== null || num(params, 'threshold') !== 0) return undefined;
    const slope = num(params, 'negative_slope');
    return slope === 0 ? ['relu', 0, 0] : ['leaky_relu', slope, 0];
  },
  leaky_relu: (params) => (num(params, 'negative_slope') === 0 ? ['relu', 0, 0] : ['leaky_relu', num(params, 'negative_slope'), 0]),
  elu: (params) => ['elu', num(params, 'alpha'), 1],
  celu: (params) => (num(params, 'alpha') === 0 ? ['relu', 0, 0] : ['elu', num(params, 'alpha'), 1 / num(params, 'alpha')]),
  gelu: (params) => (params.approximate === true ? ['gelu_tanh', 0, 0] : ['gelu', 0, 0]),
  hard_sigmoid: (_params, variant) => (variant === 'keras3' ? ['hard_sigmoid', 3, 6] : ['hard_sigmoid', 2.5, 5]),
  soft_shrink: (params) => ['soft_shrink', num(params, 'threshold'), 0],
  hard_shrink: (params) => ['hard_shrink', num(params, 'threshold'), 0],
  squareplus: (params) => ['squareplus', num(params, 'b'), 0],
  threshold: (params) => ['threshold', num(params, 'threshold'), num(params, 'default_value')],
  ...Object.fromEntries(
    ['relu6', 'selu', 'silu', 'hard_silu', 'sigmoid', 'sparse_sigmoid', 'log_sigmoid', 'softplus', 'softsign', 'tanh', 'hard_tanh', 'tanh_shrink', 'sparse_plus', 'mish', 'exponential'].map(
      (name) => [name, SAME(name)],
    ),
  ),
};

/** f(x) into out through WebAssembly; false when no WebAssembly kernel serves this call. */
export function valueThroughWasm(name: string, x: Float32Array, out: Float32Array, params: ResolvedParams, variant: Flavour): boolean {
  const wasm = wasmKernels();
  const choice = wasm && CHOICES[name]?.(params, variant);
  if (!wasm || !choice) return false;
  const [kernel, p, q] = choice;
  wasm.map(kernel, p, q, x, out, (xs, outs) => VALUE_KERNELS[name](xs, outs, params, variant));
  return true;
}

/** glu, and softmax / log_softmax along a last (contiguous) axis, through WebAssembly; false otherwise. */
export function axisThroughWasm(name: string, x: Float32Array, out: Float32Array, layout: AxisLayout): boolean {
  const wasm = wasmKernels();
  if (!wasm) return false;
  const { outer, size, inner } = layout;
  if (name === 'glu') {
    // Pairs (a, b) gathered by the runner: one block of two halves each.
    wasm.glu(x, out, outer, (size / 2) * inner, (pairs, outs) => AXIS_KERNELS.glu(pairs, outs, { outer: outs.length, size: 2, inner: 1 }));
    return true;
  }
  if ((name !== 'softmax' && name !== 'log_softmax') || inner !== 1) return false;
  const kernel = AXIS_KERNELS[name];
  return wasm.rows(`${name}_row`, x, out, size, (row, rowOut) => kernel(row, rowOut, { outer: 1, size, inner: 1 }));
}
