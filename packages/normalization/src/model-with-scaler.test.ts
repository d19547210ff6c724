import { Linear, Sequential, saveSafetensors } from '@mlpkit/nn';
import { manualSeed, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { BatchNorm1d } from './layers/batch-norm-1d.js';
import { loadWithScaler, predictWithScaler, saveWithScaler } from './model-with-scaler.js';
import { StandardScaler } from './scalers/standard-scaler.js';

const raw = tensor([[5.1, 140], [4.9, 300], [6.3, 120], [5.8, 510]]);

function model() {
  return new Sequential(new Linear(2, 3), new BatchNorm1d(3), new Linear(3, 2));
}

describe('saveWithScaler / loadWithScaler', () => {
  it('restores weights, buffers and the fitted scaler, so predict on raw data matches', () => {
    manualSeed(0);
    const trained = model();
    const scaler = new StandardScaler().fit(raw);
    trained.forward(scaler.transform(raw)); // one training batch moves the running statistics
    const bytes = saveWithScaler(trained, scaler, { epoch: '1' });

    manualSeed(99);
    const fresh = model();
    const restored = loadWithScaler(fresh, bytes);
    expect(Array.from(restored.transform(raw).data)).toEqual(Array.from(scaler.transform(raw).data));
    const want = predictWithScaler(trained, scaler, raw);
    expect(Array.from(predictWithScaler(fresh, restored, raw).data)).toEqual(Array.from(want.data));
    expect(trained.training).toBe(true); // predict restores the mode
    expect(want.requiresGrad).toBe(false);
  });

  it('refuses a file saved without a scaler', () => {
    const bytes = saveSafetensors(model().stateDict());
    expect(() => loadWithScaler(model(), bytes)).toThrow(/loadWithScaler: the file has no "mlpkit.scaler" metadata/);
  });
});
