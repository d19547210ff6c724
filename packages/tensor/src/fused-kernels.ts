import type { TensorStorage } from './storage.js';
import type { TypedArray } from './dtype.js';

/**
 * Optional fused kernels for the hot paths the courses derive by hand, entries of a backend's
 * kernel table. Each returns null when it does not handle its inputs (dtype, shape, size), and
 * the package that owns the op then composes primitives, which stay the readable definition: a
 * fused kernel must give the same values as that composition (the wasm backend's give the same
 * bits). Other packages reach them through `fusedLinear`, `fusedLinearBackward`,
 * `fusedReluBackward` (see `fused.ts`) and batch norm's doors (`fused-batch-norm.ts`), never
 * through the backend.
 */
export interface FusedKernels {
  /** Linear's forward x·wᵀ + b, for x [N, in], w [out, in], b [out] or null. */
  linear?(x: TensorStorage, w: TensorStorage, b: TensorStorage | null): TensorStorage | null;
  /**
   * Linear's backward from dy [N, out]: dX = dy·w, dW = dyᵀ·x and db = Σ dy over the rows,
   * each only where `needs` asks for it (null in its place otherwise). With `addDwTo`, storage
   * of w's shape that the backend's kernels can write where it lies (from `residentCopy`),
   * the backend may add dW into it in place instead, and then returns null for dW; a backend
   * that does not returns dW as usual. Added onto zeros, the bits are those of dW; onto other
   * values the sum may round differently from adding a finished dW (the wasm backend adds
   * each 256-row partial product in turn).
   */
  linearBackward?(
    dy: TensorStorage, x: TensorStorage, w: TensorStorage, needs: readonly [boolean, boolean, boolean], addDwTo?: TypedArray,
  ): [TensorStorage | null, TensorStorage | null, TensorStorage | null] | null;
  /** ReLU's backward through its output: grad where y > 0, else 0 (y and grad of one shape). */
  reluBackward?(grad: TensorStorage, y: TensorStorage): TensorStorage | null;
  /**
   * Batch norm's per-channel mean and biased variance of x [N, C], in float64: the mean of each
   * column in row order, then the mean of (x − mean)² in row order (`channelMoments` of
   * @mlpkit/normalization, whose bits it must give).
   */
  channelMoments?(x: TensorStorage): ChannelMoments | null;
  /** Batch norm's output ((x − mean)·invStd)·gamma + beta per column of x [N, C], in float64, rounded once to x's dtype. */
  batchNorm?(x: TensorStorage, stats: BatchNormStats): TensorStorage | null;
  /**
   * Batch norm's closed-form backward from dy [N, C] (see @mlpkit/normalization's batchNorm),
   * in float64: dβ and dγ as row-order sums, dx rounded once to x's dtype. `batchStats` false
   * (eval, running statistics) gives dx = (dy·gamma)·invStd.
   */
  batchNormBackward?(dy: TensorStorage, x: TensorStorage, stats: BatchNormStats, batchStats: boolean): BatchNormGrads | null;
}

/** Per-channel mean and biased variance, in float64. */
export interface ChannelMoments {
  mean: Float64Array;
  variance: Float64Array;
}

/** What batch norm normalizes a channel with, one float64 value per channel each. */
export interface BatchNormStats {
  mean: Float64Array;
  invStd: Float64Array;
  gamma: Float64Array;
  beta: Float64Array;
}

/** Batch norm's gradients: dx as storage of x's shape and dtype, dγ and dβ in float64. */
export interface BatchNormGrads {
  dx: TensorStorage;
  dGamma: Float64Array;
  dBeta: Float64Array;
}
