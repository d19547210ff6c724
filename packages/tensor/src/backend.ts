import type { Primitive, PrimitiveParams } from './primitives.js';
import type { Tensor } from './tensor.js';
import type { TypedArray } from './dtype.js';
import type { FusedKernels } from './fused-kernels.js';
import type { UpdateKernels } from './update-kernels.js';

/** One kernel: computes a primitive's output from its inputs. Inputs are never mutated. */
export type Kernel<P extends Primitive> = (inputs: readonly Tensor[], params: PrimitiveParams[P]) => Tensor;

/** A complete set of kernels; the compiler refuses a backend that misses a primitive. */
export type KernelTable = { [P in Primitive]: Kernel<P> };

/**
 * A backend computes primitives. Storage is always a typed array owned by the tensor, so
 * memory is the garbage collector's job on every backend; a fast backend overrides some
 * kernels and spreads the reference for the rest.
 */
export interface Backend {
  readonly name: string;
  readonly kernels: KernelTable;
  /**
   * Optional: a typed array in the backend's own memory holding a copy of `values`, for a
   * long-lived tensor such as a Parameter, or null when the backend has none to give (wrong
   * dtype, region full). Kernels then read that storage where it lies instead of copying it
   * in on every call. It is still a typed array of the same type to every other piece of code
   * (possibly a view of shared memory, which `structuredClone` shares rather than copies), and
   * needs no dispose.
   */
  readonly residentCopy?: (values: TypedArray) => TypedArray | null;
  /** Optional in-place optimizer updates on storage from `residentCopy`. */
  readonly updates?: UpdateKernels;
  /** Optional fused kernels (Linear, ReLU's backward); callers compose primitives without them. */
  readonly fused?: FusedKernels;
}
