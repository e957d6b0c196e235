// The compute core's public face: the activation catalog and (below) the float32 kernels.
export * from './catalog';
export { evaluate, derivative, outputShape, setKernelEngine, kernelEngine, type EvaluateOptions, type KernelEngine } from './kernels';
