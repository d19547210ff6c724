import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import * as O from './index.js';
import { type Case, camel, optimizerCases, worstRatio } from './testing/fixtures.js';

interface Stepper {
  step(metric?: number): void;
  stateDict(): O.SchedulerStateDict;
  loadStateDict(s: O.SchedulerStateDict): void;
}
const makers: Record<string, (opt: O.Optimizer<any>, options: any) => Stepper> = {
  StepLR: (o, x) => new O.StepLR(o, x),
  MultiStepLR: (o, x) => new O.MultiStepLR(o, x),
  ExponentialLR: (o, x) => new O.ExponentialLR(o, x),
  CosineAnnealingLR: (o, x) => new O.CosineAnnealingLR(o, x),
  LinearLR: (o, x) => new O.LinearLR(o, x),
  OneCycleLR: (o, x) => new O.OneCycleLR(o, x),
  CosineAnnealingWarmRestarts: (o, x) => new O.CosineAnnealingWarmRestarts(o, x),
  ReduceLROnPlateau: (o, x) => {
    const s = new O.ReduceLROnPlateau(o, x);
    return { step: (m?: number) => s.step(m!), stateDict: () => s.stateDict(), loadStateDict: (d) => s.loadStateDict(d) };
  },
};
const optimizers: [string, (p: Tensor[], lr: number) => O.Optimizer<any>][] = [
  ['SGD', (p, lr) => new O.SGD(p, { lr, momentum: 0.9 })],
  ['Adam', (p, lr) => new O.Adam(p, { lr })],
  ['AdamW', (p, lr) => new O.AdamW(p, { lr })],
  ['RMSprop', (p, lr) => new O.RMSprop(p, { lr, momentum: 0.5 })],
  ['Adagrad', (p, lr) => new O.Adagrad(p, { lr })],
  ['Adadelta', (p, lr) => new O.Adadelta(p, { lr })],
  ['Adamax', (p, lr) => new O.Adamax(p, { lr })],
  ['NAdam', (p, lr) => new O.NAdam(p, { lr })],
  ['RAdam', (p, lr) => new O.RAdam(p, { lr })],
];
const cases = optimizerCases().filter((c) => c.op.startsWith('lr_scheduler_'));
const hasMomentum = (opt: O.Optimizer<any>) => 'momentum' in opt.defaults || 'betas' in opt.defaults;

function options(c: Case) {
  return Object.fromEntries(Object.entries(c.params).filter(([k]) => !['scheduler', 'base_lr', 'steps'].includes(k)).map(([k, v]) => [camel(k), v]));
}

/** Steps a scheduler as the fixture did (an optimizer step, then a scheduler step) from `from` to `to`. */
function advance(c: Case, opt: O.Optimizer<any>, s: Stepper, from: number, to: number, lrs: number[]) {
  for (let k = from; k < to; k++) {
    opt.step();
    s.step(c.inputs.metrics?.data[k]);
    lrs.push(opt.paramGroups[0].lr);
  }
}

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const make = makers[c.params.scheduler];
  it.each(optimizers)('gives PyTorch’s learning rates with %s', (name, build) => {
    const opt = build([new Tensor(new Float32Array(2), [2])], c.params.base_lr);
    if (c.params.scheduler === 'OneCycleLR' && !hasMomentum(opt)) {
      expect(() => make(opt, options(c))).toThrow(/cycleMomentum: the optimizer must support momentum/);
      return;
    }
    const s = make(opt, options(c));
    const lrs = [opt.paramGroups[0].lr];
    advance(c, opt, s, 0, c.params.steps, lrs);
    expect(worstRatio(lrs, c.outputs.lr.data, 1e-9, 1e-12), name).toBeLessThanOrEqual(1);
  });

  it('saves and restores its state (through JSON) so a resumed run continues exactly', () => {
    const build = () => new O.SGD([new Tensor(new Float32Array(1), [1])], { lr: c.params.base_lr, momentum: 0.9 });
    const half = Math.floor(c.params.steps / 2);
    const firstOpt = build();
    const first = make(firstOpt, options(c));
    const lrs = [firstOpt.paramGroups[0].lr];
    advance(c, firstOpt, first, 0, half, lrs);
    const saved = JSON.parse(JSON.stringify({ opt: firstOpt.stateDict(), sched: first.stateDict() }));
    const opt = build();
    const resumed = make(opt, options(c));
    opt.loadStateDict(saved.opt);
    resumed.loadStateDict(saved.sched);
    advance(c, opt, resumed, half, c.params.steps, lrs);
    expect(worstRatio(lrs, c.outputs.lr.data, 1e-9, 1e-12)).toBeLessThanOrEqual(1);
  });
});
