import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { loaders, mlp } from './toy.test-helper.js';
import { UpdateRatioMonitor } from './update-ratio.js';

async function meanRatio(lr: number): Promise<Record<string, number>> {
  const model = mlp();
  const { train } = loaders();
  const monitor = new UpdateRatioMonitor({ every: 3 });
  await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr }), epochs: 2, callbacks: [monitor], divergenceFactor: false });
  expect(monitor.history.length).toBe(6);
  return monitor.meanRatios();
}

describe('UpdateRatioMonitor', () => {
  it('measures one SGD step: the ratio scales with the learning rate', async () => {
    const small = await meanRatio(0.001);
    const big = await meanRatio(0.01);
    expect(Object.keys(small)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(small['0.weight']).toBeGreaterThan(0);
    // Trajectories differ a little, so the 10× lr gives roughly (not exactly) 10× the ratio.
    expect(big['0.weight'] / small['0.weight']).toBeGreaterThan(5);
    expect(big['0.weight'] / small['0.weight']).toBeLessThan(20);
  });

  it('refuses a bad interval', () => {
    expect(() => new UpdateRatioMonitor({ every: 0 })).toThrow(/^UpdateRatioMonitor: every must be an integer >= 1, got 0/);
  });

  it('refuses an unknown option', () => {
    expect(() => new UpdateRatioMonitor({ interval: 5 } as object)).toThrow("UpdateRatioMonitor: unknown option 'interval'");
  });
});
