/**
 * What one epoch produced: `loss` and each metric on the training batches (averaged over the
 * epoch, as PyTorch users usually log them), `valLoss` and `val<Metric>` on the validation
 * loader, and the learning rate the epoch ran with.
 */
export interface EpochLogs {
  /** 0-based epoch index. */
  epoch: number;
  /** Mean training loss over the epoch's batches (weighted by batch size). */
  loss: number;
  /** Learning rate of the first parameter group during this epoch. */
  lr: number;
  /** Validation loss, when a validation loader was given. */
  valLoss?: number;
  /** Metrics by name: `accuracy`, `valAccuracy`, … */
  [metric: string]: number | undefined;
}

/** Why training ended before its last epoch, if it did. */
export interface StopInfo {
  /** `'earlyStopping'`, `'diverged'`, or whatever a callback gave `ctx.stop(reason)`. */
  reason: string;
  /** A sentence for people. */
  message: string;
  /** Epoch during which training stopped. */
  epoch: number;
  /**
   * Set when the stop cut its epoch short (a callback's `ctx.stop` in `onBatchEnd`, before the
   * last batch): the batches that epoch trained. Its record covers only them, the scheduler did
   * not step for it and no training checkpoint was written for it, so a resumed run trains it
   * again whole.
   */
  batchesDone?: number;
}

/**
 * Per-epoch logs of a `fit` run. `records` holds one {@link EpochLogs} per finished epoch;
 * `get('valLoss')` gives one key's series, ready to plot.
 *
 * @example
 * const history = await fit(model, { train, val, loss, optimizer, epochs: 5 });
 * history.get('valAccuracy'); // [0.81, 0.84, ...]
 */
export class History {
  /** One entry per finished epoch, in order. */
  readonly records: EpochLogs[] = [];
  /** Set when training stopped early (early stopping, divergence, a callback's request). */
  stopped: StopInfo | null = null;
  /** Initial loss: the first training batch's loss, the babysitting reference (≈ ln C). */
  initialLoss: number | null = null;

  /** Appends one epoch's logs. */
  push(logs: EpochLogs): void {
    this.records.push(logs);
  }

  /** The number of finished epochs. */
  get length(): number {
    return this.records.length;
  }

  /** The last finished epoch's logs, or undefined before any. */
  get last(): EpochLogs | undefined {
    return this.records[this.records.length - 1];
  }

  /** Every key some epoch logged (`loss`, `valLoss`, `accuracy`, …). */
  keys(): string[] {
    const keys = new Set<string>();
    for (const r of this.records) for (const k of Object.keys(r)) keys.add(k);
    return [...keys];
  }

  /** One key's values per epoch (NaN where an epoch lacks it). */
  get(key: string): number[] {
    return this.records.map((r) => r[key] ?? Number.NaN);
  }

  /** The epoch whose `key` is best (`mode` 'min' or 'max'), or undefined if none logged it. */
  best(key: string, mode: 'min' | 'max' = 'min'): EpochLogs | undefined {
    let best: EpochLogs | undefined;
    for (const r of this.records) {
      const v = r[key];
      if (v === undefined || Number.isNaN(v)) continue;
      const b = best?.[key];
      if (b === undefined || (mode === 'min' ? v < b : v > b)) best = r;
    }
    return best;
  }

  /** Plain JSON: `{ records, stopped, initialLoss }`. */
  toJSON(): { records: EpochLogs[]; stopped: StopInfo | null; initialLoss: number | null } {
    return { records: this.records, stopped: this.stopped, initialLoss: this.initialLoss };
  }
}
