import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { LRScheduler, SCHEDULER_BASE_OPTIONS, type SchedulableOptimizer, type SchedulerBaseOptions, checkInteger } from './lr-scheduler.js';

/** LinearLR's options (PyTorch's `LinearLR`, camelCased). */
export interface LinearLROptions extends SchedulerBaseOptions {
  /** Factor of the base rate at epoch 0, in (0, 1] (default 1/3). */
  startFactor?: number;
  /** Factor of the base rate from `totalIters` on, in [0, 1] (default 1). */
  endFactor?: number;
  /** Epochs over which the factor moves from start to end (default 5). */
  totalIters?: number;
}

const LINEAR_LR_OPTIONS = [...SCHEDULER_BASE_OPTIONS, 'startFactor', 'endFactor', 'totalIters'] as const satisfies readonly (keyof LinearLROptions)[];

/**
 * Scales each group's learning rate by a factor that moves linearly from `startFactor` to
 * `endFactor` over `totalIters` epochs and then stays there: the usual warm-up (start small,
 * end at 1), or a linear decay.
 *
 * @example
 * const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 */
export class LinearLR extends LRScheduler {
  /** Factor of the base rate at epoch 0. */
  readonly startFactor: number;
  /** Factor of the base rate from `totalIters` on. */
  readonly endFactor: number;
  /** Epochs of the linear change. */
  readonly totalIters: number;

  constructor(optimizer: SchedulableOptimizer, options: LinearLROptions = {}) {
    checkOptions('LinearLR', options, LINEAR_LR_OPTIONS);
    super('LinearLR', optimizer, options.lastEpoch);
    const { startFactor = 1 / 3, endFactor = 1, totalIters = 5 } = options;
    if (typeof startFactor !== 'number' || !(startFactor > 0 && startFactor <= 1))
      throw new MlpkitError('LinearLR', `startFactor: starting multiplicative factor expected to be greater than 0 and less or equal to 1, got ${startFactor}`);
    if (typeof endFactor !== 'number' || !(endFactor >= 0 && endFactor <= 1))
      throw new MlpkitError('LinearLR', `endFactor: ending multiplicative factor expected to be between 0 and 1, got ${endFactor}`);
    checkInteger('LinearLR', 'totalIters', totalIters, 1);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  protected getLr(): number[] {
    const { lastEpoch: t, startFactor: s, endFactor: e, totalIters: n } = this;
    const lrs = this.groupLrs();
    if (t === 0) return lrs.map((lr) => lr * s);
    if (t > n) return lrs;
    const ratio = 1 + (e - s) / (n * s + (t - 1) * (e - s));
    return lrs.map((lr) => lr * ratio);
  }

  protected override closedFormLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    const factor = s + ((e - s) * Math.min(n, this.lastEpoch)) / n;
    return this.baseLrs.map((lr) => lr * factor);
  }
}
