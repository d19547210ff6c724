import { requiresGrad } from '@mlpkit/autograd';
import { MlpkitError, Tensor, mul, sum, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { SGD } from './sgd.js';

const vec = (values: number[]) => new Tensor(Float64Array.from(values), [values.length]);
const withGrad = (p: Tensor, g: number[]) => {
  p.grad = vec(g);
  return p;
};

describe('SGD: the slides’ update rules (5-deep-neural-networks)', () => {
  it('plain SGD is θ ← θ − η∇θL, with the gradient from autograd', () => {
    // L(θ) = Σ θ², so ∇θL = 2θ and one step gives θ(1 − 2η).
    const theta = requiresGrad(tensor([1, -2, 3], { dtype: 'float64' }));
    sum(mul(theta, theta)).backward();
    new SGD([theta], { lr: 0.1 }).step();
    expect(Array.from(theta.data)).toEqual([1 - 0.2, -2 + 0.4, 3 - 0.6].map((x) => expect.closeTo(x, 15)));
  });

  it('the classical momentum form v ← μv − η∇L, θ ← θ + v is SGD with dampening 0, exactly', () => {
    const grads = [[1, -2], [0.5, 0.5], [-3, 1], [2, 2]];
    const eta = 0.1, mu = 0.9;
    const p = vec([1, 1]);
    const opt = new SGD([p], { lr: eta, momentum: mu });
    let theta = [1, 1], v = [0, 0];
    for (const g of grads) {
      withGrad(p, g);
      opt.step();
      v = v.map((vi, i) => mu * vi - eta * g[i]);
      theta = theta.map((t, i) => t + v[i]);
      expect(Array.from(p.data)).toEqual(theta.map((x) => expect.closeTo(x, 12)));
    }
  });

  it('the slides’ form v ← αv − (1 − α)∇L, θ ← θ + v is SGD(lr 1, momentum α, dampening α) but for the first step', () => {
    // PyTorch stores the undampened first gradient (b₁ = g₁, not (1 − α)g₁), so its buffer is
    // ahead of the slides' velocity by α^t·g₁ after t steps, and θ by Σ_s α^s·g₁.
    const grads = [[1, -2], [0.5, 0.5], [-3, 1], [2, 2], [0.1, -0.4]];
    const alpha = 0.9;
    const p = vec([0, 0]);
    const opt = new SGD([p], { lr: 1, momentum: alpha, dampening: alpha });
    let theta = [0, 0], v = [0, 0], drift = 0;
    grads.forEach((g, t) => {
      withGrad(p, g);
      opt.step();
      v = v.map((vi, i) => alpha * vi - (1 - alpha) * g[i]);
      theta = theta.map((x, i) => x + v[i]);
      drift += alpha ** (t + 1);
      const g1 = grads[0];
      expect(Array.from(p.data)).toEqual(theta.map((x, i) => expect.closeTo(x - drift * g1[i], 12)));
    });
  });
});

describe('SGD options', () => {
  it('dampening applies from the second step on; Nesterov adds μ·b to the gradient', () => {
    const p = vec([0]);
    const opt = new SGD([p], { lr: 1, momentum: 0.5, dampening: 0.5 });
    withGrad(p, [2]);
    opt.step(); // b = 2
    withGrad(p, [2]);
    opt.step(); // b = 0.5·2 + 0.5·2 = 2
    expect(p.data[0]).toBe(-4);
    const q = withGrad(vec([0]), [2]);
    new SGD([q], { lr: 1, momentum: 0.5, nesterov: true }).step(); // b = 2, step = 2 + 0.5·2
    expect(q.data[0]).toBe(-3);
  });

  it('weight decay adds weightDecay·θ to the gradient and maximize climbs', () => {
    const p = withGrad(vec([10]), [1]);
    new SGD([p], { lr: 0.1, weightDecay: 0.5 }).step();
    expect(p.data[0]).toBeCloseTo(10 - 0.1 * (1 + 5), 12);
    const q = withGrad(vec([10]), [1]);
    new SGD([q], { lr: 0.1, maximize: true }).step();
    expect(q.data[0]).toBeCloseTo(10.1, 12);
  });

  it('skips a parameter without a gradient, and creates no state for it', () => {
    const a = withGrad(vec([1]), [1]);
    const b = vec([1]);
    const opt = new SGD([a, b], { lr: 0.1, momentum: 0.9 });
    opt.step();
    expect(a.data[0]).toBeCloseTo(0.9, 12);
    expect(b.data[0]).toBe(1);
    expect(opt.state.has(b)).toBe(false);
  });
});

describe('SGD bad input gets PyTorch’s error, naming the argument and the value', () => {
  const p = () => vec([1]);
  it('a negative learning rate', () => {
    expect(() => new SGD([p()], { lr: -0.1 })).toThrow(MlpkitError);
    expect(() => new SGD([p()], { lr: -0.1 })).toThrow('SGD: Invalid learning rate (lr): expected lr >= 0, got -0.1');
  });
  it('Nesterov without momentum, or with dampening', () => {
    expect(() => new SGD([p()], { lr: 0.1, nesterov: true })).toThrow(/Nesterov momentum requires a momentum and zero dampening: got nesterov=true with momentum=0/);
    expect(() => new SGD([p()], { lr: 0.1, nesterov: true, momentum: 0.9, dampening: 0.1 })).toThrow(/dampening=0.1/);
  });
  it('negative momentum or weight decay, also in a group', () => {
    expect(() => new SGD([p()], { momentum: -1 })).toThrow('SGD: Invalid momentum value (momentum): expected momentum >= 0, got -1');
    expect(() => new SGD([{ params: [p()], weightDecay: -0.01 }])).toThrow(/weightDecay.*got -0.01/);
  });
});
