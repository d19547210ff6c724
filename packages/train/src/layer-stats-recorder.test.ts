import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { LayerStatsRecorder } from './layer-stats-recorder.js';
import { loaders, mlp } from './toy.test-helper.js';

describe('LayerStatsRecorder', () => {
  it('records layers, gradient norms and update ratios once per epoch, plus the untrained model', async () => {
    const model = mlp();
    const { train } = loaders();
    const probe = [...train][0].x;
    const recorder = new LayerStatsRecorder({ probe, bins: 10 });
    const lr = 0.05;
    await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr }), epochs: 3, callbacks: [recorder] });
    expect(recorder.records.map((r) => r.epoch)).toEqual([-1, 0, 1, 2]);
    const last = recorder.records[3];
    expect(last.layers.map((l) => l.kind)).toEqual(['other', 'relu', 'other']);
    expect(last.layers[1].histogram.counts).toHaveLength(10);
    expect(last.gradients.map((g) => g.name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    // Plain SGD moves each weight by lr·grad, so the recorded ratio is lr·‖grad‖/‖θ‖ of that step, up to the step's own change of ‖θ‖.
    const g = last.gradients[0];
    expect(last.updateRatios['0.weight']).toBeCloseTo(lr * g.gradToParam, 2);
    expect(last.updateRatios['0.weight']).toBeGreaterThan(0);
    expect(recorder.records[0].gradients).toEqual([]);
  });

  it('refuses a missing probe batch', () => {
    expect(() => new LayerStatsRecorder({} as { probe: Tensor })).toThrow(/^LayerStatsRecorder: probe: expected a Tensor/);
  });

  it('refuses an unknown option', () => {
    const probe = new Tensor(new Float32Array(2), [1, 2]);
    expect(() => new LayerStatsRecorder({ probe, bin: 5 } as never)).toThrow("LayerStatsRecorder: unknown option 'bin'");
  });
});
