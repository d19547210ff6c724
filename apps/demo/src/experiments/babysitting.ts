import { crossEntropy, l2Penalty } from '@mlpkit/losses';
import { Linear, Sequential } from '@mlpkit/nn';
import { normal_, zeros_ } from '@mlpkit/initializers';
import { relu } from '@mlpkit/activations';
import { noGrad } from '@mlpkit/autograd';
import { SGD } from '@mlpkit/optimizers';
import { curvesSpec } from '@mlpkit/plot';
import { Tensor, manualSeed } from '@mlpkit/tensor';
import { UpdateRatioMonitor, overfitSmallSubset } from '@mlpkit/train';
import { buildMlp } from '../model.js';
import { runTraining } from '../run.js';
import { experimentData, slideSgd } from './compare.js';
import { type Experiment, TRAINING_FLAGS } from './experiment.js';

/** The slides' init_two_layer_model: W = 0.0001·randn, b = 0 (784 inputs here instead of CIFAR's 3072). */
function twoLayer(seed: number): Sequential {
  manualSeed(seed);
  const model = new Sequential(new Linear(784, 50), relu, new Linear(50, 10));
  for (const [name, p] of model.namedParameters()) {
    if (name.endsWith('weight')) normal_(p, { std: 1e-4 });
    else zeros_(p);
  }
  return model;
}

/** cs231n's regularized loss: data loss + 0.5·reg·Σ W² over the weight matrices. */
function lossWithReg(model: Sequential, x: Tensor, y: Tensor, reg: number): number {
  return noGrad(() => {
    const data = crossEntropy(model.forward(x), y).item();
    const weights = model.namedParameters().filter(([n]) => n.endsWith('weight')).map(([, p]) => p);
    return data + 0.5 * reg * weights.reduce((s, w) => s + l2Penalty([w]).item(), 0);
  });
}

const experiment: Experiment = {
  title: 'babysitting the learning process: initial loss, regularization, overfitting 20 examples, update/weight ratios (slides 3, "Babysitting")',
  flags: TRAINING_FLAGS,
  settings: (quick) => `784-50-10 ReLU with W = 0.0001·randn on [-1, 1] inputs; ratios: 784-256-10, He, SGD lr 0.01, batch 64, ${quick ? '1 epoch on 1 500 images' : '1 epoch on all 60 000 images'}`,
  async run(ctx) {
    const data = await experimentData(ctx, 'pixels');
    const n = Math.min(1000, data.train.length);
    const x = new Tensor(data.train.features.slice(0, n * 784) as Float32Array, [n, 784]);
    const y = new Tensor(data.train.targets.slice(0, n) as Int32Array, [n]);
    const small = twoLayer(ctx.seed);
    const initial = lossWithReg(small, x, y, 0);
    const regularized = lossWithReg(small, x, y, 1e3);
    const he = buildMlp({ hidden: [50], activation: 'relu', init: 'he', seed: ctx.seed });
    const heHidden = noGrad(() => crossEntropy(he.forward(x), y).item());
    const heAll = buildMlp({ hidden: [50], activation: 'relu', init: 'he', seed: ctx.seed });
    const lastW = heAll.namedParameters().find(([name]) => name === '2.weight')?.[1] as Tensor;
    // kaimingNormal_ with gain √2 on the output layer too (as code that inits every Linear the same way does).
    normal_(lastW, { std: Math.sqrt(2 / 50) });
    const heEverywhere = noGrad(() => crossEntropy(heAll.forward(x), y).item());
    console.log(`initial loss, W = 0.0001·randn: ${initial.toFixed(4)} (ln 10 = ${Math.log(10).toFixed(4)})`);
    console.log(`with reg 1e3 (+ 0.5·reg·ΣW²): ${regularized.toFixed(4)}`);
    console.log(`He on the hidden layer, gain 1 on the output: ${heHidden.toFixed(4)}; He (gain √2) on the output too: ${heEverywhere.toFixed(4)}`);
    // Overfit the first 20 examples with regularization off. The slides' 0.0001·randn weights learn
    // there only because CIFAR's raw pixels are ±128; on [-1, 1] inputs the signal through two such
    // layers is ~1e-8, so this uses the same 784-50-10 net with He init.
    const tiny = { x: new Tensor(x.data.slice(0, 20 * 784) as Float32Array, [20, 784]), y: new Tensor(y.data.slice(0, 20) as Int32Array, [20]) };
    const overfit = overfitSmallSubset(buildMlp({ hidden: [50], activation: 'relu', init: 'he', seed: ctx.seed }), tiny, {
      loss: crossEntropy, makeOptimizer: (p) => new SGD(p, { lr: 0.01 }), steps: 200, restore: false,
    });
    for (const step of [0, 19, 99, 199]) console.log(`Finished step ${step + 1} / 200: cost ${overfit.losses[step].toFixed(6)}`);
    console.log(overfit.message);
    // Update/weight ratios over a real run.
    const monitor = new UpdateRatioMonitor({ every: ctx.quick ? 2 : 25 });
    const run = await runTraining(data, { ...slideSgd(ctx, 1), epochs: 1 }, { callbacks: [monitor] });
    const names = Object.keys(monitor.history[0]?.ratios ?? {}).filter((k) => k.endsWith('weight'));
    const series = names.map((name) => ({ name: `${name} (layer ${Number(name.split('.')[0]) / 2 + 1})`, x: monitor.history.map((h) => h.step + 1), y: monitor.history.map((h) => h.ratios[name]) }));
    series.push({ name: 'the slides\' target 1e-3', x: [1, (monitor.history.at(-1)?.step ?? 0) + 1], y: [1e-3, 1e-3] });
    const written = await ctx.plot(curvesSpec(series, { title: 'Update / weight ratio ‖Δθ‖/‖θ‖ per layer, SGD lr 0.01', xTitle: 'step', yTitle: 'ratio (log scale)', logY: true }), 'experiment-babysitting');
    const mean = monitor.meanRatios();
    const overfitLast = overfit.losses[overfit.losses.length - 1];
    return {
      comparison: [
        { what: 'initial loss, small weights, reg 0', slides: '2.30261216167 (ln 10)', ours: initial.toFixed(11) },
        { what: 'initial loss with reg 1e3', slides: '3.06859716482 (CIFAR, 3072 inputs)', ours: `${regularized.toFixed(11)} (784 inputs)` },
        { what: 'overfit 20 examples (He init, SGD lr 0.01)', slides: 'train accuracy 1.00 (200 epochs)', ours: `train accuracy ${overfit.accuracy.toFixed(2)}, cost ${overfitLast.toFixed(6)}` },
        { what: 'update/weight ratio', slides: '≈ 1e-3', ours: names.map((k) => `${k} ${mean[k].toExponential(1)}`).join(', ') },
      ],
      explanation: `With tiny weights every logit is ≈ 0, ŷ is uniform and the loss is ln 10 = 2.3026 (ours ${initial.toFixed(4)}); adding 0.5·reg·ΣW² must raise it, and does (${regularized.toFixed(4)}; smaller than the slide's 3.07 because 784 inputs give fewer weights than CIFAR's 3072). `
        + `He initialization is meant for hidden ReLU layers: with gain 1 on the output the loss starts at ${heHidden.toFixed(2)}, but with He's gain √2 on the output layer too the logits are larger and the loss starts at ${heEverywhere.toFixed(2)}, above ln 10, without anything being wrong. `
        + `A model that cannot overfit 20 examples has a bug; ours reaches ${(overfit.accuracy * 100).toFixed(0)} % in ${overfit.stepsToTarget >= 0 ? overfit.stepsToTarget : 200} steps. `
        + 'The update/weight ratio stays within a factor of a few of 1e-3 at lr 0.01: much lower would mean the learning rate is too low, above 1e-2 too high.',
      written,
      failed: run.diverged ?? undefined,
    };
  },
};
export default experiment;
