import { customOp } from '@mlpkit/autograd';
import { type Tensor, amax, checkInteger, exp, log, mul, normalizeDim, sub, sum } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { asFloat } from './elementwise.js';

/**
 * log softmax along `dim` (the last by default): x − max − log Σ e^(x − max). Computing it
 * directly, not as log(softmax(x)), keeps a logit 200 below the maximum at −200 rather than
 * log(0) = −∞. Its vector-Jacobian product is g − softmax(x) · Σ g.
 */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  const input = asFloat(x, 'logSoftmax');
  const d = normalizeDim('logSoftmax', dim, input.ndim);
  return customOp('logSoftmax', [input],
    () => {
      const shifted = sub(input, amax(input, d, true));
      return sub(shifted, log(sum(exp(shifted), d, true)));
    },
    (grad, y) => [sub(grad, mul(exp(y), sum(grad, d, true)))]);
}

/** {@link logSoftmax} as a layer. */
export class LogSoftmax implements Activation {
  constructor(readonly dim = -1) {
    // Checked when made, not at the first forward (inside fit).
    checkInteger('LogSoftmax', 'dim', dim, -(2 ** 31), 2 ** 31 - 1);
  }
  forward(x: Tensor): Tensor { return logSoftmax(x, this.dim); }
  toString(): string { return `LogSoftmax(dim=${this.dim})`; }
}
