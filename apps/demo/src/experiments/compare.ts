import type { CurveSeries } from '@mlpkit/plot';
import type { BatchLogs, Callback } from '@mlpkit/train';
import { ProgressBar } from '@mlpkit/train/node';
import { type Normalization, type PreparedData, loadData } from '../data.js';
import { describeModel } from '../model.js';
import { type RunConfig, type RunResult, describeTraining, runTraining } from '../run.js';
import type { ExperimentContext } from './experiment.js';

/** One configuration of a comparison, with its label and its data preparation. */
export interface Variant {
  label: string;
  config: RunConfig;
  normalize: Normalization;
}

/** A trained variant: its label, its run, and the epochs it finished. */
export interface VariantResult extends Variant {
  run: RunResult;
  /** Every batch's training loss, in order. */
  batchLosses: number[];
}

/** The slides' width/depth setting: [-1, 1] inputs, one 256-unit ReLU layer, He init, cross-entropy, plain SGD lr 0.01, batch 64. */
export function slideSgd(ctx: ExperimentContext, epochs: number): RunConfig {
  return {
    hidden: [256], activation: 'relu', init: 'he', batchnorm: false, dropout: 0, seed: ctx.seed,
    optimizer: 'sgd', lr: 0.01, momentum: 0, batchSize: 64, epochs: ctx.quick ? 2 : epochs, scheduler: 'none',
  };
}

/** Records every batch's training loss, so a run that diverges mid-epoch still has a curve up to where it stopped. */
export class BatchLosses implements Callback {
  readonly losses: number[] = [];
  onBatchEnd(_batch: number, logs: BatchLogs): void {
    this.losses.push(logs.loss);
  }
}

/**
 * The batch loss that stopped a diverged run, read from the guard's message ("loss 7.912 at
 * epoch 1, batch 2 …"; NaN for "loss became NaN"), so the curve ends at the explosion itself.
 */
export function stoppingLoss(message: string | null): number[] {
  if (!message) return [];
  const m = /loss (?:became )?(-?[\d.e+-]+|NaN|Infinity|-Infinity) at epoch/.exec(message);
  return m ? [Number(m[1])] : [];
}

/** Training images for an experiment: all 60 000, or 1 500 with --quick (or --limit when given). */
export function imagesFor(ctx: ExperimentContext): number | undefined {
  return ctx.options.given.has('limit') ? ctx.options.limit : ctx.quick ? 1500 : undefined;
}

/** Test images: all 10 000, or the first 1 000 with --quick. */
export function testImagesFor(ctx: ExperimentContext): number | undefined {
  return ctx.quick ? 1000 : undefined;
}

/** The data an experiment trains on, prepared one way. */
export function experimentData(ctx: ExperimentContext, normalize: Normalization): Promise<PreparedData> {
  return loadData({ normalize, limit: imagesFor(ctx), testLimit: testImagesFor(ctx), seed: ctx.seed, valFraction: 0 });
}

/**
 * Trains every variant on the full test set (and evaluates train accuracy on the training set),
 * with a progress bar each; a diverged run is kept with the epochs it finished.
 */
export async function trainVariants(ctx: ExperimentContext, variants: readonly Variant[]): Promise<VariantResult[]> {
  const cache = new Map<Normalization, PreparedData>();
  const results: VariantResult[] = [];
  for (const v of variants) {
    if (!cache.has(v.normalize)) cache.set(v.normalize, await experimentData(ctx, v.normalize));
    const data = cache.get(v.normalize) as PreparedData;
    console.log(`\n${v.label}: MLP ${describeModel(v.config)}; ${describeTraining(v.config)}; inputs ${v.normalize}; ${data.train.length} training images`);
    const losses = new BatchLosses();
    const run = await runTraining(data, v.config, { callbacks: [losses, new ProgressBar({ stream: process.stdout })], monitorTest: true, evaluateTrain: true });
    if (run.diverged) console.log(`  diverged: ${run.diverged}`);
    results.push({ ...v, run, batchLosses: [...losses.losses, ...stoppingLoss(run.diverged)] });
  }
  return results;
}

/** The slides' recipe (2-mlp-activation, "Recommendation"): [-1, 1], He normal, batch norm, ReLU, Adam lr 1e-3, with the demo's dropout and cosine schedule. */
export function recipe(ctx: ExperimentContext, epochs: number, hidden: number[]): RunConfig {
  return {
    hidden, activation: 'relu', init: 'he', batchnorm: true, dropout: 0.2, seed: ctx.seed,
    optimizer: 'adam', lr: 1e-3, momentum: 0, batchSize: 128, epochs: ctx.quick ? 2 : epochs, scheduler: 'cosine',
  };
}

/** `87.3 %`, or `–` for a missing number. */
export function pct(v: number | undefined, digits = 1): string {
  return v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(digits)} %`;
}

/** `train 90.1 %, test 87.2 %` for a trained variant (with `diverged at epoch N` when it did). */
export function trainTest(r: VariantResult): string {
  const base = `train ${pct(r.run.trainAccuracy)}, test ${pct(r.run.testAccuracy)}`;
  return r.run.diverged ? `diverged in epoch ${(r.run.history.stopped?.epoch ?? 0) + 1}; ${base}` : base;
}

/** One curve per variant of a logged key per epoch (default test accuracy); a diverged run ends where it stopped, marked. */
export function curvesOf(results: readonly VariantResult[], key = 'testAccuracy'): CurveSeries[] {
  return results.map((r) => ({
    name: r.label, diverged: r.run.diverged !== null,
    x: r.run.history.records.map((rec) => rec.epoch + 1), y: r.run.history.records.map((rec) => rec[key] as number),
  }));
}
