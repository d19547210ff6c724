import type { BatchLogs, Callback, TrainContext } from './callback.js';
import type { EpochLogs } from './history.js';

/**
 * Hears how far a long task has come: `done` of `total` units (batches, steps, bytes; `total`
 * undefined when unknown), and what is being worked on. `evaluate`, `overfitSmallSubset`, the
 * validation inside `fit` and dataset downloads all report through this shape, so one display
 * (a DOM element, or `progressPrinter` from `@mlpkit/train/node`) serves them all.
 */
export type ProgressListener = (done: number, total: number | undefined, label?: string) => void;

/** Where training is, as reported to a {@link ProgressCallback}'s listener. */
export interface ProgressEvent {
  /** 'batch' after each step, 'epoch' after each epoch's validation. */
  kind: 'batch' | 'epoch';
  epoch: number;
  epochs: number;
  /** Batches done in this epoch. */
  batch: number;
  /** Batches per epoch, when the loader knows. */
  steps: number | undefined;
  /** The running mean training loss of the epoch. */
  loss: number;
  /** The epoch's logs (on 'epoch' events). */
  logs?: EpochLogs;
}

/**
 * Calls `listener` after each batch and each epoch: the browser-safe core of every progress
 * display (a DOM progress element, a chart, or the terminal bar in `@mlpkit/train/node`).
 *
 * @example
 * new ProgressCallback((e) => { bar.value = e.batch / (e.steps ?? 1); });
 */
export class ProgressCallback implements Callback {
  constructor(readonly listener: (event: ProgressEvent) => void) {}

  onBatchEnd(batch: number, logs: BatchLogs, ctx: TrainContext): void {
    this.listener({ kind: 'batch', epoch: ctx.epoch, epochs: ctx.epochs, batch: batch + 1, steps: ctx.stepsPerEpoch, loss: logs.runningLoss });
  }

  onEpochEnd(epoch: number, logs: EpochLogs, ctx: TrainContext): void {
    this.listener({ kind: 'epoch', epoch, epochs: ctx.epochs, batch: ctx.stepsPerEpoch ?? 0, steps: ctx.stepsPerEpoch, loss: logs.loss, logs });
  }
}

/** `{ loss: 0.41, valAccuracy: 0.86 }` → `loss 0.4100, valAccuracy 0.8600` (epoch and lr left out). */
export function formatLogs(logs: EpochLogs, digits = 4): string {
  return Object.entries(logs)
    .filter(([k, v]) => k !== 'epoch' && k !== 'lr' && v !== undefined)
    .map(([k, v]) => `${k} ${(v as number).toFixed(digits)}`)
    .join(', ');
}

/**
 * Writes one line per epoch, like the slides' trainer: `Finished epoch 1 / 10: loss 0.5123,
 * accuracy 0.8211, valLoss …, lr 1.00e-2`, and a line when training stops early.
 * `write` defaults to `console.log`.
 */
export class EpochLogger implements Callback {
  constructor(readonly write: (line: string) => void = (line) => console.log(line)) {}

  onEpochEnd(epoch: number, logs: EpochLogs, ctx: TrainContext): void {
    this.write(`Finished epoch ${epoch + 1} / ${ctx.epochs}: ${formatLogs(logs)}, lr ${logs.lr.toExponential(2)}`);
  }

  onTrainEnd(_history: unknown, ctx: TrainContext): void {
    if (ctx.stopRequested) this.write(`Stopped (${ctx.stopRequested.reason}): ${ctx.stopRequested.message}`);
  }
}
