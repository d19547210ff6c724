import { MlpkitError, type Tensor, checkOptions, le, mul, where } from '@mlpkit/tensor';
import { checkFinite } from './check.js';
import type { ReductionOptions } from './mse-loss.js';
import { quadraticLinearPieces } from './quadratic-linear.js';
import { reduce } from './reduction.js';

/** Options of {@link huberLoss}. */
export interface HuberLossOptions extends ReductionOptions {
  /** Where the quadratic part hands over to the linear one. Default 1, must be positive. */
  delta?: number;
}

const HUBER_OPTIONS = ['reduction', 'delta'] as const satisfies readonly (keyof HuberLossOptions)[];

/**
 * The Huber loss: 0.5·d² where |d| ≤ delta and delta·(|d| − 0.5·delta) elsewhere (d = x − y).
 * It equals delta·smoothL1Loss with beta = delta, so its gradient is d or delta·sign(d).
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  const op = 'huberLoss';
  checkOptions(op, options, HUBER_OPTIONS);
  const delta = options.delta ?? 1;
  checkFinite(op, 'delta', delta);
  if (delta <= 0) throw new MlpkitError(op, `delta must be positive, got ${delta}`);
  const { size, halfSquare, linear } = quadraticLinearPieces(op, input, target, delta);
  const losses = where(le(size, delta), halfSquare, mul(linear, delta));
  return reduce(op, losses, options.reduction ?? 'mean');
}

/** {@link huberLoss} as an object with `forward(input, target)`, like `nn.HuberLoss`. */
export class HuberLoss {
  constructor(readonly options: HuberLossOptions = {}) {
    // Refused here, not at the first forward (inside fit, after its callbacks started).
    checkOptions('HuberLoss', options, HUBER_OPTIONS);
  }
  forward(input: Tensor, target: Tensor): Tensor { return huberLoss(input, target, this.options); }
}
