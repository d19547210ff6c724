import { gradcheck, requiresGrad } from '@mlpkit/autograd';
import { MlpkitError, Tensor, manualSeed, ones, randn, tensor, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { batchNorm } from './batch-norm-function.js';

describe('batchNorm', () => {
  it('normalizes each channel with the batch mean and biased variance in training', () => {
    const x = tensor([[1, 10], [3, 10], [5, 13]], { dtype: 'float64' });
    const y = batchNorm(x, { training: true, eps: 0 });
    // channel 0: mean 3, biased var 8/3
    expect(y.data[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 12);
    expect(y.data[4]).toBeCloseTo(2 / Math.sqrt(8 / 3), 12);
  });

  it('updates the running mean and the unbiased running variance in place', () => {
    const x = tensor([[1], [3], [5]], { dtype: 'float64' });
    const runningMean = zeros([1], { dtype: 'float64' }), runningVar = ones([1], { dtype: 'float64' });
    batchNorm(x, { runningMean, runningVar, training: true, momentum: 0.5 });
    expect(runningMean.data[0]).toBeCloseTo(1.5, 12); // 0.5·0 + 0.5·3
    expect(runningVar.data[0]).toBeCloseTo(2.5, 12); // 0.5·1 + 0.5·4 (unbiased: 8/2)
  });

  it('uses the running statistics in eval and leaves them unchanged', () => {
    const runningMean = tensor([1]), runningVar = tensor([4]);
    const y = batchNorm(tensor([[3], [5]]), { runningMean, runningVar, weight: tensor([2]), bias: tensor([1]), eps: 0 });
    expect(Array.from(y.data)).toEqual([3, 5]);
    expect(runningMean.data[0]).toBe(1);
  });

  it('handles (N, C, L) input with statistics over N and L', () => {
    manualSeed(0);
    const x = randn([3, 2, 4], { dtype: 'float64' });
    const y = batchNorm(x, { training: true, eps: 0 });
    let sum = 0, sq = 0;
    for (let n = 0; n < 3; n++) for (let l = 0; l < 4; l++) { const v = y.data[(n * 2 + 1) * 4 + l]; sum += v; sq += v * v; }
    expect(sum / 12).toBeCloseTo(0, 12);
    expect(sq / 12).toBeCloseTo(1, 10);
  });

  it('has gradients that pass gradcheck in training and in eval', () => {
    manualSeed(1);
    const x = randn([5, 3], { dtype: 'float64' }), w = randn([3], { dtype: 'float64' }), b = randn([3], { dtype: 'float64' });
    const g = randn([5, 3], { dtype: 'float64' });
    const train = (xi: Tensor, wi: Tensor, bi: Tensor) => batchNorm(xi, { weight: wi, bias: bi, training: true }).mul(g).sum();
    expect(gradcheck(train, [x, w, b], { eps: 1e-6, atol: 1e-6, rtol: 1e-4 }).ok).toBe(true);
    const rm = randn([3], { dtype: 'float64' }), rv = ones([3], { dtype: 'float64' });
    const evaluate = (xi: Tensor, wi: Tensor, bi: Tensor) => batchNorm(xi, { weight: wi, bias: bi, runningMean: rm, runningVar: rv }).mul(g).sum();
    expect(gradcheck(evaluate, [x, w, b], { eps: 1e-6, atol: 1e-6, rtol: 1e-4 }).ok).toBe(true);
    const x3 = requiresGrad(randn([2, 3, 4], { dtype: 'float64' }));
    expect(gradcheck((xi: Tensor) => batchNorm(xi, { training: true }).square().sum(), [x3.detach()], { eps: 1e-6, atol: 1e-6, rtol: 1e-4 }).ok).toBe(true);
  });

  it('refuses one value per channel in training, bad shapes and lone running stats', () => {
    expect(() => batchNorm(zeros([1, 4]), { training: true })).toThrow('batchNorm: expected more than 1 value per channel when training, got input size [1, 4]');
    expect(() => batchNorm(zeros([4]), { training: true })).toThrow(/expected 2-D \(N, C\) or 3-D \(N, C, L\) input, got shape \[4\]/);
    expect(() => batchNorm(zeros([2, 4]), { weight: zeros([3]) })).toThrow(/weight must have shape \[4\].*got \[3\]/);
    expect(() => batchNorm(zeros([2, 4]), { runningMean: zeros([4]) })).toThrow(MlpkitError);
  });

  it('matches the per-element formulas in float32, forward and backward, on (N, C, L) input', () => {
    manualSeed(2);
    const [n, c, l] = [4, 3, 5];
    const x = requiresGrad(randn([n, c, l]).mul(3).add(1)), w = requiresGrad(randn([c])), b = requiresGrad(randn([c]));
    const dy = randn([n, c, l]);
    const y = batchNorm(x, { weight: w, bias: b, training: true, eps: 1e-5 });
    y.mul(dy).sum().backward();
    expect([y.dtype, x.grad!.dtype]).toEqual(['float32', 'float32']);
    const at = (i: number, j: number, k: number) => (i * c + j) * l + k;
    for (let j = 0; j < c; j++) {
      const xs: number[] = [], gs: number[] = [], idx: number[] = [];
      for (let i = 0; i < n; i++) for (let k = 0; k < l; k++) { idx.push(at(i, j, k)); xs.push(x.data[at(i, j, k)]); gs.push(dy.data[at(i, j, k)]); }
      const m = xs.length, mean = xs.reduce((s, v) => s + v, 0) / m;
      const invStd = 1 / Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / m + 1e-5);
      const xHat = xs.map((v) => (v - mean) * invStd);
      const g = gs.map((v) => v * w.data[j]);
      const meanG = g.reduce((s, v) => s + v, 0) / m, meanGx = g.reduce((s, v, q) => s + v * xHat[q], 0) / m;
      idx.forEach((flat, q) => {
        expect(y.data[flat]).toBeCloseTo(xHat[q] * w.data[j] + b.data[j], 5);
        expect(x.grad!.data[flat]).toBeCloseTo(invStd * (g[q] - meanG - xHat[q] * meanGx), 5);
      });
      expect(w.grad!.data[j]).toBeCloseTo(gs.reduce((s, v, q) => s + v * xHat[q], 0), 4);
      expect(b.grad!.data[j]).toBeCloseTo(gs.reduce((s, v) => s + v, 0), 4);
    }
  });

  it('refuses an unknown option', () => {
    expect(() => batchNorm(zeros([2, 3]), { train: true } as object)).toThrow("batchNorm: unknown option 'train'");
  });
});
