import { type Tensor, neg, sigmoid } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { elementwise } from './elementwise.js';
import { stableSoftplus } from './softplus.js';

/**
 * log σ(x), computed as −softplus(−x) so that logsigmoid(−100) = −100 instead of log(0);
 * its derivative is 1 − σ(x) = σ(−x).
 */
export function logsigmoid(x: Tensor): Tensor {
  return elementwise('logsigmoid', x,
    (v) => neg(stableSoftplus(neg(v))),
    (v) => sigmoid(neg(v)));
}

/** {@link logsigmoid} as a layer. */
export class LogSigmoid implements Activation {
  forward(x: Tensor): Tensor { return logsigmoid(x); }
  toString(): string { return 'LogSigmoid()'; }
}
