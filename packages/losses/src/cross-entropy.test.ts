import { logSoftmax, softmax } from '@mlpkit/activations';
import { gradcheck, requiresGrad } from '@mlpkit/autograd';
import { MlpkitError, type Tensor, oneHot, permute, reshape, sub, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { CrossEntropyLoss, crossEntropy, nllLoss } from './index.js';
import type { CrossEntropyOptions } from './index.js';

const f64 = (data: number[], shape: number[]) => tensor(data, { dtype: 'float64', shape });
const int = (data: number[]) => tensor(data, { dtype: 'int32' });
const logits = f64([0.2, -1.1, 2.3, 0.5, 1.7, -0.4, 0.9, 0.1, -2.0, 1.2, 0.3, 0.6, -0.7, 2.2, -1.5, 0.8, 1.4, -0.3, 0.05, -0.9], [5, 4]);
const labels = int([2, 0, 3, -100, 1]);
const weight = f64([0.5, 2, 1, 1.5], [4]);

describe('crossEntropy with class indices (the fused op)', () => {
  it('has the gradient ŷ − y, divided by N for the mean', () => {
    const x = requiresGrad(f64(Array.from(logits.data.slice(0, 12)), [3, 4]));
    const y = int([2, 0, 3]);
    crossEntropy(x, y).backward();
    const expected = sub(softmax(x.detach()), oneHot(y, 4).double()).div(3);
    Array.from(x.grad!.data).forEach((g, i) => expect(g).toBeCloseTo(expected.data[i], 14));
  });

  const variants: [string, CrossEntropyOptions][] = [
    ['mean', {}], ['sum', { reduction: 'sum' }], ['none', { reduction: 'none' }],
    ['class weights, mean', { weight }], ['class weights, none', { weight, reduction: 'none' }],
    ['label smoothing 0.1', { labelSmoothing: 0.1 }],
    ['label smoothing and weights, mean', { weight, labelSmoothing: 0.2 }],
    ['label smoothing and weights, sum', { weight, labelSmoothing: 0.2, reduction: 'sum' }],
  ];
  it.each(variants)('matches finite differences in float64 (%s, one row ignored)', (_name, options) => {
    expect(gradcheck((x) => crossEntropy(x, labels, options), [logits]).ok).toBe(true);
  });

  it('equals nllLoss(logSoftmax(x)) with weights and ignoreIndex', () => {
    for (const reduction of ['none', 'mean', 'sum'] as const) {
      const fused = crossEntropy(logits, labels, { weight, reduction });
      const composed = nllLoss(logSoftmax(logits, 1), labels, { weight, reduction });
      Array.from(fused.data).forEach((v, i) => expect(v).toBeCloseTo(composed.data[i], 12));
    }
  });

  it('divides the weighted mean by Σ weight[target] over rows that are not ignored', () => {
    const none = crossEntropy(logits, labels, { weight, reduction: 'none' });
    const total = 1 + 0.5 + 1.5 + 2; // weights of targets 2, 0, 3, 1
    expect(crossEntropy(logits, labels, { weight }).item()).toBeCloseTo(none.sum().item() / total, 12);
    expect(none.data[3]).toBe(0);
  });

  it('is about 0 for a confident correct ±100 logit and about 200 for a confident wrong one', () => {
    const x = tensor([[100, -100, 30], [100, -100, 30]]);
    const loss = crossEntropy(x, int([0, 1]), { reduction: 'none' });
    expect(loss.data[0]).toBeCloseTo(0, 6);
    expect(loss.data[1]).toBeCloseTo(200, 3);
  });

  it('accepts (N, C, d) logits with (N, d) targets, like PyTorch', () => {
    const x = f64(Array.from(logits.data.slice(0, 12)), [2, 3, 2]);
    const y = reshape(int([0, 2, 1, 1]), [2, 2]);
    const rows = reshape(permute(x, [0, 2, 1]), [4, 3]);
    const loss = crossEntropy(x, y, { reduction: 'none' });
    expect(loss.shape).toEqual([2, 2]);
    expect(Array.from(loss.data)).toEqual(Array.from(crossEntropy(rows, reshape(y, [4]), { reduction: 'none' }).data));
    expect(gradcheck((v) => crossEntropy(v, y, { labelSmoothing: 0.1 }), [x]).ok).toBe(true);
  });

  it('accepts one unbatched row (C) with a 0-d target', () => {
    const loss = crossEntropy(f64([1, 2, 3], [3]), tensor(2, { dtype: 'int32' }));
    expect(loss.item()).toBeCloseTo(-Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3))), 12);
  });

  it('keeps float32 logits float32', () => {
    expect(crossEntropy(tensor([[1, 2]]), int([0])).dtype).toBe('float32');
  });
});

describe('crossEntropy with probability targets', () => {
  const probs = f64([0.1, 0.2, 0.3, 0.4, 1, 0, 0, 0, 0.25, 0.25, 0.25, 0.25, 0, 0.5, 0.5, 0, 0.7, 0.1, 0.1, 0.1], [5, 4]);
  it('equals the class-index loss for one-hot targets', () => {
    const y = int([2, 0, 3, 1, 1]);
    const hot = oneHot(y, 4).double();
    expect(crossEntropy(logits, hot).item()).toBeCloseTo(crossEntropy(logits, y).item(), 12);
    expect(crossEntropy(logits, hot, { labelSmoothing: 0.1 }).item()).toBeCloseTo(crossEntropy(logits, y, { labelSmoothing: 0.1 }).item(), 12);
  });
  it('matches finite differences with weights and smoothing', () => {
    expect(gradcheck((x) => crossEntropy(x, probs, { weight, labelSmoothing: 0.1 }), [logits]).ok).toBe(true);
    expect(gradcheck((x) => crossEntropy(x, probs, { reduction: 'none' }), [logits]).ok).toBe(true);
  });
});

describe('crossEntropy refuses bad input, saying what it expected', () => {
  const x = tensor([[1, 2, 3], [0, 1, 0]]);
  const expectError = (run: () => Tensor, pattern: RegExp) => {
    expect(run).toThrow(MlpkitError);
    expect(run).toThrow(pattern);
  };
  it('a class index out of range', () => {
    expectError(() => crossEntropy(x, int([1, 3])), /crossEntropy: target 3 at position 1 is out of range for 3 classes \(expected 0 to 2, or ignoreIndex -100\)/);
    expectError(() => crossEntropy(x, int([-1, 0])), /target -1 at position 0 is out of range/);
  });
  it('probabilities that do not match the logits\' shape', () => {
    expectError(() => crossEntropy(x, tensor([[0.5, 0.5], [1, 0]])), /probability targets must have the logits' shape \[2, 3\], got \[2, 2\]/);
  });
  it('float class indices', () => {
    expectError(() => crossEntropy(x, tensor([0, 2])), /looks like class indices: pass them as int32/);
  });
  it('a target of the wrong shape, a bad weight, reduction or labelSmoothing', () => {
    expectError(() => crossEntropy(x, int([0, 1, 2])), /class-index target must have shape \[2\] for input \[2, 3\], got \[3\]/);
    expectError(() => crossEntropy(x, int([0, 1]), { weight: tensor([1, 2]) }), /weight must have one entry per class, shape \[3\], got \[2\]/);
    expectError(() => crossEntropy(x, int([0, 1]), { reduction: 'avg' as never }), /reduction must be one of 'none', 'mean', 'sum', got 'avg'/);
    expectError(() => crossEntropy(x, int([0, 1]), { labelSmoothing: 1.5 }), /labelSmoothing must be in \[0, 1\], got 1.5/);
    expectError(() => crossEntropy(int([1, 2]), int([0])), /expected float logits, got dtype int32/);
    expect(() => crossEntropy(x, int([0, 1]), { smoothing: 0.1 } as object)).toThrow("crossEntropy: unknown option 'smoothing'");
  });
});

describe('CrossEntropyLoss', () => {
  it('is crossEntropy with its options, as forward(input, target)', () => {
    const loss = new CrossEntropyLoss({ weight, reduction: 'sum' });
    expect(loss.forward(logits, labels).item()).toBe(crossEntropy(logits, labels, { weight, reduction: 'sum' }).item());
  });
});
