// The slides' worked numbers as the experiments compute them, compared as printed: same digits,
// the slide's own rounding (see slide-number.ts), so a printed value shifted by one unit in its
// last digit fails.
import { describe, expect, it } from 'vitest';
import { LECTURE_ACTIVATIONS, SLIDE_DATA, valueAndGrad } from './activations.js';
import { addMultiply } from './backprop.js';
import { slideCrossEntropy } from './cross-entropy.js';
import { dyingRelu } from './dying-relu.js';
import { mlpExample1 } from './mlp-example.js';
import { type SlideRounding, asPrinted, decimalsOf } from './slide-number.js';
import { zeroInit } from './zero-init.js';

/** Ours printed like each of the slide's strings. */
const printed = (values: readonly number[], slide: readonly string[], rounding: SlideRounding) =>
  values.map((v, i) => asPrinted(v, decimalsOf(slide[i]), rounding));
const expectPrinted = (values: readonly number[], slide: string[], rounding: SlideRounding = 'round') =>
  expect(printed(values, slide, rounding)).toEqual(slide);

describe('asPrinted', () => {
  it('truncates or rounds at the printed digits, and one unit off never matches', () => {
    expect(asPrinted(0.017986, 3, 'truncate')).toBe('0.017');
    expect(asPrinted(0.017986, 3, 'round')).toBe('0.018');
    expect(asPrinted(-0.0399999991, 2, 'truncate')).toBe('-0.04');
    expect(asPrinted(-0.0000001, 3, 'round')).toBe('0.000');
    expect(decimalsOf('0.95')).toBe(2);
  });
});

describe('activations (1-mlp-insight) as the experiment tabulates them', () => {
  it('prints every value the slides print, truncated as they are', () => {
    for (const a of LECTURE_ACTIVATIONS.filter((x) => x.slide)) expectPrinted(valueAndGrad(a.fn, SLIDE_DATA).f, a.slide as string[], 'truncate');
  });

  it('gives each derivative as its formula: σ′ = σ(1 − σ), tanh′ = 1 − tanh²', () => {
    const s = valueAndGrad(LECTURE_ACTIVATIONS[1].fn, SLIDE_DATA);
    s.df.forEach((d, i) => expect(d).toBeCloseTo(s.f[i] * (1 - s.f[i]), 12));
    const t = valueAndGrad(LECTURE_ACTIVATIONS[2].fn, SLIDE_DATA);
    t.df.forEach((d, i) => expect(d).toBeCloseTo(1 - t.f[i] ** 2, 12));
  });
});

describe('MLP example 1', () => {
  it('gives the slide\'s 1.269 from its logits and 1.2731 from its printed weights', () => {
    const r = mlpExample1();
    expectPrinted([r.lossFromSlideZ], ['1.269']);
    // (The slide's ŷ rows are not asserted digit for digit: they mix cut and rounded digits,
    // 0.3697 → 0.369 but 0.4578 → 0.458, as if computed from its unrounded z.)
    r.yHatFromSlideZ.flat().forEach((p, i) => expect(Math.abs(p - [0.369, 0.340, 0.289, 0.458, 0.343, 0.198, 0.484, 0.341, 0.174][i])).toBeLessThan(1e-3));
    expectPrinted([r.lossFromWeights], ['1.2731']);
  });
});

describe('Example 2, dying ReLU, lr 0.01', () => {
  const r = dyingRelu();
  it('loss 0.989 before the update and 0.972 after (0.9894 → 0.9722)', () => {
    expectPrinted([r.before.loss, r.after.loss], ['0.989', '0.972']);
    expectPrinted([r.before.loss, r.after.loss], ['0.9894', '0.9722']);
  });

  it('backward pass: ŷ − y, ∇w, ∇m, ∇bm, and exact zeros for the dead unit', () => {
    expectPrinted(r.before.yHat, ['0.372', '0.338', '0.290']);
    expectPrinted(r.grads.bw, ['-0.628', '0.338', '0.290']);
    expectPrinted(r.grads.w[0], ['-0.861', '0.463', '0.398'], 'truncate');
    expectPrinted([r.grads.m[0][0], r.grads.m[1][0]], ['-0.114', '-0.015']);
    expectPrinted(r.grads.bm, ['-0.0759', '0.0']);
    expect([...r.grads.w[1], r.grads.m[0][1], r.grads.m[1][1], r.grads.bm[1]]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('the update: m, bm, w, bw as printed (0.4105 is the slide\'s slip for 0.41015), and the unit stays dead', () => {
    expectPrinted(r.params.m.flat(), ['0.861', '-1.04', '0.4102', '-0.65']);
    expectPrinted(r.params.bm, ['0.000759', '0.0']);
    expectPrinted(r.params.w[0], ['0.328', '0.245', '0.136'], 'truncate');
    expectPrinted(r.params.bw, ['0.0062', '-0.0033', '-0.0029'], 'truncate');
    expectPrinted(r.after.yHat, ['0.378', '0.334', '0.287'], 'truncate');
    expectPrinted([r.after.h[0]], ['1.374']);
    expect(r.after.h[1]).toBeLessThan(0);
  });
});

describe('Examples 3–6, zero initialization', () => {
  const { linear, logistic, softmaxReg, mlp } = zeroInit();
  it('linear regression: 82.81, −121.94, 1.2194, 0.182, ŷ 8.351, loss 0.559', () => {
    expectPrinted([linear.loss0, linear.gradW, linear.gradB, linear.w, linear.b], ['82.81', '-121.94', '-18.2', '1.2194', '0.182']);
    expectPrinted([linear.yHat, linear.loss1], ['8.351', '0.559'], 'truncate');
  });

  it('logistic regression: ∇ 0.5, 0.7, 0.1; θ −0.005, −0.007, −0.001; ŷ 0.49; L 0.68', () => {
    expectPrinted(logistic.grad, ['0.5', '0.7', '0.1']);
    expectPrinted(logistic.theta, ['-0.005', '-0.007', '-0.001']);
    expectPrinted([logistic.yHat, logistic.loss1], ['0.49', '0.68'], 'truncate');
  });

  it('softmax regression: loss 0.693 = −log 0.5 before its update and 0.678 after', () => {
    expectPrinted([softmaxReg.loss0, softmaxReg.loss1], ['0.693', '0.678']);
    expectPrinted(softmaxReg.grad.b, ['-0.5', '0.5']);
  });

  it('the MLP from zeros: ŷ = 1/3 for every class of every example, loss ln 3, and nothing moves', () => {
    expectPrinted(mlp.zero.yHat0.flat(), Array(9).fill('0.333'));
    expect(mlp.zero.yHat0.flat().every((p) => Math.abs(p - 1 / 3) < 1e-12)).toBe(true);
    expectPrinted([mlp.zero.losses[0]], ['1.0986']);
    expect(Math.abs(mlp.zero.losses[0] - Math.log(3))).toBeLessThan(1e-12);
    expect(mlp.zero.hiddenWeights).toEqual([0, 0, 0, 0]);
    expect(mlp.zero.losses.at(-1)).toBeCloseTo(Math.log(3), 12);
  });
});

describe('backpropagation through (x + y)·z at (−2, 5, −4)', () => {
  it('f = −12 and the gradients −4, −4, 3', () => {
    const r = addMultiply();
    expect([r.f, r.dx, r.dy, r.dz]).toEqual([-12, -4, -4, 3]);
  });
});

describe('cross-entropy of dog 0.2, cat 0.8 for a cat (5-deep-neural-networks)', () => {
  const r = slideCrossEntropy();
  it('is −log 0.8 = 0.2231 with the class index and with the one-hot target', () => {
    expectPrinted([r.loss, r.lossOneHot], ['0.2231', '0.2231']);
    expect(r.loss).toBeCloseTo(-Math.log(0.8), 12);
    expect(r.y).toEqual([0, 1]);
  });

  it('sends the logits the gradient ŷ − y = (0.2, −0.2)', () => {
    r.gradLogits.forEach((g, i) => expect(g).toBeCloseTo(r.yHat[i] - r.y[i], 12));
    expectPrinted(r.gradLogits, ['0.2', '-0.2']);
  });
});
