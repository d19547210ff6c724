import { MlpkitError, Tensor, allocate, checkOptions, div, gather, isFloating, mul, neg, reshape, sum } from '@mlpkit/tensor';
import { checkClassIndex, checkOperands } from './check.js';
import { classTargets } from './class-targets.js';
import { type Reduction, checkReduction } from './reduction.js';

/** Options of {@link nllLoss}. */
export interface NllLossOptions {
  /** One weight per class (shape [C]). */
  weight?: Tensor;
  /** Targets equal to this contribute no loss and no gradient. Default −100. */
  ignoreIndex?: number;
  /** Default 'mean': divides by Σ weight[target] over the rows not ignored. */
  reduction?: Reduction;
}

const NLL_OPTIONS = ['weight', 'ignoreIndex', 'reduction'] as const satisfies readonly (keyof NllLossOptions)[];

/**
 * Negative log-likelihood: −w[yᵢ]·input[i, yᵢ], where `input` already holds log-probabilities
 * (from {@link logSoftmax}) in the layouts of {@link crossEntropy}, and `target` holds int32
 * class indices. crossEntropy(x, y) equals nllLoss(logSoftmax(x, 1), y).
 */
export function nllLoss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  checkOptions('nllLoss', options, NLL_OPTIONS);
  const { weight, ignoreIndex = -100, reduction = 'mean' } = options;
  const op = 'nllLoss';
  checkOperands(op, input, target);
  if (!isFloating(input.dtype)) throw new MlpkitError(op, `expected float log-probabilities, got dtype ${input.dtype}`);
  checkReduction(op, reduction);
  checkClassIndex(op, 'ignoreIndex', ignoreIndex);
  const { rows, outShape, targets } = classTargets(op, input, target, weight, ignoreIndex);
  const m = targets.safeLabels.length;
  const index = new Tensor(targets.safeLabels, [m, 1]);
  const rowWeight = allocate(input.dtype, m);
  rowWeight.set(targets.weights);
  const losses = neg(mul(reshape(gather(rows, 1, index), [m]), new Tensor(rowWeight, [m])));
  if (reduction === 'none') return reshape(losses, outShape);
  return reduction === 'sum' ? sum(losses) : div(sum(losses), targets.total);
}

/** {@link nllLoss} as an object with `forward(input, target)`, like `nn.NLLLoss`. */
export class NLLLoss {
  constructor(readonly options: NllLossOptions = {}) {
    // Refused here, not at the first forward (inside fit, after its callbacks started).
    checkOptions('NLLLoss', options, NLL_OPTIONS);
  }
  forward(input: Tensor, target: Tensor): Tensor { return nllLoss(input, target, this.options); }
}
