import { type Tensor, mul, sigmoid as sigmoidOp, sub } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { elementwise } from './elementwise.js';

/**
 * The logistic function σ(x) = 1 / (1 + e⁻ˣ), with σ'(x) = σ(x)(1 − σ(x)).
 *
 * @example sigmoid(tensor([1, 5, -4])) // [0.731, 0.993, 0.018]
 */
export function sigmoid(x: Tensor): Tensor {
  return elementwise('sigmoid', x, sigmoidOp, (_x, y) => mul(y, sub(1, y)));
}

/** {@link sigmoid} as a layer. */
export class Sigmoid implements Activation {
  forward(x: Tensor): Tensor { return sigmoid(x); }
  toString(): string { return 'Sigmoid()'; }
}
