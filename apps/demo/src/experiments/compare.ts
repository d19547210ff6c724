import type { CurveSeries } from '@mlpkit/plot';
import { ProgressBar } from '@mlpkit/train/node';
import { type Normalization, type PreparedData, loadData } from '../data.js';
import { describeModel } from '../model.js';
import { type RunConfig, type RunResult, runTraining } from '../run.js';
import { describeTraining } from '../train-main.js';
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
}

/** The slides' width/depth setting: [-1, 1] inputs, one 256-unit ReLU layer, He init, cross-entropy, plain SGD lr 0.01, batch 64. */
export function slideSgd(ctx: ExperimentContext, epochs: number): RunConfig {
  return {
    hidden: [256], activation: 'relu', init: 'he', batchnorm: false, dropout: 0, seed: ctx.seed,
    optimizer: 'sgd', lr: 0.01, momentum: 0, batchSize: 64, epochs: ctx.quick ? 2 : epochs, scheduler: 'none',
  };
}

/** Training images for an experiment: all 60 000, or 3 000 with --quick (or --limit when given). */
export function imagesFor(ctx: ExperimentContext): number | undefined {
  return ctx.options.given.has('limit') ? ctx.options.limit : ctx.quick ? 3000 : undefined;
}

/**
 * Trains every variant on the full test set (and evaluates train accuracy on the training set),
 * with a progress bar each; a diverged run is kept with the epochs it finished.
 */
export async function trainVariants(ctx: ExperimentContext, variants: readonly Variant[]): Promise<VariantResult[]> {
  const cache = new Map<Normalization, PreparedData>();
  const results: VariantResult[] = [];
  for (const v of variants) {
    if (!cache.has(v.normalize)) cache.set(v.normalize, await loadData({ normalize: v.normalize, limit: imagesFor(ctx), seed: ctx.seed, valFraction: 0 }));
    const data = cache.get(v.normalize) as PreparedData;
    console.log(`\n${v.label}: MLP ${describeModel(v.config)}; ${describeTraining(v.config)}; inputs ${v.normalize}; ${data.train.length} training images`);
    const run = await runTraining(data, v.config, { callbacks: [new ProgressBar({ stream: process.stdout })], monitorTest: true, evaluateTrain: true });
    if (run.diverged) console.log(`  diverged: ${run.diverged}`);
    results.push({ ...v, run });
  }
  return results;
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
