import { type Tensor, gt, le, where } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { constant, elementwise } from './elementwise.js';

/**
 * The rectified linear unit max(0, x), with relu'(x) = 1 for x > 0 and 0 otherwise
 * (PyTorch's relu'(0) = 0).
 *
 * @example relu(tensor([1, 5, -4, 3, -2])) // [1, 5, 0, 3, 0]
 */
export function relu(x: Tensor): Tensor {
  return elementwise('relu', x,
    // Selecting zeros where x <= 0 (not x where x > 0) lets NaN through, as PyTorch does.
    (v) => where(le(v, 0), constant(v, 0), v),
    (v) => where(gt(v, 0), constant(v, 1), constant(v, 0)));
}

/** {@link relu} as a layer. */
export class ReLU implements Activation {
  forward(x: Tensor): Tensor { return relu(x); }
  toString(): string { return 'ReLU()'; }
}
