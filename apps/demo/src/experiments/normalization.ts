import { curvesSpec } from '@mlpkit/plot';
import { type Variant, pct, trainTest, trainVariants } from './compare.js';
import { type Experiment, TRAINING_FLAGS } from './experiment.js';

const EPOCHS = 20;

const experiment: Experiment = {
  title: 'input normalization: none, [0, 1], [-1, 1] and z-score (slides 1, "Data Normalization")',
  flags: TRAINING_FLAGS,
  settings: (quick) => `784-256-10 ReLU, PyTorch's default init, cross-entropy, SGD lr 0.01, batch 1024 (the slides' code; 128 with --quick), ${quick ? '2 epochs on 1 500 images, tested on 1 000' : `${EPOCHS} epochs on all 60 000 images`}${quick ? "" : "; test on all 10 000"} (the slides give no epoch count)`,
  async run(ctx) {
    const base = {
      hidden: [256], activation: 'relu', init: 'default' as const, batchnorm: false, dropout: 0, seed: ctx.seed,
      optimizer: 'sgd' as const, lr: 0.01, momentum: 0, batchSize: ctx.quick ? 128 : 1024, epochs: ctx.quick ? 2 : EPOCHS, scheduler: 'none' as const,
    };
    const variants: Variant[] = [
      { label: 'none (raw 0..255)', normalize: 'none', config: base },
      { label: '[0, 1] (x / 255)', normalize: 'minmax', config: base },
      { label: '[-1, 1] (x / 127.5 − 1)', normalize: 'pixels', config: base },
      { label: 'z-score (per pixel)', normalize: 'zscore', config: base },
    ];
    const results = await trainVariants(ctx, variants);
    const written = await ctx.plot(curvesSpec(results.map((r) => ({
      name: r.label, y: r.batchLosses, diverged: r.run.diverged !== null,
    })), { title: 'Training loss per batch for each input normalization', xTitle: 'batch (SGD step)', yTitle: 'training loss (log scale)', logY: true }), 'experiment-normalization');
    const raw = results[0];
    return {
      comparison: results.map((r) => ({ what: r.label, slides: 'curves only (no numbers)', ours: trainTest(r) })),
      explanation: (raw.run.diverged
        ? `Raw pixels up to 255 make the first layer's outputs and gradients hundreds of times larger, and SGD with lr 0.01 diverges at step ${raw.batchLosses.length}: the run is stopped by the 3× rule and kept on the plot up to that point. `
        : `Raw pixels did not diverge in this run (test ${pct(raw.run.testAccuracy)}), but the loss curve shows how much larger and noisier their first steps are. `)
        + `Scaled inputs train smoothly: [0, 1] reaches ${pct(results[1].run.testAccuracy)}, [-1, 1] ${pct(results[2].run.testAccuracy)} and z-score ${pct(results[3].run.testAccuracy)} on the test set. `
        + 'Zero-centred inputs ([-1, 1], z-score) train faster than [0, 1], whose all-positive inputs push every weight of a unit the same way.',
      written,
      // The raw-pixel run is expected to diverge; any other divergence is a failure.
      failed: results.slice(1).find((r) => r.run.diverged)?.run.diverged ?? undefined,
    };
  },
};
export default experiment;
