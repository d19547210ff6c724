import { MlpkitError, type Tensor, checkBoolean, checkOptions, div, exp, gt, log, mul, sub, sum, where } from '@mlpkit/tensor';
import { pointwiseOperands } from './check.js';
import { type Reduction, checkReduction, reduce } from './reduction.js';

/** Options of {@link klDiv}. */
export interface KlDivOptions {
  /** 'batchmean' (sum / batch size) is the true KL divergence; PyTorch's default is 'mean' (sum / elements). */
  reduction?: Reduction | 'batchmean';
  /** Whether `target` holds log-probabilities too. Default false. */
  logTarget?: boolean;
}

const KL_DIV_OPTIONS = ['reduction', 'logTarget'] as const satisfies readonly (keyof KlDivOptions)[];

/**
 * Kullback–Leibler divergence KL(target ‖ exp(input)) with PyTorch's argument order: `input`
 * holds log-probabilities, `target` probabilities (or log-probabilities with `logTarget`).
 * Pointwise t·(log t − input), taken as 0 where t = 0 (also for a log target of −∞); its
 * gradient in `input` is −t.
 */
export function klDiv(input: Tensor, target: Tensor, options: KlDivOptions = {}): Tensor {
  const op = 'klDiv';
  checkOptions(op, options, KL_DIV_OPTIONS);
  const { reduction = 'mean', logTarget = false } = options;
  checkReduction(op, reduction, ['none', 'mean', 'sum', 'batchmean']);
  checkBoolean(op, 'logTarget', logTarget);
  const [x, t] = pointwiseOperands(op, input, target);
  let losses: Tensor;
  if (logTarget) {
    // A log target of −∞ is a probability of 0: its term is 0, not 0 · (−∞) = NaN.
    const probability = exp(t);
    losses = where(gt(probability, 0), mul(probability, sub(t, x)), 0);
  } else {
    const positive = gt(t, 0);
    // log of 1 where t = 0 keeps the unused branch (and its gradient) free of −∞ · 0.
    const tLogT = where(positive, mul(t, log(where(positive, t, 1))), 0);
    losses = sub(tLogT, mul(t, x));
  }
  if (reduction !== 'batchmean') return reduce(op, losses, reduction);
  if (x.ndim === 0) throw new MlpkitError(op, "reduction 'batchmean' needs a batch dim, got a 0-d input");
  return div(sum(losses), x.shape[0]);
}

/** {@link klDiv} as an object with `forward(input, target)`, like `nn.KLDivLoss`. */
export class KLDivLoss {
  constructor(readonly options: KlDivOptions = {}) {
    // Refused here, not at the first forward (inside fit, after its callbacks started).
    checkOptions('KLDivLoss', options, KL_DIV_OPTIONS);
  }
  forward(input: Tensor, target: Tensor): Tensor { return klDiv(input, target, this.options); }
}
