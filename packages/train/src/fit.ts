import { MlpkitError, checkOneOf, checkOptions, describe } from '@mlpkit/tensor';
import { type Callback, type TrainContext, runHook } from './callback.js';
import { checkCallbacks } from './check-callbacks.js';
import { checkOptimizerParams } from './check-optimizer-params.js';
import { checkFlag } from './check-flag.js';
import { DivergenceGuard, TrainingDivergedError } from './divergence.js';
import { type LossInput, asLossFn, evaluate } from './evaluate.js';
import { type EpochLogs, History, type StopInfo } from './history.js';
import { leaveIterator } from './leave-iterator.js';
import { type MetricSpecs, createMetrics, valKey } from './metric-specs.js';
import type { ProgressListener } from './progress.js';
import { captureTrainingState, checkResumable, restoreTrainingState } from './resume.js';
import { createTrainContext } from './train-context.js';
import { type StepParts, trainStep } from './train-step.js';
import { type TrainingState, encodeTrainingState } from './training-state.js';
import type { LoaderLike, MetricLike, OptimizerLike, SchedulerLike, TrainableModel } from './types.js';
import { splitForValidation } from './validation-split.js';

/** Options of {@link fit}. */
export interface FitOptions {
  /** Training batches; each `for..of` is one epoch (a DataLoader, or an array of `{x, y}`). */
  train: LoaderLike;
  /** Validation batches, evaluated after every epoch in eval mode without gradients. */
  val?: LoaderLike;
  /** `(prediction, target) => Tensor`, e.g. `crossEntropy`, or an object with `forward`. */
  loss: LossInput;
  /** Anything with `step()`, `zeroGrad()` and `paramGroups` (SGD, Adam, …). */
  optimizer: OptimizerLike;
  /** Number of passes over `train`. */
  epochs: number;
  /** Metrics logged for training and validation, e.g. `['accuracy']` → `accuracy`, `valAccuracy`. */
  metrics?: MetricSpecs;
  /** Hooks run in order: progress, early stopping, checkpoints, … */
  callbacks?: readonly Callback[];
  /** An LR scheduler, stepped after every epoch (or every batch with `schedulerStep: 'batch'`). */
  scheduler?: SchedulerLike;
  /** When the scheduler steps (default 'epoch', PyTorch's usual placement). */
  schedulerStep?: 'epoch' | 'batch';
  /**
   * A logged key passed to `scheduler.step(value)` after each epoch, for schedulers that watch a
   * metric (`ReduceLROnPlateau` with `'valLoss'`).
   */
  schedulerMonitor?: string;
  /**
   * The babysitting rule: stop when the smoothed loss exceeds this × the initial loss (default
   * 3, the slides' rule; see {@link DivergenceGuard}). `false` keeps only the NaN/Infinity check.
   */
  divergenceFactor?: number | false;
  /**
   * How gradients are cleared before each batch: true (default) sets them to null, as
   * PyTorch 2's `zero_grad()`; false zeros them in place, as PyTorch 1's. In place is faster on
   * the wasm backend, where the gradients then stay in its memory and Linear's backward adds
   * into them; but a parameter that had a gradient once keeps a zero one, so an optimizer with
   * momentum or weight decay keeps moving it even while it is frozen or unused.
   */
  setToNone?: boolean;
  /**
   * Keras' `validation_split`: hold out the last fraction of `train`'s samples (a DataLoader)
   * as the validation set, instead of passing `val`.
   */
  validationSplit?: number;
  /**
   * Where the whole run is saved after every finished epoch (not one a stop cut short, see
   * `StopInfo.batchesDone`): `save(bytes, epoch)` receives a training checkpoint (model,
   * optimizer, scheduler, loaders' position, generator state, history, and the state of
   * callbacks that have `stateDict()`, such as EarlyStopping and Checkpoint) for `resumeFrom`. `checkpointFile(path)` from `@mlpkit/train/node` writes it atomically.
   */
  checkpoint?: { save(bytes: Uint8Array, epoch: number): void | Promise<void> };
  /**
   * A training checkpoint (its bytes) to continue from: the run goes on at the epoch after the
   * last one saved, with the same losses bit for bit as a run that was never interrupted (same
   * backend and seed), its History continuing the saved one. `epochs` stays the total (a
   * checkpoint with more epochs done is refused; as many returns the saved History). Pass
   * the same callbacks: those with state go on from theirs (a checkpoint holding the state of
   * other ones is refused); one of your own without `stateDict()`/`loadStateDict()` starts afresh.
   */
  resumeFrom?: Uint8Array | TrainingState;
  /**
   * Reuse each step's memory in the next steps (default false): the batch, the activations and
   * the gradients between layers go back to the allocator as soon as the step ends, warm in
   * the caches, instead of waiting for the garbage collector. Faster, and the same results bit
   * for bit (`apps/bench` measures it), on the condition that nothing keeps a tensor from a step
   * past its end: not a hook or custom layer that stores activations, not a metric, loss or
   * optimizer of your own that holds its inputs. The model's parameters and buffers, the
   * optimizer's parameters and their gradients always survive. Validation reuses its batches'
   * memory the same way. See `inStepScope` in `@mlpkit/tensor`.
   */
  reuseMemory?: boolean;
}

const FIT_OPTIONS = [
  'train', 'val', 'loss', 'optimizer', 'epochs', 'metrics', 'callbacks', 'scheduler', 'schedulerStep', 'schedulerMonitor',
  'divergenceFactor', 'setToNone', 'validationSplit', 'checkpoint', 'resumeFrom', 'reuseMemory',
] as const satisfies readonly (keyof FitOptions)[];

function checkFitOptions(options: FitOptions): void {
  const op = 'fit';
  if (options === undefined) throw new MlpkitError(op, 'expected an options object, got undefined');
  checkOptions(op, options, FIT_OPTIONS);
  if (options.validationSplit !== undefined && options.val !== undefined) throw new MlpkitError(op, 'give either val or validationSplit, not both');
  if (options.checkpoint !== undefined && typeof options.checkpoint?.save !== 'function') throw new MlpkitError(op, 'checkpoint: expected { save(bytes, epoch) }');
  if (!Number.isInteger(options.epochs) || options.epochs < 1) throw new MlpkitError(op, `epochs must be an integer >= 1, got ${options.epochs}`);
  if (!options.train || typeof (options.train as Iterable<unknown>)[Symbol.iterator] !== 'function')
    throw new MlpkitError(op, 'train: expected an iterable of {x, y} batches such as a DataLoader');
  if (options.val !== undefined && typeof (options.val as Iterable<unknown>)[Symbol.iterator] !== 'function')
    throw new MlpkitError(op, 'val: expected an iterable of {x, y} batches such as a DataLoader');
  checkFlag(op, 'setToNone', options.setToNone);
  checkFlag(op, 'reuseMemory', options.reuseMemory);
  checkCallbacks(op, options.callbacks);
  checkScheduler(options);
  const factor = options.divergenceFactor;
  if (factor !== undefined && factor !== false && typeof factor !== 'number')
    throw new MlpkitError(op, `divergenceFactor: expected a number > 1 or false, got ${describe(factor)}`);
  const o = options.optimizer;
  if (!o || typeof o.step !== 'function' || typeof o.zeroGrad !== 'function' || !Array.isArray(o.paramGroups))
    throw new MlpkitError(op, 'optimizer: expected an object with step(), zeroGrad() and paramGroups (SGD, Adam, …)');
}

// A scheduler option without a scheduler, or a misspelt schedulerStep, would leave the rates
// unscheduled without a word.
function checkScheduler({ scheduler, schedulerStep, schedulerMonitor }: FitOptions): void {
  const op = 'fit';
  if (scheduler === undefined) {
    const orphan = schedulerStep !== undefined ? 'schedulerStep' : schedulerMonitor !== undefined ? 'schedulerMonitor' : null;
    if (orphan) throw new MlpkitError(op, `${orphan} is given but there is no scheduler to step`);
    return;
  }
  if (scheduler === null || typeof (scheduler as { step?: unknown }).step !== 'function')
    throw new MlpkitError(op, `scheduler: expected an object with step() (StepLR, ReduceLROnPlateau, …), got ${describe(scheduler)}`);
  if (schedulerStep !== undefined) checkOneOf(op, 'schedulerStep', schedulerStep, ['epoch', 'batch']);
  if (schedulerMonitor !== undefined && typeof schedulerMonitor !== 'string')
    throw new MlpkitError(op, `schedulerMonitor: expected the name of an epoch log such as 'valLoss', got ${describe(schedulerMonitor)}`);
}

function checkModel(model: TrainableModel): void {
  for (const name of ['forward', 'parameters', 'train', 'eval'] as const)
    if (!model || typeof model[name] !== 'function')
      throw new MlpkitError('fit', `model: expected an object with forward, parameters, train and eval (an nn Module), but ${name} is missing`);
}

/**
 * Trains `model` for `epochs` passes over `train`, PyTorch-shaped inside: per batch
 * `model.train()`, `optimizer.zeroGrad()`, forward, `loss.backward()`, `optimizer.step()`; after
 * each epoch, validation in `model.eval()` under `noGrad`. Returns the per-epoch
 * {@link History}.
 *
 * A NaN loss, or a smoothed loss above `divergenceFactor` × the initial loss, stops training: the
 * callbacks' `onTrainEnd` run (progress bars close, checkpoints stay as written), then a
 * {@link TrainingDivergedError} carrying the history is thrown.
 *
 * @example
 * const history = await fit(model, {
 *   train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.01 }),
 *   epochs: 3, metrics: ['accuracy'],
 * });
 */
export async function fit(model: TrainableModel, fitOptions: FitOptions): Promise<History> {
  checkFitOptions(fitOptions);
  checkModel(model);
  checkOptimizerParams('fit', model, fitOptions.optimizer);
  const options = fitOptions.validationSplit === undefined ? fitOptions : { ...fitOptions, ...splitForValidation(fitOptions.train, fitOptions.validationSplit) };
  const lossFn = asLossFn('fit', options.loss);
  const callbacks = options.callbacks ?? [];
  const guard = new DivergenceGuard(options.divergenceFactor === false ? Infinity : options.divergenceFactor ?? 3);
  const history = new History();
  const ctx = createTrainContext(model, options, history);
  if (options.checkpoint || options.resumeFrom) checkResumable(model, options);
  const resumed = options.resumeFrom ? restoreTrainingState(options.resumeFrom, ctx, options, guard) : null;
  const firstEpoch = resumed?.epochsDone ?? 0;
  ctx.globalStep = resumed?.globalStep ?? 0;
  await runHook(callbacks, 'onTrainBegin', ctx);
  try {
    for (let epoch = firstEpoch; epoch < options.epochs && !ctx.stopRequested; epoch++) {
      ctx.epoch = epoch;
      await runHook(callbacks, 'onEpochBegin', epoch, ctx);
      const trained = await trainEpoch(model, options, lossFn, guard, callbacks, ctx);
      history.initialLoss = guard.initialLoss;
      if (!trained) break;
      const { logs, cutShort } = trained;
      // An epoch a stop cut short is logged and validated, but it is no finished epoch: the
      // scheduler does not step for it and no training checkpoint records it, so resuming
      // runs it again whole, from the last finished one.
      if (options.val) addValidation(model, options, lossFn, logs, (done, total) => { for (const cb of callbacks) cb.onValidationProgress?.(done, total, ctx); });
      if (options.scheduler && (options.schedulerStep ?? 'epoch') === 'epoch' && !cutShort) stepScheduler(options, logs);
      history.push(logs);
      await runHook(callbacks, 'onEpochEnd', epoch, logs, ctx);
      // Nor is an epoch whose weights a callback found diverged (Checkpoint's NaN check): saved,
      // it would replace the last good training checkpoint with one that resumes into NaN. (The
      // loop's condition narrows stopRequested to null for tsc; a callback may have set it since.)
      const diverged = (ctx.stopRequested as StopInfo | null)?.reason === 'diverged';
      if (options.checkpoint && !cutShort && !diverged) await options.checkpoint.save(encodeTrainingState(captureTrainingState(ctx, options, guard, epoch + 1)), epoch);
    }
  } finally {
    history.stopped = ctx.stopRequested;
    history.initialLoss = guard.initialLoss;
    await runHook(callbacks, 'onTrainEnd', history, ctx);
  }
  if (history.stopped?.reason === 'diverged') throw new TrainingDivergedError(history.stopped, history);
  return history;
}

/**
 * One training epoch's logs; null when a divergence cut it short. A stop requested at a batch
 * before the last ends it there (`cutShort`), and the stop records how many batches it trained.
 */
async function trainEpoch(
  model: TrainableModel, options: FitOptions, lossFn: ReturnType<typeof asLossFn>,
  guard: DivergenceGuard, callbacks: readonly Callback[], ctx: TrainContext,
): Promise<{ logs: EpochLogs; cutShort: boolean } | null> {
  const { optimizer } = options;
  const metrics: Map<string, MetricLike> = createMetrics('fit', options.metrics);
  const lr = optimizer.paramGroups[0]?.lr ?? Number.NaN;
  model.train();
  let total = 0;
  let count = 0;
  let batch = 0;
  const parts: StepParts = {
    model, lossFn, optimizer, guard, metrics, setToNone: options.setToNone ?? true,
    afterStep: () => { if (options.scheduler && options.schedulerStep === 'batch') options.scheduler.step(); },
  };
  const batches = options.train[Symbol.iterator]();
  let exhausted = false, failing = true, cutShort = false;
  try {
    for (;;) {
      const outcome = trainStep(batches, parts, { epoch: ctx.epoch, batch }, options.reuseMemory ?? false);
      if (!outcome) { exhausted = true; break; }
      if (outcome.problem) {
        ctx.stopRequested = outcome.problem;
        failing = false;
        return null;
      }
      total += outcome.value * outcome.size;
      count += outcome.size;
      ctx.globalStep++;
      await runHook(callbacks, 'onBatchEnd', batch, { batch, loss: outcome.value, size: outcome.size, runningLoss: total / count }, ctx);
      batch++;
      if (ctx.stopRequested) {
        cutShort = !noBatchAfter(batches, batch, ctx.stepsPerEpoch);
        if (cutShort) ctx.stopRequested.batchesDone = batch;
        break;
      }
    }
    failing = false;
  } finally {
    if (!exhausted) leaveIterator(batches, failing);
  }
  if (count === 0) throw new MlpkitError('fit', 'train: the loader yielded no batches');
  const logs: EpochLogs = { epoch: ctx.epoch, loss: total / count, lr };
  for (const [name, m] of metrics) logs[name] = m.compute();
  return { logs, cutShort };
}

/**
 * Whether a stop after `done` batches came at the epoch's end: the loader's length says, or,
 * without one, whether it has a batch left (taken and dropped: the epoch ends either way).
 */
function noBatchAfter(batches: Iterator<unknown>, done: number, steps: number | undefined): boolean {
  if (steps !== undefined) return done >= steps;
  return batches.next().done === true;
}

function stepScheduler(options: FitOptions, logs: EpochLogs): void {
  const scheduler = options.scheduler as SchedulerLike;
  const key = options.schedulerMonitor;
  if (key === undefined) return void scheduler.step();
  const value = logs[key];
  if (value === undefined)
    throw new MlpkitError('fit', `schedulerMonitor "${key}" is not in the epoch logs (they have: ${Object.keys(logs).join(', ')})`);
  scheduler.step(value);
}

function addValidation(
  model: TrainableModel, options: FitOptions, lossFn: ReturnType<typeof asLossFn>, logs: EpochLogs, onProgress: ProgressListener,
): void {
  const result = evaluate(model, options.val as LoaderLike, { loss: lossFn, metrics: options.metrics, onProgress, reuseMemory: options.reuseMemory });
  logs.valLoss = result.loss;
  for (const [name, value] of Object.entries(result.metrics)) logs[valKey(name)] = value;
}
