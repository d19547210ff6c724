import { curvesSpec } from '@mlpkit/plot';
import { type Variant, curvesOf, pct, slideSgd, trainTest, trainVariants } from './compare.js';
import { type Experiment, TRAINING_FLAGS } from './experiment.js';

const EPOCHS = 10;
const LRS = [0.01, 0.1, 1];
/** Batches per plotted point of the loss curves (9 380 steps per run would make a heavy SVG). */
const LOSS_CHUNK = 20;

/** The mean of each run of `size` values (the last run may be shorter), at the step where it ends; a non-finite value ends the series. */
function chunkMeans(values: readonly number[], size: number): { x: number[]; y: number[] } {
  const x: number[] = [], y: number[] = [];
  for (let start = 0; start < values.length; start += size) {
    const chunk = values.slice(start, start + size);
    x.push(start + chunk.length);
    y.push(chunk.reduce((a, b) => a + b, 0) / chunk.length);
  }
  return { x, y };
}

const experiment: Experiment = {
  title: 'batch normalization against none at the same learning rates (slides 3, "Batch Normalization")',
  flags: TRAINING_FLAGS,
  settings: (quick) => `784-256-256-10 ReLU, He init, [-1, 1] inputs, SGD lr ${LRS.join(' / ')}, batch 64, `
    + `${quick ? '2 epochs on 1 500 images, tested on 1 000' : `${EPOCHS} epochs on all 60 000 images`}${quick ? "" : "; test on all 10 000"} (the slides give no numbers)`,
  async run(ctx) {
    const variants: Variant[] = LRS.flatMap((lr): Variant[] => [false, true].map((bn) => ({
      label: `${bn ? 'BatchNorm1d' : 'no batch norm'}, lr ${lr}`, normalize: 'pixels', config: { ...slideSgd(ctx, EPOCHS), hidden: [256, 256], batchnorm: bn, lr },
    })));
    const results = await trainVariants(ctx, variants);
    const written = await ctx.plot(curvesSpec(curvesOf(results), { title: 'Batch norm against none: test accuracy per epoch', yTitle: 'test accuracy' }), 'experiment-batchnorm');
    // The training loss too, so that a run that diverges in its first epoch (no test point) is on a plot, up to where it stopped.
    written.push(...await ctx.plot(curvesSpec(results.map((r) => ({
      name: r.label, ...chunkMeans(r.batchLosses, LOSS_CHUNK), diverged: r.run.diverged !== null,
    })), { title: `Batch norm against none: training loss (mean of every ${LOSS_CHUNK} batches)`, xTitle: 'batch (SGD step)', yTitle: 'training loss (log scale)', logY: true }), 'experiment-batchnorm-loss'));
    const line = (bn: boolean) => results.filter((_, i) => i % 2 === (bn ? 1 : 0)).map((r, i) => `lr ${LRS[i]}: ${r.run.diverged ? 'diverged' : pct(r.run.testAccuracy)}`).join(', ');
    return {
      comparison: results.map((r) => ({ what: r.label, slides: 'BN tolerates higher lr', ours: trainTest(r) })),
      explanation: `Without batch norm: ${line(false)}. With it: ${line(true)}. `
        + 'Batch norm rescales each unit\'s pre-activations to zero mean and unit variance over the batch, so a large learning rate cannot blow the activations up layer after layer; '
        + 'it tolerates learning rates that make the plain network diverge or stall, and at small learning rates it trains faster.',
      written,
      // Divergence without batch norm at a high learning rate is what the experiment may show; with it, it is a failure.
      failed: results.filter((_, i) => i % 2 === 1).find((r) => r.run.diverged)?.run.diverged ?? undefined,
    };
  },
};
export default experiment;
