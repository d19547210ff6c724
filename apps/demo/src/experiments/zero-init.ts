import { relu, softmax } from '@mlpkit/activations';
import { zeros_ } from '@mlpkit/initializers';
import { binaryCrossEntropyWithLogits, crossEntropy, mseLoss } from '@mlpkit/losses';
import { Linear, type Module, Sequential } from '@mlpkit/nn';
import { curvesSpec } from '@mlpkit/plot';
import { type Tensor, manualSeed, sigmoid, tensor } from '@mlpkit/tensor';
import { BACKEND_FLAGS, type Experiment } from './experiment.js';
import { SlideChecks } from './worked-example.js';

const f64 = (v: number[][]) => tensor(v, { dtype: 'float64' });
const cls = (v: number[]) => tensor(v, { dtype: 'int32' });

/** A float64 Linear with every parameter zero. */
function zeroLinear(inputs: number, outputs: number): Linear {
  const layer = new Linear(inputs, outputs, { dtype: 'float64' });
  layer.parameters().forEach(zeros_);
  return layer;
}

/** One plain SGD step θ ← θ − η∇θ, then clears the gradients. */
function sgdStep(model: Module, lr: number): void {
  for (const p of model.parameters()) for (let i = 0; i < p.size; i++) p.data[i] -= lr * (p.grad as Tensor).data[i];
  model.zeroGrad();
}

const grads = (m: Linear) => [(m.bias?.grad as Tensor).data[0], ...Array.from((m.weight.grad as Tensor).data)];

/** Examples 3–6 of 1-mlp-insight (the softmax losses as 2-mlp-activation prints them), learning from all-zero weights. */
export function zeroInit() {
  // 3: linear regression, x 6.7, y 9.1, lr 0.01, loss (ŷ − y)² (one sample: MSE).
  const lin = zeroLinear(1, 1);
  const lx = f64([[6.7]]), ly = f64([[9.1]]);
  const linLoss0 = mseLoss(lin.forward(lx), ly);
  linLoss0.backward();
  const linGrad = grads(lin);
  sgdStep(lin, 0.01);
  const linYHat = lin.forward(lx).item();
  const linear = { loss0: linLoss0.item(), gradW: linGrad[1], gradB: linGrad[0], w: lin.weight.item(), b: (lin.bias as Tensor).item(), yHat: linYHat, loss1: mseLoss(lin.forward(lx), ly).item() };
  // 4: logistic regression, petal (1.4, 0.2), label 0, lr 0.01.
  const log = zeroLinear(2, 1);
  const gx = f64([[1.4, 0.2]]), gy = f64([[0]]);
  const logLoss0 = binaryCrossEntropyWithLogits(log.forward(gx), gy);
  logLoss0.backward();
  const logGrad = grads(log);
  sgdStep(log, 0.01);
  const logistic = { loss0: logLoss0.item(), grad: logGrad, theta: [(log.bias as Tensor).item(), ...Array.from(log.weight.data)], yHat: sigmoid(log.forward(gx)).item(), loss1: binaryCrossEntropyWithLogits(log.forward(gx), gy).item() };
  // 5: softmax regression, petal length 1.4, class 0 of 2, lr 0.01.
  const soft = zeroLinear(1, 2);
  const sx = f64([[1.4]]), sy = cls([0]);
  const softLoss0 = crossEntropy(soft.forward(sx), sy);
  softLoss0.backward();
  const softGrad = { b: Array.from((soft.bias?.grad as Tensor).data), w: Array.from((soft.weight.grad as Tensor).data) };
  sgdStep(soft, 0.01);
  const softmaxReg = { loss0: softLoss0.item(), grad: softGrad, b: Array.from(soft.bias?.data ?? []), w: Array.from(soft.weight.data), loss1: crossEntropy(soft.forward(sx), sy).item() };
  return { linear, logistic, softmaxReg, mlp: zeroMlp() };
}

/** 6: the 2-2-3 ReLU MLP on the slide's three flowers from all zeros, 20 SGD steps of lr 0.1, beside a random start. */
export function zeroMlp(steps = 20) {
  const x = f64([[1.5, 0.2], [4.7, 1.6], [5.6, 2.2]]);
  const y = cls([0, 1, 2]);
  const run = (zero: boolean) => {
    manualSeed(0);
    const hidden = new Linear(2, 2, { dtype: 'float64' });
    const out = new Linear(2, 3, { dtype: 'float64' });
    const model = new Sequential(hidden, relu, out);
    if (zero) model.parameters().forEach(zeros_);
    const yHat0 = softmax(model.forward(x), -1).tolist() as number[][];
    const losses: number[] = [];
    for (let s = 0; s < steps; s++) {
      const loss = crossEntropy(model.forward(x), y);
      losses.push(loss.item());
      loss.backward();
      sgdStep(model, 0.1);
    }
    losses.push(crossEntropy(model.forward(x), y).item());
    return { yHat0, losses, hiddenWeights: Array.from(hidden.weight.data), outWeights: Array.from(out.weight.data) };
  };
  return { zero: run(true), random: run(false) };
}

const experiment: Experiment = {
  title: 'zero initialization: linear, logistic and softmax regression learn from zeros; an MLP does not (slides 1 and 2, Examples 3–6)',
  flags: BACKEND_FLAGS,
  settings: () => 'exact (float64), the slides\' samples and lr 0.01 (the MLP: its three flowers, lr 0.1, 20 steps); --quick changes nothing',
  async run(ctx) {
    const { linear, logistic, softmaxReg, mlp } = zeroInit();
    const c = new SlideChecks('truncate');
    c.check('linear: loss, ∇w, ∇b', [linear.loss0, linear.gradW, linear.gradB], ['82.81', '-121.94', '-18.2']);
    c.check('linear: w, b after', [linear.w, linear.b], ['1.2194', '0.182']);
    c.check('linear: ŷ, loss after', [linear.yHat, linear.loss1], ['8.351', '0.559']);
    c.check('logistic: ∇b, ∇w₁, ∇w₂', logistic.grad, ['0.5', '0.7', '0.1']);
    c.check('logistic: b, w₁, w₂ after', logistic.theta, ['-0.005', '-0.007', '-0.001']);
    c.check('logistic: ŷ, loss after', [logistic.yHat, logistic.loss1], ['0.49', '0.68']);
    c.check('softmax: loss before, after', [softmaxReg.loss0, softmaxReg.loss1], ['0.693', '0.678']);
    c.check('MLP from zeros: ŷ (every row)', mlp.zero.yHat0[0], ['0.333', '0.333', '0.333']);
    c.check('MLP from zeros: loss (slide: −log 0.333 = ln 3)', [mlp.zero.losses[0]], [Math.log(3).toFixed(4)]);
    const moved = mlp.zero.hiddenWeights.some((w) => w !== 0);
    console.log(`MLP from zeros after 20 steps: hidden weights ${JSON.stringify(mlp.zero.hiddenWeights)}, loss ${mlp.zero.losses.at(-1)?.toFixed(4)}`);
    console.log(`MLP from a random start after 20 steps: loss ${mlp.random.losses.at(-1)?.toFixed(4)}`);
    const x = mlp.zero.losses.map((_, i) => i);
    const written = await ctx.plot(curvesSpec([
      { name: 'MLP 2-2-3, all weights zero', x, y: mlp.zero.losses },
      { name: 'MLP 2-2-3, PyTorch\'s random init', x, y: mlp.random.losses },
    ], { title: 'Zero initialization: the MLP\'s loss stays at ln 3', xTitle: 'SGD step (lr 0.1)', yTitle: 'cross-entropy' }), 'experiment-zero-init');
    return {
      comparison: c.rows,
      explanation: 'Linear, logistic and softmax regression learn from all-zero weights: their gradients x(ŷ − y) are non-zero as soon as the prediction is wrong, and every weight sees its own input. '
        + `The MLP does not: with zero weights every hidden unit outputs 0, so ŷ = 1/3 for every class and the loss is ln 3 = ${Math.log(3).toFixed(4)}; `
        + `the hidden units' gradients are all zero, and after 20 steps their weights are ${moved ? 'still identical to each other' : 'still exactly zero'} (loss ${mlp.zero.losses.at(-1)?.toFixed(4)}, against ${mlp.random.losses.at(-1)?.toFixed(4)} from a random start). `
        + 'Random initialization breaks this symmetry.',
      written,
      failed: moved ? 'the zero-initialized MLP\'s hidden weights moved' : undefined,
    };
  },
};
export default experiment;
