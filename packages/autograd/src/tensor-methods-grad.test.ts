import { type Tensor, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { gradcheck } from './gradcheck.js';
import { requiresGrad } from './requires-grad.js';

// Away from relu's kink and from ties, so finite differences are exact enough.
const x = () => tensor([[1.2, -0.7, 0.4], [-1.9, 2.3, 0.1]], { dtype: 'float64' });

describe('Tensor methods have correct gradients through tensor primitives', () => {
  it.each<[string, (t: Tensor) => Tensor]>([
    ['sigmoid', (t) => t.sigmoid()],
    ['tanh', (t) => t.tanh()],
    ['relu', (t) => t.relu()],
    ['softmax(1)', (t) => t.softmax(1)],
    ['softmax(0)', (t) => t.softmax(0)],
    ['logSoftmax(1)', (t) => t.logSoftmax(1)],
    ['max(1).values', (t) => t.max(1).values],
    ['min(0, keepdim).values', (t) => t.min(0, true).values],
    ['mean(1)', (t) => t.mean(1)],
    ['var(1)', (t) => t.var(1)],
    ['std(0, unbiased false)', (t) => t.std(0, { unbiased: false })],
    ['view/t/unsqueeze/squeeze', (t) => t.view(3, 2).t().unsqueeze(0).squeeze(0).mul(t)],
    ['rsqrt of abs', (t) => t.abs().rsqrt()],
    ['logsumexp(1)', (t) => t.logsumexp(1)],
    ['maskedFill', (t) => t.maskedFill(t.lt(0), 3).mul(t)],
  ])('%s', (_name, fn) => {
    expect(gradcheck(fn, [x()]).ok).toBe(true);
  });

  it("relu'(0) = 0 and NaN passes its gradient, as torch.relu", () => {
    const t = requiresGrad(tensor([0, -1, 2], { dtype: 'float64' }));
    t.relu().sum().backward();
    expect(t.grad!.tolist()).toEqual([0, 0, 1]);
  });
});
