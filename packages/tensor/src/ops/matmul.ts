import { run } from '../dispatch.js';
import { checkAllocation, isFloating, promoteTypes } from '../dtype.js';
import { broadcastShapes, sizeOf } from '../shape.js';
import { MlpkitError, formatShape } from '../errors.js';
import { type Tensor, checkTensor } from '../tensor.js';
import { cast } from './convert.js';
import { reshape } from './shape.js';

/**
 * Matrix product with PyTorch's rules: 1-D operands become a row or column that is then
 * dropped, and batch dims broadcast.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  checkTensor('matmul', a);
  checkTensor('matmul', b, 'other');
  if (a.ndim === 0 || b.ndim === 0)
    throw new MlpkitError('matmul', `both operands need at least one dim, got ${formatShape(a.shape)} @ ${formatShape(b.shape)}`);
  const k = a.shape[a.ndim - 1];
  const kb = b.ndim === 1 ? b.shape[0] : b.shape[b.ndim - 2];
  if (k !== kb) throw new MlpkitError('matmul', `inner dimensions differ: ${formatShape(a.shape)} @ ${formatShape(b.shape)}`);
  const x = a.ndim === 1 ? reshape(a, [1, k]) : a;
  const y = b.ndim === 1 ? reshape(b, [k, 1]) : b;
  const out = matmulTransposed(x, y, false, false);
  if (a.ndim > 1 && b.ndim > 1) return out;
  const shape = out.shape.slice(0, -2);
  if (a.ndim > 1) shape.push(out.shape[out.ndim - 2]);
  if (b.ndim > 1) shape.push(out.shape[out.ndim - 1]);
  return reshape(out, shape);
}

/**
 * op(a) @ op(b) for rank >= 2 operands, where op transposes the last two dims when asked.
 * The linear layer's backward pass uses it to get Xᵀ·dY and dY·Wᵀ without a copy.
 */
export function matmulTransposed(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  checkTensor('matmul', a);
  checkTensor('matmul', b, 'other');
  if (a.ndim < 2 || b.ndim < 2)
    throw new MlpkitError('matmul', `expected operands of rank >= 2, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const ka = transA ? a.shape[a.ndim - 2] : a.shape[a.ndim - 1];
  const kb = transB ? b.shape[b.ndim - 1] : b.shape[b.ndim - 2];
  if (ka !== kb)
    throw new MlpkitError('matmul', `inner dimensions differ: ${formatShape(a.shape)}${transA ? 'ᵀ' : ''} @ ${formatShape(b.shape)}${transB ? 'ᵀ' : ''}`);
  let dtype = promoteTypes(a.dtype, b.dtype);
  if (!isFloating(dtype)) dtype = 'float32';
  const batch = broadcastShapes('matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  const m = transA ? a.shape[a.ndim - 1] : a.shape[a.ndim - 2], n = transB ? b.shape[b.ndim - 2] : b.shape[b.ndim - 1];
  checkAllocation('matmul', dtype, sizeOf([...batch, m, n]));
  return run('matmul', [cast(a, dtype), cast(b, dtype)], { transA, transB });
}
