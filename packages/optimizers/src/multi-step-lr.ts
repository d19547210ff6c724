import { MlpkitError, StateReader, checkRequiredOptions } from '@mlpkit/tensor';
import { LRScheduler, SCHEDULER_BASE_OPTIONS, type SchedulableOptimizer, type SchedulerBaseOptions } from './lr-scheduler.js';

/** MultiStepLR's options (PyTorch's `MultiStepLR`, camelCased). */
export interface MultiStepLROptions extends SchedulerBaseOptions {
  /** Epochs at which to decay (a milestone listed twice decays twice). */
  milestones: readonly number[];
  /** Multiplier applied at each milestone (default 0.1). */
  gamma?: number;
}

const MULTI_STEP_LR_OPTIONS = [...SCHEDULER_BASE_OPTIONS, 'milestones', 'gamma'] as const satisfies readonly (keyof MultiStepLROptions)[];

/**
 * Multiplies each group's learning rate by `gamma` at each milestone epoch:
 * lr = baseLr · gamma^(number of milestones ≤ epoch).
 *
 * @example
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler {
  /** The milestone epochs, sorted. */
  readonly milestones: readonly number[];
  /** The decay factor. */
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: MultiStepLROptions) {
    checkRequiredOptions('MultiStepLR', options, MULTI_STEP_LR_OPTIONS, 'milestones');
    super('MultiStepLR', optimizer, options.lastEpoch);
    if (!Array.isArray(options.milestones) || options.milestones.some((m) => !Number.isInteger(m) || m < 0))
      throw new MlpkitError('MultiStepLR', `milestones: expected an array of integer epochs >= 0, got ${JSON.stringify(options.milestones)}`);
    this.milestones = [...options.milestones].sort((a, b) => a - b);
    // PyTorch checks no factor; a negative or NaN one would reach the optimizer as its lr.
    this.gamma = new StateReader('MultiStepLR').number('gamma', options.gamma ?? 0.1, { min: 0 });
    this.initialStep();
  }

  protected getLr(): number[] {
    const hits = this.milestones.filter((m) => m === this.lastEpoch).length;
    return this.groupLrs().map((lr) => (hits > 0 ? lr * this.gamma ** hits : lr));
  }

  protected override closedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.lastEpoch).length;
    return this.baseLrs.map((lr) => lr * this.gamma ** passed);
  }
}
