import { StateReader, checkRequiredOptions } from '@mlpkit/tensor';
import { LRScheduler, SCHEDULER_BASE_OPTIONS, type SchedulableOptimizer, type SchedulerBaseOptions, checkInteger } from './lr-scheduler.js';

/** CosineAnnealingLR's options (PyTorch's `CosineAnnealingLR`, camelCased). */
export interface CosineAnnealingLROptions extends SchedulerBaseOptions {
  /** Epochs of the half cosine from the base rate down to `etaMin` (PyTorch's `T_max`). */
  TMax: number;
  /** The lowest learning rate (default 0). */
  etaMin?: number;
}

const COSINE_ANNEALING_LR_OPTIONS = [...SCHEDULER_BASE_OPTIONS, 'TMax', 'etaMin'] as const satisfies readonly (keyof CosineAnnealingLROptions)[];

/**
 * Anneals each group's learning rate along a half cosine, for 0 ≤ t ≤ TMax:
 * lr = etaMin + (baseLr − etaMin)·(1 + cos(πt/TMax))/2. Like PyTorch it steps by the
 * recursive (chainable) form, so past TMax the cosine carries on and the rate rises again.
 *
 * @example
 * const scheduler = new CosineAnnealingLR(optimizer, { TMax: 100, etaMin: 1e-5 });
 */
export class CosineAnnealingLR extends LRScheduler {
  /** Epochs of the half cosine. */
  readonly TMax: number;
  /** The lowest learning rate. */
  readonly etaMin: number;

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingLROptions) {
    checkRequiredOptions('CosineAnnealingLR', options, COSINE_ANNEALING_LR_OPTIONS, 'TMax');
    super('CosineAnnealingLR', optimizer, options.lastEpoch);
    checkInteger('CosineAnnealingLR', 'TMax', options.TMax, 1);
    this.TMax = options.TMax;
    // A negative floor would end the cosine at a negative lr, which no optimizer accepts.
    this.etaMin = new StateReader('CosineAnnealingLR').number('etaMin', options.etaMin ?? 0, { min: 0 });
    this.initialStep();
  }

  protected getLr(): number[] {
    const { lastEpoch: t, TMax, etaMin } = this;
    const lrs = this.groupLrs();
    if (t === 0) return lrs;
    if (this.stepCount === 1 && t > 0) return this.closedFormLr();
    // One epoch past each trough the ratio below would divide by zero; PyTorch adds the step instead.
    if ((t - 1 - TMax) % (2 * TMax) === 0)
      return lrs.map((lr, i) => lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / TMax))) / 2);
    const ratio = (1 + Math.cos((Math.PI * t) / TMax)) / (1 + Math.cos((Math.PI * (t - 1)) / TMax));
    return lrs.map((lr) => ratio * (lr - etaMin) + etaMin);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.TMax))) / 2);
  }
}
