import { MlpkitError, StateReader, Tensor, checkOptions, describe } from '@mlpkit/tensor';
import type { SchedulableOptimizer, SchedulerStateDict } from './lr-scheduler.js';
import { readSchedulerFields } from './scheduler-state.js';

/** ReduceLROnPlateau's options (PyTorch's `ReduceLROnPlateau`, camelCased). */
export interface ReduceLROnPlateauOptions {
  /** `'min'` (default): lower is better, as for a loss; `'max'`: higher is better, as for accuracy. */
  mode?: 'min' | 'max';
  /** Multiplier applied when the metric stalls, below 1 (default 0.1). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (default 10). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 1e-4). */
  threshold?: number;
  /** `'rel'` (default): relative to the best value; `'abs'`: absolute. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** Lower bound on each group's rate, one for all groups or one per group (default 0). */
  minLr?: number | readonly number[];
  /** Reductions smaller than this are skipped (default 1e-8). */
  eps?: number;
}

const REDUCE_LR_ON_PLATEAU_OPTIONS = [
  'mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps',
] as const satisfies readonly (keyof ReduceLROnPlateauOptions)[];

/**
 * Reduces each group's learning rate by `factor` once a metric has stopped improving for more
 * than `patience` epochs, as PyTorch does: step it with the epoch's validation metric.
 *
 * @example
 * const scheduler = new ReduceLROnPlateau(optimizer, { factor: 0.5, patience: 5 });
 * for (const epoch of epochs) { train(); scheduler.step(validationLoss()); }
 */
export class ReduceLROnPlateau {
  /** The optimizer whose groups' `lr` this scheduler reduces. */
  readonly optimizer: SchedulableOptimizer;
  /** The options, with PyTorch's defaults filled in (see `ReduceLROnPlateauOptions`). */
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  /** The lower bound of each group's rate. */
  readonly minLrs: number[];
  readonly eps: number;
  /** The best metric so far (±Infinity before the first step). */
  best: number;
  /** Consecutive epochs without improvement. */
  numBadEpochs = 0;
  /** Epochs left before counting resumes after a reduction. */
  cooldownCounter = 0;
  /** How many times `step` has run. */
  lastEpoch = 0;

  constructor(optimizer: SchedulableOptimizer, options: ReduceLROnPlateauOptions = {}) {
    checkOptions('ReduceLROnPlateau', options, REDUCE_LR_ON_PLATEAU_OPTIONS);
    const { mode = 'min', factor = 0.1, patience = 10, threshold = 1e-4, thresholdMode = 'rel', cooldown = 0, minLr = 0, eps = 1e-8 } = options;
    const op = 'ReduceLROnPlateau';
    if (typeof factor !== 'number' || !(factor < 1)) throw new MlpkitError(op, `factor: expected a number < 1.0, got ${String(factor)}`);
    // PyTorch checks only factor < 1; NaN here would never reduce, or never count a bad epoch, silently.
    const read = new StateReader(op);
    read.number('factor', factor, { min: 0 });
    read.number('patience', patience, { integer: true, min: 0 });
    read.number('threshold', threshold, { min: 0 });
    read.number('cooldown', cooldown, { integer: true, min: 0 });
    read.number('eps', eps, { min: 0 });
    if (mode !== 'min' && mode !== 'max') throw new MlpkitError(op, `mode: expected 'min' or 'max', got ${String(mode)}`);
    if (thresholdMode !== 'rel' && thresholdMode !== 'abs')
      throw new MlpkitError(op, `thresholdMode: expected 'rel' or 'abs', got ${String(thresholdMode)}`);
    const groups = optimizer.paramGroups.length;
    if (Array.isArray(minLr) && minLr.length !== groups)
      throw new MlpkitError(op, `minLr: expected ${groups} values (one per group), got ${minLr.length}`);
    if (Array.isArray(minLr)) read.numbers('minLr', minLr, { min: 0 });
    else read.number('minLr', minLr, { min: 0 });
    this.optimizer = optimizer;
    this.mode = mode;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.cooldown = cooldown;
    this.eps = eps;
    this.minLrs = Array.isArray(minLr) ? [...minLr] : Array.from({ length: groups }, () => minLr as number);
    this.best = this.worst();
  }

  /** Records one epoch's `metric` and reduces the learning rates if it has stalled long enough. */
  step(metric: number): void {
    // Number(undefined) is NaN, which counts as a bad epoch: step() without the metric would cut
    // the rate every `patience` epochs without a word. PyTorch's float(metrics) refuses None.
    const given: unknown = metric;
    const current = typeof given === 'number' ? given : given instanceof Tensor && given.size === 1 ? given.item() : null;
    if (current === null)
      throw new MlpkitError('ReduceLROnPlateau', `step: expected the metric to monitor (a number such as the validation loss), got ${describe(metric)}`);
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs += 1;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.reduce();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
  }

  /** The groups' current learning rates. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The scheduler's progress under PyTorch's keys; `best` is null while it is still infinite (JSON has no Infinity). */
  stateDict(): SchedulerStateDict {
    const best = Number.isFinite(this.best) ? this.best : null;
    return { best, num_bad_epochs: this.numBadEpochs, cooldown_counter: this.cooldownCounter, last_epoch: this.lastEpoch };
  }

  /** Restores what `stateDict` saved into a scheduler built with the same options; every field is checked before anything changes. */
  loadStateDict(state: SchedulerStateDict): void {
    const read = new StateReader('ReduceLROnPlateau.loadStateDict');
    const values = readSchedulerFields(read, '', state, { best: 'best', num_bad_epochs: 'numBadEpochs', cooldown_counter: 'cooldownCounter', last_epoch: 'lastEpoch' });
    const best = values.best === null ? this.worst() : read.number('best', values.best);
    const numBadEpochs = read.number('num_bad_epochs', values.num_bad_epochs, { integer: true, min: 0 });
    const cooldownCounter = read.number('cooldown_counter', values.cooldown_counter, { integer: true, min: 0 });
    const lastEpoch = read.number('last_epoch', values.last_epoch, { integer: true, min: 0 });
    this.best = best;
    this.numBadEpochs = numBadEpochs;
    this.cooldownCounter = cooldownCounter;
    this.lastEpoch = lastEpoch;
  }

  private worst(): number {
    return this.mode === 'min' ? Infinity : -Infinity;
  }

  private isBetter(a: number, best: number): boolean {
    const rel = this.thresholdMode === 'rel';
    if (this.mode === 'min') return rel ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return rel ? a > best * (1 + this.threshold) : a > best + this.threshold;
  }

  private reduce(): void {
    this.optimizer.paramGroups.forEach((group, i) => {
      const newLr = Math.max(group.lr * this.factor, this.minLrs[i]);
      if (group.lr - newLr > this.eps) group.lr = newLr;
    });
  }
}
