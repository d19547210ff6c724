import { normal_, zeros_ } from '@mlpkit/initializers';
import { crossEntropy } from '@mlpkit/losses';
import { Linear } from '@mlpkit/nn';
import { SGD } from '@mlpkit/optimizers';
import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { checkInitialLoss, overfitSmallSubset } from './babysitting.js';
import { lrRangeTest } from './lr-range-test.js';
import { summarize } from './tensor-summary.js';
import { blobs, mlp } from './toy.test-helper.js';

describe('checkInitialLoss', () => {
  it('finds ln C for a model with tiny weights (the slides: 2.3026 for 10 classes)', () => {
    const model = mlp(0, 16, 10);
    for (const p of model.parameters()) {
      if (p.ndim === 2) normal_(p, { std: 1e-4 });
      else zeros_(p);
    }
    const y = new Tensor(Int32Array.from({ length: 50 }, (_, i) => i % 10), [50]);
    const check = checkInitialLoss(model, { x: blobs(50).x(), y }, crossEntropy, { numClasses: 10 });
    expect(check.loss).toBeCloseTo(Math.log(10), 4);
    expect(check.ok).toBe(true);
    expect(check.message).toBe(`initial loss ${check.loss.toFixed(4)}, expected ln(10) = 2.3026: ok`);
  });

  it('flags large initial weights as a too-high loss', () => {
    const model = mlp();
    for (const p of model.parameters()) normal_(p, { std: 10 });
    const ds = blobs(60);
    const check = checkInitialLoss(model, { x: ds.x(), y: ds.y() }, crossEntropy, { numClasses: 3 });
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/too high: the initial logits are large/);
  });

  it('refuses a bad class count', () => {
    const ds = blobs(6);
    expect(() => checkInitialLoss(mlp(), { x: ds.x(), y: ds.y() }, crossEntropy, { numClasses: 1 }))
      .toThrow(/^checkInitialLoss: numClasses must be an integer >= 2, got 1/);
  });

  it('refuses an unknown option', () => {
    expect(() => checkInitialLoss(mlp(), null as never, crossEntropy, { numClasses: 3, tol: 0.1 } as never)).toThrow("checkInitialLoss: unknown option 'tol'");
  });
});

describe('overfitSmallSubset', () => {
  it('reaches 100 % on 20 examples with plain SGD and restores the weights', () => {
    const model = mlp(0, 32);
    const ds = blobs(20, 5);
    const before = Array.from(model.parameters()[0].data);
    const r = overfitSmallSubset(model, { x: ds.x(), y: ds.y() }, { loss: crossEntropy, makeOptimizer: (p) => new SGD(p, { lr: 0.2 }), steps: 100 });
    expect(r.ok).toBe(true);
    expect(r.accuracy).toBe(1);
    expect(r.losses[99]).toBeLessThan(r.losses[0] / 5);
    expect(r.stepsToTarget).toBeGreaterThanOrEqual(0);
    expect(Array.from(model.parameters()[0].data)).toEqual(before);
    expect(r.message).toMatch(/^overfit 20 examples: accuracy 100\.0 %.*ok, the model can learn$/);
  });

  it('says so when the model cannot overfit (a learning rate of zero)', () => {
    const model = new Linear(2, 3);
    const ds = blobs(20, 5);
    const r = overfitSmallSubset(model, { x: ds.x(), y: ds.y() }, { loss: crossEntropy, makeOptimizer: (p) => new SGD(p, { lr: 0 }), steps: 5 });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/could not overfit/);
  });

  it('refuses an unknown option', () => {
    const options = { loss: crossEntropy, makeOptimizer: (p: Tensor[]) => new SGD(p, { lr: 1 }), step: 5 };
    expect(() => overfitSmallSubset(mlp(), null as never, options as never)).toThrow("overfitSmallSubset: unknown option 'step'");
  });
});

describe('the babysitting helpers without their options', () => {
  it('name what they need instead of a TypeError', () => {
    const model = mlp();
    const batch = { x: new Tensor(new Float32Array(4), [2, 2]), y: new Tensor(Int32Array.of(0, 1), [2]) };
    expect(() => checkInitialLoss(model, batch, crossEntropy, undefined as never)).toThrow('checkInitialLoss: expected an options object with numClasses, got undefined');
    expect(() => overfitSmallSubset(model, batch, undefined as never)).toThrow('overfitSmallSubset: expected an options object with loss and makeOptimizer, got undefined');
    expect(() => overfitSmallSubset(model, batch, { loss: crossEntropy } as never)).toThrow('overfitSmallSubset: makeOptimizer: expected a function (params) => optimizer');
    expect(() => overfitSmallSubset(model, batch, { loss: crossEntropy, makeOptimizer: (p) => new SGD(p), restore: 'no' as never })).toThrow('overfitSmallSubset: expected restore to be true or false');
    expect(() => lrRangeTest(model, [batch], undefined as never)).toThrow('lrRangeTest: expected an options object with loss and makeOptimizer, got undefined');
    expect(() => lrRangeTest(model, [batch], { loss: crossEntropy } as never)).toThrow('lrRangeTest: makeOptimizer: expected a function');
    expect(() => summarize(null as never)).toThrow('summarize: expected input to be a Tensor, got null');
  });
});

