import { type Tensor, sigmoid as sigmoidOp } from '@mlpkit/tensor';
import type { Activation } from './activation.js';

/**
 * The logistic function σ(x) = 1 / (1 + e⁻ˣ), with σ'(x) = σ(x)(1 − σ(x)). It is tensor's
 * `sigmoid` primitive, so its gradient is the one rule in autograd's VJP table (and
 * `x.sigmoid()` is the same op); integer and bool inputs become float32.
 *
 * @example sigmoid(tensor([1, 5, -4])) // [0.731, 0.993, 0.018]
 */
export function sigmoid(x: Tensor): Tensor {
  return sigmoidOp(x);
}

/** {@link sigmoid} as a layer. */
export class Sigmoid implements Activation {
  forward(x: Tensor): Tensor { return sigmoid(x); }
  toString(): string { return 'Sigmoid()'; }
}
