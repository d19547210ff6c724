import { curvesSpec } from '@mlpkit/plot';
import { type Variant, curvesOf, pct, recipe, slideSgd, trainTest, trainVariants } from './compare.js';
import { type Experiment, TRAINING_FLAGS } from './experiment.js';

const EPOCHS = 20;
const DEPTHS = [2, 5, 7];

const experiment: Experiment = {
  title: 'sigmoid + SGD without normalization against the recipe, at 2, 5 and 7 hidden layers of 128 units (slides 2, "Discussion")',
  flags: TRAINING_FLAGS,
  settings: (quick) => `sigmoid: raw 0..255 inputs, Xavier init, SGD lr 0.01, batch 64; recipe: [-1, 1], He, BatchNorm1d, ReLU, dropout 0.2, Adam 1e-3 cosine, batch 128; `
    + `${quick ? '2 epochs on 1 500 images, tested on 1 000' : `${EPOCHS} epochs on all 60 000 images`}${quick ? "" : "; test on all 10 000"} (the slides show curves, not numbers)`,
  async run(ctx) {
    const variants: Variant[] = DEPTHS.flatMap((d): Variant[] => [
      { label: `sigmoid + SGD, raw inputs, ${d} layers`, normalize: 'none', config: { ...slideSgd(ctx, EPOCHS), activation: 'sigmoid', init: 'xavier', hidden: Array(d).fill(128) } },
      { label: `recipe (BN, ReLU, Adam), ${d} layers`, normalize: 'pixels', config: recipe(ctx, EPOCHS, Array(d).fill(128)) },
    ]);
    const results = await trainVariants(ctx, variants);
    const written = await ctx.plot(curvesSpec(curvesOf(results), { title: 'Sigmoid + SGD without normalization against the recipe: test accuracy', yTitle: 'test accuracy' }), 'experiment-deep-sigmoid');
    const sig = results.filter((_, i) => i % 2 === 0);
    const rec = results.filter((_, i) => i % 2 === 1);
    return {
      comparison: results.map((r) => ({ what: r.label, slides: 'curves: sigmoid barely learns, worse with depth', ours: trainTest(r) })),
      explanation: `Sigmoid with raw pixels saturates from the first layer on (inputs up to 255), so its derivative is ≈ 0 and every layer below the output gets almost no gradient: `
        + `${sig.map((r) => pct(r.run.testAccuracy)).join(', ')} test accuracy at ${DEPTHS.join(', ')} layers. `
        + `The recipe keeps activations in a healthy range at every depth (${rec.map((r) => pct(r.run.testAccuracy)).join(', ')}). `
        + 'Depth makes the sigmoid case worse because each layer multiplies the gradient by σ′ ≤ 0.25 again.',
      written,
      failed: rec.find((r) => r.run.diverged)?.run.diverged ?? undefined,
    };
  },
};
export default experiment;
