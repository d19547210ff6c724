import { DataLoader, makeBlobs } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { Adam } from '@mlpkit/optimizers';
import { MlpkitError, Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import type { Callback } from './callback.js';
import { Checkpoint } from './checkpoint.js';
import { EarlyStopping } from './early-stopping.js';
import { fit } from './fit.js';
import { mlp } from './toy.test-helper.js';
import { decodeTrainingState, encodeTrainingState } from './training-state.js';

// Overlapping blobs: the validation loss improves for five epochs, then stops improving.
const centers = [[-3, -3], [0, 3], [3, -3]];
const trainSet = makeBlobs({ nSamples: 150, centers, clusterStd: 2.5, seed: 0 });
const valSet = makeBlobs({ nSamples: 60, centers, clusterStd: 2.5, seed: 1 });

/** A run with a best-only Checkpoint and an EarlyStopping restoring the best weights; `saved` lists the epochs Checkpoint saved. */
function setup() {
  const model = mlp(0);
  const saved: number[] = [];
  const callbacks: Callback[] = [
    { onEpochEnd: () => {} }, // callbacks without state take no key
    new Checkpoint({ save: ({ epoch }) => { saved.push(epoch); } }),
    new EarlyStopping({ patience: 3, restoreBestWeights: true }),
  ];
  const options = {
    train: new DataLoader(trainSet, { batchSize: 16, shuffle: true, seed: 0 }), val: new DataLoader(valSet, { batchSize: 30 }),
    loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.05 }), epochs: 30, callbacks,
  };
  return { model, saved, options };
}

const weights = (model: ReturnType<typeof mlp>) => Object.entries(model.stateDict()).map(([k, t]) => [k, Array.from(t.data)]);

describe('fit: callbacks with state in training checkpoints', () => {
  const checkpoints: Uint8Array[] = [];
  const whole = setup();
  const uninterrupted = fit(whole.model, { ...whole.options, checkpoint: { save: (bytes) => { checkpoints.push(bytes); } } });

  it('resumes Checkpoint and EarlyStopping where they were: same records, same stop, the best model kept', async () => {
    const history = await uninterrupted;
    expect(history.best('valLoss')?.epoch).toBe(4);
    expect(history.stopped).toMatchObject({ reason: 'earlyStopping', epoch: 7 });
    expect(whole.saved).toEqual([0, 1, 2, 3, 4]);
    // After epoch 6: two epochs without improvement, the best weights those of epoch 5 (1-based).
    const resumed = setup();
    const again = await fit(resumed.model, { ...resumed.options, resumeFrom: checkpoints[5] });
    expect(again.records).toEqual(history.records);
    expect(again.stopped).toEqual(history.stopped);
    expect(resumed.saved).toEqual([]); // nothing beat epoch 5's valLoss, so nothing overwrote it
    expect(weights(resumed.model)).toEqual(weights(whole.model)); // EarlyStopping put epoch 5's weights back
  });

  it('resumes a run that stopped at its last checkpoint as stopped', async () => {
    const history = await uninterrupted;
    const resumed = setup();
    const again = await fit(resumed.model, { ...resumed.options, resumeFrom: checkpoints.at(-1) });
    expect(again.records).toEqual(history.records);
    expect(again.stopped).toEqual(history.stopped);
    expect(weights(resumed.model)).toEqual(weights(whole.model));
  });

  it('refuses a checkpoint written with other callbacks with state, and a callback with half the pair', async () => {
    await uninterrupted;
    const resumed = setup();
    const callbacks = resumed.options.callbacks.slice(0, 2);
    await expect(fit(resumed.model, { ...resumed.options, callbacks, resumeFrom: checkpoints[2] }))
      .rejects.toThrow("fit: resumeFrom: callbacks: the checkpoint holds the state of Checkpoint#0, EarlyStopping#0, this run's callbacks with state are Checkpoint#0");
    const half: Callback = { stateDict: () => ({}) };
    await expect(fit(resumed.model, { ...resumed.options, callbacks: [half], checkpoint: { save() {} } }))
      .rejects.toThrow('fit: callbacks[0]: expected both stateDict() and loadStateDict() or neither, got only stateDict()');
  });

  const hostile: [string, (s: ReturnType<typeof decodeTrainingState>) => void, string | RegExp][] = [
    ['another monitored key', (s) => (s.callbacks!['Checkpoint#0'].monitor = 'valAccuracy'), 'Checkpoint.loadStateDict: monitor: expected "valLoss" (what this callback watches), got "valAccuracy"'],
    ['a negative wait', (s) => (s.callbacks!['EarlyStopping#0'].wait = -1), 'EarlyStopping.loadStateDict: wait: expected an integer ≥ 0, got -1'],
    ['an infinite best after a best epoch', (s) => (s.callbacks!['EarlyStopping#0'].best = Infinity), 'EarlyStopping.loadStateDict: best: expected a finite number, got Infinity'],
    ['best weights of another shape', (s) => ((s.callbacks!['EarlyStopping#0'].bestWeights as Record<string, Tensor>)['0.bias'] = new Tensor(new Float32Array(3), [3])),
      'EarlyStopping.loadStateDict: bestWeights["0.bias"]: expected a float32 tensor of shape [16], got "float32 [3]"'],
    ['best weights missing', (s) => (s.callbacks!['EarlyStopping#0'].bestWeights = null), "EarlyStopping.loadStateDict: bestWeights: expected the best epoch's weights (restoreBestWeights is true), got null"],
    ['a key fit does not make', (s) => (s.callbacks!['Checkpoint'] = s.callbacks!['Checkpoint#0']), 'fit: resumeFrom: callbacks: expected keys such as "EarlyStopping#0", got "Checkpoint"'],
  ];
  for (const [what, edit, message] of hostile)
    it(`refuses a callback state with ${what}, leaving the model as it was`, async () => {
      await uninterrupted;
      const state = decodeTrainingState(checkpoints[5]);
      edit(state);
      const resumed = setup();
      const before = weights(resumed.model);
      const error = await fit(resumed.model, { ...resumed.options, resumeFrom: encodeTrainingState(state) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MlpkitError);
      expect((error as Error).message).toBe(message);
      expect(weights(resumed.model)).toEqual(before);
    });

  it('refuses an unknown field in a callback state, or a tensor placeholder without its tensor', async () => {
    await uninterrupted;
    const resume = async (edit: (s: ReturnType<typeof decodeTrainingState>) => void) => {
      const state = decodeTrainingState(checkpoints[5]);
      edit(state);
      const resumed = setup();
      return fit(resumed.model, { ...resumed.options, resumeFrom: encodeTrainingState(state) });
    };
    await expect(resume((s) => (s.callbacks!['Checkpoint#0'].note = new Tensor(new Float32Array(1), [1]))))
      .rejects.toThrow('Checkpoint.loadStateDict: note: unknown field; known: monitor, mode, best, bestEpoch, savedEpochs');
    await expect(resume((s) => (s.callbacks!['Checkpoint#0'].savedEpochs = { $tensor: 99 })))
      .rejects.toThrow('fit: resumeFrom: callbacks["Checkpoint#0"].savedEpochs.$tensor: expected the number of a tensor stored in the file, each used once, got 99');
  });
});
