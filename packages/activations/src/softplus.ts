import { type Tensor, abs, add, clamp, div, exp, gt, log1p, mul, neg, sigmoid, where } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { checkFinite, checkPositive } from './check.js';
import { constant, elementwise } from './elementwise.js';

/**
 * log(1 + eᵛ) written as max(v, 0) + log(1 + e^(−|v|)), so that neither e¹⁰⁰ overflows nor
 * log(1 + e⁻¹⁰⁰) rounds to 0 too early. Plain tensor ops, no gradient of its own.
 */
export function stableSoftplus(v: Tensor): Tensor {
  return add(clamp(v, 0), log1p(exp(neg(abs(v)))));
}

/**
 * softplus(x) = log(1 + e^(beta·x)) / beta, a smooth ReLU, with softplus'(x) = σ(beta·x).
 * Where beta·x > threshold it is x itself (derivative 1), as in PyTorch.
 *
 * @example softplus(tensor([1, 5, -4])) // [1.313, 5.007, 0.018]
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  checkPositive('softplus', 'beta', beta);
  checkFinite('softplus', 'threshold', threshold);
  return elementwise('softplus', x,
    (v) => {
      const scaled = mul(v, beta);
      return where(gt(scaled, threshold), v, div(stableSoftplus(scaled), beta));
    },
    (v) => {
      const scaled = mul(v, beta);
      return where(gt(scaled, threshold), constant(v, 1), sigmoid(scaled));
    });
}

/** {@link softplus} as a layer. */
export class Softplus implements Activation {
  constructor(readonly beta = 1, readonly threshold = 20) {
    checkPositive('Softplus', 'beta', beta);
    checkFinite('Softplus', 'threshold', threshold);
  }
  forward(x: Tensor): Tensor { return softplus(x, this.beta, this.threshold); }
  toString(): string { return `Softplus(beta=${this.beta}, threshold=${this.threshold})`; }
}
