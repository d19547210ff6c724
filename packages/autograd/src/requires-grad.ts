import { MlpkitError, type Tensor, isFloating } from '@mlpkit/tensor';
import { ensureRecorder } from './recorder.js';

/**
 * Marks `x` as a leaf whose gradient `backward()` computes into `x.grad` (PyTorch's
 * `requires_grad_()`), and returns it. Only float tensors can require grad.
 */
export function requiresGrad<T extends Tensor>(x: T, flag = true): T {
  if (flag && !isFloating(x.dtype))
    throw new MlpkitError('requiresGrad', `only float tensors can require gradients, got dtype ${x.dtype}`);
  if (flag) ensureRecorder();
  x.requiresGrad = flag;
  return x;
}
