import { MlpkitError, defaultGenerator } from '@mlpkit/tensor';
import type { Callback, TrainContext } from './callback.js';
import { captureCallbackStates, loadCallbackStates, statefulCallbacks } from './callback-states.js';
import type { DivergenceGuard } from './divergence.js';
import { EARLY_STOPPING } from './early-stopping.js';
import { type OptimizerStateLike, type TrainingState, decodeTrainingState } from './training-state.js';
import type { LoaderLike, OptimizerLike, SchedulerLike, TrainableModel } from './types.js';

/** What a checkpoint or a resume touches, besides the model. */
export interface ResumableParts {
  optimizer: OptimizerLike;
  scheduler?: SchedulerLike;
  train: LoaderLike;
  val?: LoaderLike;
  /** Those with `stateDict()` and `loadStateDict()` are saved and restored with the rest. */
  callbacks?: readonly Callback[];
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
  statefulCallbacks(parts.callbacks ?? []);
}

/** The whole state of a run (`ctx`) after `epochsDone` finished epochs. */
export function captureTrainingState(ctx: TrainContext, parts: ResumableParts, guard: DivergenceGuard, epochsDone: number): TrainingState {
  const { model, history } = ctx;
  return {
    epochsDone, globalStep: ctx.globalStep,
    model: (model.stateDict as () => TrainingState['model'])(),
    optimizer: (parts.optimizer as unknown as Stateful).stateDict() as OptimizerStateLike,
    scheduler: parts.scheduler ? ((parts.scheduler as unknown as Stateful).stateDict() as Record<string, unknown>) : null,
    loaderEpoch: epochOf(parts.train), valLoaderEpoch: epochOf(parts.val),
    generator: defaultGenerator().getState(),
    history: { records: history.records.map((r) => ({ ...r })), initialLoss: history.initialLoss },
    divergence: guard.getState(),
    callbacks: captureCallbackStates(parts.callbacks ?? []),
    stopped: ctx.stopRequested && { ...ctx.stopRequested },
  };
}

/**
 * Loads the global generator's, the model's, optimizer's, scheduler's and callbacks' states; each checks everything before
 * it changes anything, and when a later one refuses, the earlier ones are put back, so a
 * refused checkpoint leaves the run as it was.
 */
function loadAllOrNothing(ctx: TrainContext, parts: ResumableParts, state: TrainingState): void {
  const { model } = ctx;
  const optimizer = parts.optimizer as unknown as Stateful, scheduler = parts.scheduler as unknown as Stateful | undefined;
  const weights = Object.entries((model.stateDict as () => TrainingState['model'])()).map(([key, t]) => [key, t.data.slice()] as const);
  const generator = defaultGenerator();
  const before = { optimizer: structuredClone(optimizer.stateDict()), scheduler: scheduler && structuredClone(scheduler.stateDict()), generator: generator.getState() };
  try {
    generator.setState(state.generator);
    (model.loadStateDict as (s: TrainingState['model']) => unknown)(state.model);
    optimizer.loadStateDict(state.optimizer);
    scheduler?.loadStateDict(state.scheduler);
    if (state.callbacks) loadCallbackStates(parts.callbacks ?? [], state.callbacks, ctx);
  } catch (error) {
    const live = (model.stateDict as () => TrainingState['model'])();
    for (const [key, data] of weights) live[key].data.set(data);
    optimizer.loadStateDict(before.optimizer);
    scheduler?.loadStateDict(before.scheduler);
    generator.setState(before.generator);
    throw error;
  }
}

/**
 * Puts a run (`ctx`) back where a checkpoint left it: model, optimizer, scheduler, callbacks,
 * loaders' epochs, the global generator, the history, the divergence guard's reference and a
 * stop requested at the last epoch saved. Everything that can refuse (the model's keys and
 * shapes, the optimizer's groups, the callbacks' states) is loaded before the rest.
 */
export function restoreTrainingState(from: Uint8Array | TrainingState, ctx: TrainContext, parts: ResumableParts, guard: DivergenceGuard): TrainingState {
  const state = from instanceof Uint8Array ? decodeTrainingState(from) : from;
  const { history } = ctx;
  if (state.epochsDone > ctx.epochs)
    throw new MlpkitError('fit', `resumeFrom: the checkpoint has ${state.epochsDone} epochs done, more than epochs: ${ctx.epochs} (the whole run's count, those done included)`);
  if (!!parts.scheduler !== (state.scheduler !== null))
    throw new MlpkitError('fit', `resumeFrom: the checkpoint was written ${state.scheduler ? 'with' : 'without'} a scheduler, this run has ${parts.scheduler ? 'one' : 'none'}`);
  loadAllOrNothing(ctx, parts, state);
  for (const [loader, epoch] of [[parts.train, state.loaderEpoch], [parts.val, state.valLoaderEpoch]] as const)
    if (epoch !== null && epochOf(loader) !== null) (loader as unknown as { epoch: number }).epoch = epoch;
  // One push per record: spread as arguments, a long history would overflow the call stack.
  for (const record of state.history.records) history.records.push(record);
  history.initialLoss = state.history.initialLoss;
  guard.setState(state.divergence);
  // Early stopping's verdict stands on resume, as in the uninterrupted run; a stop for any other
  // reason (a time budget, a user's stop) is why the run is being resumed, so it goes on.
  ctx.stopRequested = state.stopped?.reason === EARLY_STOPPING ? { ...state.stopped } : null;
  return state;
}
