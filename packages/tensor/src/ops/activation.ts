import { checkTensor, type Tensor } from '../tensor.js';
import { normalizeDim } from '../shape.js';
import { exp, le, sub, where } from './elementwise.js';
import { logsumexp } from './reduce.js';

/**
 * max(0, x) as `torch.relu`: relu'(0) = 0, NaN passes through, and the dtype is kept. Built
 * from `where`, so its gradient is the primitive's (g where x > 0, else 0).
 */
export function relu(x: Tensor): Tensor {
  checkTensor('relu', x);
  return where(le(x, 0), 0, x);
}

/**
 * log softmax along `dim` as x − logsumexp(x): stable for ±100 logits (logsumexp shifts by
 * the maximum), and differentiable through its primitives.
 */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  checkTensor('logSoftmax', x);
  const d = normalizeDim('logSoftmax', dim, x.ndim);
  return sub(x, logsumexp(x, d, true));
}

/** Softmax along `dim` (the last by default), as e^(log softmax) so no row overflows. */
export function softmax(x: Tensor, dim = -1): Tensor {
  checkTensor('softmax', x);
  return exp(logSoftmax(x, normalizeDim('softmax', dim, x.ndim)));
}
