import { MlpkitError, Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { CosineAnnealingWarmRestarts } from './cosine-annealing-warm-restarts.js';
import { LinearLR } from './linear-lr.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { SequentialLR } from './sequential-lr.js';
import { SGD } from './sgd.js';
import { StepLR } from './step-lr.js';

const sgd = () => new SGD([new Tensor(Float32Array.from([1]), [1])], { lr: 0.1 });
const stepLR = () => new StepLR(sgd(), { stepSize: 2, gamma: 0.5 });
const sequential = () => {
  const opt = sgd();
  return new SequentialLR(opt, { schedulers: [new LinearLR(opt, { totalIters: 2 }), new StepLR(opt, { stepSize: 2 })], milestones: [2] });
};

/** Steps, saves through JSON, edits, and loads into a fresh scheduler; on refusal checks nothing changed. */
function loadEdited<S extends { step(): void; stateDict(): Record<string, unknown>; loadStateDict(s: Record<string, unknown>): void }>(make: () => S, edit: (s: any) => void): S {
  const first = make();
  for (let i = 0; i < 3; i++) first.step();
  const state = JSON.parse(JSON.stringify(first.stateDict()));
  edit(state);
  const fresh = make();
  const before = JSON.stringify(fresh.stateDict());
  try {
    fresh.loadStateDict(state);
  } catch (error) {
    expect(JSON.stringify(fresh.stateDict())).toBe(before);
    throw error;
  }
  return fresh;
}

describe('scheduler states', () => {
  it('are saved under PyTorch\'s keys and loaded back, also from the camelCase keys of older files', () => {
    const s = loadEdited(stepLR, () => {});
    expect(Object.keys(s.stateDict())).toEqual(['last_epoch', '_step_count', 'base_lrs', '_last_lr']);
    const old = loadEdited(stepLR, (st) => {
      Object.assign(st, { lastEpoch: st.last_epoch, stepCount: st._step_count, baseLrs: st.base_lrs, lastLr: st._last_lr });
      for (const key of ['last_epoch', '_step_count', 'base_lrs', '_last_lr']) delete st[key];
    });
    expect(old.stateDict()).toEqual(s.stateDict());
    expect(Object.keys(loadEdited(sequential, () => {}).stateDict())).toEqual(['last_epoch', '_last_lr', '_schedulers']);
  });

  // Stepped with a metric, as ReduceLROnPlateau must be.
  const plateau = () => {
    const p = new ReduceLROnPlateau(sgd());
    return { step: () => p.step(1), stateDict: () => p.stateDict(), loadStateDict: (s: Record<string, unknown>) => p.loadStateDict(s as never) };
  };
  const refusals: [string, () => any, (s: any) => void, RegExp][] = [
    ['a string epoch', stepLR, (s) => (s.last_epoch = '3'), /StepLR\.loadStateDict: last_epoch: expected an integer ≥ -1, got "3"/],
    ['base rates for another number of groups', stepLR, (s) => s.base_lrs.push(0.1), /base_lrs: expected an array of 1 of finite numbers ≥ 0, got an array of 2/],
    ['a NaN rate (null in JSON)', stepLR, (s) => (s._last_lr = [null]), /_last_lr\[0\]: expected a finite number ≥ 0, got null/],
    ['a missing field', stepLR, (s) => delete s._step_count, /_step_count: expected a value, got nothing/],
    ['an unknown field', stepLR, (s) => (s.gamma = 2), /gamma: unknown field/],
    ['a field under both its PyTorch and its older key (one would silently win)', stepLR, (s) => (s.lastEpoch = 0), /StepLR\.loadStateDict: lastEpoch: expected no value \(the state holds last_epoch too\), got 0/],
    ['a prototype key', stepLR, (s) => (s.base_lrs = JSON.parse('[{"__proto__": {}}]')), /base_lrs\[0\]\.__proto__: expected no such key/],
    ['a bad restart period', () => new CosineAnnealingWarmRestarts(sgd(), { T0: 2 }), (s) => (s.T_i = 0), /CosineAnnealingWarmRestarts\.loadStateDict: T_i: expected a finite number > 0, got 0/],
    ['a negative bad-epoch count', plateau, (s) => (s.num_bad_epochs = -1), /ReduceLROnPlateau\.loadStateDict: num_bad_epochs: expected an integer ≥ 0, got -1/],
    ['a bad inner state, after a good one (nothing is half-loaded)', sequential, (s) => (s._schedulers[1].last_epoch = 'x'), /SequentialLR\.loadStateDict: _schedulers\[1\]\.last_epoch: expected an integer ≥ -1, got "x"/],
    ['the wrong number of inner states', sequential, (s) => s._schedulers.pop(), /_schedulers: expected an array of 2, got an array of 1/],
  ];
  for (const [what, make, edit, message] of refusals)
    it(`refuse ${what}, naming the field`, () => {
      const step = () => loadEdited(make, edit);
      expect(step).toThrow(MlpkitError);
      expect(step).toThrow(message);
    });

  it('leave the inner schedulers untouched when one inner state is refused', () => {
    const s = sequential();
    const before = JSON.stringify(s.schedulers.map((x) => x.stateDict()));
    const state = JSON.parse(JSON.stringify(sequential().stateDict()));
    state._schedulers[0].last_epoch = 7;
    state._schedulers[1].base_lrs = ['x'];
    expect(() => s.loadStateDict(state)).toThrow(/_schedulers\[1\]\.base_lrs\[0\]/);
    expect(JSON.stringify(s.schedulers.map((x) => x.stateDict()))).toBe(before);
  });
});
