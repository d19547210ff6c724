import { customOp } from '@mlpkit/autograd';
import { type Tensor, amax, checkInteger, div, exp, mul, normalizeDim, sub, sum } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { asFloat } from './elementwise.js';

// e^(x − max) along `dim`: the max shift keeps ±100 logits finite and does not change softmax.
function shiftedExp(x: Tensor, dim: number): Tensor {
  return exp(sub(x, amax(x, dim, true)));
}

/**
 * softmax(x)ᵢ = e^(xᵢ) / Σⱼ e^(xⱼ) along `dim` (the last by default), computed after
 * subtracting the maximum so that ±100 logits neither overflow nor underflow to 0/0. Its
 * vector-Jacobian product is y ⊙ (g − Σ g ⊙ y).
 */
export function softmax(x: Tensor, dim = -1): Tensor {
  const input = asFloat(x, 'softmax');
  const d = normalizeDim('softmax', dim, input.ndim);
  return customOp('softmax', [input],
    () => {
      const e = shiftedExp(input, d);
      return div(e, sum(e, d, true));
    },
    (grad, y) => [mul(y, sub(grad, sum(mul(grad, y), d, true)))]);
}

/** {@link softmax} as a layer. */
export class Softmax implements Activation {
  constructor(readonly dim = -1) {
    // Checked when made, not at the first forward (inside fit).
    checkInteger('Softmax', 'dim', dim, -(2 ** 31), 2 ** 31 - 1);
  }
  forward(x: Tensor): Tensor { return softmax(x, this.dim); }
  toString(): string { return `Softmax(dim=${this.dim})`; }
}
