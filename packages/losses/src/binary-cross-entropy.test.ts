import { gradcheck, requiresGrad } from '@mlpkit/autograd';
import { MlpkitError, sigmoid, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { BCELoss, BCEWithLogitsLoss, binaryCrossEntropy, binaryCrossEntropyWithLogits } from './index.js';

const f64 = (data: number[], shape = [data.length]) => tensor(data, { dtype: 'float64', shape });
const logits = f64([-2.1, 0.4, 1.3, -0.2, 3.0, -0.9], [2, 3]);
const target = f64([0, 1, 1, 0.3, 1, 0], [2, 3]);
const weight = f64([0.5, 2, 1]);

describe('binaryCrossEntropy', () => {
  it('is −(t log p + (1 − t) log(1 − p))', () => {
    expect(binaryCrossEntropy(f64([0.8, 0.8]), f64([1, 0]), { reduction: 'none' }).tolist())
      .toEqual([expect.closeTo(-Math.log(0.8), 12), expect.closeTo(-Math.log(0.2), 12)]);
  });

  it('clamps each log at −100, so certainty that is wrong costs 100, not ∞', () => {
    const loss = binaryCrossEntropy(f64([0, 1, 0, 1]), f64([1, 0, 0, 1]), { reduction: 'none' });
    expect(Array.from(loss.data, (v) => v + 0)).toEqual([100, 100, 0, 0]);
  });

  it('has PyTorch\'s gradient (p − t) / max(p(1 − p), 1e-12)', () => {
    const p = requiresGrad(f64([0.25, 0, 1]));
    binaryCrossEntropy(p, f64([1, 1, 0]), { reduction: 'sum' }).backward();
    expect(p.grad!.tolist()).toEqual([-4, -1e12, 1e12]);
  });

  it('matches finite differences, with a weight per column', () => {
    const probs = sigmoid(logits);
    expect(gradcheck((p) => binaryCrossEntropy(p, target, { weight }), [probs]).ok).toBe(true);
  });

  it('refuses values outside [0, 1] (logits passed by mistake)', () => {
    expect(() => binaryCrossEntropy(f64([0.5, 1.5]), f64([1, 0]))).toThrow(MlpkitError);
    expect(() => binaryCrossEntropy(f64([0.5, 1.5]), f64([1, 0]))).toThrow(/input must hold probabilities in \[0, 1\].*got 1.5 at position 1/);
  });

  it('refuses a weight that does not broadcast', () => {
    expect(() => binaryCrossEntropy(sigmoid(logits), target, { weight: f64([1, 2]) })).toThrow(MlpkitError);
  });

  it('refuses an unknown option', () => {
    expect(() => binaryCrossEntropy(sigmoid(logits), target, { posWeight: weight } as object)).toThrow("binaryCrossEntropy: unknown option 'posWeight'");
  });
});

describe('binaryCrossEntropyWithLogits', () => {
  it('equals binaryCrossEntropy(sigmoid(z)) where both are accurate', () => {
    for (const reduction of ['none', 'mean', 'sum'] as const) {
      const a = binaryCrossEntropyWithLogits(logits, target, { reduction, weight });
      const b = binaryCrossEntropy(sigmoid(logits), target, { reduction, weight });
      Array.from(a.data).forEach((v, i) => expect(v).toBeCloseTo(b.data[i], 12));
    }
  });

  it('is exact at ±100 logits: about 0 when right, 100 when wrong', () => {
    const loss = binaryCrossEntropyWithLogits(tensor([100, -100, 100, -100]), tensor([1, 0, 0, 1]), { reduction: 'none' });
    // log(1 + e⁻¹⁰⁰) ≈ 3.7e-44 is a float32 subnormal, not 0.
    expect(Array.from(loss.data)).toEqual([expect.closeTo(0, 40), 0, 100, 100]);
  });

  it('has the gradient σ(z) − t, and with posWeight p, (1 + (p − 1)t)σ(z) − p·t', () => {
    const z = requiresGrad(f64([0.5, -1]));
    const t = f64([1, 0]);
    binaryCrossEntropyWithLogits(z, t, { reduction: 'sum' }).backward();
    expect(z.grad!.data[0]).toBeCloseTo(1 / (1 + Math.exp(-0.5)) - 1, 14);
    z.grad = null;
    binaryCrossEntropyWithLogits(z, t, { reduction: 'sum', posWeight: f64([3, 3]) }).backward();
    expect(z.grad!.data[0]).toBeCloseTo(3 / (1 + Math.exp(-0.5)) - 3, 14);
  });

  it('matches finite differences in the logits and in soft targets, with weight and posWeight', () => {
    const options = { weight, posWeight: f64([2, 0.5, 1.5]) };
    expect(gradcheck((z, t) => binaryCrossEntropyWithLogits(z, t, options), [logits, target]).ok).toBe(true);
    expect(gradcheck((z, t) => binaryCrossEntropyWithLogits(z, t, { reduction: 'none' }), [logits, target]).ok).toBe(true);
  });

  it('refuses an unknown option', () => {
    expect(() => binaryCrossEntropyWithLogits(logits, target, { pos_weight: weight } as object)).toThrow("binaryCrossEntropyWithLogits: unknown option 'pos_weight'");
  });

  it('has class wrappers', () => {
    expect(new BCEWithLogitsLoss({ reduction: 'sum' }).forward(logits, target).item())
      .toBe(binaryCrossEntropyWithLogits(logits, target, { reduction: 'sum' }).item());
    expect(new BCELoss().forward(sigmoid(logits), target).item()).toBe(binaryCrossEntropy(sigmoid(logits), target).item());
  });
});
