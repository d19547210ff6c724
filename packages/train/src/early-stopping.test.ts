import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import type { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import type { Callback } from './callback.js';
import { EarlyStopping } from './early-stopping.js';
import { fit } from './fit.js';
import { snapshotState } from './snapshot.js';
import { loaders, mlp } from './toy.test-helper.js';

/** A callback that overwrites `valScore` with a scripted value per epoch and snapshots the weights. */
function scripted(values: number[], model: ReturnType<typeof mlp>, snapshots: Record<string, Tensor>[]): Callback {
  return {
    onEpochEnd: (epoch, logs) => {
      logs.valScore = values[epoch];
      snapshots.push(snapshotState(model));
    },
  };
}

async function run(values: number[], options: ConstructorParameters<typeof EarlyStopping>[0]) {
  const model = mlp();
  const { train } = loaders();
  const snapshots: Record<string, Tensor>[] = [];
  const es = new EarlyStopping({ monitor: 'valScore', mode: 'min', ...options });
  const history = await fit(model, {
    train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: values.length,
    callbacks: [scripted(values, model, snapshots), es],
  });
  return { model, history, snapshots, es };
}

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement (min mode)', async () => {
    const { history, es } = await run([1, 0.5, 0.6, 0.7, 0.4, 0.3], { patience: 2, mode: 'min' });
    expect(history.length).toBe(4);
    expect(history.stopped).toMatchObject({ reason: 'earlyStopping', epoch: 3 });
    expect(es.best).toEqual({ value: 0.5, epoch: 1 });
  });

  it('uses max mode for accuracy-like names and respects minDelta', async () => {
    const model = mlp();
    const { train } = loaders();
    const es = new EarlyStopping({ monitor: 'valAccuracy', patience: 0, minDelta: 0.05 });
    const values = [0.5, 0.52, 0.9];
    const history = await fit(model, {
      train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 3,
      callbacks: [{ onEpochEnd: (e, logs) => { logs.valAccuracy = values[e]; } }, es],
    });
    // 0.52 is not 0.05 better than 0.5: stop at epoch 2 (index 1).
    expect(history.length).toBe(2);
    expect(es.best.value).toBe(0.5);
  });

  it('restores the best epoch weights when asked', async () => {
    const { model, snapshots } = await run([3, 1, 2, 2.5], { patience: 1, restoreBestWeights: true });
    const state = model.stateDict();
    for (const [k, t] of Object.entries(snapshots[1])) expect(Array.from(state[k].data)).toEqual(Array.from(t.data));
    expect(Array.from(state['0.weight'].data)).not.toEqual(Array.from(snapshots[2]['0.weight'].data));
  });

  it('keeps the last weights without restoreBestWeights', async () => {
    const { model, snapshots } = await run([3, 1, 2, 2.5], { patience: 1 });
    expect(Array.from(model.stateDict()['0.weight'].data)).toEqual(Array.from(snapshots[2]['0.weight'].data));
  });

  it('names a missing monitor key and refuses bad options', async () => {
    const model = mlp();
    const { train } = loaders();
    await expect(fit(model, {
      train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1, callbacks: [new EarlyStopping()],
    })).rejects.toThrow(/^EarlyStopping: monitor "valLoss" is not in the epoch logs \(they have: epoch, loss, lr\)/);
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/^EarlyStopping: patience must be an integer >= 0, got -1/);
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(/^monitor: mode must be/);
  });

  it('refuses an unknown option', () => {
    expect(() => new EarlyStopping({ patients: 2 } as object)).toThrow("EarlyStopping: unknown option 'patients'");
  });
});

describe('EarlyStopping options', () => {
  it("refuses a restoreBestWeights that is not true or false ('no' restored them)", () => {
    expect(() => new EarlyStopping({ restoreBestWeights: 'no' as never })).toThrow('EarlyStopping: expected restoreBestWeights to be true or false, got the string "no"');
    expect(new EarlyStopping({ restoreBestWeights: true }).restoreBestWeights).toBe(true);
  });
});

