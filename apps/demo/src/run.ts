import { noGrad } from '@mlpkit/autograd';
import { DataLoader, type TensorDataset } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import type { Sequential } from '@mlpkit/nn';
import { Adam, AdamW, CosineAnnealingLR, SGD, StepLR } from '@mlpkit/optimizers';
import { type Callback, EarlyStopping, type History, TrainingDivergedError, evaluate, fit } from '@mlpkit/train';
import { checkpointFile, readCheckpointFile } from '@mlpkit/train/node';
import type { Tensor } from '@mlpkit/tensor';
import { performance } from 'node:perf_hooks';
import type { PreparedData } from './data.js';
import { type ModelOptions, buildMlp } from './model.js';

export const OPTIMIZERS = ['adam', 'adamw', 'sgd'] as const;
export const SCHEDULERS = ['cosine', 'step', 'none'] as const;

/** One training configuration. */
export interface RunConfig extends ModelOptions {
  optimizer: (typeof OPTIMIZERS)[number];
  lr: number;
  momentum: number;
  /** L2 penalty through the optimizer (the slides' "reg"); default 0. */
  weightDecay?: number;
  /** Cross-entropy label smoothing; default 0. */
  labelSmoothing?: number;
  /** cosine: CosineAnnealingLR over all epochs; step: StepLR ×0.1 every third of them; default none. */
  scheduler?: (typeof SCHEDULERS)[number];
  batchSize: number;
  epochs: number;
  /** Early stopping patience on valAccuracy (restoring the best weights); undefined = off. */
  patience?: number;
  /** Where a training checkpoint is written after every epoch (atomically); undefined = none. */
  checkpoint?: string;
  /** Continue from `checkpoint` instead of starting over. */
  resume?: boolean;
}

/** What one run produced. */
export interface RunResult {
  model: Sequential;
  history: History;
  testAccuracy: number;
  testLoss: number;
  /** The trained model evaluated on the training set (when asked for with `evaluateTrain`). */
  trainAccuracy?: number;
  /** Predicted and true test classes, for the confusion matrix and report. */
  predicted: Int32Array;
  actual: Int32Array;
  /** Set when training diverged (NaN or exploding loss). */
  diverged: string | null;
  /** Wall time of `fit` in seconds. */
  seconds: number;
}

/** Extra work of a run beyond training. */
export interface RunExtras {
  callbacks?: Callback[];
  /** Evaluate the test set after every epoch (as `testLoss`, `testAccuracy` in the history; nothing is selected on it). */
  monitorTest?: boolean;
  /** Evaluate the trained model on the training set. */
  evaluateTrain?: boolean;
}

/** `adam lr 0.001 (cosine), weight decay 0.0001, batch 128, 20 epochs`. */
export function describeTraining(config: RunConfig): string {
  return [
    `${config.optimizer} lr ${config.lr}${config.scheduler && config.scheduler !== 'none' ? ` (${config.scheduler} schedule)` : ''}`,
    config.optimizer === 'sgd' && config.momentum ? `momentum ${config.momentum}` : '',
    config.weightDecay ? `weight decay ${config.weightDecay}` : '',
    config.labelSmoothing ? `label smoothing ${config.labelSmoothing}` : '',
    `batch ${config.batchSize}, ${config.epochs} epochs`,
  ].filter(Boolean).join(', ');
}

/** Argmax classes of `model` over a loader, in loader order. */
export function predictClasses(model: Sequential, loader: DataLoader): Int32Array {
  const out = new Int32Array(loader.dataset.length);
  let offset = 0;
  model.eval();
  noGrad(() => {
    for (const { x } of loader) {
      const classes = model.forward(x).argmax(1).data;
      out.set(classes as Int32Array, offset);
      offset += classes.length;
    }
  });
  return out;
}

function makeOptimizer(model: Sequential, config: RunConfig) {
  const weightDecay = config.weightDecay ?? 0;
  if (config.optimizer === 'sgd') return new SGD(model.parameters(), { lr: config.lr, momentum: config.momentum, weightDecay });
  if (config.optimizer === 'adamw') return new AdamW(model.parameters(), { lr: config.lr, weightDecay });
  return new Adam(model.parameters(), { lr: config.lr, weightDecay });
}

function makeScheduler(optimizer: ReturnType<typeof makeOptimizer>, config: RunConfig) {
  if (config.scheduler === 'cosine') return new CosineAnnealingLR(optimizer, { TMax: config.epochs });
  if (config.scheduler === 'step') return new StepLR(optimizer, { stepSize: Math.max(1, Math.ceil(config.epochs / 3)), gamma: 0.1 });
  return undefined;
}

const evalLoader = (ds: TensorDataset) => new DataLoader(ds, { batchSize: 1000 });

/** Adds the test set's loss and accuracy to each epoch's logs, for curves only. */
function testMonitor(model: Sequential, test: DataLoader): Callback {
  return {
    onEpochEnd(_epoch, logs) {
      const r = evaluate(model, test, { loss: crossEntropy, metrics: ['accuracy'] });
      logs.testLoss = r.loss;
      logs.testAccuracy = r.metrics.accuracy;
    },
  };
}

/** Trains one configuration on the prepared data and evaluates it on the test set. */
export async function runTraining(data: PreparedData, config: RunConfig, extras: RunExtras = {}): Promise<RunResult> {
  const model = buildMlp(config);
  const optimizer = makeOptimizer(model, config);
  const smoothing = config.labelSmoothing ?? 0;
  const loss = smoothing ? (p: Tensor, t: Tensor) => crossEntropy(p, t, { labelSmoothing: smoothing }) : crossEntropy;
  const train = new DataLoader(data.train, { batchSize: config.batchSize, shuffle: true, seed: config.seed });
  const test = evalLoader(data.test);
  const callbacks = [...(extras.callbacks ?? [])];
  if (extras.monitorTest) callbacks.unshift(testMonitor(model, test));
  if (config.patience !== undefined) callbacks.push(new EarlyStopping({ monitor: 'valAccuracy', patience: config.patience, restoreBestWeights: true }));
  let history: History;
  let diverged: string | null = null;
  const t0 = performance.now();
  try {
    // Gradients zeroed in place: every parameter is used in every batch and none is frozen, and
    // on the wasm backend they then stay in its memory (see FitOptions.setToNone).
    const checkpoint = config.checkpoint ? checkpointFile(config.checkpoint) : undefined;
    const resumeFrom = config.resume && config.checkpoint ? await readCheckpointFile(config.checkpoint) : undefined;
    history = await fit(model, {
      train, val: data.val ? evalLoader(data.val) : undefined, loss, optimizer, scheduler: makeScheduler(optimizer, config),
      epochs: config.epochs, metrics: ['accuracy'], callbacks, setToNone: false, checkpoint, resumeFrom,
    });
  } catch (error) {
    if (!(error instanceof TrainingDivergedError)) throw error;
    history = error.history;
    diverged = error.message;
  }
  const seconds = (performance.now() - t0) / 1000;
  const result = evaluate(model, test, { loss: crossEntropy, metrics: ['accuracy'] });
  const trainAccuracy = extras.evaluateTrain ? evaluate(model, evalLoader(data.train), { metrics: ['accuracy'] }).metrics.accuracy : undefined;
  return {
    model, history, diverged, seconds, trainAccuracy,
    testAccuracy: result.metrics.accuracy, testLoss: result.loss,
    predicted: predictClasses(model, test), actual: data.test.targets as Int32Array,
  };
}
