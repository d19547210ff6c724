import { MlpkitError, StateReader, describe } from '@mlpkit/tensor';
import { type LRScheduler, type SchedulableOptimizer, type SchedulerStateDict, checkNoStepArgument } from './lr-scheduler.js';
import { readInnerStates, readLrs, readSchedulerFields } from './scheduler-state.js';

/**
 * Steps several schedulers together on one optimizer, so their effects multiply (PyTorch's
 * `ChainedScheduler`), e.g. a constant warm-up factor on top of an exponential decay.
 *
 * @example
 * const scheduler = new ChainedScheduler([new LinearLR(opt, { startFactor: 0.1, totalIters: 3 }), new ExponentialLR(opt, { gamma: 0.9 })]);
 */
export class ChainedScheduler {
  /** The optimizer all the schedulers act on. */
  readonly optimizer: SchedulableOptimizer;
  /** The schedulers, stepped in this order. */
  readonly schedulers: readonly LRScheduler[];
  private lastLr: number[];

  constructor(schedulers: readonly LRScheduler[]) {
    if (!Array.isArray(schedulers) || schedulers.length === 0)
      throw new MlpkitError('ChainedScheduler', 'schedulers: expected at least one scheduler, got none');
    schedulers.forEach((s: unknown, i) => {
      if (s === null || typeof s !== 'object' || typeof (s as { step?: unknown }).step !== 'function')
        throw new MlpkitError('ChainedScheduler', `schedulers[${i}]: expected a scheduler such as StepLR, got ${describe(s)}`);
    });
    this.optimizer = schedulers[0].optimizer;
    schedulers.forEach((s, i) => {
      if (s.optimizer !== this.optimizer)
        throw new MlpkitError('ChainedScheduler', `schedulers: expects all schedulers to belong to the same optimizer, but got scheduler at index ${i} with a different optimizer`);
    });
    this.schedulers = [...schedulers];
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** Steps every scheduler once, in order. */
  step(...unexpected: unknown[]): void {
    checkNoStepArgument('ChainedScheduler', unexpected);
    for (const s of this.schedulers) s.step();
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rates after the last step, one per group. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** Every inner scheduler's state, under PyTorch's keys. */
  stateDict(): SchedulerStateDict {
    return { _last_lr: [...this.lastLr], _schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  /** Restores what `stateDict` saved into a ChainedScheduler built the same way; every field (inner states included) is checked before anything changes. */
  loadStateDict(state: SchedulerStateDict): void {
    const read = new StateReader('ChainedScheduler.loadStateDict');
    const values = readSchedulerFields(read, '', state, { _last_lr: 'lastLr', _schedulers: 'schedulers' });
    const lastLr = readLrs(read, '_last_lr', values._last_lr, this.optimizer.paramGroups.length);
    const inner = readInnerStates(read, values._schedulers, this.schedulers);
    this.lastLr = lastLr;
    inner();
  }
}
