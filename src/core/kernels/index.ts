// The float32 kernels' public face: evaluate an activation (or its derivative) on float32 values exactly
// as the exact mathematical function rounded once to float32 — within 1 ulp always, correctly rounded
// for all but about one input in 10^8 (docs/numerics.md). Pure TypeScript, no Node APIs: the webview
// bundles it too.
import { ActivationError } from '../catalog';
import { wasmKernels } from '../wasm';
import { axisThroughWasm, valueThroughWasm } from './accelerated';
import { AXIS_KERNELS } from './axis';
import { DERIVATIVE_KERNELS } from './derivatives';
import { VALUE_KERNELS } from './elementwise';
import { axisIndex, layoutAlong, parseCall, parseRequest, parseShape, type EvaluateOptions, type Request } from './request';

export type { EvaluateOptions } from './request';

export type KernelEngine = 'wasm' | 'js';

/** WebAssembly SIMD wherever the host compiles the module, else JS; both give the same bits. */
let engine: KernelEngine = 'wasm';

/** The kernels `evaluate` uses: 'wasm' when available (the default), or 'js' (tests and the bench compare them). */
export function setKernelEngine(choice: KernelEngine): void {
  if (choice === 'wasm' && !wasmKernels()) throw new ActivationError('the WebAssembly kernels are not available in this host');
  engine = choice;
}

export function kernelEngine(): KernelEngine {
  return engine === 'wasm' && wasmKernels() ? 'wasm' : 'js';
}

/**
 * f(values) for a Keras activation `name` (or alias; with `variant`, also that library's identifier such
 * as tfjs 'hardSigmoid'). Elementwise functions map every value; softmax, log_softmax, glu and sparsemax
 * work along `options.axis` of `options.shape` (glu halves that axis: see `outputShape`).
 *
 * `linear` returns a Float32Array input itself (as Keras returns its argument) unless `out` is given.
 *
 * @example evaluate('gelu', [-6, 0, 1]) // Float32Array [-5.9195e-9, 0, 0.8413447]
 * @example evaluate('softmax', [1, 2, 3, 4], { shape: [2, 2], axis: 0 })
 */
export function evaluate(name: string, values: Float32Array | readonly number[], options?: EvaluateOptions): Float32Array {
  const request = parseRequest(name, values, options);
  const { spec, values: x } = request;
  // Like Keras' `linear`, which returns its argument unchanged: no copy unless an `out` asks for one.
  if (spec.name === 'linear' && request.out === undefined) return x;
  if (spec.elementwise) {
    const out = outputArray(request, x.length);
    if (engine === 'js' || !valueThroughWasm(spec.name, x, out, request.params, request.variant)) {
      VALUE_KERNELS[spec.name](x, out, request.params, request.variant);
    }
    return out;
  }
  const layout = layoutAlong(request);
  const out = outputArray(request, spec.name === 'glu' ? x.length / 2 : x.length);
  // glu writes a shorter array than it reads, so an aliased output would overwrite unread input.
  const input = spec.name === 'glu' && out.buffer === x.buffer ? x.slice() : x;
  if (engine === 'js' || !axisThroughWasm(spec.name, input, out, layout)) AXIS_KERNELS[spec.name](input, out, layout);
  return out;
}

/**
 * f′(values) for an elementwise activation, with TensorFlow's conventions at kinks (relu′(0) = 0; see
 * docs/numerics.md). Functions along an axis have a Jacobian, not a derivative curve: they throw.
 */
export function derivative(name: string, values: Float32Array | readonly number[], options?: EvaluateOptions): Float32Array {
  const request = parseRequest(name, values, options);
  const { spec, values: x } = request;
  if (!spec.elementwise) {
    throw new ActivationError(`${spec.name} works along an axis: its derivative is a Jacobian matrix, not an elementwise derivative`);
  }
  const out = outputArray(request, x.length);
  DERIVATIVE_KERNELS[spec.name](x, out, request.params, request.variant);
  return out;
}

/**
 * The shape `evaluate` returns for input of this shape with these options (its `shape` and `out` are not
 * read): the same, except glu halves its axis. It checks the call as `evaluate` does, so threshold needs
 * its two parameters here too.
 */
export function outputShape(name: string, shape: readonly number[], options?: EvaluateOptions): number[] {
  const { spec, variant, params } = parseCall(name, options);
  const dims = parseShape(shape, shape.reduce((product, dim) => product * dim, 1));
  if (spec.elementwise) return [...dims];
  layoutAlong({ spec, variant, params, shape: dims }); // validates the axis
  const axis = axisIndex(params.axis as number, dims.length);
  return dims.map((dim, i) => (i === axis && spec.name === 'glu' ? dim / 2 : dim));
}

function outputArray(request: Request, length: number): Float32Array {
  const { out, spec } = request;
  if (out === undefined) return new Float32Array(length);
  if (out.length !== length) {
    throw new ActivationError(`option 'out' has ${out.length} elements but ${spec.name} returns ${length}`);
  }
  return out;
}
