import { gradcheck } from '@mlpkit/autograd';
import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { NLLLoss, nllLoss } from './index.js';

const logp = tensor([[-0.5, -1.2, -2.0], [-1.0, -0.3, -3.0], [-0.1, -2.5, -4.0]], { dtype: 'float64' });
const target = tensor([2, 1, -100], { dtype: 'int32' });

describe('nllLoss', () => {
  it('picks −input[i, target_i], skipping ignored rows in the mean', () => {
    expect(nllLoss(logp, target, { reduction: 'none' }).tolist()).toEqual([2, 0.3, 0]);
    expect(nllLoss(logp, target).item()).toBeCloseTo(1.15, 14);
    expect(nllLoss(logp, target, { reduction: 'sum' }).item()).toBeCloseTo(2.3, 14);
  });

  it('divides the weighted mean by Σ weight[target]', () => {
    const weight = tensor([1, 2, 3], { dtype: 'float64' });
    expect(nllLoss(logp, target, { weight }).item()).toBeCloseTo((3 * 2 + 2 * 0.3) / 5, 14);
    expect(gradcheck((x) => nllLoss(x, target, { weight }), [logp]).ok).toBe(true);
  });

  it('refuses an index out of range and has a class wrapper', () => {
    expect(() => nllLoss(logp, tensor([0, 3, 1], { dtype: 'int32' }))).toThrow(MlpkitError);
    expect(() => nllLoss(logp, tensor([0, 3, 1], { dtype: 'int32' }))).toThrow(/nllLoss: target 3 at position 1 is out of range for 3 classes/);
    expect(new NLLLoss({ reduction: 'sum' }).forward(logp, target).item()).toBeCloseTo(2.3, 14);
  });

  it('refuses an unknown option', () => {
    expect(() => nllLoss(logp, target, { ignore: 0 } as object)).toThrow("nllLoss: unknown option 'ignore'");
  });
});
