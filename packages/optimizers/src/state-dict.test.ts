import { MlpkitError, Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam.js';
import { SGD } from './sgd.js';

const f32 = (values: number[]) => new Tensor(Float32Array.from(values), [values.length]);

/** An Adam over two parameters after two steps, and its state as JSON text. */
function trained() {
  const params = [f32([0.5, -1]), f32([2])];
  const opt = new Adam(params, { lr: 0.1 });
  for (let t = 0; t < 2; t++) {
    params.forEach((p, i) => (p.grad = f32(Array.from(p.data, (_, j) => Math.sin(t + i + j)))));
    opt.step();
  }
  return { params, opt, json: JSON.stringify(opt.stateDict()) };
}

/** The optimizer's observable state, to prove a refused load changed nothing. */
const snapshot = (opt: Adam) => JSON.stringify(opt.stateDict()) + JSON.stringify(opt.paramGroups.map((g) => ({ ...g, params: g.params.length })));

/** Loads `edit(state)` into a fresh optimizer over the same parameters; returns it or throws. */
function loadEdited(edit: (s: any) => void, fromText?: (json: string) => string) {
  const { json } = trained();
  const state = JSON.parse(fromText ? fromText(json) : json);
  edit(state);
  const opt = new Adam([f32([0, 0]), f32([0])], { lr: 0.1 });
  const before = snapshot(opt);
  try {
    opt.loadStateDict(state);
  } catch (error) {
    expect(snapshot(opt)).toBe(before); // nothing half-loaded
    throw error;
  }
  return opt;
}

describe('optimizer state dicts: PyTorch keys', () => {
  it('saves state and groups under the keys of PyTorch\'s optimizer.state_dict()', () => {
    const saved = trained().opt.stateDict();
    expect(Object.keys(saved)).toEqual(['state', 'param_groups']);
    expect(Object.keys(saved.state[0])).toEqual(['step', 'exp_avg', 'exp_avg_sq']);
    expect(saved.param_groups[0]).toEqual({ lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false, params: [0, 1] });
    const sgd = new SGD([f32([1])], { lr: 0.1, momentum: 0.9 });
    sgd.paramGroups[0].params[0].grad = f32([1]);
    sgd.step();
    expect(Object.keys(sgd.stateDict().state[0])).toEqual(['momentum_buffer']);
  });

  it('loads PyTorch\'s own switches (foreach, fused, ...) and files older mlpkit versions wrote with camelCase keys', () => {
    const opt = loadEdited((s) => Object.assign(s.param_groups[0], { foreach: null, capturable: false, differentiable: false, fused: null }));
    expect(opt.paramGroups[0].foreach).toBeUndefined();
    const legacy = trained().opt.stateDict();
    const old = { state: { 0: { step: 2, expAvg: legacy.state[0].exp_avg, expAvgSq: legacy.state[0].exp_avg_sq } }, paramGroups: [{ ...legacy.param_groups[0], weightDecay: 0, weight_decay: undefined }] };
    const restored = new Adam([f32([0, 0]), f32([0])]);
    restored.loadStateDict(JSON.parse(JSON.stringify(old)));
    expect(restored.stateDict().state[0]).toEqual(legacy.state[0]);
  });
});

describe('optimizer state dicts: hostile input is refused with the field\'s path, and nothing is loaded', () => {
  it('a "__proto__" key cannot switch Adam to gradient ascent', () => {
    const text = (json: string) => json.replace('"maximize":false', '"maximize":false,"__proto__":{"maximize":true}');
    expect(() => loadEdited(() => {}, text)).toThrow('Adam.loadStateDict: param_groups[0].__proto__: expected no such key (it could reach an object prototype), got an object');
    expect(() => loadEdited(() => {}, (json) => json.replace('"step":2', '"constructor":1,"step":2'))).toThrow(/state\["0"\]\.constructor/);
  });

  const cases: [string, (s: any) => void, string | RegExp][] = [
    ['a string learning rate', (s) => (s.param_groups[0].lr = 'x'), 'Adam.loadStateDict: param_groups[0].lr: expected a finite number ≥ 0, got "x"'],
    ['a negative learning rate', (s) => (s.param_groups[0].lr = -1), /param_groups\[0\]\.lr: expected a finite number ≥ 0, got -1/],
    ['betas out of range', (s) => (s.param_groups[0].betas = [0.9, 1.5]), /param_groups\[0\]: Invalid beta parameter at index 1/],
    ['a string flag', (s) => (s.param_groups[0].amsgrad = 'yes'), 'Adam.loadStateDict: expected param_groups[0].amsgrad to be true or false, got the string "yes"'],
    ['an unknown group field', (s) => (s.param_groups[0].momentum = 0.9), /param_groups\[0\]\.momentum: unknown field/],
    ['a missing hyperparameter', (s) => delete s.param_groups[0].eps, /param_groups\[0\]\.eps: expected a value, got nothing/],
    ['a negative step', (s) => (s.state[0].step = -5), /state\["0"\]\.step: expected an integer ≥ 0, got -5/],
    ['a fractional step', (s) => (s.state[0].step = 1.5), /state\["0"\]\.step: expected an integer ≥ 0, got 1.5/],
    ['a negative second moment', (s) => (s.state[0].exp_avg_sq[1] = -0.25), /state\["0"\]\.exp_avg_sq\[1\]: expected a finite number ≥ 0, got -0.25/],
    ['a string in a buffer', (s) => (s.state[1].exp_avg[0] = 'a'), /state\["1"\]\.exp_avg\[0\]: expected a finite number, got "a"/],
    ['a null moment (NaN in JSON)', (s) => (s.state[0].exp_avg[0] = null), /state\["0"\]\.exp_avg\[0\]: expected a finite number, got null/],
    ['a buffer of the wrong length', (s) => s.state[0].exp_avg.push(1), /state\["0"\]\.exp_avg: expected an array of 2 of finite numbers, got an array of 3/],
    ['a missing moment', (s) => delete s.state[0].exp_avg, /state\["0"\]\.exp_avg: expected a value, got nothing \(the field is missing\)/],
    ['an unknown state field', (s) => (s.state[0].momentum_buffer = [0, 0]), /state\["0"\]\.momentum_buffer: unknown field; this state holds step, exp_avg, exp_avg_sq, max_exp_avg_sq/],
    ['parameter numbers that match no state (moments would be dropped)', (s) => (s.param_groups[0].params = [5, 6]), /state\["0"\]: expected the number of a parameter in param_groups/],
    ['a parameter number used twice', (s) => (s.param_groups[0].params = [0, 0]), /param_groups\[0\]\.params\[1\]: expected a parameter number used once, got 0/],
    ['too few parameter numbers', (s) => (s.param_groups[0].params = [0]), /param_groups\[0\]\.params: expected 2 parameter numbers/],
    ['a state that is not an object', (s) => (s.state = [1]), /state: expected an object, got an array of 1/],
    ['a missing state', (s) => delete s.state, /state: expected a value, got nothing/],
    ['an unknown top-level field', (s) => (s.extra = 1), /extra: unknown field; known: state, param_groups/],
    // Both spellings of one field: whichever came last would silently win.
    ['a moment under both its PyTorch and its camelCase key', (s) => (s.state[0].expAvg = s.state[0].exp_avg.map(() => 0)), 'Adam.loadStateDict: state["0"].expAvg: the same field as "exp_avg"; expected it once'],
    ['a hyperparameter under both its keys', (s) => (s.param_groups[0].weightDecay = 0.5), 'Adam.loadStateDict: param_groups[0].weightDecay: the same field as "weight_decay"; expected it once'],
  ];
  for (const [what, edit, message] of cases)
    it(`refuses ${what}`, () => {
      expect(() => loadEdited(edit)).toThrow(MlpkitError);
      expect(() => loadEdited(edit)).toThrow(message);
    });

  it('a valid state still loads and resumes', () => {
    const { opt } = trained();
    const copy = loadEdited(() => {});
    expect(copy.stateDict()).toEqual(opt.stateDict());
  });
});
