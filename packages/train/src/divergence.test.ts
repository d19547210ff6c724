import { crossEntropy } from '@mlpkit/losses';
import { DataLoader, makeBlobs } from '@mlpkit/datasets';
import { Linear } from '@mlpkit/nn';
import { SGD } from '@mlpkit/optimizers';
import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { DivergenceGuard, TrainingDivergedError } from './divergence.js';
import { fit } from './fit.js';
import { mlp } from './toy.test-helper.js';

/** Feeds `losses` to a fresh guard; the index of the batch that stopped it, or -1. */
function firstStop(losses: readonly number[], guard = new DivergenceGuard()): number {
  return losses.findIndex((loss, i) => guard.check(loss, 0, i) !== null);
}

describe('DivergenceGuard', () => {
  it('restores a long list of warm-up losses (from a loaded checkpoint) without spreading it onto the stack', () => {
    const guard = new DivergenceGuard();
    const warmupLosses = Array.from({ length: 300_000 }, () => 1);
    guard.setState({ initialLoss: 1, reference: null, smoothed: 1, warmupLosses });
    expect(guard.getState().warmupLosses).toHaveLength(300_000);
  });

  it('ignores the batch noise of a fine-tuning run whose first loss is tiny', () => {
    // The probe's case: a first batch of 0.060, later batches up to 0.207 (3.4× it) on noise.
    const losses = [0.06, 0.02, 0.11, 0.05, 0.207, 0.03, 0.09, 0.04, 0.15, 0.07, 0.01, 0.207, 0.19, 0.05, 0.02, 0.12];
    expect(firstStop(losses)).toBe(-1);
  });

  it('stops a real explosion at the batch it happens, with the slides\' rule', () => {
    const steady = Array.from({ length: 20 }, (_, i) => 2.3 - 0.02 * i);
    const guard = new DivergenceGuard();
    expect(firstStop([...steady, 900], guard)).toBe(20);
    expect(firstStop([...steady, 40, 40, 40])).toBe(21); // 18× the start: the second such batch lifts the average past 3×
    const stop = new DivergenceGuard();
    for (const [i, v] of steady.entries()) stop.check(v, 0, i);
    expect(stop.check(40, 1, 4)).toBeNull();
    expect(stop.check(40, 1, 5)?.message).toMatch(/^loss \d+\.\d+ \(smoothed; this batch 40\.00\) at epoch 2, batch 6 is more than 3× the initial loss 2\.\d+ \(of the first 10 batches\).*if the cost is ever > 3 × original cost, break out early/);
    // A slow climb to 3× the start is caught too, a few batches after the smoothed loss passes it.
    const climb = [...steady, ...Array.from({ length: 60 }, (_, i) => 2 + 0.15 * i)];
    const at = firstStop(climb);
    expect(at).toBeGreaterThan(20);
    expect(climb[at]).toBeGreaterThan(3 * 2.2);
  });

  it('stops an explosion inside the warm-up at once, and not warm-up noise', () => {
    expect(firstStop([2.3, 2.2, 900, 2.1])).toBe(2);
    expect(new DivergenceGuard().check(2.3, 0, 0)).toBeNull();
    const guard = new DivergenceGuard();
    guard.check(2.3, 0, 0);
    expect(guard.check(900, 0, 1)?.message).toMatch(/^loss 900\.0 at epoch 1, batch 2 is more than 3× the initial loss 2\.300 \(of the first 1 batches\)/);
    expect(firstStop([0.06, 0.9, 0.02, 1.5, 0.04])).toBe(-1); // 25× the first batch: noise, not 30×
  });

  it('stops a NaN or infinite loss at once, even in the warm-up', () => {
    expect(firstStop([2.3, Number.NaN])).toBe(1);
    expect(firstStop([Number.POSITIVE_INFINITY])).toBe(0);
    expect(new DivergenceGuard(Infinity).check(Number.NaN, 0, 0)?.message).toMatch(/^loss became NaN at epoch 1, batch 1; .*learning rate is too high/);
  });

  it('blames NaN inputs, not the learning rate, with their position', () => {
    const x = new Tensor(Float32Array.from([0, 1, 2, Number.NaN]), [2, 2]);
    const y = new Tensor(Int32Array.from([0, 1]), [2]);
    const message = new DivergenceGuard().check(Number.NaN, 0, 2, { x, y })?.message;
    expect(message).toMatch(/^loss became NaN at epoch 1, batch 3 because the batch's inputs hold NaN at example 1, feature 1; .*not the learning rate/);
  });

  it('refuses a bad warm-up or smoothing', () => {
    expect(() => new DivergenceGuard(3, { warmup: 0 })).toThrow('fit: divergence warmup must be an integer >= 1, got 0');
    expect(() => new DivergenceGuard(3, { smoothing: 2 })).toThrow('fit: divergence smoothing must be in (0, 1], got 2');
  });

  it('refuses an unknown option', () => {
    expect(() => new DivergenceGuard(3, { warmUp: 5 } as object)).toThrow("DivergenceGuard: unknown option 'warmUp'");
  });
});

describe('fit with the divergence guard', () => {
  // Overlapping blobs: a trained model still misclassifies a few points, so batch losses are
  // small and noisy, as when fine-tuning a real model.
  const data = makeBlobs({ nSamples: 240, centers: [[-1, -1], [0, 1], [1, -1]], clusterStd: 0.7, seed: 5 });

  it('never stops fine-tuning a trained model at lr 1e-4, over several shuffles', async () => {
    const model = mlp(1);
    await fit(model, { train: new DataLoader(data, { batchSize: 16, shuffle: true, seed: 1 }), loss: crossEntropy,
      optimizer: new SGD(model.parameters(), { lr: 0.2, momentum: 0.9 }), epochs: 15, divergenceFactor: false });
    for (let seed = 0; seed < 6; seed++) {
      const train = new DataLoader(data, { batchSize: 8, shuffle: true, seed });
      const history = await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 1e-4 }), epochs: 2 });
      expect(history.stopped).toBeNull();
    }
  });

  it('stops a run that explodes, and traces a NaN to the data', async () => {
    const model = mlp(2);
    const train = new DataLoader(data, { batchSize: 16, shuffle: true, seed: 0 });
    const error = await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 80 }), epochs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    const linear = new Linear(2, 3);
    const nanBatch = { x: new Tensor(Float32Array.from([0, 1, Number.NaN, 0]), [2, 2]), y: new Tensor(Int32Array.from([0, 2]), [2]) };
    const nan = await fit(linear, { train: [nanBatch], loss: crossEntropy, optimizer: new SGD(linear.parameters(), { lr: 0.1 }), epochs: 1 })
      .catch((e: Error) => e);
    expect((nan as Error).message).toContain("the batch's inputs hold NaN at example 1, feature 0");
  });
});
