import type { TypedArray } from './dtype.js';
import type { FusedKernels } from './fused-kernels.js';
import type { Primitive, PrimitiveParams } from './primitives.js';
import type { TensorStorage } from './storage.js';
import type { UpdateKernels } from './update-kernels.js';

/** One kernel: computes a primitive's output storage from its inputs. Inputs are never mutated. */
export type Kernel<P extends Primitive> = (inputs: readonly TensorStorage[], params: PrimitiveParams[P]) => TensorStorage;

/** A kernel for every primitive; the compiler refuses a backend that misses one. */
export type PrimitiveKernels = { [P in Primitive]: Kernel<P> };

/**
 * The entries a backend may add to speed up more than one primitive at a time. Each is
 * optional and may decline a call (null or false); the package that owns the op then runs its
 * readable definition. See `fused-kernels.ts` and `update-kernels.ts` for their contracts.
 */
export interface OptionalKernels extends FusedKernels, UpdateKernels {
  /**
   * TensorStorage in the backend's own memory holding a copy of `values`, for a long-lived tensor (a
   * Parameter, its gradient kept across steps, optimizer state), or null when the backend has
   * none to give (wrong dtype, region full). Kernels then read that storage where it lies
   * instead of copying it in on every call. It is still a typed array of the same type to every
   * other piece of code (possibly a view of shared memory, which `structuredClone` shares rather
   * than copies), and needs no dispose. Reached only through `longLivedStorage`.
   */
  residentCopy?(values: TypedArray): TypedArray | null;
}

/**
 * The one typed kernel table of a backend: every primitive, plus the optional fused kernels,
 * in-place updates and resident storage. A new fast path is a new optional entry here, never a
 * new member of `Backend`.
 */
export type KernelTable = PrimitiveKernels & OptionalKernels;

/**
 * A backend computes primitives. TensorStorage is a typed array owned by the tensor, so memory is
 * the garbage collector's job on every backend; a fast backend spreads the reference kernels
 * and overrides some.
 */
export interface Backend {
  readonly name: string;
  readonly kernels: KernelTable;
}
