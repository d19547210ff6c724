import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { MlpkitError } from '@mlpkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallbackState, TrainContext } from './callback.js';
import { fit } from './fit.js';
import { LayerStatsRecorder } from './layer-stats-recorder.js';
import { loaders, mlp } from './toy.test-helper.js';
import { decodeTrainingState, encodeTrainingState } from './training-state.js';

type SavedRecord = { epoch: number; layers: Record<string, unknown>[]; gradients: Record<string, unknown>[]; updateRatios: Record<string, unknown> };
type Saved = { every: number; records: SavedRecord[] };

const model = mlp(0, 8);
const probe = [...loaders().val][0].x;
const ctx = { model } as unknown as TrainContext;
const recorder = () => new LayerStatsRecorder({ probe, bins: 8, maxRecords: 3 });
let checkpoint: Uint8Array;
let saved: Saved;

beforeAll(async () => {
  const r = recorder();
  const { train } = loaders();
  await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.05 }), epochs: 2, callbacks: [r], checkpoint: { save: (b) => { checkpoint = b; } } });
  saved = r.stateDict() as unknown as Saved;
});

/** The saved state, deep-copied, with `edit` applied. */
const edited = (edit: (s: Saved) => void): CallbackState => {
  const s = structuredClone(saved);
  edit(s);
  return s as unknown as CallbackState;
};

describe('LayerStatsRecorder.loadStateDict: a checkpoint is hostile until checked', () => {
  it('loads what stateDict saved, histogram edges put back, and accepts the infinite ratio of an all-zero parameter', () => {
    const r = recorder();
    const state = edited((s) => (s.records[1].updateRatios['0.bias'] = Infinity));
    r.loadStateDict(state, ctx);
    expect(r.records.map((x) => x.epoch)).toEqual([-1, 0, 1]);
    expect(r.records[1].updateRatios['0.bias']).toBe(Infinity);
    expect(r.records[2].layers[1].histogram.edges).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]); // relu's fixed range [0, 4]
    expect(r.stateDict()).toEqual(state);
    expect(saved.records[2].layers[1].histogram).not.toHaveProperty('edges');
  });

  const hostile: [string, (s: Saved) => void, string][] = [
    ['records that are no list', (s) => ((s as { records: unknown }).records = {}), 'records: expected an array, got an object'],
    ['more records than maxRecords allows', (s) => s.records.push(...s.records, ...s.records), 'records: expected at most 4 records (maxRecords and the untrained model\'s), got an array of 9'],
    ['more records of epochs than maxRecords', (s) => (s.records = [0, 1, 2, 3].map((epoch) => ({ ...s.records[1], epoch }))), 'records: expected at most 3 records of epochs (maxRecords), got an array of 4'],
    ['epochs out of order', (s) => s.records.reverse(), 'records[1].epoch: expected an epoch after 1 (records run in order), got 0'],
    ['a step that is no power of 2', (s) => (s.every = 3), 'every: expected a power of 2 (the recorder doubles its step), got 3'],
    ['an epoch off the recording step', (s) => (s.every = 2), 'records[1].epoch: expected an epoch recorded every 2 (epoch + 1 a multiple of 2), got 0'],
    ['another layer', (s) => (s.records[1].layers[1].name = '7'), 'records[1].layers[1].name: expected "1" (this model\'s layer, as the probe batch meets it), got "7"'],
    ['a layer too many', (s) => s.records[0].layers.push(s.records[0].layers[0]), 'records[0].layers: expected an array of 3, got an array of 4'],
    ['another probe batch size', (s) => ((s.records[0].layers[0].shape as number[])[0] = 7), 'records[0].layers[0].shape: expected [30, 8] (the layer\'s output on the probe batch), got an array of 2'],
    ['other bins', (s) => (s.records[0].layers[0].histogram as { counts: number[] }).counts.pop(), 'records[0].layers[0].histogram.counts: expected an array of 8 of integers ≥ 0 ≤ 240, got an array of 7'],
    ['counts not adding up', (s) => ((s.records[0].layers[0].histogram as { below: number }).below += 1), 'records[0].layers[0].histogram: expected counts, below, above and nan adding up to the layer\'s 240 outputs, got 241'],
    ['a NaN mean', (s) => (s.records[2].layers[2].mean = NaN), 'records[2].layers[2].mean: expected a finite number, got NaN'],
    ['a share above 1', (s) => (s.records[2].layers[1].deadFraction = 1.5), 'records[2].layers[1].deadFraction: expected a finite number ≥ 0 ≤ 1, got 1.5'],
    ['a saturated share for a ReLU', (s) => (s.records[2].layers[1].saturatedFraction = 0), 'records[2].layers[1].saturatedFraction: expected null (a relu layer does not saturate), got 0'],
    ['an unknown parameter', (s) => (s.records[1].gradients[0].name = 'w'), 'records[1].gradients[0].name: expected a parameter of the model after the previous one (0.weight, 0.bias, 2.weight, 2.bias), got "w"'],
    ['more gradients than parameters', (s) => s.records[1].gradients.push(s.records[1].gradients[0]), 'records[1].gradients: expected at most 4 (one per parameter of the model), got an array of 5'],
    ['a parameter twice', (s) => (s.records[1].gradients[1].name = '0.weight'), 'records[1].gradients[1].name: expected a parameter of the model after the previous one (0.bias, 2.weight, 2.bias), got "0.weight"'],
    ['a gradient of another shape', (s) => (s.records[1].gradients[1].shape = [3]), 'records[1].gradients[1].shape: expected [8] (the parameter\'s shape), got an array of 1'],
    ['a ratio of no parameter', (s) => { delete s.records[1].updateRatios['2.bias']; s.records[1].updateRatios.w = 1; }, 'records[1].updateRatios.w: expected a parameter of the model (0.weight, 0.bias, 2.weight, 2.bias), got "w"'],
    ['more ratios than parameters', (s) => (s.records[1].updateRatios.w = 1), 'records[1].updateRatios: expected at most 4 ratios (one per parameter of the model), got 5'],
    ['a negative ratio', (s) => (s.records[1].updateRatios['0.bias'] = -1), 'records[1].updateRatios["0.bias"]: expected a number ≥ 0 (Infinity for a parameter that was all zeros), got -1'],
    ['gradients before training', (s) => (s.records[0].gradients = s.records[1].gradients), 'records[0].gradients: expected none for the untrained model (epoch -1), got an array of 4'],
    ['an unknown field', (s) => ((s.records[0] as Record<string, unknown>).note = 1), 'records[0].note: unknown field; known: epoch, layers, gradients, updateRatios'],
    ['a prototype key', (s) => (s.records[1].updateRatios = JSON.parse('{"__proto__": 1}')), 'records[1].updateRatios.__proto__: expected no such key (it could reach an object prototype), got 1'],
  ];
  for (const [what, edit, message] of hostile)
    it(`refuses ${what}, leaving the recorder as it was`, () => {
      const r = recorder();
      r.loadStateDict(saved, ctx);
      const before = r.stateDict();
      const error = (() => { try { r.loadStateDict(edited(edit), ctx); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(MlpkitError);
      expect((error as Error).message).toBe(`LayerStatsRecorder.loadStateDict: ${message}`);
      expect(r.stateDict()).toEqual(before);
    });

  it('refuses, through fit, a checkpoint whose records name other layers, leaving the model as it was', async () => {
    const state = decodeTrainingState(checkpoint);
    (state.callbacks!['LayerStatsRecorder#0'] as unknown as Saved).records[0].layers[0].layer = 'Linear(inFeatures=2, outFeatures=9, bias=true)';
    const other = mlp(1, 8);
    const weights = Array.from(other.parameters()[0].data);
    const run = fit(other, { train: loaders().train, loss: crossEntropy, optimizer: new SGD(other.parameters(), { lr: 0.05 }), epochs: 3, callbacks: [recorder()], resumeFrom: encodeTrainingState(state) });
    await expect(run).rejects.toThrow('LayerStatsRecorder.loadStateDict: records[0].layers[0].layer: expected "Linear(inFeatures=2, outFeatures=8, bias=true)"');
    expect(Array.from(other.parameters()[0].data)).toEqual(weights);
  });
});
