import type { TensorStorage } from './storage.js';
import type { TypedArray } from './dtype.js';

/**
 * Optional fused kernels for the hot paths the courses derive by hand, entries of a backend's
 * kernel table. Each returns null when it does not handle its inputs (dtype, shape, size), and
 * the package that owns the op then composes primitives, which stay the readable definition: a
 * fused kernel must give the same values as that composition (the wasm backend's give the same
 * bits). Other packages reach them through `fusedLinear`, `fusedLinearBackward` and
 * `fusedReluBackward` (see `fused.ts`), never through the backend.
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
}
