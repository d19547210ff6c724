import type { TypedArray } from './dtype.js';

/** SGD-with-momentum hyperparameters for one step, as `UpdateKernels.sgdMomentum` takes them. */
export interface SgdMomentumStep {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  /** The buffer's first step: it takes the gradient as it is. */
  first: boolean;
}

/** Adam's per-step scalars, as `UpdateKernels.adam` takes them. */
export interface AdamStep {
  beta1: number;
  beta2: number;
  /** lr / (1 − β₁ᵗ). */
  stepSize: number;
  /** √(1 − β₂ᵗ). */
  correction2Sqrt: number;
  eps: number;
}

/**
 * Optional in-place optimizer updates, entries of a backend's kernel table, that run where the
 * weights and the optimizer's state lie (storage from `longLivedStorage`). Each computes every
 * value in float64 and rounds once on store, in the order of the optimizers' JavaScript loops,
 * so the bits are the same; each returns false, having changed nothing, unless the parameter
 * and state arrays are such storage and the gradient is float32 of the same length; the
 * optimizer loops itself then. Other packages reach them through `fusedAxpy`,
 * `fusedSgdMomentum`, `fusedAdam` and `fusedZero` (see `fused.ts`).
 */
export interface UpdateKernels {
  /** y ← y + alpha·x (plain SGD with alpha = −lr; gradient accumulation with alpha = 1). */
  axpy?(y: TypedArray, alpha: number, x: TypedArray): boolean;
  /** b ← first ? g : μb + (1 − dampening)g;  θ ← θ − lr·(nesterov ? g + μb : b). */
  sgdMomentum?(param: TypedArray, grad: TypedArray, buffer: TypedArray, h: SgdMomentumStep): boolean;
  /** m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  s ← vMax ? (vMax ← max(vMax, v)) : v;  θ ← θ − stepSize·m / (√s / correction2Sqrt + eps). */
  adam?(param: TypedArray, grad: TypedArray, m: TypedArray, v: TypedArray, vMax: TypedArray | null, h: AdamStep): boolean;
  /**
   * y ← 0 (a gradient zeroed in place, `zero_grad(set_to_none=False)`). Where y is a view of
   * shared memory, as resident storage may be, JavaScript's `fill` writes it one element at a
   * time (ten times slower than into an ordinary array), while the backend clears the bytes at once.
   */
  zero?(y: TypedArray): boolean;
}
