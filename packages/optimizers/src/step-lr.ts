import { StateReader, checkRequiredOptions } from '@mlpkit/tensor';
import { LRScheduler, SCHEDULER_BASE_OPTIONS, type SchedulableOptimizer, type SchedulerBaseOptions, checkInteger } from './lr-scheduler.js';

/** StepLR's options (PyTorch's `StepLR`, camelCased). */
export interface StepLROptions extends SchedulerBaseOptions {
  /** Epochs between two decays. */
  stepSize: number;
  /** Multiplier applied every `stepSize` epochs (default 0.1). */
  gamma?: number;
}

const STEP_LR_OPTIONS = [...SCHEDULER_BASE_OPTIONS, 'stepSize', 'gamma'] as const satisfies readonly (keyof StepLROptions)[];

/**
 * Multiplies each group's learning rate by `gamma` every `stepSize` epochs:
 * lr = baseLr · gamma^⌊epoch / stepSize⌋.
 *
 * @example
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(); }
 */
export class StepLR extends LRScheduler {
  /** Epochs between two decays. */
  readonly stepSize: number;
  /** The decay factor. */
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    checkRequiredOptions('StepLR', options, STEP_LR_OPTIONS, 'stepSize');
    super('StepLR', optimizer, options.lastEpoch);
    checkInteger('StepLR', 'stepSize', options.stepSize, 1);
    this.stepSize = options.stepSize;
    // PyTorch checks no factor; a negative or NaN one would reach the optimizer as its lr.
    this.gamma = new StateReader('StepLR').number('gamma', options.gamma ?? 0.1, { min: 0 });
    this.initialStep();
  }

  protected getLr(): number[] {
    const decay = this.lastEpoch !== 0 && this.lastEpoch % this.stepSize === 0;
    return this.groupLrs().map((lr) => (decay ? lr * this.gamma : lr));
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}
