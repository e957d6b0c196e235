// The compute core's public face: the activation catalog and (below) the float32 kernels.
export * from './catalog';
