import { tanh } from '@mlpkit/activations';
import { normal_, xavierNormal_, zeros_ } from '@mlpkit/initializers';
import { crossEntropy } from '@mlpkit/losses';
import { Linear, Sequential } from '@mlpkit/nn';
import { Generator, MlpkitError, Tensor, manualSeed } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { activationStats, formatStatsTable, gradientStats } from './layer-stats.js';
import { blobs, mlp } from './toy.test-helper.js';

/** The slides' 10-layer tanh net (narrower, for speed), with a given weight init. */
function deepTanh(init: (w: Tensor) => void, width = 100): Sequential {
  manualSeed(1);
  const model = new Sequential();
  for (let i = 0; i < 10; i++) {
    const layer = new Linear(width, width);
    init(layer.weight);
    zeros_(layer.bias as Tensor);
    model.append(layer).append(tanh);
  }
  return model;
}

function unitGaussian(rows: number, cols: number): Tensor {
  const g = new Generator(0);
  return new Tensor(Float32Array.from({ length: rows * cols }, () => g.normal()), [rows, cols]);
}

describe('activationStats', () => {
  const x = unitGaussian(200, 100);

  it('shows small-random init collapsing activations to zero layer after layer (slides: std 0.21 → 0.000000)', () => {
    const stats = activationStats(deepTanh((w) => normal_(w, { std: 0.01 })), x).filter((s) => s.layer.startsWith('tanh'));
    expect(stats).toHaveLength(10);
    expect(stats[0].std).toBeGreaterThan(0.05);
    expect(stats[0].std).toBeLessThan(0.2);
    for (let i = 1; i < 10; i++) expect(stats[i].std).toBeLessThan(stats[i - 1].std * 0.2);
    expect(stats[9].std).toBeLessThan(1e-6);
  });

  it('shows Xavier init keeping tanh activations in a healthy range (slides: 0.63 → 0.23)', () => {
    const stats = activationStats(deepTanh((w) => xavierNormal_(w)), x).filter((s) => s.layer.startsWith('tanh'));
    expect(stats[0].std).toBeGreaterThan(0.5);
    expect(stats[9].std).toBeGreaterThan(0.15);
    expect(stats[9].std).toBeLessThan(stats[0].std);
    expect(Math.abs(stats[9].mean)).toBeLessThan(0.05);
  });

  it('shows unit-std init saturating tanh (std near 1)', () => {
    const stats = activationStats(deepTanh((w) => normal_(w, { std: 1 })), x).filter((s) => s.layer.startsWith('tanh'));
    for (const s of stats) expect(s.std).toBeGreaterThan(0.9);
  });

  it('names each child, restores forward afterwards and formats a table', () => {
    const model = mlp();
    const input = blobs(10).x();
    const before = model.forward(input).data.slice();
    const stats = activationStats(model, input);
    expect(stats.map((s) => s.name)).toEqual(['0', '1', '2']);
    expect(stats[0].layer).toMatch(/^Linear/);
    expect(stats[1].zeroFraction).toBeGreaterThan(0);
    expect(stats[2].shape).toEqual([10, 3]);
    expect(Object.hasOwn(model.at(0), 'forward')).toBe(false);
    expect(Array.from(model.forward(input).data)).toEqual(Array.from(before));
    expect(formatStatsTable(stats).split('\n')[0]).toMatch(/^0 Linear.* mean +-?\d\.\d{6} +std +\d\.\d{6}$/);
  });

  it('refuses a model without namedChildren', () => {
    const bare = { forward: (t: Tensor) => t, parameters: () => [], train: () => {}, eval: () => {} };
    expect(() => activationStats(bare, unitGaussian(2, 2))).toThrow(MlpkitError);
  });

  it('refuses an unknown option', () => {
    expect(() => activationStats(mlp(), new Tensor(new Float32Array(2), [1, 2]), { bin: 5 } as object)).toThrow("activationStats: unknown option 'bin'");
  });
});

describe('gradientStats', () => {
  it('reports every parameter gradient after backward, with grad/param norm ratios', () => {
    const model = mlp();
    const ds = blobs(30);
    crossEntropy(model.forward(ds.x()), ds.y()).backward();
    const stats = gradientStats(model);
    expect(stats.map((s) => s.name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    const w = model.parameters()[0];
    const g = w.grad as Tensor;
    const norm = Math.sqrt(Array.from(g.data).reduce((a, v) => a + v * v, 0));
    expect(stats[0].norm).toBeCloseTo(norm, 5);
    expect(stats[0].gradToParam).toBeGreaterThan(0);
    // The output bias gradient of softmax cross-entropy sums to zero over classes.
    expect(stats[3].mean).toBeCloseTo(0, 6);
  });

  it('is empty before any backward', () => {
    expect(gradientStats(mlp())).toEqual([]);
  });
});
