import { MlpkitError, StateReader, type Tensor, checkBoolean, checkOptions } from '@mlpkit/tensor';
import type { Callback, CallbackState, TrainContext } from './callback.js';
import type { EpochLogs, History } from './history.js';
import { Monitor, type MonitorMode } from './monitor.js';
import { readSnapshot, restoreState, snapshotState } from './snapshot.js';

/** The stop reason EarlyStopping gives `ctx.stop`: a resumed run keeps this stop (see resume). */
export const EARLY_STOPPING = 'earlyStopping';

/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions {
  /** The logged key to watch (default 'valLoss'). */
  monitor?: string;
  /** Whether the key should go down or up (default 'auto': up for accuracy-like names). */
  mode?: MonitorMode;
  /** Epochs in a row without improvement that stop training (default 0, like 1: stop at the first non-improvement). */
  patience?: number;
  /** The smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Put back the best epoch's weights when training ends (default false, as in Keras). */
  restoreBestWeights?: boolean;
}

const EARLY_STOPPING_OPTIONS = ['monitor', 'mode', 'patience', 'minDelta', 'restoreBestWeights'] as const satisfies readonly (keyof EarlyStoppingOptions)[];

/**
 * Stops training when a validation value stops improving for `patience` epochs (the slides'
 * early stopping on a validation set), optionally restoring the best weights. The best weights
 * are kept as an in-memory copy of the model's state dict, and also restored when training
 * diverges, since the weights then are worse than any saved epoch. Its count of epochs without
 * improvement, best value and best weights go into `fit`'s training checkpoints, so a resumed
 * run stops at the same epoch as the uninterrupted one.
 *
 * @example
 * fit(model, { ..., callbacks: [new EarlyStopping({ monitor: 'valAccuracy', patience: 3, restoreBestWeights: true })] });
 */
export class EarlyStopping implements Callback {
  readonly patience: number;
  readonly restoreBestWeights: boolean;
  /** Epoch at which training was stopped, or -1. */
  stoppedEpoch = -1;
  private monitor: Monitor;
  private readonly options: EarlyStoppingOptions;
  private wait = 0;
  private bestState: Record<string, Tensor> | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    checkOptions('EarlyStopping', options, EARLY_STOPPING_OPTIONS);
    this.options = options;
    this.patience = options.patience ?? 0;
    if (!Number.isInteger(this.patience) || this.patience < 0)
      throw new MlpkitError('EarlyStopping', `patience must be an integer >= 0, got ${options.patience}`);
    if (options.restoreBestWeights !== undefined) checkBoolean('EarlyStopping', 'restoreBestWeights', options.restoreBestWeights);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.monitor = new Monitor(options.monitor ?? 'valLoss', options.mode, options.minDelta ?? 0);
  }

  /** The best monitored value and its epoch so far. */
  get best(): { value: number; epoch: number } {
    return { value: this.monitor.best, epoch: this.monitor.bestEpoch };
  }

  onTrainBegin(ctx: TrainContext): void {
    // A resumed run goes on from the state fit loaded into this callback.
    if (!ctx.resumed) {
      this.monitor = new Monitor(this.monitor.key, this.options.mode, this.monitor.minDelta);
      this.wait = 0;
      this.stoppedEpoch = -1;
      this.bestState = null;
    }
    if (this.restoreBestWeights && typeof ctx.model.stateDict !== 'function')
      throw new MlpkitError('EarlyStopping', 'restoreBestWeights needs a model with stateDict() and loadStateDict()');
  }

  onEpochEnd(epoch: number, logs: EpochLogs, ctx: TrainContext): void {
    const value = this.monitor.read(logs, 'EarlyStopping');
    if (this.monitor.update(value, epoch)) {
      this.wait = 0;
      if (this.restoreBestWeights) this.bestState = snapshotState(ctx.model);
      return;
    }
    this.wait++;
    if (this.wait >= this.patience) {
      this.stoppedEpoch = epoch;
      ctx.stop(EARLY_STOPPING,
        `${this.monitor.key} has not improved for ${this.wait} epoch(s); best ${this.monitor.best.toPrecision(4)} at epoch ${this.monitor.bestEpoch + 1}`);
    }
  }

  onTrainEnd(history: History, ctx: TrainContext): void {
    if (!this.restoreBestWeights || !this.bestState) return;
    if (history.stopped || history.last?.epoch !== this.monitor.bestEpoch) restoreState(ctx.model, this.bestState);
  }

  /** The best value, the epochs waited and the best weights (with `restoreBestWeights`), for `fit`'s training checkpoints. */
  stateDict(): CallbackState {
    return { ...this.monitor.stateDict(), wait: this.wait, stoppedEpoch: this.stoppedEpoch, bestWeights: this.bestState };
  }

  /** Goes on from an {@link EarlyStopping.stateDict}, checked field by field (the weights against `ctx.model`) first. */
  loadStateDict(state: CallbackState, ctx: TrainContext): void {
    const read = new StateReader('EarlyStopping.loadStateDict');
    read.object('', state, { required: ['monitor', 'mode', 'best', 'bestEpoch', 'wait', 'stoppedEpoch', 'bestWeights'] });
    const applyMonitor = this.monitor.prepareLoad(read, state);
    const wait = read.number('wait', state.wait, { integer: true, min: 0 });
    const stoppedEpoch = read.number('stoppedEpoch', state.stoppedEpoch, { integer: true, min: -1 });
    // Best weights exist exactly when restoreBestWeights is on and some epoch was best.
    const weightsExpected = this.restoreBestWeights && (state.bestEpoch as number) >= 0;
    if (!weightsExpected && state.bestWeights !== null)
      read.fail('bestWeights', `null (restoreBestWeights is ${this.restoreBestWeights}${this.restoreBestWeights ? ' and no epoch was best yet' : ''})`, state.bestWeights);
    if (weightsExpected && state.bestWeights === null) read.fail('bestWeights', 'the best epoch\'s weights (restoreBestWeights is true)', null);
    const bestState = weightsExpected ? readSnapshot(read, 'bestWeights', state.bestWeights, ctx.model) : null;
    applyMonitor();
    this.wait = wait;
    this.stoppedEpoch = stoppedEpoch;
    this.bestState = bestState;
  }
}
