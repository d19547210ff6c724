import { relu, sigmoid, tanh } from '@mlpkit/activations';
import { Linear, Sequential } from '@mlpkit/nn';
import { Tensor, manualSeed } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { histogram } from './histogram.js';
import { activationStats } from './layer-stats.js';
import { activationKind, deadUnitFraction, saturatedFraction } from './unit-stats.js';

describe('histogram', () => {
  it('counts in fixed bins and keeps out-of-range values apart', () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1, -0.5, 2, Number.NaN], { bins: 2, range: [0, 1] });
    expect(h.edges).toEqual([0, 0.5, 1]);
    expect(h.counts).toEqual([2, 3]);
    expect([h.below, h.above, h.nan]).toEqual([1, 1, 1]);
  });

  it('refuses bad bins and ranges', () => {
    expect(() => histogram([1], { bins: 0, range: [0, 1] })).toThrow('histogram: bins must be an integer >= 1, got 0');
    expect(() => histogram([1], { range: [1, 1] })).toThrow('histogram: range must be [low, high] with low < high, got [1, 1]');
    expect(() => histogram([1], undefined as never)).toThrow('histogram: expected options with range: [low, high], got none');
  });

  it('refuses an unknown option', () => {
    expect(() => histogram([1], { range: [0, 1], nbins: 3 } as never)).toThrow("histogram: unknown option 'nbins'");
  });
});

describe('dead and saturated units', () => {
  it('counts a unit as dead only when it is 0 for every example', () => {
    // 3 examples × 4 units: unit 0 is always 0, unit 2 only sometimes.
    const out = new Tensor(Float32Array.from([0, 1, 0, 2, 0, 3, 4, 5, 0, 6, 0, 7]), [3, 4]);
    expect(deadUnitFraction(out)).toBe(0.25);
  });

  it('counts saturated tanh and sigmoid outputs beyond the threshold', () => {
    const t = new Tensor(Float32Array.from([0.995, -0.999, 0.5, 0.98]), [1, 4]);
    expect(saturatedFraction(t, 'tanh')).toBe(0.5);
    expect(saturatedFraction(t, 'tanh', 0.9)).toBe(0.75);
    const s = new Tensor(Float32Array.from([0.995, 0.005, 0.5, 0.02]), [1, 4]);
    expect(saturatedFraction(s, 'sigmoid')).toBe(0.5);
  });

  it('reads the family from the layer name', () => {
    expect(['ReLU()', 'Tanh()', 'Sigmoid()', 'Linear(in_features=2)'].map(activationKind)).toEqual(['relu', 'tanh', 'sigmoid', 'other']);
  });

  it('reports dead ReLUs, saturation and histograms per layer', () => {
    manualSeed(0);
    const first = new Linear(2, 3);
    // Unit 0 gets a large negative bias: dead for every input in [-1, 1]².
    first.bias!.data[0] = -100;
    const model = new Sequential(first, relu, new Linear(3, 2), tanh, new Linear(2, 2), sigmoid);
    const x = new Tensor(Float32Array.from([0.1, -0.3, 0.7, 0.2, -0.9, 0.5, 0.4, 0.4]), [4, 2]);
    const stats = activationStats(model, x, { bins: 4 });
    expect(stats.map((s) => s.kind)).toEqual(['other', 'relu', 'other', 'tanh', 'other', 'sigmoid']);
    expect(stats[1].deadFraction).toBeCloseTo(1 / 3, 10);
    expect(stats[1].saturatedFraction).toBeNull();
    expect(typeof stats[3].saturatedFraction).toBe('number');
    expect(stats[3].histogram.edges).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(stats[5].histogram.edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(stats[5].histogram.counts.reduce((a, b) => a + b, 0)).toBe(8);
  });
});
