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
  /** Whether the run goes on from a training checkpoint (`resumeFrom`): callbacks with state then keep the state loaded from it. */
  readonly resumed: boolean;
  /** Batches per training epoch, when the loader says (`length`). */
  readonly stepsPerEpoch: number | undefined;
  /** The current 0-based epoch. */
  epoch: number;
  /** Optimizer steps taken so far, over all epochs. */
  globalStep: number;
  /** Set by `stop`; `fit` finishes the current epoch's bookkeeping and returns. */
  stopRequested: StopInfo | null;
  /**
   * Asks `fit` to stop after the current epoch, or, from `onBatchEnd`, after the current batch:
   * an epoch so cut short is logged but not checkpointed (see `StopInfo.batchesDone`).
   */
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
  /**
   * What the callback keeps from epoch to epoch (a best value, a count of epochs), for the
   * training checkpoints of `fit({ checkpoint })`: numbers, strings, booleans, null, lists,
   * plain objects and Tensors (stored bit for bit). With {@link Callback.loadStateDict}, a run
   * resumed with the same callbacks goes on as if never interrupted; a callback without the
   * pair starts afresh when a run is resumed.
   */
  stateDict?(): CallbackState;
  /**
   * Puts back what `stateDict` returned, read from an untrusted checkpoint: it checks every
   * field (against `ctx.model` where it holds weights) before changing anything, and throws
   * an `MlpkitError` naming the field. `fit` calls it before `onTrainBegin`, which then keeps
   * the loaded state (`ctx.resumed`) instead of starting afresh.
   */
  loadStateDict?(state: CallbackState, ctx: TrainContext): void;
}

/** A callback's state in a training checkpoint (see {@link Callback.stateDict}). */
export type CallbackState = Record<string, unknown>;

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
