import { MlpkitError, StateReader, checkRequiredOptions, describe } from '@mlpkit/tensor';
import { LRScheduler, type SchedulableOptimizer, type SchedulerStateDict, checkNoStepArgument } from './lr-scheduler.js';
import { readInnerStates, readLrs, readSchedulerFields } from './scheduler-state.js';

/**
 * Runs schedulers one after another, switching at the milestone epochs (PyTorch's
 * `SequentialLR`): the everyday "linear warm-up, then cosine". Each scheduler after the first
 * starts at its own epoch 0 when its milestone comes.
 *
 * @example
 * const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 * const cosine = new CosineAnnealingLR(optimizer, { TMax: 95 });
 * const scheduler = new SequentialLR(optimizer, { schedulers: [warmup, cosine], milestones: [5] });
 */
export class SequentialLR {
  /** The optimizer all the schedulers act on. */
  readonly optimizer: SchedulableOptimizer;
  /** The schedulers, in the order they run. */
  readonly schedulers: readonly LRScheduler[];
  /** The epochs at which the next scheduler takes over. */
  readonly milestones: readonly number[];
  /** Epochs stepped since construction. */
  lastEpoch: number;
  private lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: { schedulers: readonly LRScheduler[]; milestones: readonly number[]; lastEpoch?: number }) {
    checkRequiredOptions('SequentialLR', options, ['schedulers', 'milestones', 'lastEpoch'], 'schedulers and milestones');
    const { schedulers, milestones, lastEpoch = -1 } = options;
    if (!Array.isArray(schedulers) || schedulers.length === 0)
      throw new MlpkitError('SequentialLR', 'schedulers: expected at least one scheduler, got none');
    schedulers.forEach((s: unknown, i) => {
      // It restarts them with initialStep and stepTo, which only epoch-based schedulers have.
      if (!(s instanceof LRScheduler))
        throw new MlpkitError('SequentialLR', `schedulers[${i}]: expected an epoch-based scheduler such as StepLR, got ${describe(s)}`);
      if (s.optimizer !== optimizer)
        throw new MlpkitError('SequentialLR', `schedulers: expects all schedulers to belong to the same optimizer, but got scheduler at index ${i} with a different optimizer`);
    });
    if (!Array.isArray(milestones) || milestones.length !== schedulers.length - 1)
      throw new MlpkitError('SequentialLR', `milestones: expected one fewer milestone than schedulers (${schedulers.length - 1}), got ${JSON.stringify(milestones)}`);
    // A milestone that is no integer epoch is never reached, and one out of order never hands over: the next scheduler would silently never run.
    const read = new StateReader('SequentialLR');
    milestones.forEach((m, i) => read.number(`milestones[${i}]`, m, { integer: true, min: i === 0 ? 0 : milestones[i - 1] }));
    read.number('lastEpoch', lastEpoch, { integer: true, min: -1 });
    this.optimizer = optimizer;
    this.schedulers = [...schedulers];
    this.milestones = [...milestones];
    this.lastEpoch = lastEpoch + 1;
    // Undo what building the schedulers did to the groups, then start only the first one.
    for (const group of optimizer.paramGroups) group.lr = group.initialLr as number;
    for (const s of schedulers) s.lastEpoch -= 1;
    schedulers[0].initialStep();
    this.lastLr = schedulers[0].getLastLr();
  }

  /** Advances one epoch with the scheduler whose turn it is. */
  step(...unexpected: unknown[]): void {
    checkNoStepArgument('SequentialLR', unexpected);
    this.lastEpoch += 1;
    const idx = this.milestones.filter((m) => m <= this.lastEpoch).length;
    const scheduler = this.schedulers[idx];
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) scheduler.stepTo(0);
    else scheduler.step();
    this.lastLr = scheduler.getLastLr();
  }

  /** The learning rates the last step set, one per group. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** Its own progress and every inner scheduler's state, under PyTorch's keys. */
  stateDict(): SchedulerStateDict {
    return { last_epoch: this.lastEpoch, _last_lr: [...this.lastLr], _schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  /** Restores what `stateDict` saved into a SequentialLR built the same way; every field (inner states included) is checked before anything changes. */
  loadStateDict(state: SchedulerStateDict): void {
    const read = new StateReader('SequentialLR.loadStateDict');
    const values = readSchedulerFields(read, '', state, { last_epoch: 'lastEpoch', _last_lr: 'lastLr', _schedulers: 'schedulers' });
    const lastEpoch = read.number('last_epoch', values.last_epoch, { integer: true, min: 0 });
    const lastLr = readLrs(read, '_last_lr', values._last_lr, this.optimizer.paramGroups.length);
    const inner = readInnerStates(read, values._schedulers, this.schedulers);
    this.lastEpoch = lastEpoch;
    this.lastLr = lastLr;
    inner();
  }
}
