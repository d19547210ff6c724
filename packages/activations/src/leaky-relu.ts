import { type Tensor, gt, mul, where } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { constant, elementwise } from './elementwise.js';
import { checkFinite } from './check.js';

/**
 * Leaky ReLU: x for x > 0 and `negativeSlope`·x otherwise, with derivative 1 or
 * `negativeSlope` (PyTorch's leaky_relu'(0) = negativeSlope).
 *
 * @example leakyRelu(tensor([1, -4])) // [1, -0.04]
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  checkFinite('leakyRelu', 'negativeSlope', negativeSlope);
  return elementwise('leakyRelu', x,
    (v) => where(gt(v, 0), v, mul(v, negativeSlope)),
    (v) => where(gt(v, 0), constant(v, 1), constant(v, negativeSlope)));
}

/** {@link leakyRelu} as a layer. */
export class LeakyReLU implements Activation {
  constructor(readonly negativeSlope = 0.01) {
    checkFinite('LeakyReLU', 'negativeSlope', negativeSlope);
  }
  forward(x: Tensor): Tensor { return leakyRelu(x, this.negativeSlope); }
  toString(): string { return `LeakyReLU(negativeSlope=${this.negativeSlope})`; }
}
