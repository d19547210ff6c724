import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import { radamRectification } from './radam.js';

const f64 = (values: number[]) => new Tensor(Float64Array.from(values), [values.length]);

describe('Adam family', () => {
  it('Adam’s first step moves every coordinate by lr, whatever the gradient’s scale', () => {
    const p = f64([0, 0, 0]);
    p.grad = f64([1e-3, -5, 300]);
    new Adam([p], { lr: 0.01 }).step();
    expect(Array.from(p.data)).toEqual([-0.01, 0.01, -0.01].map((x) => expect.closeTo(x, 6)));
  });

  it('AMSGrad divides by the largest second moment seen so far', () => {
    const run = (amsgrad: boolean) => {
      const p = f64([0]);
      const opt = new Adam([p], { lr: 0.1, amsgrad });
      for (const g of [10, 0.1, 0.1]) {
        p.grad = f64([g]);
        opt.step();
      }
      return { p: p.data[0], state: opt.state.get(p)! };
    };
    const plain = run(false);
    const ams = run(true);
    expect(ams.state.maxExpAvgSq).toBeDefined();
    // v₁ = 0.001·10² = 0.1 is the largest; v₂, v₃ decay below it.
    expect((ams.state.maxExpAvgSq as Float64Array)[0]).toBeCloseTo(0.1, 12);
    expect((ams.state.expAvgSq as Float64Array)[0]).toBeLessThan(0.1);
    expect(Math.abs(ams.p)).toBeLessThan(Math.abs(plain.p));
  });

  it('Adam’s weight decay is an L2 term in the gradient; AdamW’s shrinks θ by (1 − lr·wd) first', () => {
    const p = f64([2]);
    p.grad = f64([0]);
    new AdamW([p], { lr: 0.1, weightDecay: 0.5 }).step();
    expect(p.data[0]).toBeCloseTo(2 * (1 - 0.05), 12); // zero gradient: only the decay acts
    const q = f64([2]);
    q.grad = f64([0]);
    new Adam([q], { lr: 0.1, weightDecay: 0.5 }).step();
    expect(q.data[0]).toBeCloseTo(2 - 0.1, 6); // g = 0.5·2 = 1 enters the moments: a full lr step
  });

  it('RAdam is un-rectified while ρₜ ≤ 5 (steps 1–5 with β₂ = 0.999) and rectified from step 6', () => {
    for (let t = 1; t <= 5; t++) expect(radamRectification(0.999, t)).toBeNull();
    const r6 = radamRectification(0.999, 6)!;
    expect(r6).toBeGreaterThan(0);
    expect(r6).toBeLessThan(1);
    expect(radamRectification(0.999, 1e6)).toBeCloseTo(1, 3);
  });
});
