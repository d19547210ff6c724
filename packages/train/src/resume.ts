import { MlpkitError, defaultGenerator } from '@mlpkit/tensor';
import type { DivergenceGuard } from './divergence.js';
import type { History } from './history.js';
import { type OptimizerStateLike, type TrainingState, decodeTrainingState } from './training-state.js';
import type { LoaderLike, OptimizerLike, SchedulerLike, TrainableModel } from './types.js';

/** What a checkpoint or a resume touches, besides the model. */
export interface ResumableParts {
  optimizer: OptimizerLike;
  scheduler?: SchedulerLike;
  train: LoaderLike;
  val?: LoaderLike;
}

type Stateful = { stateDict(): unknown; loadStateDict(state: unknown): unknown };
const stateful = (x: unknown): x is Stateful => !!x && typeof (x as Stateful).stateDict === 'function' && typeof (x as Stateful).loadStateDict === 'function';
// A DataLoader's next epoch decides its shuffling order; other loaders have none to keep.
const epochOf = (loader: LoaderLike | undefined) => (loader && Number.isInteger((loader as unknown as { epoch?: unknown }).epoch) ? (loader as unknown as { epoch: number }).epoch : null);

/** Refuses a run that cannot be checkpointed, before any training. */
export function checkResumable(model: TrainableModel, parts: ResumableParts): void {
  if (typeof model.stateDict !== 'function' || typeof model.loadStateDict !== 'function') throw new MlpkitError('fit', 'checkpoint/resumeFrom: the model needs stateDict() and loadStateDict()');
  if (!stateful(parts.optimizer)) throw new MlpkitError('fit', 'checkpoint/resumeFrom: the optimizer needs stateDict() and loadStateDict()');
  if (parts.scheduler && !stateful(parts.scheduler)) throw new MlpkitError('fit', 'checkpoint/resumeFrom: the scheduler needs stateDict() and loadStateDict()');
}

/** The whole state of a run after `epochsDone` finished epochs. */
export function captureTrainingState(model: TrainableModel, parts: ResumableParts, history: History, epochsDone: number, globalStep: number): TrainingState {
  return {
    epochsDone, globalStep,
    model: (model.stateDict as () => TrainingState['model'])(),
    optimizer: (parts.optimizer as unknown as Stateful).stateDict() as OptimizerStateLike,
    scheduler: parts.scheduler ? ((parts.scheduler as unknown as Stateful).stateDict() as Record<string, unknown>) : null,
    loaderEpoch: epochOf(parts.train), valLoaderEpoch: epochOf(parts.val),
    generator: defaultGenerator().getState(),
    history: { records: history.records.map((r) => ({ ...r })), initialLoss: history.initialLoss },
  };
}

/**
 * Puts a run back where a checkpoint left it: model, optimizer, scheduler, loaders' epochs,
 * the global generator, the history and the divergence guard's reference. Everything that can
 * refuse (the model's keys and shapes, the optimizer's groups) is loaded before the rest.
 */
export function restoreTrainingState(from: Uint8Array | TrainingState, model: TrainableModel, parts: ResumableParts, history: History, guard: DivergenceGuard): TrainingState {
  const state = from instanceof Uint8Array ? decodeTrainingState(from) : from;
  const scheduler = parts.scheduler as unknown as Stateful | undefined;
  if (!!scheduler !== (state.scheduler !== null))
    throw new MlpkitError('fit', `resumeFrom: the checkpoint was written ${state.scheduler ? 'with' : 'without'} a scheduler, this run has ${scheduler ? 'one' : 'none'}`);
  (model.loadStateDict as (s: TrainingState['model']) => unknown)(state.model);
  (parts.optimizer as unknown as Stateful).loadStateDict(state.optimizer);
  scheduler?.loadStateDict(state.scheduler);
  for (const [loader, epoch] of [[parts.train, state.loaderEpoch], [parts.val, state.valLoaderEpoch]] as const)
    if (epoch !== null && epochOf(loader) !== null) (loader as unknown as { epoch: number }).epoch = epoch;
  defaultGenerator().setState(state.generator);
  history.records.push(...state.history.records);
  history.initialLoss = state.history.initialLoss;
  guard.initialLoss = state.history.initialLoss;
  return state;
}
