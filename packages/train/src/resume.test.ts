import { relu } from '@mlpkit/activations';
import { crossEntropy } from '@mlpkit/losses';
import { Dropout, Linear, Sequential, loadSafetensors, saveSafetensors } from '@mlpkit/nn';
import { BatchNorm1d } from '@mlpkit/normalization';
import { Adam, StepLR } from '@mlpkit/optimizers';
import { MlpkitError, manualSeed } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import type { Callback } from './callback.js';
import { fit } from './fit.js';
import { loaders } from './toy.test-helper.js';
import { EarlyStopping } from './early-stopping.js';
import { TRAINING_METADATA_KEY, decodeTrainingState, encodeTrainingState } from './training-state.js';

/** A run's pieces, built from `seed` (the model's initial weights; resuming must not depend on them). */
function setup(seed: number) {
  manualSeed(seed);
  const model = new Sequential(new Linear(2, 16), new BatchNorm1d(16), relu, new Dropout(0.3), new Linear(16, 3));
  const optimizer = new Adam(model.parameters(), { lr: 0.02 });
  const scheduler = new StepLR(optimizer, { stepSize: 1, gamma: 0.7 });
  const batchLosses: number[] = [];
  const recorder: Callback = { onBatchEnd: (_b, logs) => { batchLosses.push(logs.loss); } };
  const { train, val } = loaders(1);
  return { model, batchLosses, recorder, parts: { optimizer, scheduler, train, val }, optimizer, scheduler, train, val };
}

class Killed extends Error {}

describe('fit: checkpoints and resume', () => {
  it('continues a run killed mid-epoch with the same losses, bit for bit, numbering epochs on', async () => {
    const whole = setup(0);
    const saved: Uint8Array[] = [];
    const common = { loss: crossEntropy, epochs: 4, metrics: ['accuracy', 'f1'] as const, divergenceFactor: 50 };
    const uninterrupted = await fit(whole.model, { ...whole.parts, ...common, callbacks: [whole.recorder], checkpoint: { save: (b) => { saved.push(b); } } });
    expect(saved).toHaveLength(4);

    // The same run, killed in the middle of its third epoch: only two checkpoints were written.
    const killed = setup(0);
    const kept: Uint8Array[] = [];
    const kill: Callback = { onBatchEnd: (b, _logs, ctx) => { if (ctx.epoch === 2 && b === 4) throw new Killed(); } };
    await expect(fit(killed.model, { ...killed.parts, ...common, callbacks: [kill], checkpoint: { save: (b) => { kept.push(b); } } })).rejects.toThrow(Killed);
    expect(kept).toHaveLength(2);

    // A new process: other initial weights, fresh optimizer, scheduler and loaders, another global seed.
    const resumed = setup(7);
    manualSeed(12345);
    const history = await fit(resumed.model, { ...resumed.parts, ...common, callbacks: [resumed.recorder], resumeFrom: kept[1] });
    expect(history.records.map((r) => r.epoch)).toEqual([0, 1, 2, 3]);
    expect(history.records).toEqual(uninterrupted.records); // losses, accuracy, f1 and lr, exactly
    const perEpoch = whole.batchLosses.length / 4;
    expect(resumed.batchLosses).toEqual(whole.batchLosses.slice(2 * perEpoch));
    expect(history.initialLoss).toBe(uninterrupted.initialLoss);
    const a = whole.model.stateDict(), b = resumed.model.stateDict();
    for (const key of Object.keys(a)) expect(Array.from(b[key].data), key).toEqual(Array.from(a[key].data));
  });

  it('writes no checkpoint for an epoch a stop cut short, so resuming trains that epoch whole', async () => {
    const common = { loss: crossEntropy, epochs: 4, divergenceFactor: 50 };
    const whole = setup(0);
    const uninterrupted = await fit(whole.model, { ...whole.parts, ...common, callbacks: [whole.recorder] });
    const perEpoch = whole.batchLosses.length / 4;

    const stopped = setup(0);
    const saved: number[] = [];
    const kept: Uint8Array[] = [];
    const budget: Callback = { onBatchEnd: (b, _logs, ctx) => { if (ctx.epoch === 1 && b === 2) ctx.stop('timeBudget', 'out of time'); } };
    const history = await fit(stopped.model, { ...stopped.parts, ...common, callbacks: [budget], checkpoint: { save: (bytes, epoch) => { saved.push(epoch); kept.push(bytes); } } });
    expect(saved).toEqual([0]);
    expect(history.stopped).toEqual({ reason: 'timeBudget', message: 'out of time', epoch: 1, batchesDone: 3 });
    expect(history.records.map((r) => r.epoch)).toEqual([0, 1]); // the cut epoch is logged, marked by batchesDone
    expect(stopped.optimizer.paramGroups[0].lr).toBe(history.records[1].lr); // and the scheduler did not step for it

    const resumed = setup(7);
    const again = await fit(resumed.model, { ...resumed.parts, ...common, callbacks: [resumed.recorder], resumeFrom: kept[0] });
    expect(resumed.batchLosses).toEqual(whole.batchLosses.slice(perEpoch));
    expect(again.records).toEqual(uninterrupted.records);
  });

  it('counts a stop at the last batch as a finished epoch, with or without the loader\'s length', async () => {
    for (const withLength of [true, false]) {
      const run = setup(0);
      const train = withLength ? run.train : { [Symbol.iterator]: () => run.train[Symbol.iterator]() };
      const last = run.train.length - 1;
      const saved: number[] = [];
      const stopAt = (epoch: number, batch: number): Callback => ({ onBatchEnd: (b, _logs, ctx) => { if (ctx.epoch === epoch && b === batch) ctx.stop('custom', 'now'); } });
      const history = await fit(run.model, { ...run.parts, train, loss: crossEntropy, epochs: 3, callbacks: [stopAt(1, last)], checkpoint: { save: (_b, epoch) => { saved.push(epoch); } } });
      expect(saved, `withLength ${withLength}`).toEqual([0, 1]);
      expect(history.stopped?.batchesDone).toBeUndefined();
    }
  });

  it('goes on after a stop at an epoch\'s end that was not early stopping (a time budget): that stop is why the run is resumed', async () => {
    const run = setup(0);
    const kept: Uint8Array[] = [];
    const budget: Callback = { onEpochEnd: (epoch, _logs, ctx) => { if (epoch === 1) ctx.stop('timeBudget', 'out of time'); } };
    const stopped = await fit(run.model, { ...run.parts, loss: crossEntropy, epochs: 4, callbacks: [budget], checkpoint: { save: (b) => { kept.push(b); } } });
    expect(stopped.records).toHaveLength(2);
    expect(decodeTrainingState(kept[1]).stopped).toMatchObject({ reason: 'timeBudget', epoch: 1 });
    const resumed = setup(1);
    const history = await fit(resumed.model, { ...resumed.parts, loss: crossEntropy, epochs: 4, resumeFrom: kept[1] });
    expect(history.records.map((r) => r.epoch)).toEqual([0, 1, 2, 3]);
    expect(history.stopped).toBeNull();
  });

  it('reads a version-1 checkpoint (written before callbacks kept state) as it was then: callbacks start afresh', async () => {
    const run = setup(0);
    const kept: Uint8Array[] = [];
    await fit(run.model, { ...run.parts, loss: crossEntropy, epochs: 1, checkpoint: { save: (b) => { kept.push(b); } } });
    // The same file as version 1 wrote it: no callbacks, no stop.
    const { tensors, metadata } = loadSafetensors(kept[0]);
    const json = JSON.parse(metadata[TRAINING_METADATA_KEY]) as Record<string, unknown>;
    delete json.callbacks;
    delete json.stopped;
    const v1 = saveSafetensors(tensors, { [TRAINING_METADATA_KEY]: JSON.stringify({ ...json, version: 1 }) });
    const resumed = setup(1);
    const history = await fit(resumed.model, { ...resumed.parts, loss: crossEntropy, epochs: 2, callbacks: [new EarlyStopping({ patience: 3 })], resumeFrom: v1 });
    expect(history.records.map((r) => r.epoch)).toEqual([0, 1]);
    const again = setup(1); // one setup: two would give the optimizer of another model instance, which fit refuses
    await expect(fit(again.model, { ...again.parts, loss: crossEntropy, epochs: 2, resumeFrom: saveSafetensors(tensors, { [TRAINING_METADATA_KEY]: JSON.stringify({ ...json, version: 3 }) }) }))
      .rejects.toThrow('fit: resumeFrom: version: this mlpkit reads versions 1 and 2, got 3');
  });

  it('writes no checkpoint for an epoch whose weights a callback found diverged, keeping the last good one', async () => {
    const run = setup(0);
    const saved: number[] = [];
    // At the end of epoch 1 the weights turn NaN, and Checkpoint (as its NaN check does) stops the run as diverged.
    const poison: Callback = { onEpochEnd: (epoch, _logs, ctx) => {
      if (epoch !== 1) return;
      run.model.parameters()[0].data.fill(Number.NaN);
      ctx.stop('diverged', 'weights hold NaN');
    } };
    await expect(fit(run.model, { ...run.parts, loss: crossEntropy, epochs: 3, callbacks: [poison], checkpoint: { save: (_b, epoch) => { saved.push(epoch); } } }))
      .rejects.toThrow('weights hold NaN');
    expect(saved).toEqual([0]);
  });

  it('carries the divergence guard reference over', async () => {
    const run = setup(0);
    const saved: Uint8Array[] = [];
    await fit(run.model, { ...run.parts, loss: crossEntropy, epochs: 1, checkpoint: { save: (b) => { saved.push(b); } } });
    const next = setup(0);
    // A carried reference far below the losses trips the guard at once; a fresh one would need 10 batches first.
    const state = decodeTrainingState(saved[0]);
    expect(state.divergence.reference).toBeGreaterThan(0);
    state.divergence.reference = 1e-3;
    await expect(fit(next.model, { ...next.parts, loss: crossEntropy, epochs: 2, resumeFrom: encodeTrainingState(state) }))
      .rejects.toThrow(/epoch 2, batch 1 is more than 3× the initial loss 0\.001000/);
  });

  it('refuses a checkpoint that is not one, or a hostile one, with the field', async () => {
    const run = setup(0);
    const saved: Uint8Array[] = [];
    await fit(run.model, { ...run.parts, loss: crossEntropy, epochs: 1, checkpoint: { save: (b) => { saved.push(b); } } });
    const state = decodeTrainingState(saved[0]);
    const again = () => setup(0);
    const tryResume = (bytes: Uint8Array, withScheduler = true) => {
      const r = again();
      return fit(r.model, { train: r.train, loss: crossEntropy, optimizer: r.optimizer, scheduler: withScheduler ? r.scheduler : undefined, epochs: 2, resumeFrom: bytes });
    };
    await expect(tryResume(saved[0], false)).rejects.toThrow(/written with a scheduler, this run has none/);
    const further = again();
    await expect(fit(further.model, { ...further.parts, loss: crossEntropy, epochs: 2, resumeFrom: encodeTrainingState({ ...state, epochsDone: 4 }) }))
      .rejects.toThrow('fit: resumeFrom: the checkpoint has 4 epochs done, more than epochs: 2 (the whole run\'s count, those done included)');
    expect(Array.from(further.model.stateDict()['0.weight'].data)).toEqual(Array.from(again().model.stateDict()['0.weight'].data)); // nothing loaded
    await expect(tryResume(encodeTrainingState({ ...state, epochsDone: -1 }))).rejects.toThrow(/resumeFrom: epochsDone: expected a non-negative integer/);
    await expect(tryResume(encodeTrainingState({ ...state, generator: { s: [1, 2, 3], spare: null } as never }))).rejects.toThrow(/generator: Generator\.setState: expected s to be 4 unsigned/);
    const withProto = encodeTrainingState({ ...state, scheduler: JSON.parse('{"__proto__": {"polluted": 1}}') });
    await expect(tryResume(withProto)).rejects.toThrow(/__proto__: this key is not allowed/);
    await expect(tryResume(new Uint8Array(8))).rejects.toThrow(MlpkitError);
    const model = again().model;
    await expect(fit(model, { train: again().train, loss: crossEntropy, optimizer: { step() {}, zeroGrad() {}, paramGroups: [{ lr: 1 }] }, epochs: 1, checkpoint: { save() {} } }))
      .rejects.toThrow(/the optimizer needs stateDict\(\) and loadStateDict\(\)/);
  });
});
