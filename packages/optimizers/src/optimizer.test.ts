import { MlpkitError, Tensor, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import * as O from './index.js';

const f32 = (values: number[]) => new Tensor(Float32Array.from(values), [values.length]);
type Ctor = new (params: O.ParamsInput<any>, options?: Record<string, unknown>) => O.Optimizer<any>;
const all: [string, Ctor, Record<string, unknown>][] = [
  ['SGD', O.SGD, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 }],
  ['Adam', O.Adam, { amsgrad: true, weightDecay: 0.01 }],
  ['AdamW', O.AdamW, {}],
  ['RMSprop', O.RMSprop, { centered: true, momentum: 0.9 }],
  ['Adagrad', O.Adagrad, { lrDecay: 0.01, initialAccumulatorValue: 0.1 }],
  ['Adadelta', O.Adadelta, {}],
  ['Adamax', O.Adamax, {}],
  ['NAdam', O.NAdam, {}],
  ['RAdam', O.RAdam, {}],
];

/** A deterministic gradient for step t, different per element. */
const gradAt = (t: number, n: number) => f32(Array.from({ length: n }, (_, i) => Math.sin(3 * t + i) * (i + 1)));

function train(opt: O.Optimizer<any>, params: Tensor[], from: number, to: number): void {
  for (let t = from; t < to; t++) {
    params.forEach((p) => (p.grad = gradAt(t, p.size)));
    opt.step();
    opt.zeroGrad();
  }
}

describe.each(all)('%s: stateDict / loadStateDict', (_name, Optim, options) => {
  it('a run resumed from JSON continues exactly where it stopped', () => {
    const make = () => [f32([0.5, -1, 2]), f32([0.1, 0.2])];
    const straight = make();
    train(new Optim([{ params: [straight[0]] }, { params: [straight[1]], lr: 0.05 }], options), straight, 0, 8);

    const first = make();
    const before = new Optim([{ params: [first[0]] }, { params: [first[1]], lr: 0.05 }], options);
    train(before, first, 0, 4);
    const saved = JSON.parse(JSON.stringify(before.stateDict()));
    const resumed = first.map((p) => f32(Array.from(p.data)));
    const after = new Optim([{ params: [resumed[0]] }, { params: [resumed[1]], lr: 0.05 }], options);
    after.loadStateDict(saved);
    train(after, resumed, 4, 8);
    expect(resumed.map((p) => Array.from(p.data))).toEqual(straight.map((p) => Array.from(p.data)));
  });
});

describe('parameter groups', () => {
  it('give biases their own hyperparameters (no weight decay), the rest take the defaults', () => {
    const weight = f32([1, 1]);
    const bias = f32([1]);
    const opt = new O.SGD([{ params: [weight] }, { params: [bias], weightDecay: 0 }], { lr: 0.1, weightDecay: 0.5 });
    expect(opt.paramGroups.map((g) => g.weightDecay)).toEqual([0.5, 0]);
    weight.grad = f32([0, 0]);
    bias.grad = f32([0]);
    opt.step();
    expect(Array.from(weight.data)).toEqual([0.95, 0.95].map((x) => expect.closeTo(x, 6)));
    expect(bias.data[0]).toBe(1);
  });

  it('each keep their own lr, which can be changed between steps', () => {
    const a = f32([1]);
    const b = f32([1]);
    const opt = new O.SGD([{ params: [a] }, { params: [b], lr: 1 }], { lr: 0.1 });
    opt.paramGroups[0].lr = 0.5;
    a.grad = f32([1]);
    b.grad = f32([1]);
    opt.step();
    expect([a.data[0], b.data[0]]).toEqual([0.5, 0]);
  });

  it('refuse a parameter that appears in two groups', () => {
    const p = f32([1]);
    expect(() => new O.Adam([{ params: [p] }, { params: [f32([2]), p] }])).toThrow(
      'Adam: params: some parameters appear in more than one parameter group (group 1, parameter 1 is already in an earlier group)',
    );
    const opt = new O.SGD([p]);
    expect(() => opt.addParamGroup({ params: [p] })).toThrow(MlpkitError);
  });

  it('addParamGroup adds a group with its own settings', () => {
    const opt = new O.Adam([f32([1])], { lr: 0.01 });
    opt.addParamGroup({ params: f32([2]), betas: [0.5, 0.9] });
    expect(opt.paramGroups[1]).toMatchObject({ lr: 0.01, betas: [0.5, 0.9], eps: 1e-8 });
  });
});

describe('zeroGrad and step', () => {
  it('zeroGrad sets gradients to null, or to zeros in place with setToNone false', () => {
    const p = f32([1, 2]);
    const g = f32([3, 4]);
    p.grad = g;
    const opt = new O.SGD([p]);
    opt.zeroGrad(false);
    expect(p.grad).toBe(g);
    expect(Array.from(g.data)).toEqual([0, 0]);
    opt.zeroGrad();
    expect(p.grad).toBeNull();
  });

  it('step runs the closure and returns its loss', () => {
    const p = f32([1]);
    const opt = new O.SGD([p], { lr: 1 });
    expect(opt.step(() => { p.grad = f32([0.5]); return 42; })).toBe(42);
    expect(p.data[0]).toBe(0.5);
  });

  it('accepts any object with data and grad, not only tensors', () => {
    const param = { data: new Float64Array([1, 2]), grad: { data: new Float64Array([1, 1]) } };
    new O.Adam([param], { lr: 0.1 }).step();
    expect(Array.from(param.data)).toEqual([0.9, 1.9].map((x) => expect.closeTo(x, 6)));
  });
});

describe('bad input', () => {
  it('an empty parameter list, a bare tensor, an int tensor', () => {
    expect(() => new O.SGD([])).toThrow('SGD: params: optimizer got an empty parameter list');
    expect(() => new O.SGD(f32([1]) as unknown as Tensor[])).toThrow(/params: expected an iterable of parameters/);
    expect(() => new O.SGD([tensor([1, 2], { dtype: 'int32' })])).toThrow(/expected a float32 or float64 tensor, got a parameter with Int32Array data/);
  });

  it('an unknown option, for every optimizer', () => {
    for (const [name, Optim] of all) expect(() => new Optim([f32([1])], { learningRate: 0.1 })).toThrow(`${name}: unknown option 'learningRate'`);
  });

  it('a gradient of the wrong size', () => {
    const p = f32([1, 2]);
    p.grad = f32([1]);
    expect(() => new O.SGD([p]).step()).toThrow('SGD: step: group 0, parameter 0: the gradient has shape [1] but its parameter has shape [2]');
  });

  it('a gradient of the right length but another shape, before any parameter moves', () => {
    const first = f32([1]);
    first.grad = f32([1]);
    const p = tensor([[1, 2, 3], [4, 5, 6]]);
    p.grad = tensor([[1, 0], [0, 0], [0, 0]]);
    expect(() => new O.SGD([first, p], { lr: 1 }).step()).toThrow('SGD: step: group 0, parameter 1: the gradient has shape [3, 2] but its parameter has shape [2, 3]');
    expect([first.data[0], ...p.data]).toEqual([1, 1, 2, 3, 4, 5, 6]);
  });

  it('a gradient that is not a tensor', () => {
    const p = f32([1]);
    (p as { grad: unknown }).grad = [1];
    expect(() => new O.SGD([p]).step()).toThrow('SGD: step: group 0, parameter 0: expected grad to be null or a tensor, got an array of length 1');
  });

  it('a parameter twice in one group (it would be stepped twice), for every optimizer', () => {
    const p = f32([1]);
    for (const [name, Optim] of all)
      expect(() => new Optim([p, f32([2]), p])).toThrow(`${name}: params: optimizer contains a parameter group with duplicate parameters (group 0, parameter 2 is parameter 0 again)`);
    expect(() => new O.SGD([{ params: [f32([1])] }, { params: [p, p] }])).toThrow(/duplicate parameters \(group 1, parameter 1 is parameter 0 again\)/);
  });

  it('a switch that is not true or false, for every optimizer, in the options or a group', () => {
    const switches: Record<string, string[]> = { SGD: ['nesterov'], Adam: ['amsgrad'], AdamW: ['amsgrad'], RMSprop: ['centered'] };
    for (const [name, Optim] of all)
      for (const key of ['maximize', ...(switches[name] ?? [])]) {
        expect(() => new Optim([f32([1])], { [key]: 'false' })).toThrow(`${name}: expected ${key} to be true or false, got the string "false"`);
        expect(() => new Optim([{ params: [f32([1])], [key]: 1 }])).toThrow(`${name}: expected ${key} to be true or false, got number 1`);
      }
  });

  it("SGD's dampening must be a finite number (PyTorch leaves it unchecked; NaN poisons the parameters)", () => {
    expect(() => new O.SGD([f32([1])], { momentum: 0.9, dampening: NaN })).toThrow('SGD: dampening: expected a finite number, got NaN');
    expect(() => new O.SGD([f32([1])], { dampening: Infinity })).toThrow(/dampening: expected a finite number, got Infinity/);
    expect(() => new O.SGD([f32([1])], { momentum: 0.9, dampening: 0.5 })).not.toThrow();
  });

  it("RMSprop's alpha outside [0, 1] (PyTorch checks only >= 0; above 1 the parameters turn NaN)", () => {
    expect(() => new O.RMSprop([f32([1])], { alpha: 1.5 })).toThrow('RMSprop: Invalid alpha value: expected 0 <= alpha <= 1, got 1.5');
    expect(() => new O.RMSprop([f32([1])], { alpha: -0.1 })).toThrow(/got -0.1/);
    expect(() => new O.RMSprop([f32([1])], { alpha: 1 })).not.toThrow();
  });

  it('betas outside [0, 1), for every optimizer that has betas', () => {
    for (const Optim of [O.Adam, O.AdamW, O.Adamax, O.NAdam, O.RAdam] as Ctor[]) {
      expect(() => new Optim([f32([1])], { betas: [1.0, 0.999] })).toThrow(/Invalid beta parameter at index 0 \(betas\[0\]\): expected 0 <= betas\[0\] < 1, got 1$/);
      expect(() => new Optim([f32([1])], { betas: [0.9, -0.1] })).toThrow(/index 1.*got -0.1/);
    }
  });

  it('a negative learning rate, for every optimizer', () => {
    for (const [name, Optim] of all) expect(() => new Optim([f32([1])], { lr: -1 })).toThrow(`${name}: Invalid learning rate (lr): expected lr >= 0, got -1`);
  });

  it('other PyTorch checks: eps, rho, lrDecay, momentumDecay', () => {
    expect(() => new O.Adam([f32([1])], { eps: -1 })).toThrow(/Invalid epsilon value \(eps\)/);
    expect(() => new O.Adadelta([f32([1])], { rho: 1.5 })).toThrow(/Invalid rho value: expected 0 <= rho <= 1, got 1.5/);
    expect(() => new O.Adagrad([f32([1])], { lrDecay: -1 })).toThrow(/lrDecay/);
    expect(() => new O.NAdam([f32([1])], { momentumDecay: -1 })).toThrow(/momentumDecay/);
  });

  it('a state dict for different groups', () => {
    const opt = new O.SGD([f32([1])]);
    const other = new O.SGD([{ params: [f32([1])] }, { params: [f32([1])] }]);
    expect(() => opt.loadStateDict(other.stateDict())).toThrow(/different number of parameter groups: 2 instead of 1/);
  });
});

describe.each(all)('%s: descentGradient', (_name, Optim, options) => {
  it('one optimizer over parameters of different sizes steps each as if it were alone (the shared scratch buffer leaks nothing)', () => {
    const withDecay = { ...options, weightDecay: 0.1, maximize: true };
    const make = () => [f32([0.5, -1, 2, 0.3]), f32([0.1, 0.2])];
    const together = make();
    train(new Optim(together, withDecay), together, 0, 5);
    const alone = make().map((p) => {
      train(new Optim([p], withDecay), [p], 0, 5);
      return Array.from(p.data);
    });
    expect(together.map((p) => Array.from(p.data))).toEqual(alone);
  });
});

describe('step and zeroGrad arguments', () => {
  it("step refuses a closure that is not a function; zeroGrad a setToNone that is not true or false ('false' dropped the gradients)", () => {
    const p = new Tensor(new Float32Array(2), [2]);
    p.grad = new Tensor(Float32Array.of(1, 1), [2]);
    const sgd = new O.SGD([p], { lr: 0.1 });
    expect(() => sgd.step(5 as never)).toThrow('SGD: step: expected closure to be a function, got number 5');
    expect(() => sgd.zeroGrad('false' as never)).toThrow('SGD: expected setToNone to be true or false, got the string "false"');
    expect(p.grad).not.toBeNull();
    sgd.zeroGrad(false);
    expect(Array.from(p.grad!.data)).toEqual([0, 0]);
  });
});

