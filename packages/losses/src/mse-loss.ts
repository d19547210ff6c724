import { type Tensor, checkOptions, mul, sub } from '@mlpkit/tensor';
import { pointwiseOperands } from './check.js';
import { type Reduction, reduce } from './reduction.js';

/** Options of the regression losses: `reduction` only. */
export interface ReductionOptions {
  /** Default 'mean'. */
  reduction?: Reduction;
}

/** The keys of {@link ReductionOptions}, for the losses that take only those. */
export const REDUCTION_OPTIONS = ['reduction'] as const satisfies readonly (keyof ReductionOptions)[];

/** Mean squared error (x − y)², reduced ('mean' by default). Its gradient is 2(x − y)/n. */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  checkOptions('mseLoss', options, REDUCTION_OPTIONS);
  const [x, y] = pointwiseOperands('mseLoss', input, target);
  const d = sub(x, y);
  return reduce('mseLoss', mul(d, d), options.reduction ?? 'mean');
}

/** {@link mseLoss} as an object with `forward(input, target)`, like `nn.MSELoss`. */
export class MSELoss {
  constructor(readonly options: ReductionOptions = {}) {
    // Refused here, not at the first forward (inside fit, after its callbacks started).
    checkOptions('MSELoss', options, REDUCTION_OPTIONS);
  }
  forward(input: Tensor, target: Tensor): Tensor { return mseLoss(input, target, this.options); }
}
