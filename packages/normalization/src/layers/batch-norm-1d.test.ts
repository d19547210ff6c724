import { MlpkitError, Tensor, manualSeed, randn, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { BatchNorm1d } from './batch-norm-1d.js';

const batch = () => tensor([[1, 0], [3, 0], [5, 3]]);

describe('BatchNorm1d', () => {
  it('in training normalizes with batch statistics and updates the running ones', () => {
    const bn = new BatchNorm1d(2);
    const y = bn.forward(batch());
    expect(y.data[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3 + 1e-5), 5);
    expect(Array.from(bn.runningMean!.data)).toEqual([0.3, 0.1].map(Math.fround));
    expect(bn.runningVar!.data[0]).toBeCloseTo(0.9 + 0.1 * 4, 6); // unbiased batch var 4
    expect(bn.numBatchesTracked!.item()).toBe(1);
  });

  it('in eval uses the running statistics and works on one sample', () => {
    const bn = new BatchNorm1d(2, { eps: 0 });
    bn.runningMean!.data.set([1, 2]);
    bn.runningVar!.data.set([4, 1]);
    bn.eval();
    expect(Array.from(bn.forward(tensor([[3, 3]])).data)).toEqual([1, 1]);
    expect(bn.numBatchesTracked!.item()).toBe(0);
  });

  it('refuses one value per channel in training and leaves its statistics untouched', () => {
    const bn = new BatchNorm1d(4);
    expect(() => bn.forward(tensor([[1, 2, 3, 4]]))).toThrow('BatchNorm1d: expected more than 1 value per channel when training, got input size [1, 4]');
    expect(bn.numBatchesTracked!.item()).toBe(0);
    expect(() => bn.forward(tensor([[1, 2, 3]]))).toThrow(/expected \(N, 4\) or \(N, 4, L\) input, got shape \[1, 3\]/);
    expect(() => new BatchNorm1d(0)).toThrow(MlpkitError);
  });

  it('averages cumulatively when momentum is null', () => {
    const bn = new BatchNorm1d(1, { momentum: null });
    bn.forward(tensor([[0], [2]]));
    bn.forward(tensor([[4], [6]]));
    expect(bn.runningMean!.data[0]).toBe(3);
    expect(bn.numBatchesTracked!.item()).toBe(2);
  });

  it('without running statistics uses batch statistics in eval too, and affine=false learns nothing', () => {
    const bn = new BatchNorm1d(2, { trackRunningStats: false, affine: false }).eval();
    expect(bn.runningMean).toBeNull();
    expect(bn.parameters()).toEqual([]);
    const y = bn.forward(batch());
    expect(y.data[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3 + 1e-5), 5);
  });

  it('saves parameters and buffers in its state dict and sends gradients to weight and bias', () => {
    const bn = new BatchNorm1d(3);
    expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
    manualSeed(0);
    const x: Tensor = randn([4, 3, 2]);
    bn.forward(x).square().sum().backward();
    expect(bn.weight!.grad!.shape).toEqual([3]);
    expect(bn.bias!.grad!.data.every((g) => Math.abs(g) < 1e-4)).toBe(true); // Σ 2y = 0 per channel
  });

  it('loads state dicts that still use the camelCase buffer names of older mlpkit files', () => {
    const old = new BatchNorm1d(2);
    old.runningMean!.data.set([1, 2]);
    const state = Object.fromEntries(Object.entries(old.stateDict()).map(([k, t]) => [k.replace('running_mean', 'runningMean').replace('running_var', 'runningVar').replace('num_batches_tracked', 'numBatchesTracked'), t]));
    expect(Object.keys(state)).toContain('runningMean');
    const bn = new BatchNorm1d(2);
    expect(bn.loadStateDict(state)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect([...bn.runningMean!.data]).toEqual([1, 2]);
  });

  it('refuses to load running statistics that would make eval NaN, loading nothing', () => {
    const good = new BatchNorm1d(2).stateDict();
    const cases: [string, number, string][] = [
      ['running_var', -5, 'running_var: expected finite values ≥ 0, got -5 at [1]'],
      ['running_var', Infinity, 'running_var: expected finite values ≥ 0, got Infinity at [1]'],
      ['running_mean', NaN, 'running_mean: expected finite values, got NaN at [1]'],
      ['num_batches_tracked', -7, 'num_batches_tracked: expected a count ≥ 0, got -7 at [0]'],
    ];
    for (const [key, value, message] of cases) {
      const state = Object.fromEntries(Object.entries(good).map(([k, t]) => [k, t.clone()]));
      state[key].data[state[key].size - 1] = value;
      state.weight.data.fill(3);
      const bn = new BatchNorm1d(2);
      expect(() => bn.loadStateDict(state)).toThrow(message);
      expect([...bn.weight!.data]).toEqual([1, 1]); // nothing was loaded
    }
  });

  it('refuses an unknown option', () => {
    expect(() => new BatchNorm1d(2, { trackRunningStat: false } as object)).toThrow("BatchNorm1d: unknown option 'trackRunningStat'");
  });
});
