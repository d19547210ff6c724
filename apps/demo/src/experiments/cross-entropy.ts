import { softmax } from '@mlpkit/activations';
import { requiresGrad } from '@mlpkit/autograd';
import { crossEntropy } from '@mlpkit/losses';
import { type Tensor, log, oneHot, tensor } from '@mlpkit/tensor';
import { BACKEND_FLAGS, type Experiment } from './experiment.js';
import { SlideChecks, barsSpec } from './worked-example.js';

// 5-deep-neural-networks, "Forward & Backward passes": a prediction of dog 0.2, cat 0.8 for a cat.
const CLASSES = ['dog', 'cat'];
const PREDICTED = [0.2, 0.8];
const TRUTH = 1;

/**
 * The slide's loss from logits whose softmax is its prediction (log p: softmax(log p) = p), with
 * the class index and with the one-hot target, and the gradient of the loss on the logits.
 */
export function slideCrossEntropy() {
  const logits = requiresGrad(log(tensor([PREDICTED], { dtype: 'float64' })));
  const target = tensor([TRUTH], { dtype: 'int32' });
  const loss = crossEntropy(logits, target);
  loss.backward();
  const oneHotTarget = oneHot(target, CLASSES.length).to('float64');
  return {
    yHat: (softmax(logits.detach(), -1).tolist() as number[][])[0],
    y: (oneHotTarget.tolist() as number[][])[0],
    loss: loss.item(),
    lossOneHot: crossEntropy(logits.detach(), oneHotTarget).item(),
    gradLogits: ((logits.grad as Tensor).tolist() as number[][])[0],
  };
}

const experiment: Experiment = {
  title: 'softmax cross-entropy of one prediction and its gradient ŷ − y (slides 5, "Forward & Backward passes")',
  flags: BACKEND_FLAGS,
  settings: () => 'exact (float64), the slide\'s prediction dog 0.2, cat 0.8 for a cat; --quick changes nothing',
  async run(ctx) {
    const r = slideCrossEntropy();
    const c = new SlideChecks('round');
    c.check('loss, target as class index 1', [r.loss], ['0.2231']);
    c.check('loss, one-hot target [0, 1]', [r.lossOneHot], ['0.2231']);
    c.check('∂L/∂logits = ŷ − y (dog, cat)', r.gradLogits, ['0.2', '-0.2']);
    const rows = CLASSES.flatMap((name, i) => [
      { group: name, series: 'ŷ (softmax)', value: r.yHat[i] },
      { group: name, series: 'y (one-hot)', value: r.y[i] },
      { group: name, series: '∂L/∂logit = ŷ − y', value: r.gradLogits[i] },
    ]);
    const written = await ctx.plot(barsSpec('Cross-entropy of dog 0.2, cat 0.8 for a cat: ŷ, y and the gradient', rows, 'value'), 'experiment-cross-entropy');
    return {
      comparison: c.rows,
      explanation: `With a one-hot target only the true class's probability counts: L = −log 0.8 = ${r.loss.toFixed(4)}, the slide's 0.2231…, `
        + 'whether the target is given as the class index or as the one-hot vector. '
        + `Backward, softmax and cross-entropy together give the logits the gradient ŷ − y = (${r.gradLogits.map((g) => g.toFixed(1)).join(', ')}): `
        + 'the true class is pushed up by 1 − 0.8, every other class down by its own probability. '
        + 'That is the gradient the slides start backpropagation from, and the one the fused softmax cross-entropy computes directly.',
      written,
      failed: c.differ ? 'a value differs from the slide' : undefined,
    };
  },
};
export default experiment;
