import { MlpkitError, type Tensor } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { checkFinite } from './check.js';
import { exponentialLinear } from './elu.js';

function checkAlpha(op: string, alpha: number): void {
  checkFinite(op, 'alpha', alpha);
  if (alpha === 0) throw new MlpkitError(op, 'alpha must not be 0 (celu divides by it)');
}

/**
 * The continuously differentiable ELU: x for x > 0 and alpha·(e^(x/alpha) − 1) otherwise,
 * with derivative 1 or e^(x/alpha), so celu'(0) = 1 for every alpha.
 */
export function celu(x: Tensor, alpha = 1): Tensor {
  checkAlpha('celu', alpha);
  return exponentialLinear('celu', x, alpha, 1, 1 / alpha);
}

/** {@link celu} as a layer. */
export class CELU implements Activation {
  constructor(readonly alpha = 1) {
    checkAlpha('CELU', alpha);
  }
  forward(x: Tensor): Tensor { return celu(x, this.alpha); }
  toString(): string { return `CELU(alpha=${this.alpha})`; }
}
