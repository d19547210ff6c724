import { noGrad } from '@mlpkit/autograd';
import { DataLoader } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import type { Sequential } from '@mlpkit/nn';
import { Adam, SGD } from '@mlpkit/optimizers';
import { type Callback, EarlyStopping, type History, TrainingDivergedError, evaluate, fit } from '@mlpkit/train';
import { checkpointFile, readCheckpointFile } from '@mlpkit/train/node';
import type { PreparedData } from './data.js';
import { type ModelOptions, buildMlp } from './model.js';

/** One training configuration. */
export interface RunConfig extends ModelOptions {
  optimizer: 'sgd' | 'adam';
  lr: number;
  momentum: number;
  /** L2 penalty through the optimizer (the slides' "reg"); default 0. */
  weightDecay?: number;
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
  /** Predicted and true test classes, for the confusion matrix and report. */
  predicted: Int32Array;
  actual: Int32Array;
  /** Set when training diverged (NaN or exploding loss). */
  diverged: string | null;
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

/** Trains one configuration on the prepared data and evaluates it on the test set. */
export async function runTraining(data: PreparedData, config: RunConfig, callbacks: Callback[] = []): Promise<RunResult> {
  const model = buildMlp(config);
  const optimizer = config.optimizer === 'adam'
    ? new Adam(model.parameters(), { lr: config.lr, weightDecay: config.weightDecay ?? 0 })
    : new SGD(model.parameters(), { lr: config.lr, momentum: config.momentum, weightDecay: config.weightDecay ?? 0 });
  const train = new DataLoader(data.train, { batchSize: config.batchSize, shuffle: true, seed: config.seed });
  const val = new DataLoader(data.val, { batchSize: 1000 });
  const test = new DataLoader(data.test, { batchSize: 1000 });
  const all = [...callbacks];
  if (config.patience !== undefined) all.push(new EarlyStopping({ monitor: 'valAccuracy', patience: config.patience, restoreBestWeights: true }));
  let history: History;
  let diverged: string | null = null;
  try {
    // Gradients zeroed in place: every parameter is used in every batch and none is frozen, and
    // on the wasm backend they then stay in its memory (see FitOptions.setToNone).
    const checkpoint = config.checkpoint ? checkpointFile(config.checkpoint) : undefined;
    const resumeFrom = config.resume && config.checkpoint ? await readCheckpointFile(config.checkpoint) : undefined;
    history = await fit(model, { train, val, loss: crossEntropy, optimizer, epochs: config.epochs, metrics: ['accuracy'], callbacks: all, setToNone: false, checkpoint, resumeFrom });
  } catch (error) {
    if (!(error instanceof TrainingDivergedError)) throw error;
    history = error.history;
    diverged = error.message;
  }
  const result = evaluate(model, test, { loss: crossEntropy, metrics: ['accuracy'] });
  return {
    model, history, diverged,
    testAccuracy: result.metrics.accuracy, testLoss: result.loss,
    predicted: predictClasses(model, test), actual: data.test.targets as Int32Array,
  };
}
