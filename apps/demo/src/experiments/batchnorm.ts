import { curvesSpec } from '@mlpkit/plot';
import { type Variant, curvesOf, pct, slideSgd, trainTest, trainVariants } from './compare.js';
import type { Experiment } from './experiment.js';

const EPOCHS = 10;
const LRS = [0.01, 0.1, 1];

const experiment: Experiment = {
  title: 'batch normalization against none at the same learning rates (slides 3, "Batch Normalization")',
  settings: (quick) => `784-256-256-10 ReLU, He init, [-1, 1] inputs, SGD lr ${LRS.join(' / ')}, batch 64, `
    + `${quick ? '2 epochs on 1 500 images, tested on 1 000' : `${EPOCHS} epochs on all 60 000 images`}${quick ? "" : "; test on all 10 000"} (the slides give no numbers)`,
  async run(ctx) {
    const variants: Variant[] = LRS.flatMap((lr): Variant[] => [false, true].map((bn) => ({
      label: `${bn ? 'BatchNorm1d' : 'no batch norm'}, lr ${lr}`, normalize: 'pixels', config: { ...slideSgd(ctx, EPOCHS), hidden: [256, 256], batchnorm: bn, lr },
    })));
    const results = await trainVariants(ctx, variants);
    const written = await ctx.plot(curvesSpec(curvesOf(results), { title: 'Batch norm against none: test accuracy per epoch', yTitle: 'test accuracy' }), 'experiment-batchnorm');
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
