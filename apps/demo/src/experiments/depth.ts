import { curvesSpec } from '@mlpkit/plot';
import { type Variant, curvesOf, pct, slideSgd, trainTest, trainVariants } from './compare.js';
import { type Experiment, TRAINING_FLAGS } from './experiment.js';

// The slide (2-mlp-activation-and-initialization, "How many hidden layers?") prints train/test accuracy per depth.
const SLIDES = ['train 90 %, test 87 %', 'train 92 %, test 88 %', 'train 91 %, test 88 %', 'train 92 %, test 88 %'];
const EPOCHS = 20;

const experiment: Experiment = {
  title: '1 to 4 hidden layers of 256 ReLU units (slides 2, "How many hidden layers?")',
  flags: TRAINING_FLAGS,
  settings: (quick) => `[-1, 1] inputs, cross-entropy, SGD lr 0.01, batch 64, ${quick ? '2 epochs on 1 500 images, tested on 1 000' : `${EPOCHS} epochs on all 60 000 images`}${quick ? "" : "; test on all 10 000"} (the slides give neither epochs nor batch size)`,
  async run(ctx) {
    const variants: Variant[] = [1, 2, 3, 4].map((d) => ({
      label: `${d} hidden layer${d > 1 ? 's' : ''}`, normalize: 'pixels', config: { ...slideSgd(ctx, EPOCHS), hidden: Array(d).fill(256) },
    }));
    const results = await trainVariants(ctx, variants);
    const written = await ctx.plot(curvesSpec(curvesOf(results), { title: 'Depth: test accuracy per epoch', yTitle: 'test accuracy' }), 'experiment-depth');
    return {
      comparison: results.map((r, i) => ({ what: r.label, slides: SLIDES[i], ours: trainTest(r) })),
      explanation: `A second hidden layer helps a little (${pct(results[0].run.testAccuracy)} → ${pct(results[1].run.testAccuracy)} test); `
        + 'a third and fourth add parameters but little accuracy. The gap between train and test accuracy grows with depth: '
        + 'deeper nets fit the training images better than they generalize.',
      written,
      failed: results.find((r) => r.run.diverged)?.run.diverged ?? undefined,
    };
  },
};
export default experiment;
