import { gradcheck, requiresGrad } from '@mlpkit/autograd';
import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { HuberLoss, L1Loss, MSELoss, SmoothL1Loss, huberLoss, l1Loss, mseLoss, smoothL1Loss } from './index.js';

// input − target = [0, 0.5, −1, 2, −3]: inside, at and beyond the kinks at 1.
const input = tensor([1, 1.5, 0, 4, -1], { dtype: 'float64' });
const target = tensor([1, 1, 1, 2, 2], { dtype: 'float64' });
const values = (t: ReturnType<typeof tensor>) => Array.from(t.data);

describe('regression losses', () => {
  it('give the textbook pointwise values', () => {
    expect(values(mseLoss(input, target, { reduction: 'none' }))).toEqual([0, 0.25, 1, 4, 9]);
    expect(values(l1Loss(input, target, { reduction: 'none' }))).toEqual([0, 0.5, 1, 2, 3]);
    expect(values(smoothL1Loss(input, target, { reduction: 'none' }))).toEqual([0, 0.125, 0.5, 1.5, 2.5]);
    expect(values(smoothL1Loss(input, target, { reduction: 'none', beta: 0.5 }))).toEqual([0, 0.25, 0.75, 1.75, 2.75]);
    expect(values(huberLoss(input, target, { reduction: 'none', delta: 2 }))).toEqual([0, 0.125, 0.5, 2, 4]);
  });

  it('reduce by mean (default) or sum', () => {
    expect(mseLoss(input, target).item()).toBeCloseTo(14.25 / 5, 12);
    expect(l1Loss(input, target, { reduction: 'sum' }).item()).toBe(6.5);
  });

  it('huber with delta is delta times smooth L1 with beta = delta', () => {
    const h = huberLoss(input, target, { delta: 2, reduction: 'sum' }).item();
    expect(h).toBeCloseTo(2 * smoothL1Loss(input, target, { beta: 2, reduction: 'sum' }).item(), 12);
  });

  it('smooth L1 with beta 0 is the L1 loss', () => {
    expect(smoothL1Loss(input, target, { beta: 0 }).item()).toBe(l1Loss(input, target).item());
  });

  it('have gradients 2d/n, sign(d)/n (0 at d = 0), and the smooth ones in between', () => {
    const x = requiresGrad(input.clone());
    mseLoss(x, target, { reduction: 'sum' }).backward();
    expect(values(x.grad!)).toEqual([0, 1, -2, 4, -6]);
    x.grad = null;
    l1Loss(x, target, { reduction: 'sum' }).backward();
    expect(values(x.grad!)).toEqual([0, 1, -1, 1, -1]);
    x.grad = null;
    smoothL1Loss(x, target, { reduction: 'sum' }).backward();
    expect(values(x.grad!)).toEqual([0, 0.5, -1, 1, -1]);
  });

  it('match finite differences away from the kinks', () => {
    const x = tensor([0.3, 1.8, -0.4, 4.5, -2.2], { dtype: 'float64' });
    for (const loss of [mseLoss, l1Loss, smoothL1Loss, huberLoss])
      expect(gradcheck((v) => loss(v, target, { reduction: 'mean' }), [x]).ok).toBe(true);
  });

  it('refuse shapes that would silently broadcast, and bad hyper-parameters', () => {
    const column = tensor([[1], [2]]);
    expect(() => mseLoss(column, tensor([1, 2]))).toThrow(MlpkitError);
    expect(() => mseLoss(column, tensor([1, 2]))).toThrow(/mseLoss: input shape \[2, 1\] and target shape \[2\] differ/);
    expect(() => huberLoss(input, target, { delta: 0 })).toThrow(/huberLoss: delta must be positive, got 0/);
    expect(() => smoothL1Loss(input, target, { beta: -1 })).toThrow(/beta must be non-negative/);
    expect(() => l1Loss(input, target, { reduction: 'batchmean' as never })).toThrow(/l1Loss: reduction must be one of/);
    expect(() => l1Loss(tensor([1], { dtype: 'int32' }), tensor([1]))).toThrow(/expected a float input, got dtype int32/);
  });

  it('refuse unknown options', () => {
    expect(() => mseLoss(input, target, { reduce: 'sum' } as object)).toThrow("mseLoss: unknown option 'reduce'");
    expect(() => l1Loss(input, target, { reduce: 'sum' } as object)).toThrow("l1Loss: unknown option 'reduce'");
    expect(() => smoothL1Loss(input, target, { delta: 1 } as object)).toThrow("smoothL1Loss: unknown option 'delta'");
    expect(() => huberLoss(input, target, { beta: 1 } as object)).toThrow("huberLoss: unknown option 'beta'");
  });

  it('have class wrappers with forward(input, target)', () => {
    expect(new MSELoss({ reduction: 'sum' }).forward(input, target).item()).toBe(14.25);
    expect(new L1Loss().forward(input, target).item()).toBe(1.3);
    expect(new SmoothL1Loss({ beta: 0.5 }).forward(input, target).item()).toBeCloseTo(5.5 / 5, 12);
    expect(new HuberLoss({ delta: 2 }).forward(input, target).item()).toBeCloseTo(6.625 / 5, 12);
  });
});
