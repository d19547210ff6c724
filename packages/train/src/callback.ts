import type { EpochLogs, History, StopInfo } from './history.js';
import type { OptimizerLike, TrainableModel } from './types.js';

/** What `onBatchEnd` hears about one training step. */
export interface BatchLogs {
  /** 0-based batch index within the epoch. */
  batch: number;
  /** This batch's loss. */
  loss: number;
  /** Samples in this batch. */
  size: number;
  /** Mean loss of the epoch so far (sample-weighted). */
  runningLoss: number;
}

/** The state of a `fit` run, shared with every callback. */
export interface TrainContext {
  readonly model: TrainableModel;
  readonly optimizer: OptimizerLike;
  readonly history: History;
  /** Epochs asked for. */
  readonly epochs: number;
  /** Batches per training epoch, when the loader says (`length`). */
  readonly stepsPerEpoch: number | undefined;
  /** The current 0-based epoch. */
  epoch: number;
  /** Optimizer steps taken so far, over all epochs. */
  globalStep: number;
  /** Set by `stop`; `fit` finishes the current epoch's bookkeeping and returns. */
  stopRequested: StopInfo | null;
  /** Asks `fit` to stop after the current epoch (or batch, from `onBatchEnd`). */
  stop(reason: string, message: string): void;
}

/**
 * Hooks into `fit`, in Keras' shape. Every hook may be async (`fit` awaits it), so a callback
 * can write a checkpoint before training moves on. Hooks a callback does not need are left out.
 *
 * @example
 * const printer: Callback = { onEpochEnd: (epoch, logs) => console.log(epoch, logs.loss) };
 */
export interface Callback {
  onTrainBegin?(ctx: TrainContext): void | Promise<void>;
  onEpochBegin?(epoch: number, ctx: TrainContext): void | Promise<void>;
  onBatchEnd?(batch: number, logs: BatchLogs, ctx: TrainContext): void | Promise<void>;
  /** After each validation batch (synchronous: validation does not wait), `done` of `total` batches. */
  onValidationProgress?(done: number, total: number | undefined, ctx: TrainContext): void;
  onEpochEnd?(epoch: number, logs: EpochLogs, ctx: TrainContext): void | Promise<void>;
  /** Runs however training ends, divergence included, so progress bars close and files are final. */
  onTrainEnd?(history: History, ctx: TrainContext): void | Promise<void>;
}

/** Calls `hook` on every callback that has it, in order, awaiting each. */
export async function runHook<K extends keyof Callback>(
  callbacks: readonly Callback[],
  hook: K,
  ...args: Parameters<NonNullable<Callback[K]>>
): Promise<void> {
  for (const cb of callbacks) {
    const fn = cb[hook] as ((...a: unknown[]) => void | Promise<void>) | undefined;
    if (fn) await fn.apply(cb, args);
  }
}
