import { MlpkitError, type Tensor, checkOptions, div, lt, where } from '@mlpkit/tensor';
import { checkFinite } from './check.js';
import type { ReductionOptions } from './mse-loss.js';
import { quadraticLinearPieces } from './quadratic-linear.js';
import { reduce } from './reduction.js';

/** Options of {@link smoothL1Loss}. */
export interface SmoothL1LossOptions extends ReductionOptions {
  /** Where the quadratic part hands over to the linear one. Default 1; 0 gives the L1 loss. */
  beta?: number;
}

const SMOOTH_L1_OPTIONS = ['reduction', 'beta'] as const satisfies readonly (keyof SmoothL1LossOptions)[];

/**
 * 0.5·d²/beta where |d| < beta and |d| − 0.5·beta elsewhere (d = x − y): quadratic near 0,
 * linear (robust to outliers) far from it, with a continuous gradient d/beta or sign(d).
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options: SmoothL1LossOptions = {}): Tensor {
  const op = 'smoothL1Loss';
  checkOptions(op, options, SMOOTH_L1_OPTIONS);
  const beta = options.beta ?? 1;
  checkFinite(op, 'beta', beta);
  if (beta < 0) throw new MlpkitError(op, `beta must be non-negative, got ${beta}`);
  const { size, halfSquare, linear } = quadraticLinearPieces(op, input, target, beta);
  // beta = 0 would divide by 0 in the quadratic branch, which is then never taken (as in PyTorch).
  const losses = beta === 0 ? size : where(lt(size, beta), div(halfSquare, beta), linear);
  return reduce(op, losses, options.reduction ?? 'mean');
}

/** {@link smoothL1Loss} as an object with `forward(input, target)`, like `nn.SmoothL1Loss`. */
export class SmoothL1Loss {
  constructor(readonly options: SmoothL1LossOptions = {}) {
    // Refused here, not at the first forward (inside fit, after its callbacks started).
    checkOptions('SmoothL1Loss', options, SMOOTH_L1_OPTIONS);
  }
  forward(input: Tensor, target: Tensor): Tensor { return smoothL1Loss(input, target, this.options); }
}
