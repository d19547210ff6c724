import { MlpkitError, type Tensor, add, erf, exp, mul, sub, tanh } from '@mlpkit/tensor';
import type { Activation } from './activation.js';
import { elementwise } from './elementwise.js';

/** How {@link gelu} computes Φ: exactly with erf, or with PyTorch's tanh approximation. */
export type GeluApproximate = 'none' | 'tanh';

const SQRT_HALF = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const CUBIC = 0.044715;

// x·Φ(x) with Φ(x) = (1 + erf(x/√2))/2; derivative Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π).
function exactGelu(x: Tensor): Tensor {
  return elementwise('gelu', x,
    (v) => mul(mul(v, 0.5), add(1, erf(mul(v, SQRT_HALF)))),
    (v) => {
      const cdf = mul(add(1, erf(mul(v, SQRT_HALF))), 0.5);
      const pdf = mul(exp(mul(mul(v, v), -0.5)), INV_SQRT_2PI);
      return add(cdf, mul(v, pdf));
    });
}

// x/2·(1 + tanh(u)) with u = √(2/π)(x + 0.044715x³); derivative (1 + t)/2 + x/2·(1 − t²)·u'.
function tanhGelu(x: Tensor): Tensor {
  const inner = (v: Tensor) => mul(add(v, mul(mul(mul(v, v), v), CUBIC)), SQRT_2_OVER_PI);
  return elementwise('gelu', x,
    (v) => mul(mul(v, 0.5), add(1, tanh(inner(v)))),
    (v) => {
      const t = tanh(inner(v));
      const du = mul(add(1, mul(mul(v, v), 3 * CUBIC)), SQRT_2_OVER_PI);
      return add(mul(add(1, t), 0.5), mul(mul(mul(v, 0.5), sub(1, mul(t, t))), du));
    });
}

/**
 * The Gaussian error linear unit x·Φ(x), Φ the standard normal CDF. `approximate: 'tanh'`
 * uses 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) as PyTorch does.
 */
export function gelu(x: Tensor, approximate: GeluApproximate = 'none'): Tensor {
  if (approximate === 'none') return exactGelu(x);
  if (approximate === 'tanh') return tanhGelu(x);
  throw new MlpkitError('gelu', `approximate must be 'none' or 'tanh', got '${String(approximate)}'`);
}

/** {@link gelu} as a layer. */
export class GELU implements Activation {
  constructor(readonly approximate: GeluApproximate = 'none') {
    if (approximate !== 'none' && approximate !== 'tanh')
      throw new MlpkitError('GELU', `approximate must be 'none' or 'tanh', got '${String(approximate)}'`);
  }
  forward(x: Tensor): Tensor { return gelu(x, this.approximate); }
  toString(): string { return `GELU(approximate='${this.approximate}')`; }
}
