import { Linear, Sequential, loadSafetensors, saveSafetensors } from '@mlpkit/nn';
import { SGD, StepLR } from '@mlpkit/optimizers';
import { MlpkitError, Tensor, defaultGenerator, manualSeed } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { DivergenceGuard } from './divergence.js';
import { History } from './history.js';
import { captureTrainingState, restoreTrainingState } from './resume.js';
import { loaders } from './toy.test-helper.js';
import { createTrainContext } from './train-context.js';
import { TRAINING_METADATA_KEY, decodeTrainingState, encodeTrainingState } from './training-state.js';

function run(seed: number) {
  manualSeed(seed);
  const model = new Sequential(new Linear(2, 3));
  const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const scheduler = new StepLR(optimizer, { stepSize: 1 });
  const parts = { optimizer, scheduler, train: loaders(1).train, epochs: 3 };
  return { model, optimizer, scheduler, parts, ctx: () => createTrainContext(model, parts, new History()) };
}

/** A checkpoint of a run after one SGD step with momentum (so there is optimizer state to carry). */
function checkpoint() {
  const a = run(0);
  for (const p of a.model.parameters()) p.grad = new Tensor(new Float32Array(p.size).fill(0.5), p.shape);
  a.optimizer.step();
  a.scheduler.step();
  return decodeTrainingState(encodeTrainingState(captureTrainingState(a.ctx(), a.parts, new DivergenceGuard(), 1)));
}

/** Everything a refused restore must leave as it was. */
const snapshot = (r: ReturnType<typeof run>) => JSON.stringify([r.model.parameters().map((p) => [...p.data]), r.optimizer.stateDict(), r.scheduler.stateDict(), defaultGenerator().getState()]);

describe('training checkpoints: a refused one leaves the run as it was', () => {
  it('carries the optimizer state under PyTorch\'s keys and restores it', () => {
    const state = checkpoint();
    expect(Object.keys(state.optimizer)).toEqual(['state', 'param_groups']);
    const b = run(1);
    restoreTrainingState(state, b.ctx(), b.parts, new DivergenceGuard());
    expect(b.optimizer.stateDict().state[0].momentum_buffer).toHaveLength(6);
  });

  const hostile: [string, (s: ReturnType<typeof checkpoint>) => void, RegExp][] = [
    ['a momentum buffer of the wrong length (after the model loaded)', (s) => (s.optimizer.state[0].momentum_buffer = [1, 2]), /SGD\.loadStateDict: state\["0"\]\.momentum_buffer: expected an array of 6/],
    ['a string learning rate', (s) => (s.optimizer.param_groups[0].lr = 'x'), /SGD\.loadStateDict: param_groups\[0\]\.lr: expected a finite number ≥ 0, got "x"/],
    ['a generator state of zeros, which never leaves zero', (s) => (s.generator = { s: [0, 0, 0, 0], spare: null }), /Generator\.setState: expected s to be 4 unsigned 32-bit integers, not all zero/],
    ['a NaN spare normal in the generator', (s) => (s.generator = { ...s.generator, spare: NaN }), /Generator\.setState: expected spare to be a number or null, got number NaN/],
    ['a bad scheduler state (after the model and the optimizer loaded)', (s) => (s.scheduler!.last_epoch = -7), /StepLR\.loadStateDict: last_epoch: expected an integer ≥ -1, got -7/],
  ];
  for (const [what, edit, message] of hostile)
    it(`refuses ${what}, and rolls back what had loaded`, () => {
      const state = checkpoint();
      edit(state);
      const b = run(1);
      const before = snapshot(b);
      expect(() => restoreTrainingState(state, b.ctx(), b.parts, new DivergenceGuard())).toThrow(MlpkitError);
      expect(() => restoreTrainingState(state, b.ctx(), b.parts, new DivergenceGuard())).toThrow(message);
      expect(snapshot(b)).toBe(before);
    });
});

describe('training checkpoint files: the generator and the divergence guard are checked when read', () => {
  /** A checkpoint's bytes after `edit` changed its state. */
  const bytes = (edit: (s: ReturnType<typeof checkpoint>) => void) => {
    const state = checkpoint();
    edit(state);
    return encodeTrainingState(state);
  };

  it('refuses a generator the Generator itself would refuse', () => {
    expect(() => decodeTrainingState(bytes((s) => (s.generator = { s: [0, 0, 0, 0], spare: null })))).toThrow(/fit: resumeFrom: generator: .*not all zero/);
    expect(() => decodeTrainingState(bytes((s) => (s.generator = { ...s.generator, spare: Infinity })))).toThrow(/fit: resumeFrom: generator: .*spare/);
  });

  it('refuses non-finite losses in the divergence guard, which would switch it off', () => {
    expect(() => decodeTrainingState(bytes((s) => (s.divergence = { ...s.divergence, reference: NaN })))).toThrow('fit: resumeFrom: divergence.reference: expected a finite number or null, got NaN');
    expect(() => decodeTrainingState(bytes((s) => (s.divergence = { ...s.divergence, warmupLosses: [1, Infinity] })))).toThrow('divergence.warmupLosses: expected a list of finite numbers');
  });
});

describe('training checkpoint files: what fit never writes is refused before anything loads', () => {
  /** A checkpoint's bytes with its JSON part edited by `edit` (and its tensors by `tensors`). */
  const edited = (edit: (json: Record<string, any>) => void, tensors: (t: Record<string, Tensor>) => void = () => {}) => {
    const { tensors: saved, metadata } = loadSafetensors(encodeTrainingState(checkpoint()));
    const json = JSON.parse(metadata[TRAINING_METADATA_KEY]) as Record<string, any>;
    edit(json);
    const all = { ...saved };
    tensors(all);
    return saveSafetensors(all, { [TRAINING_METADATA_KEY]: JSON.stringify(json) });
  };

  it('refuses a history with more records than epochs done, however long, leaving the run as it was', () => {
    const long = edited((j) => { j.history.records = Array.from({ length: 300_000 }, (_, epoch) => ({ epoch, loss: 1 })); });
    const b = run(1);
    const before = snapshot(b);
    const ctx = b.ctx();
    expect(() => restoreTrainingState(long, ctx, b.parts, new DivergenceGuard())).toThrow('fit: resumeFrom: history.records: expected at most one record per epoch done (1), got 300000');
    expect(snapshot(b)).toBe(before);
    expect(ctx.history.records).toHaveLength(0);
    expect(() => decodeTrainingState(edited((j) => { j.history.records = [{ epoch: 4, loss: 1 }]; })))
      .toThrow('fit: resumeFrom: history.records[0].epoch: expected an epoch after -1 and before the 1 done, got 4');
  });

  it('refuses optimizer ids that alias another parameter, and a value stored both as a number and as a tensor', () => {
    expect(() => decodeTrainingState(edited((j) => { j.optimizer.scalars['01'] = { step: 1 }; })))
      .toThrow('fit: resumeFrom: optimizer.scalars."01": expected a parameter number (0, 1, 2, ...) as the key');
    expect(() => decodeTrainingState(edited((j) => { j.optimizer.scalars[''] = { step: 1 }; }))).toThrow('optimizer.scalars."": expected a parameter number');
    expect(() => decodeTrainingState(edited((j) => { j.optimizer.scalars['0'] = { momentum_buffer: 3 }; })))
      .toThrow('fit: resumeFrom: tensors.optimizer.0.momentum_buffer: optimizer.scalars.0.momentum_buffer holds this value too; expected it once');
    expect(() => decodeTrainingState(edited(() => {}, (t) => { t['optimizer.00.momentum_buffer'] = t['optimizer.0.momentum_buffer']; })))
      .toThrow('fit: resumeFrom: tensors.optimizer.00.momentum_buffer: unexpected tensor');
  });

  it('refuses a key given twice in one object of the JSON part (JSON.parse would keep the last)', () => {
    const { tensors, metadata } = loadSafetensors(encodeTrainingState(checkpoint()));
    const text = metadata[TRAINING_METADATA_KEY].replace('"epochsDone":1', '"epochsDone":0,"epochsDone":1');
    expect(() => decodeTrainingState(saveSafetensors(tensors, { [TRAINING_METADATA_KEY]: text })))
      .toThrow('fit: resumeFrom: mlpkit.training: the key "epochsDone" appears twice in one object');
  });

  it('refuses a field it does not know at the top of the JSON part', () => {
    expect(() => decodeTrainingState(edited((j) => { j.epochs_done = 1; }))).toThrow(/^fit: resumeFrom: epochs_done: unknown field; a training checkpoint holds version, epochsDone, /);
  });
});
