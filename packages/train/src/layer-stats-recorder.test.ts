import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { fit } from './fit.js';
import { LayerStatsRecorder } from './layer-stats-recorder.js';
import { loaders, mlp } from './toy.test-helper.js';

/** A tiny run with a recorder; `saved` collects its training checkpoints, one per epoch. */
function run(options: { maxRecords?: number } = {}) {
  const model = mlp(0, 8);
  const { train } = loaders();
  const recorder = new LayerStatsRecorder({ probe: [...loaders().val][0].x, bins: 8, ...options });
  const saved: Uint8Array[] = [];
  const fitOptions = { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 }), callbacks: [recorder] };
  return { model, recorder, saved, fitOptions, checkpoint: { save: (bytes: Uint8Array) => { saved.push(bytes); } } };
}

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

  it('records the same after a resume as without the interruption', async () => {
    const whole = run();
    await fit(whole.model, { ...whole.fitOptions, epochs: 4, checkpoint: whole.checkpoint });
    expect(whole.recorder.records.map((r) => r.epoch)).toEqual([-1, 0, 1, 2, 3]);
    // A new process after two epochs: a recorder of its own, the records of the first two epochs from the checkpoint.
    const resumed = run();
    await fit(resumed.model, { ...resumed.fitOptions, epochs: 4, resumeFrom: whole.saved[1] });
    expect(resumed.recorder.records).toEqual(whole.recorder.records);
  });

  it('keeps at most maxRecords records, every other one going when one more comes, and resumes so too', async () => {
    const whole = run({ maxRecords: 2 });
    await fit(whole.model, { ...whole.fitOptions, epochs: 6, checkpoint: whole.checkpoint });
    // Epochs 0 and 1; at 2, every 2nd epoch: 1 is kept; at 3, every 4th: 3 is kept, and epoch 5 is no 4th.
    expect(whole.recorder.records.map((r) => r.epoch)).toEqual([-1, 3]);
    for (const k of [2, 4]) {
      const resumed = run({ maxRecords: 2 });
      await fit(resumed.model, { ...resumed.fitOptions, epochs: 6, resumeFrom: whole.saved[k - 1] });
      expect(resumed.recorder.records, `resumed after ${k} epochs`).toEqual(whole.recorder.records);
    }
  });

  it('starts its records anew in a new run', async () => {
    const again = run();
    await fit(again.model, { ...again.fitOptions, epochs: 1 });
    await fit(again.model, { ...again.fitOptions, epochs: 2 });
    expect(again.recorder.records.map((r) => r.epoch)).toEqual([-1, 0, 1]);
  });

  it('refuses a missing probe batch', () => {
    expect(() => new LayerStatsRecorder({} as { probe: Tensor })).toThrow(/^LayerStatsRecorder: probe: expected a Tensor/);
  });

  it('refuses an unknown option', () => {
    const probe = new Tensor(new Float32Array(2), [1, 2]);
    expect(() => new LayerStatsRecorder({ probe, bin: 5 } as never)).toThrow("LayerStatsRecorder: unknown option 'bin'");
    expect(() => new LayerStatsRecorder({ probe, maxRecords: 0 })).toThrow('LayerStatsRecorder: maxRecords: expected an integer ≥ 1, got 0');
  });
});
