import { MlpkitError, RECYCLE_MIN_LENGTH, type Tensor, add, mul, randn, sum, tanh, uninitializedFloat32 } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { customOp, releaseAfterBackward, requiresGrad } from './index.js';

const n = RECYCLE_MIN_LENGTH + 7; // a length no other test uses

/** x (requires grad), h = tanh(x) promised to the graph, and the gradient of Σ h² by the same ops without the promise. */
function setup() {
  const x = requiresGrad(randn([n]));
  const plain = requiresGrad(x.detach().clone());
  const p = tanh(plain);
  sum(mul(p, p)).backward();
  const expected = plain.grad!.data;
  const h = tanh(x);
  releaseAfterBackward(h, 'myMlp');
  // Empties the allocator's list for this length (it keeps a few arrays), which the plain pass filled.
  for (let i = 0; i < 4; i++) uninitializedFloat32(n);
  return { x, h, values: h.data.slice(), expected };
}

const released = (t: Tensor) => () => t.data;

describe('releaseAfterBackward', () => {
  it("releases the output once every node that used it has run: reads throw, its memory comes out next", () => {
    const { x, h, expected } = setup();
    const memory = h.data;
    sum(mul(h, h)).backward();
    expect(x.grad?.data).toEqual(expected);
    expect(released(h)).toThrow(MlpkitError);
    expect(released(h)).toThrow(/^backward: this tensor's memory was released: it was an intermediate of myMlp .*retainGraph: true/);
    expect(uninitializedFloat32(n)).toBe(memory);
  });

  it('keeps it while the graph is retained, and releases it at the last backward', () => {
    const { x, h, values, expected } = setup();
    const root = sum(mul(h, h));
    root.backward(undefined, { retainGraph: true });
    expect(h.data).toEqual(values);
    root.backward();
    expect(x.grad?.data).toEqual(expected.map((v) => 2 * v));
    expect(released(h)).toThrow('intermediate of myMlp');
  });

  it('keeps it when a node that used it got no gradient (it was not freed, so it may still read it)', () => {
    const { h, values } = setup();
    const used = mul(h, 2);
    const blocked = customOp('block', [used], () => mul(used, 1), () => [null]);
    add(sum(blocked), sum(mul(h, 3))).backward();
    expect(h.data).toEqual(values);
  });

  it('never releases the root, nor a tensor no op recorded; refuses what is not a tensor or an owner', () => {
    const { h, values } = setup();
    const root = sum(h);
    releaseAfterBackward(root, 'root');
    root.backward();
    expect(root.item()).toBeCloseTo((values as Float32Array).reduce((s, v) => s + v, 0), 1);
    const leaf = randn([3]);
    releaseAfterBackward(leaf, 'nobody');
    expect(leaf.data.length).toBe(3);
    expect(() => releaseAfterBackward([1, 2] as never, 'a')).toThrow(/releaseAfterBackward: expected output to be a Tensor/);
    expect(() => releaseAfterBackward(leaf, 3 as never)).toThrow('releaseAfterBackward: owner: expected a string naming who promises, got number');
  });
});
