import { tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import {
  BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss,
  binaryCrossEntropy, binaryCrossEntropyWithLogits, crossEntropy, huberLoss, klDiv, l1Loss, l1Penalty, l2Penalty, mseLoss, nllLoss, smoothL1Loss,
} from './index.js';

describe('the loss classes', () => {
  it.each([BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss])('%o refuses a misspelt option when it is made', (Loss) => {
    expect(() => new Loss({ reductoin: 'sum' } as object)).toThrow(`${Loss.name}: unknown option 'reductoin'`);
    expect(new Loss({ reduction: 'sum' }).options).toEqual({ reduction: 'sum' });
  });
});

describe('what is not a Tensor, and options of the wrong type', () => {
  const logits = tensor([[1, 2, 3], [3, 2, 1]]);
  const labels = tensor([0, 2], { dtype: 'int32' });

  it('every loss refuses an input or target that is not a Tensor, naming it, instead of a TypeError', () => {
    expect(() => crossEntropy(null as never, labels)).toThrow('crossEntropy: expected input to be a Tensor, got null');
    expect(() => crossEntropy(logits, [0, 2] as never)).toThrow('crossEntropy: expected target to be a Tensor, got an array of length 2');
    expect(() => nllLoss(logits, null as never)).toThrow('nllLoss: expected target to be a Tensor, got null');
    const pointwise = [mseLoss, l1Loss, smoothL1Loss, huberLoss, binaryCrossEntropy, binaryCrossEntropyWithLogits, klDiv] as const;
    for (const loss of pointwise) {
      expect(() => loss(null as never, logits), loss.name).toThrow(/: expected input to be a Tensor, got null$/);
      expect(() => loss(tensor([0.5]), 0 as never), loss.name).toThrow(/: expected target to be a Tensor, got number 0$/);
    }
  });

  it("crossEntropy refuses a string labelSmoothing and a fractional ignoreIndex (PyTorch's is an int)", () => {
    expect(() => crossEntropy(logits, labels, { labelSmoothing: '0.1' as never })).toThrow('crossEntropy: labelSmoothing must be in [0, 1], got 0.1');
    expect(() => crossEntropy(logits, labels, { ignoreIndex: 1.5 })).toThrow('crossEntropy: ignoreIndex must be an integer, got 1.5');
    expect(() => nllLoss(logits, labels, { ignoreIndex: '-100' as never })).toThrow('nllLoss: ignoreIndex must be an integer, got "-100"');
    expect(crossEntropy(logits, labels, { ignoreIndex: 2 }).item()).toBeCloseTo(2.4076059644, 6);
  });

  it('klDiv refuses a logTarget that is not true or false; the penalties refuse what is not a list of tensors', () => {
    expect(() => klDiv(tensor([-1]), tensor([0.5]), { logTarget: 'yes' as never })).toThrow('klDiv: expected logTarget to be true or false, got the string "yes"');
    expect(() => l1Penalty(null as never)).toThrow('l1Penalty: expected an iterable of parameters such as model.parameters(), got null');
    expect(() => l2Penalty([tensor([1]), null] as never)).toThrow('l2Penalty: expected parameter 1 to be a Tensor, got null');
    expect(l2Penalty([tensor([1, 2])]).item()).toBe(5);
  });
});
