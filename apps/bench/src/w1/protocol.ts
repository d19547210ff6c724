import { median } from '../timing.js';
import { type EpochFigure, type EpochPlan, INFERENCE_BATCH, stepsPerEpoch } from './spec.js';

/** What the timing protocol needs from one system: train part of an epoch, and run inference. */
export interface W1Trainer {
  /** Number of training images. */
  readonly count: number;
  /**
   * Runs up to `maxSteps` SGD steps of epoch `epoch` (its own permutation) at `batch`; returns
   * how many ran, their wall time in seconds, and the sum of their losses.
   */
  runSteps(batch: number, epoch: number, maxSteps: number): Promise<{ steps: number; seconds: number; lossSum: number }>;
  /** One forward pass without gradients on the `INFERENCE_BATCH` images starting at `start`. */
  infer(start: number): Promise<void>;
}

const WARMUP_STEPS = 8;

/**
 * Times one plan: a few untimed warm-up steps, then either whole epochs (median) or `steps`
 * steps scaled to an epoch's step count. Every system in the comparison runs this same protocol.
 */
export async function measureEpochs(t: W1Trainer, plan: EpochPlan): Promise<EpochFigure> {
  await t.runSteps(plan.batch, 0, WARMUP_STEPS);
  if (plan.epochs > 0) {
    const times: number[] = [];
    let lossSum = 0, steps = 0;
    for (let e = 1; e <= plan.epochs; e++) {
      const r = await t.runSteps(plan.batch, e, Infinity);
      times.push(r.seconds);
      lossSum += r.lossSum;
      steps += r.steps;
    }
    return { batch: plan.batch, seconds: median(times), method: 'epochs', count: plan.epochs, loss: lossSum / steps };
  }
  const r = await t.runSteps(plan.batch, 1, plan.steps);
  return {
    batch: plan.batch, seconds: (r.seconds / r.steps) * stepsPerEpoch(t.count, plan.batch),
    method: 'steps', count: r.steps, loss: r.lossSum / r.steps,
  };
}

/** Inference throughput at batch 1024: batches over the training images for at least `minSeconds`. */
export async function measureInference(t: W1Trainer, minSeconds: number): Promise<number> {
  const batches = Math.floor(t.count / INFERENCE_BATCH);
  await t.infer(0);
  let images = 0, b = 0;
  const t0 = performance.now();
  do {
    await t.infer((b++ % batches) * INFERENCE_BATCH);
    images += INFERENCE_BATCH;
  } while (performance.now() - t0 < minSeconds * 1000);
  return images / ((performance.now() - t0) / 1000);
}
