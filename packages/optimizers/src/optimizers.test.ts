import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import * as O from './index.js';
import { camel, optimizerCases, worstRatio } from './testing/fixtures.js';

type Ctor = new (params: Iterable<O.ParamLike>, options: Record<string, unknown>) => O.Optimizer<any>;
const classes: Record<string, Ctor> = {
  SGD: O.SGD, Adam: O.Adam, AdamW: O.AdamW, RMSprop: O.RMSprop, Adagrad: O.Adagrad,
  Adadelta: O.Adadelta, Adamax: O.Adamax, NAdam: O.NAdam, RAdam: O.RAdam,
};
const implementationSwitches = ['foreach', 'differentiable', 'capturable', 'fused'];
const cases = optimizerCases().filter((c) => c.op.startsWith('optimizer_'));

/** Runs one fixture case with float32 parameters and returns W and b after each step. */
function run(c: (typeof cases)[number], Optim: Ctor) {
  const W = new Tensor(Float32Array.from(c.inputs.W0.data), c.inputs.W0.shape);
  const b = new Tensor(Float32Array.from(c.inputs.b0.data), c.inputs.b0.shape);
  const opt = new Optim([W, b], Object.fromEntries(Object.entries(c.params.given).map(([k, v]) => [camel(k), v])));
  const steps = c.inputs.grad_W.shape[0];
  const Ws: number[] = [];
  const bs: number[] = [];
  for (let t = 0; t < steps; t++) {
    W.grad = new Tensor(Float32Array.from(c.inputs.grad_W.data.slice(t * W.size, (t + 1) * W.size)), W.shape);
    b.grad = new Tensor(Float32Array.from(c.inputs.grad_b.data.slice(t * b.size, (t + 1) * b.size)), b.shape);
    opt.step();
    Ws.push(...W.data);
    bs.push(...b.data);
  }
  return { opt, Ws, bs };
}

describe('every optimizer against PyTorch 1.13.1 (fixtures/pytorch/optimizers.json)', () => {
  it('covers every optimizer of the fixture file', () => {
    expect(new Set(cases.map((c) => c.params.optimizer))).toEqual(new Set(Object.keys(classes)));
  });

  for (const c of cases) {
    const Optim = classes[c.params.optimizer];
    it(`${c.name}: PyTorch's defaults fill what the case leaves out`, () => {
      const { opt } = run(c, Optim);
      for (const [key, value] of Object.entries(c.params)) {
        if (['optimizer', 'given', 'steps', ...implementationSwitches].includes(key)) continue;
        expect(opt.paramGroups[0][camel(key)], key).toEqual(value);
      }
    });

    it(`${c.name}: float32 parameters follow PyTorch's float64 trajectory within 1e-4`, () => {
      const { Ws, bs } = run(c, Optim);
      expect(worstRatio(Ws, c.outputs.W.data, 1e-4, 1e-5)).toBeLessThanOrEqual(1);
      expect(worstRatio(bs, c.outputs.b.data, 1e-4, 1e-5)).toBeLessThanOrEqual(1);
    });
  }
});
