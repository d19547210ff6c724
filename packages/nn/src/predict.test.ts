import { relu } from '@mlpkit/activations';
import { Tensor, add, manualSeed, randn, slice } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Dropout } from './dropout.js';
import { Linear } from './linear.js';
import { predict } from './predict.js';
import { Sequential } from './sequential.js';

describe('predict', () => {
  manualSeed(3);
  const model = new Sequential(new Linear(5, 8), relu, new Dropout(0.5), new Linear(8, 3));
  const x = randn([10, 5]);

  it('runs in eval mode without gradients, in batches, and restores the mode', () => {
    model.train();
    const whole = predict(model, x, { batchSize: 100 });
    const batched = predict(model, x, { batchSize: 3 });
    expect(batched.shape).toEqual([10, 3]);
    expect(whole.requiresGrad).toBe(false);
    expect(Array.from(batched.data)).toEqual(Array.from(whole.data));
    expect(Array.from(whole.data)).toEqual(Array.from(model.eval().forward(x).data)); // Dropout was off
    model.train();
    predict(model, x);
    expect(model.training).toBe(true);
  });

  it('applies a scaler to each batch first', () => {
    const shift = { transform: (t: Tensor) => add(t, 1) };
    const out = predict(model, x, { batchSize: 4, scaler: shift });
    expect(Array.from(out.data)).toEqual(Array.from(predict(model, add(x, 1)).data));
    expect(Array.from(slice(out, [[8, 10]]).data)).toEqual(Array.from(predict(model, add(slice(x, [[8, 10]]), 1)).data));
  });

  it('refuses a bad batch size, an unknown option and an empty input', () => {
    expect(() => predict(model, x, { batchSize: 0 })).toThrow(/predict: batchSize must be a positive integer, got 0/);
    expect(() => predict(model, x, { batch: 2 } as never)).toThrow("predict: unknown option 'batch' (expected 'batchSize', 'scaler')");
    expect(() => predict(model, randn([0, 5]))).toThrow(/at least one sample/);
  });
});
