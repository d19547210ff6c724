// The worked examples of the course slides (1-mlp-insight.txt) as tests: the numbers on the
// slides are rounded to about three digits, so they are compared within 1e-3.
import { relu, softmax } from '@mlpkit/activations';
import { constant_, zeros_ } from '@mlpkit/initializers';
import { type Tensor, exp, gather, log, logsumexp, mean, square, sub, tensor, unsqueeze } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Linear } from './linear.js';
import type { Module } from './module.js';
import { Sequential } from './sequential.js';

/** Mean softmax cross-entropy over class indices (the losses package is not an nn dependency). */
const crossEntropy = (logits: Tensor, target: Tensor): Tensor =>
  mean(sub(logsumexp(logits, 1), gather(logits, 1, unsqueeze(target, 1)).reshape(target.shape[0])));

function near(actual: Tensor | number[], slide: number[][] | number[], tol = 1e-3): void {
  const got = Array.isArray(actual) ? actual : [...actual.data];
  const want = (slide as number[][]).flat();
  expect(got).toHaveLength(want.length);
  got.forEach((v, i) => expect(Math.abs(v - want[i]), `element ${i}: ${v} vs slide ${want[i]}`).toBeLessThanOrEqual(tol));
}

/** One plain SGD step, p ← p − lr·∇p, after backward. */
function sgdStep(model: Module, lr: number): void {
  for (const p of model.parameters()) for (let i = 0; i < p.size; i++) p.data[i] -= lr * p.grad!.data[i];
  model.zeroGrad();
}

/** A Linear layer with the slide's weights: the slides write W as [in, out], PyTorch stores Wᵀ. */
function linearFromSlide(slideW: number[][], bias: number[]): Linear {
  const layer = new Linear(slideW.length, slideW[0].length);
  layer.loadStateDict({ weight: tensor(slideW[0].map((_, j) => slideW.map((row) => row[j]))), bias: tensor(bias) });
  return layer;
}

describe('Example 2: dying ReLU (Iris petal features, lr 0.01)', () => {
  const build = () => {
    const hidden = linearFromSlide([[0.86, -1.04], [0.41, -0.65]], [0, 0]);
    const out = linearFromSlide([[0.32, 0.25, 0.14], [-0.47, -1.06, 0.063]], [0, 0, 0]);
    return { hidden, out, model: new Sequential(hidden, relu, out) };
  };
  const x = tensor([[1.5, 0.2]]), y = tensor([0], { dtype: 'int32' });

  it('forward: h, ReLU(h), z and ŷ', () => {
    const { hidden, out } = build();
    const h = hidden.forward(x);
    // 1.5·(−1.04) + 0.2·(−0.65) = −1.69; the slide prints −1.68. Either way the unit is dead.
    near([h.data[0]], [1.372]);
    expect(h.data[1]).toBeCloseTo(-1.69, 6);
    near(relu(h), [1.372, 0]);
    const z = out.forward(relu(h));
    near(z, [0.439, 0.343, 0.192]);
    near(softmax(z, -1), [0.372, 0.338, 0.29]);
  });

  it('backward: every gradient, with zeros for the dead unit', () => {
    const { hidden, out, model } = build();
    crossEntropy(model.forward(x), y).backward();
    near(out.bias!.grad!, [-0.628, 0.338, 0.29]);
    // ∇w on the slide is [in, out]: [[−0.861, 0.463, 0.398], [0, 0, 0]]; PyTorch's grad is its transpose.
    near(out.weight.grad!, [[-0.861, 0], [0.463, 0], [0.398, 0]]);
    near(hidden.bias!.grad!, [-0.0759, 0]);
    near(hidden.weight.grad!, [[-0.114, -0.015], [0, 0]]);
    expect([...hidden.weight.grad!.data.slice(2)]).toEqual([0, 0]);
  });

  it('update with lr 0.01: the dead unit\'s weights do not move, and it stays dead', () => {
    const { hidden, out, model } = build();
    const deadIn = [...hidden.weight.data.slice(2)], deadOut = [out.weight.data[1], out.weight.data[3], out.weight.data[5]];
    crossEntropy(model.forward(x), y).backward();
    sgdStep(model, 0.01);
    near(hidden.weight, [[0.861, 0.4105], [-1.04, -0.65]]);
    near(hidden.bias!, [0.000759, 0]);
    near(out.weight, [[0.328, -0.47], [0.245, -1.06], [0.136, 0.063]]);
    near(out.bias!, [0.0062, -0.0033, -0.0029]);
    expect([...hidden.weight.data.slice(2)]).toEqual(deadIn);
    expect([out.weight.data[1], out.weight.data[3], out.weight.data[5]]).toEqual(deadOut);
    const h = hidden.forward(x);
    near([h.data[0]], [1.374]);
    expect(h.data[1]).toBeLessThan(0);
    const z = out.forward(relu(h));
    near(z, [0.458, 0.334, 0.184]);
    near(softmax(z, -1), [0.378, 0.334, 0.287]);
  });
});

describe('Examples 3–6: zero initialization', () => {
  it('3: linear regression learns from zero (x 6.7, y 9.1, lr 0.01)', () => {
    const model = new Linear(1, 1);
    model.parameters().forEach(zeros_);
    const x = tensor([[6.7]]), y = tensor([[9.1]]);
    const loss = mean(square(sub(model.forward(x), y)));
    near([loss.item()], [82.81]);
    loss.backward();
    near([model.weight.grad!.item(), model.bias!.grad!.item()], [-121.94, -18.2], 1e-3);
    sgdStep(model, 0.01);
    near([model.weight.item(), model.bias!.item()], [1.2194, 0.182]);
    const yHat = model.forward(x);
    near([yHat.item()], [8.351], 2e-3);
    near([mean(square(sub(yHat, y))).item()], [0.559], 2e-3);
  });

  it('4: logistic regression learns from zero (petal 1.4, 0.2, label 0)', () => {
    const model = new Linear(2, 1);
    model.parameters().forEach(zeros_);
    const x = tensor([[1.4, 0.2]]);
    // Binary cross-entropy for label 0: −log(1 − σ(z)) = log(1 + e^z).
    const bce = () => mean(log(exp(model.forward(x)).add(1)));
    const before = bce();
    near([before.item()], [Math.LN2]);
    before.backward();
    near([model.bias!.grad!.item(), ...model.weight.grad!.data], [0.5, 0.7, 0.1]);
    sgdStep(model, 0.01);
    near([model.bias!.item(), ...model.weight.data], [-0.005, -0.007, -0.001]);
    const p = 1 / (1 + Math.exp(-model.forward(x).item()));
    near([p], [0.49], 1e-2);
    near([bce().item()], [0.68], 1e-2);
    expect(bce().item()).toBeLessThan(before.item());
  });

  it('5: softmax regression learns from zero (petal 1.4, class 0 of 2)', () => {
    const model = new Linear(1, 2);
    model.parameters().forEach(zeros_);
    const x = tensor([[1.4]]), y = tensor([0], { dtype: 'int32' });
    const before = crossEntropy(model.forward(x), y);
    before.backward();
    near(model.bias!.grad!, [-0.5, 0.5]);
    near(model.weight.grad!, [[-0.7], [0.7]]);
    sgdStep(model, 0.01);
    // θ − η∇ with ∇b = [−0.5, 0.5] gives b = [0.005, −0.005]; the slide prints the signs swapped.
    near(model.bias!, [0.005, -0.005]);
    near(model.weight, [[0.007], [-0.007]]);
    expect(crossEntropy(model.forward(x), y).item()).toBeLessThan(before.item());
  });

  const irisX = tensor([[1.5, 0.2], [1.4, 0.2], [1.6, 0.2], [4.7, 1.6], [3.3, 1.1], [4.6, 1.3], [5.6, 2.2], [5.1, 1.5], [5.6, 1.4]]);
  const irisY = tensor([0, 0, 0, 1, 1, 1, 2, 2, 2], { dtype: 'int32' });

  function trainSymmetric(init: (t: Tensor) => void) {
    const hidden = new Linear(2, 2), out = new Linear(2, 3);
    const model = new Sequential(hidden, relu, out);
    model.parameters().forEach(init);
    for (let step = 0; step < 20; step++) {
      crossEntropy(model.forward(irisX), irisY).backward();
      sgdStep(model, 0.1);
    }
    return { hidden, out };
  }

  it('6: an MLP with all-zero weights never separates its hidden units', () => {
    const { hidden, out } = trainSymmetric(zeros_);
    expect([...hidden.weight.data]).toEqual([0, 0, 0, 0]);
    expect([...hidden.bias!.data]).toEqual([0, 0]);
    expect([...out.weight.data]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('6 (contrast): any constant init moves the hidden units, but they stay identical', () => {
    const { hidden, out } = trainSymmetric((t) => constant_(t, 0.5));
    const w = hidden.weight.data, v = out.weight.data;
    expect(w[0]).not.toBe(0.5);
    expect([w[2], w[3], hidden.bias!.data[1]]).toEqual([w[0], w[1], hidden.bias!.data[0]]);
    for (let k = 0; k < 3; k++) expect(v[k * 2 + 1]).toBe(v[k * 2]);
  });
});
