import { DataLoader } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { lrRangeSpec } from '@mlpkit/plot';
import type { Tensor } from '@mlpkit/tensor';
import { lrRangeTest } from '@mlpkit/train';
import { buildMlp } from '../model.js';
import { experimentData } from './compare.js';
import { type Experiment, TRAINING_FLAGS } from './experiment.js';

const experiment: Experiment = {
  title: 'the learning-rate range test: loss against a growing learning rate (slides 3, "Babysitting", learning rate)',
  flags: TRAINING_FLAGS,
  settings: (quick) => `784-256-10 ReLU, He init, [-1, 1], plain SGD, batch 64, lr from 1e-6 to 10 over ${quick ? 60 : 300} steps${quick ? ' on 1 500 images' : ''}`,
  async run(ctx) {
    const data = await experimentData(ctx, 'pixels');
    const model = buildMlp({ hidden: [256], activation: 'relu', init: 'he', seed: ctx.seed });
    const loader = new DataLoader(data.train, { batchSize: 64, shuffle: true, seed: ctx.seed });
    const r = lrRangeTest(model, loader, { loss: crossEntropy, makeOptimizer: (p: Tensor[]) => new SGD(p, { lr: 1 }), startLr: 1e-6, endLr: 10, numIter: ctx.quick ? 60 : 300 });
    console.log(`${r.lrs.length} steps from lr 1e-6${r.diverged ? `; the loss exploded at lr ${r.lrs.at(-1)?.toExponential(1)}` : ''}`);
    console.log(`lowest smoothed loss at lr ${r.minLossLr.toExponential(1)}; steepest descent at lr ${r.suggestedLr.toExponential(1)} (the suggestion)`);
    const written = await ctx.plot(lrRangeSpec(r, { title: `LR range test (plain SGD): suggested lr ${r.suggestedLr.toExponential(1)}` }), 'experiment-lr-range');
    return {
      comparison: [
        { what: 'too low', slides: 'lr 1e-6: loss barely changing', ours: r.lossMovesLr > 0 ? `smoothed loss within 5 % of its early level below lr ${r.lossMovesLr.toExponential(1)}` : 'smoothed loss within 5 % of its early level over the whole sweep' },
        { what: 'too high', slides: 'lr 1e6: cost NaN; 3e-3 still explodes (their CIFAR net)', ours: r.diverged ? `exploded at lr ${r.lrs.at(-1)?.toExponential(1)}` : `lowest loss at lr ${r.minLossLr.toExponential(1)}, then rising` },
        { what: 'good range / suggestion', slides: '[1e-5, 1e-3] (their CIFAR net)', ours: `steepest descent at ${r.suggestedLr.toExponential(1)}, lowest loss at ${r.minLossLr.toExponential(1)}` },
      ],
      explanation: 'One short run with the learning rate growing geometrically each step maps the three regions the slides find by trial: too low (the loss does not move), '
        + `good (it falls fastest, here around ${r.suggestedLr.toExponential(1)}) and too high (it climbs and explodes). `
        + 'The slides\' range [1e-5, 1e-3] is for their CIFAR-10 net on raw, mean-subtracted pixels (inputs up to ±128); with inputs in [-1, 1] the good range sits higher, which is why the slides\' width and depth runs use SGD lr 0.01. '
        + 'Start a real run a little below the suggestion and refine it with a search.',
      written,
    };
  },
};
export default experiment;
