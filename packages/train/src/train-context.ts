import type { TrainContext } from './callback.js';
import type { History } from './history.js';
import type { LoaderLike, OptimizerLike, TrainableModel } from './types.js';

/** What a run's context is made from: `fit`'s options, of which it reads these. */
export interface TrainContextParts {
  optimizer: OptimizerLike;
  epochs: number;
  train: LoaderLike;
  resumeFrom?: unknown;
}

/** The context `fit` shares with its callbacks, at the start of a run writing into `history`. */
export function createTrainContext(model: TrainableModel, parts: TrainContextParts, history: History): TrainContext {
  return {
    model, optimizer: parts.optimizer, history, epochs: parts.epochs, resumed: !!parts.resumeFrom,
    stepsPerEpoch: typeof parts.train.length === 'number' ? parts.train.length : undefined,
    epoch: 0, globalStep: 0, stopRequested: null,
    stop(reason, message) {
      this.stopRequested ??= { reason, message, epoch: this.epoch };
    },
  };
}
