// Entry point of the wasm kernels: the module imports its memory and allocates nothing, so
// every thread can instantiate it on one shared memory and the host owns the layout.
export { gemmWorkspaceBytes, sgemm } from './gemm';
export { binary, unary, clamp } from './elementwise';
export { sumLeading, sumTrailing } from './reduce';
export { compare, where } from './select';
export { axpy, adam, sgdMomentum, zero } from './update';
export { reluBackward } from './fused';
export { channelMoments, batchNormForward, batchNormBackward } from './batch-norm';
export { transcendental } from './transcendental';
