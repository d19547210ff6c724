import { MlpkitError, Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import * as O from './index.js';

const sgd = (lr = 1, momentum = 0.9) => new O.SGD([new Tensor(new Float32Array(1), [1])], { lr, momentum });
const lrOf = (opt: O.Optimizer<any>) => opt.paramGroups[0].lr;
const cosine = (base: number, etaMin: number, t: number, T: number) => etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * t) / T))) / 2;

describe('composition', () => {
  it('SequentialLR: linear warm-up for 5 epochs, then cosine from the base rate', () => {
    const opt = sgd(1);
    const warmup = new O.LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
    const cos = new O.CosineAnnealingLR(opt, { TMax: 10 });
    const s = new O.SequentialLR(opt, { schedulers: [warmup, cos], milestones: [5] });
    const lrs = [lrOf(opt)];
    for (let k = 0; k < 15; k++) {
      s.step();
      lrs.push(lrOf(opt));
    }
    const want = [0.1, 0.28, 0.46, 0.64, 0.82, ...Array.from({ length: 11 }, (_, t) => cosine(1, 0, t, 10))];
    expect(lrs).toEqual(want.map((x) => expect.closeTo(x, 12)));
    expect(s.getLastLr()).toEqual([lrs[15]]);
  });

  it('SequentialLR saves and restores every inner scheduler', () => {
    const build = () => {
      const opt = sgd(1);
      const s = new O.SequentialLR(opt, { schedulers: [new O.LinearLR(opt, { totalIters: 3 }), new O.ExponentialLR(opt, { gamma: 0.5 })], milestones: [3] });
      return { opt, s };
    };
    const a = build();
    for (let k = 0; k < 6; k++) a.s.step();
    const b = build();
    for (let k = 0; k < 2; k++) b.s.step();
    const saved = JSON.parse(JSON.stringify({ opt: b.opt.stateDict(), s: b.s.stateDict() }));
    const c = build();
    c.opt.loadStateDict(saved.opt);
    c.s.loadStateDict(saved.s);
    for (let k = 2; k < 6; k++) c.s.step();
    expect(lrOf(c.opt)).toBeCloseTo(lrOf(a.opt), 15);
  });

  it('ChainedScheduler multiplies the effects of its schedulers', () => {
    const opt = sgd(1);
    const s = new O.ChainedScheduler([new O.LinearLR(opt, { startFactor: 0.5, totalIters: 2 }), new O.ExponentialLR(opt, { gamma: 0.9 })]);
    const factor = (k: number) => 0.5 + (0.5 * Math.min(k, 2)) / 2;
    expect(s.getLastLr()[0]).toBeCloseTo(0.5, 15);
    for (let k = 1; k <= 5; k++) {
      s.step();
      expect(lrOf(opt)).toBeCloseTo(factor(k) * 0.9 ** k, 12);
    }
  });

  it('schedulers over different optimizers cannot be composed', () => {
    const a = sgd();
    const b = sgd();
    expect(() => new O.SequentialLR(a, { schedulers: [new O.StepLR(a, { stepSize: 1 }), new O.StepLR(b, { stepSize: 1 })], milestones: [2] })).toThrow(
      /scheduler at index 1 with a different optimizer/,
    );
    expect(() => new O.SequentialLR(a, { schedulers: [new O.StepLR(a, { stepSize: 1 })], milestones: [2] })).toThrow(/milestones: expected one fewer milestone/);
    expect(() => new O.ChainedScheduler([new O.StepLR(a, { stepSize: 1 }), new O.StepLR(b, { stepSize: 1 })])).toThrow(MlpkitError);
  });
});

describe('closed forms agree with the chainable steps', () => {
  const builders: [string, (o: O.SGD) => O.LRScheduler][] = [
    ['StepLR', (o) => new O.StepLR(o, { stepSize: 3, gamma: 0.5 })],
    ['MultiStepLR', (o) => new O.MultiStepLR(o, { milestones: [2, 5, 5], gamma: 0.1 })],
    ['ExponentialLR', (o) => new O.ExponentialLR(o, { gamma: 0.9 })],
    ['CosineAnnealingLR', (o) => new O.CosineAnnealingLR(o, { TMax: 7, etaMin: 0.01 })],
    ['LinearLR', (o) => new O.LinearLR(o, { startFactor: 0.2, endFactor: 0.9, totalIters: 4 })],
  ];
  it.each(builders)('%s', (_name, build) => {
    const stepped = sgd(0.1);
    const s = build(stepped);
    for (let epoch = 1; epoch <= 9; epoch++) {
      s.step();
      const jumped = sgd(0.1);
      build(jumped).stepTo(epoch);
      expect(lrOf(jumped)).toBeCloseTo(lrOf(stepped), 14);
    }
  });
});

describe('OneCycleLR', () => {
  it('allows one step past totalSteps, as PyTorch 1.13 does, then throws PyTorch’s error', () => {
    const opt = sgd();
    const s = new O.OneCycleLR(opt, { maxLr: 0.1, totalSteps: 12 });
    for (let k = 0; k < 12; k++) s.step();
    expect(() => s.step()).toThrow('OneCycleLR: Tried to step 14 times. The specified number of total steps (totalSteps) is 12');
  });

  it('cycles Adam’s β₁ (not β₂) inversely to the learning rate, and writes its keys into the groups', () => {
    const opt = new O.Adam([new Tensor(new Float32Array(1), [1])]);
    const s = new O.OneCycleLR(opt, { maxLr: 0.1, epochs: 2, stepsPerEpoch: 5, threePhase: true, annealStrategy: 'linear' });
    expect(opt.paramGroups[0]).toMatchObject({ betas: [0.95, 0.999], initialLr: 0.004, maxLr: 0.1, minLr: 4e-7, lr: 0.004 });
    s.step(); s.step();
    expect(opt.paramGroups[0].betas[0]).toBeLessThan(0.95);
    expect(opt.paramGroups[0].betas[1]).toBe(0.999);
  });

  it('refuses bad arguments with their names', () => {
    expect(() => new O.OneCycleLR(sgd(), { maxLr: 0.1 })).toThrow('OneCycleLR: You must define either totalSteps OR (epochs AND stepsPerEpoch)');
    expect(() => new O.OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 0 })).toThrow('OneCycleLR: totalSteps: expected an integer >= 1, got 0');
    expect(() => new O.OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 10, pctStart: 1.5 })).toThrow(/pctStart: expected a number between 0 and 1, got 1.5/);
    expect(() => new O.OneCycleLR(sgd(), { maxLr: [0.1, 0.2], totalSteps: 10 })).toThrow(/maxLr: expected a number or 1 values/);
    const adagrad = new O.Adagrad([new Tensor(new Float32Array(1), [1])]);
    expect(() => new O.OneCycleLR(adagrad, { maxLr: 0.1, totalSteps: 10 })).toThrow(/cycleMomentum/);
    expect(() => new O.OneCycleLR(adagrad, { maxLr: 0.1, totalSteps: 10, cycleMomentum: false })).not.toThrow();
  });
});

describe('CosineAnnealingWarmRestarts', () => {
  it('accepts fractional epochs for restarts within an epoch', () => {
    const opt = sgd(1);
    const s = new O.CosineAnnealingWarmRestarts(opt, { T0: 2, TMult: 2 });
    s.step(0.5);
    expect(lrOf(opt)).toBeCloseTo(cosine(1, 0, 0.5, 2), 14);
    s.step(3.5); // the second cycle (length 4) started at epoch 2
    expect(lrOf(opt)).toBeCloseTo(cosine(1, 0, 1.5, 4), 14);
    expect([s.Ti, s.lastEpoch]).toEqual([4, 3]);
  });

  it('refuses T0 < 1 and a fractional TMult', () => {
    expect(() => new O.CosineAnnealingWarmRestarts(sgd(), { T0: 0 })).toThrow('CosineAnnealingWarmRestarts: T0: expected an integer >= 1, got 0');
    expect(() => new O.CosineAnnealingWarmRestarts(sgd(), { T0: 2, TMult: 1.5 })).toThrow(/TMult/);
  });
});

describe('ReduceLROnPlateau', () => {
  it("mode 'max' with an absolute threshold reduces after patience epochs without a big enough gain", () => {
    const opt = sgd(1);
    const s = new O.ReduceLROnPlateau(opt, { mode: 'max', thresholdMode: 'abs', threshold: 0.1, patience: 1, factor: 0.5 });
    for (const acc of [0.5, 0.55, 0.58]) s.step(acc); // +0.05 and +0.08 are not > 0.1: two bad epochs
    expect(lrOf(opt)).toBe(0.5);
    s.step(0.9);
    expect([s.best, lrOf(opt)]).toEqual([0.9, 0.5]);
  });

  it('saves an infinite best as null, which JSON can hold', () => {
    const s = new O.ReduceLROnPlateau(sgd());
    const saved = JSON.parse(JSON.stringify(s.stateDict()));
    expect(saved.best).toBeNull();
    const t = new O.ReduceLROnPlateau(sgd());
    t.step(1);
    t.loadStateDict(saved);
    expect(t.best).toBe(Infinity);
  });

  it('refuses a factor >= 1 and unknown modes', () => {
    expect(() => new O.ReduceLROnPlateau(sgd(), { factor: 1 })).toThrow('ReduceLROnPlateau: factor: expected a number < 1.0, got 1');
    expect(() => new O.ReduceLROnPlateau(sgd(), { mode: 'up' as 'min' })).toThrow(/mode: expected 'min' or 'max', got up/);
  });
});

describe('scheduler bad input', () => {
  it('LinearLR factors out of range, StepLR without a positive stepSize', () => {
    expect(() => new O.LinearLR(sgd(), { startFactor: 0 })).toThrow(/startFactor: .* got 0/);
    expect(() => new O.LinearLR(sgd(), { endFactor: 2 })).toThrow(/endFactor: .* got 2/);
    expect(() => new O.StepLR(sgd(), { stepSize: 0 })).toThrow('StepLR: stepSize: expected an integer >= 1, got 0');
  });

  it('unknown options, for every scheduler', () => {
    const bad = { step_size: 2 } as never;
    for (const [name, make] of [
      ['StepLR', () => new O.StepLR(sgd(), bad)], ['MultiStepLR', () => new O.MultiStepLR(sgd(), bad)],
      ['ExponentialLR', () => new O.ExponentialLR(sgd(), bad)], ['CosineAnnealingLR', () => new O.CosineAnnealingLR(sgd(), bad)],
      ['LinearLR', () => new O.LinearLR(sgd(), bad)], ['OneCycleLR', () => new O.OneCycleLR(sgd(), bad)],
      ['CosineAnnealingWarmRestarts', () => new O.CosineAnnealingWarmRestarts(sgd(), bad)],
      ['ReduceLROnPlateau', () => new O.ReduceLROnPlateau(sgd(), bad)], ['SequentialLR', () => new O.SequentialLR(sgd(), bad)],
    ] as const) expect(make).toThrow(`${name}: unknown option 'step_size'`);
  });

  it('a negative or NaN gamma, which would become the lr, for every decaying scheduler', () => {
    for (const [name, make] of [
      ['StepLR', (gamma: number) => new O.StepLR(sgd(), { stepSize: 1, gamma })],
      ['MultiStepLR', (gamma: number) => new O.MultiStepLR(sgd(), { milestones: [1], gamma })],
      ['ExponentialLR', (gamma: number) => new O.ExponentialLR(sgd(), { gamma })],
    ] as const) {
      expect(() => make(-1)).toThrow(`${name}: gamma: expected a finite number ≥ 0, got -1`);
      expect(() => make(NaN)).toThrow(`${name}: gamma: expected a finite number ≥ 0, got NaN`);
      expect(() => make(1.5)).not.toThrow();
    }
    expect(() => new O.ExponentialLR(sgd(), {} as never)).toThrow('ExponentialLR: gamma: expected a finite number ≥ 0, got nothing (the field is missing)');
  });

  it('a negative etaMin, a negative or fractional milestone, a non-integer lastEpoch, a string factor', () => {
    expect(() => new O.CosineAnnealingLR(sgd(), { TMax: 5, etaMin: -0.1 })).toThrow('CosineAnnealingLR: etaMin: expected a finite number ≥ 0, got -0.1');
    expect(() => new O.CosineAnnealingWarmRestarts(sgd(), { T0: 5, etaMin: NaN })).toThrow('CosineAnnealingWarmRestarts: etaMin: expected a finite number ≥ 0, got NaN');
    expect(() => new O.CosineAnnealingWarmRestarts(sgd(), { T0: 5 }).step(Infinity)).toThrow(/epoch: expected a finite non-negative number, got Infinity/);
    expect(() => new O.MultiStepLR(sgd(), { milestones: [-2, 3] })).toThrow('MultiStepLR: milestones: expected an array of integer epochs >= 0, got [-2,3]');
    expect(() => new O.StepLR(sgd(), { stepSize: 1, lastEpoch: 0.5 })).toThrow('StepLR: lastEpoch: expected an integer ≥ -1, got 0.5');
    expect(() => new O.LinearLR(sgd(), { startFactor: '0.5' as never })).toThrow(/LinearLR: startFactor: .* got 0.5/);
  });

  it('SequentialLR milestones that are never reached: fractional, or out of order', () => {
    const make = (milestones: number[]) => {
      const opt = sgd();
      const schedulers = [0.5, 0.5, 0.5].map((gamma) => new O.ExponentialLR(opt, { gamma }));
      return () => new O.SequentialLR(opt, { schedulers, milestones });
    };
    expect(make([1.5, 3])).toThrow('SequentialLR: milestones[0]: expected an integer ≥ 0, got 1.5');
    expect(make([4, 2])).toThrow('SequentialLR: milestones[1]: expected an integer ≥ 4, got 2');
    expect(make([2, 4])).not.toThrow();
  });

  it('OneCycleLR: negative peaks and momenta, zero divisors, switches that are not true or false, β₁ reaching 1', () => {
    const total = { totalSteps: 10 };
    expect(() => new O.OneCycleLR(sgd(), { maxLr: -0.1, ...total })).toThrow('OneCycleLR: maxLr: expected a finite number ≥ 0, got -0.1');
    expect(() => new O.OneCycleLR(sgd(), { maxLr: [NaN], ...total })).toThrow('OneCycleLR: maxLr[0]: expected a finite number ≥ 0, got NaN');
    expect(() => new O.OneCycleLR(sgd(), { maxLr: 0.1, divFactor: 0, ...total })).toThrow('OneCycleLR: divFactor: expected a finite number > 0, got 0');
    expect(() => new O.OneCycleLR(sgd(), { maxLr: 0.1, finalDivFactor: -1, ...total })).toThrow(/finalDivFactor: expected a finite number > 0, got -1/);
    expect(() => new O.OneCycleLR(sgd(), { maxLr: 0.1, baseMomentum: -0.5, ...total })).toThrow('OneCycleLR: baseMomentum: expected a finite number ≥ 0, got -0.5');
    expect(() => new O.OneCycleLR(sgd(), { maxLr: 0.1, threePhase: 'no' as never, ...total })).toThrow('OneCycleLR: expected threePhase to be true or false, got the string "no"');
    expect(() => new O.OneCycleLR(sgd(), { maxLr: 0.1, cycleMomentum: 0 as never, ...total })).toThrow('OneCycleLR: expected cycleMomentum to be true or false, got number 0');
    const adam = new O.Adam([new Tensor(new Float32Array(1), [1])]);
    expect(() => new O.OneCycleLR(adam, { maxLr: 0.1, maxMomentum: 1, ...total })).toThrow(/maxMomentum, baseMomentum: expected values < 1 when cycling betas\[0\]/);
    expect(() => new O.OneCycleLR(sgd(), { maxLr: 0.1, maxMomentum: 1, ...total })).not.toThrow();
  });

  it('ReduceLROnPlateau: a negative factor, threshold, eps or minLr, a fractional patience or cooldown', () => {
    const make = (options: O.ReduceLROnPlateauOptions) => () => new O.ReduceLROnPlateau(sgd(), options);
    expect(make({ factor: -0.5 })).toThrow('ReduceLROnPlateau: factor: expected a finite number ≥ 0, got -0.5');
    expect(make({ patience: NaN })).toThrow('ReduceLROnPlateau: patience: expected an integer ≥ 0, got NaN');
    expect(make({ cooldown: 1.5 })).toThrow('ReduceLROnPlateau: cooldown: expected an integer ≥ 0, got 1.5');
    expect(make({ threshold: -1 })).toThrow('ReduceLROnPlateau: threshold: expected a finite number ≥ 0, got -1');
    expect(make({ eps: NaN })).toThrow('ReduceLROnPlateau: eps: expected a finite number ≥ 0, got NaN');
    expect(make({ minLr: -1 })).toThrow('ReduceLROnPlateau: minLr: expected a finite number ≥ 0, got -1');
    expect(make({ minLr: [NaN] })).toThrow('ReduceLROnPlateau: minLr[0]: expected a finite number ≥ 0, got NaN');
  });

  it('ReduceLROnPlateau.step without a number: NaN would count as a bad epoch and cut the rate unnoticed', () => {
    const opt = sgd();
    const s = new O.ReduceLROnPlateau(opt, { patience: 0 });
    const step = s.step.bind(s) as (metric?: unknown) => void;
    expect(() => step()).toThrow('ReduceLROnPlateau: step: expected the metric to monitor (a number such as the validation loss), got undefined');
    expect(() => step('0.5')).toThrow(/got the string "0.5"/);
    expect(lrOf(opt)).toBe(1);
    step(new Tensor(Float32Array.of(2), []));
    step(NaN); // a NaN loss is a bad epoch, as in PyTorch
    expect(lrOf(opt)).toBeCloseTo(0.1, 12);
  });

  it('an epoch scheduler refuses an argument to step(), which it would ignore', () => {
    const opt = sgd();
    const chained = new O.ChainedScheduler([new O.ExponentialLR(opt, { gamma: 0.5 })]);
    const all: [string, { step(...args: unknown[]): void }][] = [
      ['StepLR', new O.StepLR(opt, { stepSize: 1 })],
      ['SequentialLR', new O.SequentialLR(opt, { schedulers: [new O.ExponentialLR(opt, { gamma: 0.5 })], milestones: [] })],
      ['ChainedScheduler', chained],
    ];
    for (const [name, s] of all) expect(() => s.step(0.25)).toThrow(`${name}: step() takes no argument, got number 0.25`);
  });

  it('schedulers with a required option refuse a missing options object by name', () => {
    const none = undefined as never;
    expect(() => new O.StepLR(sgd(), none)).toThrow('StepLR: expected an options object with stepSize, got undefined');
    expect(() => new O.MultiStepLR(sgd(), none)).toThrow(/^MultiStepLR: .*milestones/);
    expect(() => new O.ExponentialLR(sgd(), none)).toThrow(/^ExponentialLR: .*gamma/);
    expect(() => new O.CosineAnnealingLR(sgd(), none)).toThrow(/^CosineAnnealingLR: .*TMax/);
    expect(() => new O.OneCycleLR(sgd(), none)).toThrow(/^OneCycleLR: .*maxLr/);
    expect(() => new O.CosineAnnealingWarmRestarts(sgd(), none)).toThrow(/^CosineAnnealingWarmRestarts: .*T0/);
    expect(() => new O.SequentialLR(sgd(), none)).toThrow(/^SequentialLR: .*schedulers and milestones/);
  });

  it('compositions refuse entries that are not schedulers', () => {
    const opt = sgd();
    expect(() => new O.SequentialLR(opt, { schedulers: [null as never], milestones: [] })).toThrow('SequentialLR: schedulers[0]: expected an epoch-based scheduler such as StepLR, got null');
    expect(() => new O.SequentialLR(opt, { schedulers: [new O.ReduceLROnPlateau(opt) as never], milestones: [] })).toThrow(/schedulers\[0\]: expected an epoch-based scheduler/);
    expect(() => new O.ChainedScheduler([new O.StepLR(opt, { stepSize: 1 }), 5 as never])).toThrow('ChainedScheduler: schedulers[1]: expected a scheduler such as StepLR, got number 5');
    expect(() => new O.ChainedScheduler([null as never])).toThrow('ChainedScheduler: schedulers[0]: expected a scheduler such as StepLR, got null');
  });

  it('resuming with lastEpoch needs the initialLr a previous scheduler stored', () => {
    expect(() => new O.StepLR(sgd(), { stepSize: 2, lastEpoch: 4 })).toThrow(/param 'initialLr' is not specified in paramGroups\[0\]/);
  });
});

describe('LRSchedulerLike', () => {
  it('is what every epoch scheduler and both compositions offer', () => {
    const opt = sgd();
    const all: O.LRSchedulerLike[] = [
      new O.StepLR(opt, { stepSize: 2 }),
      new O.SequentialLR(opt, { schedulers: [new O.ExponentialLR(opt, { gamma: 0.5 })], milestones: [] }),
      new O.ChainedScheduler([new O.ExponentialLR(opt, { gamma: 0.5 })]),
    ];
    for (const s of all) {
      s.step();
      expect(s.getLastLr()).toEqual([lrOf(opt)]);
    }
  });
});
