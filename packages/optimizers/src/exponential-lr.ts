import { StateReader, checkRequiredOptions } from '@mlpkit/tensor';
import { LRScheduler, SCHEDULER_BASE_OPTIONS, type SchedulableOptimizer, type SchedulerBaseOptions } from './lr-scheduler.js';

/** ExponentialLR's options (PyTorch's `ExponentialLR`, camelCased). */
export interface ExponentialLROptions extends SchedulerBaseOptions {
  /** Multiplier applied every epoch. */
  gamma: number;
}

const EXPONENTIAL_LR_OPTIONS = [...SCHEDULER_BASE_OPTIONS, 'gamma'] as const satisfies readonly (keyof ExponentialLROptions)[];

/**
 * Multiplies each group's learning rate by `gamma` every epoch: lr = baseLr · gamma^epoch.
 *
 * @example
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.95 });
 */
export class ExponentialLR extends LRScheduler {
  /** The decay factor per epoch. */
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    checkRequiredOptions('ExponentialLR', options, EXPONENTIAL_LR_OPTIONS, 'gamma');
    super('ExponentialLR', optimizer, options.lastEpoch);
    // PyTorch checks no factor; a negative or NaN one would reach the optimizer as its lr.
    this.gamma = new StateReader('ExponentialLR').number('gamma', options.gamma, { min: 0 });
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.groupLrs().map((lr) => (this.lastEpoch === 0 ? lr : lr * this.gamma));
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** this.lastEpoch);
  }
}
