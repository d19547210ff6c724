import { relu, softmax } from '@mlpkit/activations';
import { crossEntropy } from '@mlpkit/losses';
import { type Tensor, concat, matmul, ones, tensor } from '@mlpkit/tensor';
import { BACKEND_FLAGS, type Experiment } from './experiment.js';
import { SlideChecks, barsSpec } from './worked-example.js';

// 1-mlp-insight, "MLP Example 1": three Iris flowers (petal length, width), one per class.
const X = [[1.5, 0.2], [4.7, 1.6], [5.6, 2.2]];
const Y = [0, 1, 2];
// The slide's weights as printed (2 decimals), biases in the first row.
const WH = [[0.0, 0.0], [0.86, -1.04], [0.41, -0.65]];
const WZ = [[0.0, 0.0, 0.0], [0.32, 0.25, 0.14], [-0.47, -1.06, 0.063]];
// The slide's logits z, as printed.
const Z_SLIDE = [[0.439, 0.356, 0.195], [1.507, 1.220, 0.670], [1.835, 1.485, 0.816]];

const f64 = (rows: number[][]) => tensor(rows, { dtype: 'float64' });
/** A column of ones before the features, so the first row of W holds the biases (the slides' convention). */
const withOnes = (x: Tensor) => concat([ones([x.shape[0], 1], { dtype: 'float64' }), x], 1);
const labels = tensor(Y, { dtype: 'int32' });

/** The forward pass step by step from the printed weights, and the loss from the slide's printed logits. */
export function mlpExample1() {
  const h = matmul(withOnes(f64(X)), f64(WH));
  const z = matmul(withOnes(relu(h)), f64(WZ));
  return {
    h: h.tolist() as number[][], relu: relu(h).tolist() as number[][], z: z.tolist() as number[][],
    yHat: softmax(z, -1).tolist() as number[][], lossFromWeights: crossEntropy(z, labels).item(),
    yHatFromSlideZ: softmax(f64(Z_SLIDE), -1).tolist() as number[][], lossFromSlideZ: crossEntropy(f64(Z_SLIDE), labels).item(),
  };
}

const show = (name: string, m: number[][]) => console.log(`${name.padEnd(26)} ${m.map((r) => `[${r.map((v) => v.toFixed(4)).join(', ')}]`).join(' ')}`);

const experiment: Experiment = {
  title: 'worked MLP example 1 on Iris petal features: forward pass and loss (slides 1, "MLP Example 1")',
  flags: BACKEND_FLAGS,
  settings: () => 'exact (float64), 2-2-3 MLP with the slide\'s weights; --quick changes nothing',
  async run(ctx) {
    const r = mlpExample1();
    show('h = [1, x] W_h', r.h);
    show('ReLU(h)', r.relu);
    show('z = [1, ReLU(h)] W_z', r.z);
    show('ŷ = softmax(z)', r.yHat);
    const checks = new SlideChecks('round');
    checks.check('loss from the slide\'s logits z', [r.lossFromSlideZ], ['1.269']);
    checks.check('ŷ from the slide\'s z (row 2)', r.yHatFromSlideZ[1], ['0.458', '0.343', '0.198'], 'the slide mixes cut and rounded digits in ŷ');
    checks.check('loss from the printed weights', [r.lossFromWeights], ['1.269'], 'differs: see below');
    checks.check('h from the printed weights (row 1)', r.h[0], ['1.373', '-1.696'], 'differs: see below');
    const rows = r.yHat.flatMap((row, i) => row.map((value, j) => ({ group: `flower ${i + 1} (class ${Y[i]})`, series: `ŷ class ${j}`, value })));
    const written = await ctx.plot(barsSpec('MLP example 1: predicted class probabilities ŷ per flower', rows, 'probability'), 'experiment-mlp-example');
    return {
      comparison: checks.rows,
      explanation: `From the slide's own logits z the loss is ${r.lossFromSlideZ.toFixed(4)}, the slide's 1.269. `
        + `From the weights as printed it is ${r.lossFromWeights.toFixed(4)}: the slide rounded its weights to two decimals for printing but computed h and z with the unrounded ones `
        + `(its first row of h, (1.373, −1.696), cannot come from the printed weights, which give (${r.h[0].map((v) => v.toFixed(3)).join(', ')})), so the rounding, not the arithmetic, makes the ${(r.lossFromWeights - r.lossFromSlideZ).toFixed(4)} difference. `
        + 'The second hidden unit is negative for all three flowers, so ReLU zeroes it: the network predicts class 0 for every flower, and the loss stays high.',
      written,
    };
  },
};
export default experiment;
