import * as ops from './ops/index.js';
import { setTensorOps } from './tensor-ops.js';

export { Tensor, type GradNode, type TensorVarianceOptions, checkTensor } from './tensor.js';
export type { DType, TypedArray, DTypeArray } from './dtype.js';
export { allocate, checkAllocation, checkDType, dtypeOfArray, dtypes, isFloating, maxTensorBytes, promoteTypes, toDType } from './dtype.js';
export { MlpkitError, describe, formatShape } from './errors.js';
export { checkOptions, checkRequiredOptions } from './ops/check-options.js';
export type { Shape } from './shape.js';
export { checkShape, sizeOf, stridesOf, shapesEqual, broadcastShapes, normalizeDim, normalizeDims } from './shape.js';
export type { Primitive, PrimitiveParams, UnaryPrimitive, BinaryPrimitive, ComparePrimitive } from './primitives.js';
export type { Backend, Kernel, KernelTable, OptionalKernels, PrimitiveKernels } from './backend.js';
export { type DeviceBuffer, type TensorStorage, storage } from './storage.js';
export type { BatchNormGrads, BatchNormStats, ChannelMoments, FusedKernels } from './fused-kernels.js';
export { fusedBatchNorm, fusedBatchNormBackward, fusedChannelMoments } from './fused-batch-norm.js';
export { fusedLinear, fusedLinearBackward, fusedReluBackward, fusedAxpy, fusedSgdMomentum, fusedAdam, fusedZero } from './fused.js';
export { longLivedStorage } from './long-lived-storage.js';
export { RECYCLE_MIN_LENGTH, recycleFloat32, uninitializedFloat32 } from './recycled-float32.js';
export { releaseMemory } from './release-memory.js';
export { type StepScope, type StepSurvivor, inStepScope, openStepScope } from './step-scope.js';
export type { AdamStep, SgdMomentumStep, UpdateKernels } from './update-kernels.js';
export { run, setBackend, getBackend, setGradRecorder, getGradRecorder, type GradRecorder } from './dispatch.js';
export { referenceBackend, referenceKernels } from './reference/index.js';
export { gemm } from './reference/matmul.js';
export { planMatmul, type MatmulPlan } from './matmul-plan.js';
export { Generator, type GeneratorState, manualSeed, defaultGenerator } from './random.js';
export { formatTensor } from './format.js';
export * from './ops/index.js';
export { StateReader, describeLoaded, forbiddenKeys, type NumberRule } from './state-reader.js';
export { repeatedJsonKey } from './repeated-json-key.js';

// A Tensor's methods call the ops through the table the entry hands over here (tensor-ops.ts says why).
setTensorOps(ops);
