import type { Primitive, PrimitiveParams } from './primitives.js';
import type { Tensor } from './tensor.js';

/** One kernel: computes a primitive's output from its inputs. Inputs are never mutated. */
export type Kernel<P extends Primitive> = (inputs: readonly Tensor[], params: PrimitiveParams[P]) => Tensor;

/** A complete set of kernels; the compiler refuses a backend that misses a primitive. */
export type KernelTable = { [P in Primitive]: Kernel<P> };

/**
 * A backend computes primitives. Storage is always a plain typed array owned by the
 * tensor, so memory is the garbage collector's job on every backend; a fast backend
 * overrides some kernels and spreads the reference for the rest.
 */
export interface Backend {
  readonly name: string;
  readonly kernels: KernelTable;
}
