import { MlpkitError, StateReader, describe } from '@mlpkit/tensor';
import { readLrs, readSchedulerFields } from './scheduler-state.js';

/**
 * Throws if `step` got an argument: an epoch-based scheduler would ignore it, so a metric meant
 * for ReduceLROnPlateau, or PyTorch's deprecated `step(epoch)`, would change nothing unnoticed.
 */
export function checkNoStepArgument(name: string, args: readonly unknown[]): void {
  const given = args.find((a) => a !== undefined);
  if (given !== undefined)
    throw new MlpkitError(name, `step() takes no argument, got ${describe(given)} (a metric is for ReduceLROnPlateau; to jump to an epoch, use stepTo(epoch))`);
}

/** What a scheduler needs from a parameter group: a writable `lr`, and room for its own keys. */
export interface SchedulableGroup {
  lr: number;
  [key: string]: unknown;
}

/** What a scheduler needs from an optimizer: its groups (and its defaults, to find momentum). */
export interface SchedulableOptimizer {
  readonly paramGroups: SchedulableGroup[];
  readonly defaults: object;
}

/** A scheduler's saved state under PyTorch's keys (`last_epoch`, `base_lrs`): plain numbers and arrays, safe for `JSON.stringify`. */
export type SchedulerStateDict = Record<string, unknown>;

/**
 * What a training loop needs from an epoch scheduler: `LRScheduler` and its subclasses,
 * `SequentialLR` and `ChainedScheduler` all fit (ReduceLROnPlateau's `step` wants a metric).
 */
export interface LRSchedulerLike {
  step(): void;
  getLastLr(): number[];
  stateDict(): SchedulerStateDict;
  loadStateDict(state: SchedulerStateDict): void;
}

/** Options every epoch-based scheduler accepts. */
export interface SchedulerBaseOptions {
  /**
   * The index of the last epoch when resuming (default −1: start fresh). When resuming, every
   * group must carry the `initialLr` a previous scheduler stored, as in PyTorch.
   */
  lastEpoch?: number;
}

/** The keys of {@link SchedulerBaseOptions}, which every epoch-based scheduler's option list starts with. */
export const SCHEDULER_BASE_OPTIONS = ['lastEpoch'] as const satisfies readonly (keyof SchedulerBaseOptions)[];

/**
 * The base of the epoch-based learning-rate schedulers (PyTorch's `LRScheduler`). It stores
 * `initialLr` in each group, keeps `baseLrs`, counts `lastEpoch`, and writes each new
 * learning rate into the optimizer's groups. Subclasses give the chainable rule `getLr()`
 * (computed from the groups' current lr, so several schedulers can act on one optimizer) and,
 * when they have one, the closed form used when jumping to an epoch.
 */
export abstract class LRScheduler {
  /** The optimizer whose groups' `lr` this scheduler sets. */
  readonly optimizer: SchedulableOptimizer;
  /** Each group's starting learning rate (`initialLr`). */
  baseLrs: number[];
  /** How many times `step()` has run since construction, minus one (0 right after construction). */
  lastEpoch: number;
  protected readonly name: string;
  protected stepCount = 0;
  protected lastLr: number[] = [];

  protected constructor(name: string, optimizer: SchedulableOptimizer, lastEpoch = -1) {
    this.name = name;
    new StateReader(name).number('lastEpoch', lastEpoch, { integer: true, min: -1 });
    if (!optimizer || !Array.isArray(optimizer.paramGroups))
      throw new MlpkitError(name, `optimizer: expected an optimizer with paramGroups, got ${String(optimizer)}`);
    this.optimizer = optimizer;
    optimizer.paramGroups.forEach((group, i) => {
      if (lastEpoch === -1) group.initialLr ??= group.lr;
      else if (typeof group.initialLr !== 'number')
        throw new MlpkitError(name, `lastEpoch is ${lastEpoch} but param 'initialLr' is not specified in paramGroups[${i}] when resuming an optimizer`);
    });
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
  }

  /** The next learning rates, from the groups' current ones (the chainable form). */
  protected abstract getLr(): number[];

  /** The learning rates at `lastEpoch` from the base rates alone, when a closed form exists. */
  protected closedFormLr(): number[] | null {
    return null;
  }

  /**
   * The step every scheduler takes at construction, which sets the epoch-0 learning rate.
   * Subclasses call it last in their constructor; `SequentialLR` calls it to restart one.
   */
  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** Advances one epoch (call it after `optimizer.step()`) and sets the groups' learning rates. */
  step(...unexpected: unknown[]): void {
    checkNoStepArgument(this.name, unexpected);
    this.stepCount += 1;
    this.lastEpoch += 1;
    this.apply(this.getLr());
  }

  /**
   * Jumps to `epoch`, using the closed form when there is one (PyTorch's deprecated
   * `step(epoch)`); `SequentialLR` uses it to start a scheduler at epoch 0.
   */
  stepTo(epoch: number): void {
    this.stepCount += 1;
    this.lastEpoch = epoch;
    this.apply(this.closedFormLr() ?? this.getLr());
  }

  /** The learning rates the last step set, one per group. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The scheduler's progress under PyTorch's keys, to save beside the optimizer's state. */
  stateDict(): SchedulerStateDict {
    return { last_epoch: this.lastEpoch, _step_count: this.stepCount, base_lrs: [...this.baseLrs], _last_lr: [...this.lastLr] };
  }

  /**
   * Restores what `stateDict` saved into a scheduler built with the same arguments. To resume
   * a run, build the optimizer and the scheduler as at the start, then load both states. Every
   * field is checked first (older camelCase keys are read too); a bad one is refused with its
   * path and nothing changes.
   */
  loadStateDict(state: SchedulerStateDict): void {
    this.prepareLoad(new StateReader(`${this.name}.loadStateDict`), '', state)();
  }

  /**
   * Validates a saved state and returns what applies it, so that a scheduler holding others
   * (SequentialLR) checks all of them before changing any. `path` prefixes error messages.
   */
  prepareLoad(read: StateReader, path: string, state: unknown): () => void {
    return this.prepareBase(read, path, state, {}).apply;
  }

  /** The base fields of a saved state, checked, plus the raw values of a subclass's `extra` fields. */
  protected prepareBase(read: StateReader, path: string, state: unknown, extra: Readonly<Record<string, string>>): { apply: () => void; values: Record<string, unknown> } {
    const values = readSchedulerFields(read, path, state, { last_epoch: 'lastEpoch', _step_count: 'stepCount', base_lrs: 'baseLrs', _last_lr: 'lastLr', ...extra });
    const groups = this.optimizer.paramGroups.length;
    const lastEpoch = read.number(read.at(path, 'last_epoch'), values.last_epoch, { integer: true, min: -1 });
    const stepCount = read.number(read.at(path, '_step_count'), values._step_count, { integer: true, min: 0 });
    const baseLrs = readLrs(read, read.at(path, 'base_lrs'), values.base_lrs, groups);
    const lastLr = readLrs(read, read.at(path, '_last_lr'), values._last_lr, groups);
    const apply = () => {
      this.lastEpoch = lastEpoch;
      this.stepCount = stepCount;
      this.baseLrs = baseLrs;
      this.lastLr = lastLr;
    };
    return { apply, values };
  }

  /** The groups' current learning rates. */
  protected groupLrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** Writes one learning rate per group and remembers them as the last ones. */
  protected apply(lrs: number[]): void {
    this.optimizer.paramGroups.forEach((group, i) => (group.lr = lrs[i]));
    this.lastLr = this.groupLrs();
  }
}

/** Throws unless `value` is an integer >= `min` (PyTorch: "Expected positive integer T_0, but got ..."). */
export function checkInteger(op: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new MlpkitError(op, `${name}: expected an integer >= ${min}, got ${String(value)}`);
}
