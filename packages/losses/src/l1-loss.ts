import { type Tensor, abs, checkOptions, sub } from '@mlpkit/tensor';
import { pointwiseOperands } from './check.js';
import { REDUCTION_OPTIONS, type ReductionOptions } from './mse-loss.js';
import { reduce } from './reduction.js';

/** Mean absolute error |x − y|, reduced ('mean' by default); its gradient at x = y is 0. */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  checkOptions('l1Loss', options, REDUCTION_OPTIONS);
  const [x, y] = pointwiseOperands('l1Loss', input, target);
  return reduce('l1Loss', abs(sub(x, y)), options.reduction ?? 'mean');
}

/** {@link l1Loss} as an object with `forward(input, target)`, like `nn.L1Loss`. */
export class L1Loss {
  constructor(readonly options: ReductionOptions = {}) {
    // Refused here, not at the first forward (inside fit, after its callbacks started).
    checkOptions('L1Loss', options, REDUCTION_OPTIONS);
  }
  forward(input: Tensor, target: Tensor): Tensor { return l1Loss(input, target, this.options); }
}
