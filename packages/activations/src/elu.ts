import { type Tensor, clamp, exp, expm1, gt, mul, where } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { checkFinite } from './check.js';
import { constant, elementwise } from './elementwise.js';

/**
 * The exponential-linear family that ELU, SELU and CELU share (PyTorch's elu kernel):
 * scale·x for x > 0 and scale·alpha·(e^(inputScale·x) − 1) otherwise. The derivative on the
 * negative side is scale·alpha·inputScale·e^(inputScale·x); at 0 the negative side is used.
 */
export function exponentialLinear(name: string, x: Tensor, alpha: number, scale: number, inputScale: number): Tensor {
  // Only the negative side reaches exp, so large positive inputs cannot overflow to inf.
  const negativePart = (v: Tensor) => mul(clamp(v, null, 0), inputScale);
  return elementwise(name, x,
    (v) => mul(where(gt(v, 0), v, mul(expm1(negativePart(v)), alpha)), scale),
    (v) => where(gt(v, 0), constant(v, scale), mul(exp(negativePart(v)), scale * alpha * inputScale)));
}

/**
 * The exponential linear unit: x for x > 0 and alpha·(eˣ − 1) otherwise, with derivative 1
 * or alpha·eˣ (PyTorch's elu'(0) = alpha).
 *
 * @example elu(tensor([1, -4]), 0.1) // [1, -0.098]
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  checkFinite('elu', 'alpha', alpha);
  return exponentialLinear('elu', x, alpha, 1, 1);
}

/** {@link elu} as a layer. */
export class ELU implements Activation {
  constructor(readonly alpha = 1) {
    checkFinite('ELU', 'alpha', alpha);
  }
  forward(x: Tensor): Tensor { return elu(x, this.alpha); }
  toString(): string { return `ELU(alpha=${this.alpha})`; }
}
