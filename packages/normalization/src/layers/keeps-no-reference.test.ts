import { ReLU } from '@mlpkit/activations';
import { noGrad } from '@mlpkit/autograd';
import { Dropout, Linear, Sequential, declareKeepsNoReference } from '@mlpkit/nn';
import { type GradNode, type Tensor, manualSeed, randn, sum, uninitializedFloat32 } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { BatchNorm1d } from './batch-norm-1d.js';
import { LayerNorm } from './layer-norm.js';

// Widths of their own, so that no other case's recycled arrays (kept per length) meet these.
function layers(hidden: number, norm: (n: number) => BatchNorm1d | LayerNorm) {
  manualSeed(3);
  return { first: new Linear(8, hidden), norm: norm(hidden), act: new ReLU(), last: new Linear(hidden, 3), x: randn([61, 8]) };
}

describe('normalization layers join the layers Sequential reuses the memory between', () => {
  for (const [name, norm, hidden] of [['BatchNorm1d', (n: number) => new BatchNorm1d(n), 331], ['LayerNorm', (n: number) => new LayerNorm(n), 337]] as const) {
    it(`${name}, with gradients: the same gradients, and the outputs around it refuse reads after backward`, () => {
      const { first, norm: n, act, last, x } = layers(hidden, norm);
      const run = (wrap: boolean) => {
        for (const p of [first, n, last].flatMap((l) => l.parameters())) p.grad = null;
        const model = wrap ? new Sequential(first, (t: Tensor) => n.forward(t), act, last) : new Sequential(first, n, act, last);
        const y = model.forward(x);
        sum(y).backward();
        return { y, grads: [first, n, last].flatMap((l) => l.parameters()).map((p) => p.grad?.data) };
      };
      const plain = run(true), released = run(false);
      expect(released.grads).toEqual(plain.grads);
      let t = (released.y.gradNode as GradNode).inputs[0];
      for (let layer = 2; layer >= 0; layer--) {
        expect(() => t.data).toThrow(`the output of layer ${layer}, read only by layer ${layer + 1}`);
        t = (t.gradNode as GradNode).inputs[0];
      }
      expect(t).toBe(x);
      // Wrapped, the normalization layer is not promised, so the outputs on either side of it are kept.
      const normalized = ((plain.y.gradNode as GradNode).inputs[0].gradNode as GradNode).inputs[0];
      const hiddenOut = (normalized.gradNode as GradNode).inputs[0];
      expect([normalized.data.length, hiddenOut.data.length]).toEqual([61 * hidden, 61 * hidden]);
    });

    it(`${name}, in evaluation without gradients: the first Linear's output is reused once it has read it`, () => {
      const { first, norm: n, act, last, x } = layers(hidden + 2, norm);
      n.eval();
      const hiddenOut = noGrad(() => first.forward(x));
      const expected = noGrad(() => last.forward(act.forward(n.forward(hiddenOut)))).data;
      for (let i = 0; i < 4; i++) uninitializedFloat32(61 * (hidden + 2));
      expect(noGrad(() => new Sequential(first, n, act, last).forward(x)).data).toEqual(expected);
      // The relu output was handed back last, the normalized output before it, then the first Linear's.
      const handedBack = [uninitializedFloat32(61 * (hidden + 2)), uninitializedFloat32(61 * (hidden + 2)), uninitializedFloat32(61 * (hidden + 2))];
      expect(handedBack[2]).toEqual(hiddenOut.data);
    });
  }

  it("never hands back the caller's input that an evaluation Dropout passed to BatchNorm1d", () => {
    manualSeed(4);
    const x = randn([100, 200]), values = x.data.slice();
    const model = new Sequential(new Dropout(0.2), new BatchNorm1d(200), new ReLU(), new BatchNorm1d(200), new ReLU()).eval();
    const first = noGrad(() => model.forward(x)).data.slice();
    const drawn = Array.from({ length: 4 }, () => uninitializedFloat32(100 * 200));
    expect(drawn.some((a) => a === x.data)).toBe(false);
    expect(x.data).toEqual(values);
    expect(noGrad(() => model.forward(x)).data).toEqual(first);
  });

  it('declareKeepsNoReference refuses what is not a forward function', () => {
    expect(() => declareKeepsNoReference(null as never)).toThrow("declareKeepsNoReference: expected a layer's forward function, got null");
  });
});
