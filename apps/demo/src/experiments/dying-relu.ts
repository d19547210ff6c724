import { relu, softmax } from '@mlpkit/activations';
import { crossEntropy } from '@mlpkit/losses';
import { Sequential } from '@mlpkit/nn';
import { type Tensor, tensor } from '@mlpkit/tensor';
import { BACKEND_FLAGS, type Experiment } from './experiment.js';
import { SlideChecks, barsSpec, linearFromSlide } from './worked-example.js';

const LR = 0.01;

/** Example 2 (1-mlp-insight; 2-mlp-activation prints the losses): one flower, a dead second hidden unit, one SGD step. */
export function dyingRelu() {
  const hidden = linearFromSlide([[0.86, -1.04], [0.41, -0.65]], [0, 0]);
  const out = linearFromSlide([[0.32, 0.25, 0.14], [-0.47, -1.06, 0.063]], [0, 0, 0]);
  const model = new Sequential(hidden, relu, out);
  const x = tensor([[1.5, 0.2]], { dtype: 'float64' });
  const y = tensor([0], { dtype: 'int32' });
  const h = (hidden.forward(x).tolist() as number[][])[0];
  const z = model.forward(x);
  const before = { h, yHat: (softmax(z, -1).tolist() as number[][])[0], loss: crossEntropy(z, y) };
  before.loss.backward();
  const grad = (t: Tensor) => Array.from((t.grad as Tensor).data as Float64Array);
  // Gradients in the slide's layout ([in, out]): transpose PyTorch's [out, in].
  const grads = {
    m: [0, 1].map((k) => [0, 1].map((j) => grad(hidden.weight)[j * 2 + k])), bm: grad(hidden.bias as Tensor),
    w: [0, 1].map((k) => [0, 1, 2].map((i) => grad(out.weight)[i * 2 + k])), bw: grad(out.bias as Tensor),
  };
  for (const p of model.parameters()) for (let i = 0; i < p.size; i++) p.data[i] -= LR * (p.grad as Tensor).data[i];
  const params = {
    m: [0, 1].map((k) => [0, 1].map((j) => hidden.weight.data[j * 2 + k])), bm: Array.from(hidden.bias?.data ?? []),
    w: [0, 1].map((k) => [0, 1, 2].map((i) => out.weight.data[i * 2 + k])), bw: Array.from(out.bias?.data ?? []),
  };
  const z2 = model.forward(x);
  const after = { h: (hidden.forward(x).tolist() as number[][])[0], yHat: (softmax(z2, -1).tolist() as number[][])[0], loss: crossEntropy(z2, y).item() };
  return { before: { ...before, loss: before.loss.item() }, grads, params, after };
}

const experiment: Experiment = {
  title: 'worked example 2, dying ReLU: backward pass and one SGD step with lr 0.01 (slides 1 and 2, "Dying ReLU")',
  flags: BACKEND_FLAGS,
  settings: () => 'exact (float64), the slide\'s weights and flower (1.5, 0.2), class 0; --quick changes nothing',
  async run(ctx) {
    const r = dyingRelu();
    const c = new SlideChecks('round');
    c.check('h before', r.before.h, ['1.372', '-1.68'], 'the slide prints −1.68 for 1.5·(−1.04) + 0.2·(−0.65) = −1.69');
    c.check('ŷ before', r.before.yHat, ['0.372', '0.338', '0.290']);
    c.check('loss before', [r.before.loss], ['0.989']);
    c.check('∇bw = ŷ − y', r.grads.bw, ['-0.628', '0.338', '0.290']);
    c.check('∇w row 1 (live unit)', r.grads.w[0], ['-0.861', '0.463', '0.398'], '', 'truncate');
    c.check('∇w row 2 (dead unit)', r.grads.w[1], ['0.0', '0.0', '0.0']);
    c.check('∇m column 1 (live unit)', [r.grads.m[0][0], r.grads.m[1][0]], ['-0.114', '-0.015']);
    c.check('∇m column 2 (dead unit)', [r.grads.m[0][1], r.grads.m[1][1]], ['0.0', '0.0']);
    c.check('∇bm', r.grads.bm, ['-0.0759', '0.0']);
    c.check('m after (lr 0.01)', r.params.m.flat(), ['0.861', '-1.04', '0.4105', '-0.65'], 'the slide prints 0.4105 for 0.41 − 0.01·(−0.0152) = 0.41015');
    c.check('bm after', r.params.bm, ['0.000759', '0.0']);
    c.check('w row 1 after', r.params.w[0], ['0.328', '0.245', '0.136'], '', 'truncate');
    c.check('bw after', r.params.bw, ['0.0062', '-0.0033', '-0.0029'], '', 'truncate');
    c.check('h after', r.after.h, ['1.374', '-1.68'], 'still negative: the unit stays dead');
    c.check('ŷ after', r.after.yHat, ['0.378', '0.334', '0.287'], '', 'truncate');
    c.check('loss after', [r.after.loss], ['0.972']);
    const rows = [
      ...['m₁₁', 'm₂₁', 'bm₁', 'w₁₁', 'w₁₂', 'w₁₃'].map((group, i) => ({ group, series: 'live unit 1', value: Math.abs([r.grads.m[0][0], r.grads.m[1][0], r.grads.bm[0], ...r.grads.w[0]][i]) })),
      ...['m₁₂', 'm₂₂', 'bm₂', 'w₂₁', 'w₂₂', 'w₂₃'].map((group, i) => ({ group, series: 'dead unit 2', value: Math.abs([r.grads.m[0][1], r.grads.m[1][1], r.grads.bm[1], ...r.grads.w[1]][i]) })),
    ];
    const written = await ctx.plot(barsSpec('Dying ReLU: |gradient| of each weight of the live and the dead hidden unit', rows, '|∂L/∂θ|'), 'experiment-dying-relu');
    return {
      comparison: c.rows,
      explanation: 'The slide rounds some numbers (ŷ, ∇m) and cuts others (∇w, the updated w and bw); each row is compared the way the slide printed it, with the exact value beside it. '
        + `One step of SGD with lr 0.01 lowers the loss from ${r.before.loss.toFixed(4)} to ${r.after.loss.toFixed(4)} (the slides: 0.989 → 0.972). `
        + 'The second hidden unit is negative for this input, so ReLU outputs 0 and its derivative is 0: every weight into and out of it gets exactly zero gradient and does not move. '
        + 'After the update it is still negative, so it stays dead for good unless other inputs make it positive. '
        + 'Two printed numbers differ from the arithmetic, not from us: −1.68 for 1.5·(−1.04) + 0.2·(−0.65) = −1.69, and 0.4105 for 0.41 + 0.01·0.0152 = 0.41015.',
      written,
      failed: r.grads.m[0][1] !== 0 || r.grads.w[1].some((g) => g !== 0) ? 'the dead unit received a gradient' : undefined,
    };
  },
};
export default experiment;
