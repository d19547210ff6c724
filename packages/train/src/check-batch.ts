import { MlpkitError, checkTensor, describe } from '@mlpkit/tensor';
import type { BatchLike } from './types.js';

/** The loader's `value` as a batch, or an MlpkitError naming the batch (a null batch is no `{x, y}`). */
export function batchOf(op: string, value: unknown, index: number): BatchLike {
  if (value === null || typeof value !== 'object' || !('x' in value) || !('y' in value))
    throw new MlpkitError(op, `batch ${index}: expected an object {x, y} such as a DataLoader yields, got ${describe(value)}`);
  return value as BatchLike;
}

/** The loss function's result as a number, once it is checked to be a Tensor (a plain number has no backward). */
export function lossValue(op: string, loss: unknown): number {
  if (typeof loss === 'number') throw new MlpkitError(op, `loss: expected the loss function to return a Tensor, got number ${loss} (nothing to call backward on)`);
  checkTensor(op, loss, 'the loss');
  return loss.item();
}
