import { MlpkitError, type StateReader } from '@mlpkit/tensor';
import type { EpochLogs } from './history.js';

/** Whether a monitored value improves by going down or up; 'auto' guesses from its name. */
export type MonitorMode = 'min' | 'max' | 'auto';

/** 'auto' → 'max' for accuracy-like names (accuracy, f1, auc, precision, recall, r2), else 'min'. */
export function resolveMode(monitor: string, mode: MonitorMode = 'auto'): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto') throw new MlpkitError('monitor', `mode must be 'min', 'max' or 'auto', got ${String(mode)}`);
  return /acc|f1|auc|precision|recall|r2|score/i.test(monitor) ? 'max' : 'min';
}

/** A {@link Monitor}'s place in a training checkpoint: what it watches, and the best so far. */
export interface MonitorState {
  monitor: string;
  mode: 'min' | 'max';
  best: number;
  bestEpoch: number;
}

/**
 * Tracks the best value of one logged key (`valLoss`, `valAccuracy`, …) and whether the latest
 * epoch improved on it by more than `minDelta`. Shared by early stopping and checkpoints.
 */
export class Monitor {
  readonly mode: 'min' | 'max';
  best: number;
  bestEpoch = -1;

  constructor(readonly key: string, mode: MonitorMode = 'auto', readonly minDelta = 0) {
    if (typeof key !== 'string' || key === '') throw new MlpkitError('monitor', `monitor must be a logged key such as 'valLoss', got ${String(key)}`);
    if (!(minDelta >= 0)) throw new MlpkitError('monitor', `minDelta must be >= 0, got ${minDelta}`);
    this.mode = resolveMode(key, mode);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  /** Reads the key from `logs`, refusing a missing one with the keys that exist. */
  read(logs: EpochLogs, who: string): number {
    const value = logs[this.key];
    if (value === undefined)
      throw new MlpkitError(who, `monitor "${this.key}" is not in the epoch logs (they have: ${Object.keys(logs).join(', ')}); pass a val loader to log val* keys`);
    return value;
  }

  /** Records `value` of `epoch`; true when it beats the best so far (NaN never does). */
  update(value: number, epoch: number): boolean {
    const better = this.mode === 'min' ? value < this.best - this.minDelta : value > this.best + this.minDelta;
    if (!better) return false;
    this.best = value;
    this.bestEpoch = epoch;
    return true;
  }

  /** What a resumed run needs to go on judging improvements as this one does. */
  stateDict(): MonitorState {
    return { monitor: this.key, mode: this.mode, best: this.best, bestEpoch: this.bestEpoch };
  }

  /**
   * Checks a saved {@link MonitorState} (untrusted: from a checkpoint) and returns what applies
   * it; a state that watched another key or direction is refused, its best would mean nothing here.
   */
  prepareLoad(read: StateReader, state: Record<string, unknown>): () => void {
    if (state.monitor !== this.key) read.fail('monitor', `${JSON.stringify(this.key)} (what this callback watches)`, state.monitor);
    if (state.mode !== this.mode) read.fail('mode', `${JSON.stringify(this.mode)} (this callback's mode)`, state.mode);
    const bestEpoch = read.number('bestEpoch', state.bestEpoch, { integer: true, min: -1 });
    const start = this.mode === 'min' ? Infinity : -Infinity;
    // Before any epoch the best is the starting infinity; after one it is a value some epoch logged.
    if (bestEpoch === -1 ? state.best !== start : !Number.isFinite(state.best)) read.fail('best', bestEpoch === -1 ? String(start) : 'a finite number', state.best);
    return () => {
      this.best = state.best as number;
      this.bestEpoch = bestEpoch;
    };
  }
}
