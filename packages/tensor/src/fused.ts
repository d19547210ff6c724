import type { TensorStorage } from './storage.js';
import { getBackend } from './dispatch.js';
import type { TypedArray } from './dtype.js';
import type { AdamStep, SgdMomentumStep } from './update-kernels.js';
import { Tensor } from './tensor.js';

// The one door to the optional entries of the kernel table: each returns null (or false) when
// the active backend has no entry or declines, and the package that owns the op then runs its
// readable definition. No package outside tensor asks which backend is active.

const wrap = (s: TensorStorage | null): Tensor | null => (s === null ? null : Tensor.fromStorage(s));

/** Linear's forward x·wᵀ + b on the backend's fused kernel (x [N, in], w [out, in], b [out] or null), or null. */
export function fusedLinear(x: Tensor, w: Tensor, b: Tensor | null): Tensor | null {
  const kernel = getBackend().kernels.linear;
  return kernel ? wrap(kernel(x, w, b)) : null;
}

/**
 * Linear's backward on the backend's fused kernel, or null: [dX, dW, dB] for dy [N, out], each
 * where `needs` asks. With `addDwTo` (long-lived storage of w's shape) the backend may add dW
 * into it in place and return null for dW.
 */
export function fusedLinearBackward(
  dy: Tensor, x: Tensor, w: Tensor, needs: readonly [boolean, boolean, boolean], addDwTo?: TypedArray,
): [Tensor | null, Tensor | null, Tensor | null] | null {
  const kernel = getBackend().kernels.linearBackward;
  const out = kernel ? kernel(dy, x, w, needs, addDwTo) : null;
  return out && [wrap(out[0]), wrap(out[1]), wrap(out[2])];
}

/** ReLU's backward through its output y on the backend's fused kernel (grad where y > 0, else 0), or null. */
export function fusedReluBackward(grad: Tensor, y: Tensor): Tensor | null {
  const kernel = getBackend().kernels.reluBackward;
  return kernel ? wrap(kernel(grad, y)) : null;
}

/** y ← y + alpha·x in place on the backend, or false (nothing changed) when it has no entry or declines. */
export function fusedAxpy(y: TypedArray, alpha: number, x: TypedArray): boolean {
  return getBackend().kernels.axpy?.(y, alpha, x) ?? false;
}

/** One SGD-with-momentum step in place on the backend, or false (nothing changed). */
export function fusedSgdMomentum(param: TypedArray, grad: TypedArray, buffer: TypedArray, h: SgdMomentumStep): boolean {
  return getBackend().kernels.sgdMomentum?.(param, grad, buffer, h) ?? false;
}

/** One Adam step in place on the backend, or false (nothing changed). */
export function fusedAdam(param: TypedArray, grad: TypedArray, m: TypedArray, v: TypedArray, vMax: TypedArray | null, h: AdamStep): boolean {
  return getBackend().kernels.adam?.(param, grad, m, v, vMax, h) ?? false;
}

/** y ← 0 in place on the backend, or false (nothing changed) when it has no entry or declines. */
export function fusedZero(y: TypedArray): boolean {
  return getBackend().kernels.zero?.(y) ?? false;
}
