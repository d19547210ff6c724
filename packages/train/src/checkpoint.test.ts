import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { describe, expect, it } from 'vitest';
import { Checkpoint, type CheckpointRecord } from './checkpoint.js';
import { fit } from './fit.js';
import { loaders, mlp } from './toy.test-helper.js';

describe('Checkpoint', () => {
  it('saves when the monitored value improves, with metadata', async () => {
    const model = mlp();
    const { train } = loaders();
    const saved: CheckpointRecord[] = [];
    const values = [0.5, 0.7, 0.6, 0.8];
    const ckpt = new Checkpoint({ monitor: 'valAccuracy', metadata: { note: 'x' }, save: (r) => { saved.push(r); } });
    await fit(model, {
      train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 4,
      callbacks: [{ onEpochEnd: (e, logs) => { logs.valAccuracy = values[e]; } }, ckpt],
    });
    expect(ckpt.savedEpochs).toEqual([0, 1, 3]);
    expect(saved[2].metadata).toEqual({ note: 'x', epoch: '3', valAccuracy: '0.8' });
    expect(Object.keys(saved[0].state)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
  });

  it('saves every epoch with saveBestOnly false', async () => {
    const model = mlp();
    const { train } = loaders();
    const ckpt = new Checkpoint({ saveBestOnly: false, save: () => {} });
    await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 3, callbacks: [ckpt] });
    expect(ckpt.savedEpochs).toEqual([0, 1, 2]);
  });

  it('never saves weights holding NaN and stops training instead', async () => {
    const model = mlp();
    const { train } = loaders();
    let saves = 0;
    const poison = { onEpochEnd: (e: number) => { if (e === 1) model.parameters()[0].data[0] = Number.NaN; } };
    const ckpt = new Checkpoint({ saveBestOnly: false, save: () => { saves++; } });
    const history = await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 4, callbacks: [poison, ckpt] })
      .catch((e: { history: unknown }) => e.history as never);
    expect(saves).toBe(1);
    expect((history as { stopped: { message: string } }).stopped.message).toMatch(/^Checkpoint: 0.weight holds NaN/);
  });

  it('refuses a missing save function', () => {
    expect(() => new Checkpoint({} as never)).toThrow(/^Checkpoint: save: expected a function/);
  });

  it('refuses an unknown option', () => {
    expect(() => new Checkpoint({ save: () => {}, monitr: 'valLoss' } as never)).toThrow("Checkpoint: unknown option 'monitr'");
  });

  it('loads a long list of saved epochs without spreading it onto the stack, and refuses one out of order before changing anything', () => {
    const checkpoint = new Checkpoint({ save: () => {} });
    const state = { monitor: 'valLoss', mode: 'min', best: 0.5, bestEpoch: 2, savedEpochs: Array.from({ length: 300_000 }, (_, i) => i) };
    checkpoint.loadStateDict(state);
    expect(checkpoint.savedEpochs).toHaveLength(300_000);
    const fresh = new Checkpoint({ save: () => {} });
    expect(() => fresh.loadStateDict({ ...state, savedEpochs: [0, 2, 2] }))
      .toThrow('Checkpoint.loadStateDict: savedEpochs[2]: expected an epoch after 2 (saved epochs only increase), got 2');
    expect(fresh.stateDict()).toEqual(new Checkpoint({ save: () => {} }).stateDict());
  });
});
