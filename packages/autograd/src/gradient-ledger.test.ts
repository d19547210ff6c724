import { RECYCLE_MIN_LENGTH, Tensor, add, mul, reshape, sum, uninitializedFloat32 } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { customOp, requiresGrad } from './index.js';

const N = RECYCLE_MIN_LENGTH;
const filled = (v: number) => new Tensor(new Float32Array(N).fill(v), [N]);

/**
 * Takes every free array of length N and writes NaN over it, as the next kernel outputs would
 * overwrite recycled memory: a gradient recycled while still in use shows NaN afterwards.
 * Returns how many of the arrays taken lie on one of `buffers` (by identity: new arrays are not
 * zeroed under Node, so their contents say nothing).
 */
function scribble(buffers: ReadonlySet<ArrayBufferLike> = new Set()): number {
  let recycled = 0;
  for (let i = 0; i < 8; i++) {
    const a = uninitializedFloat32(N);
    if (buffers.has(a.buffer)) recycled++;
    a.fill(NaN);
  }
  return recycled;
}

const allEqual = (t: Tensor | null, v: number) => t !== null && t.data.every((x) => x === v);

describe('recycling consumed gradients', () => {
  it('recycles the gradients between pure ops once consumed, and the results stand', () => {
    scribble();
    // A pure op that notes which memory its incoming gradient lies on (and reads nothing later).
    const seen = new Set<ArrayBufferLike>();
    const spy = (t: Tensor) => customOp('spy', [t], () => mul(t, 1), (g) => (seen.add(g.data.buffer), [mul(g, 1)]), { pure: true });
    const x = requiresGrad(filled(1));
    sum(mul(spy(mul(x, 3)), 2)).backward();
    expect(seen.size).toBe(1);
    expect(scribble(seen)).toBe(1);
    expect(allEqual(x.grad, 6)).toBe(true);
  });

  it('keeps a gradient that add passed on to a leaf and to another op, whichever is reached first', () => {
    for (const leafFirst of [false, true]) {
      scribble();
      const x = requiresGrad(filled(1)), u = requiresGrad(filled(1));
      // The walker reaches add's inputs in reverse order: here the leaf x before mul(u, 2).
      sum(leafFirst ? add(mul(u, 2), x) : add(x, mul(u, 2))).backward();
      scribble();
      expect(allEqual(x.grad, 1)).toBe(true);
      expect(allEqual(u.grad, 2)).toBe(true);
    }
  });

  it('never recycles what a customOp without pure: true was given', () => {
    scribble();
    let kept: Tensor | null = null;
    const stash = (t: Tensor) => customOp('stash', [t], () => mul(t, 1), (g) => { kept = g; return [mul(g, 1)]; });
    const x = requiresGrad(filled(1));
    sum(mul(stash(mul(x, 2)), 3)).backward();
    scribble();
    expect(allEqual(kept, 3)).toBe(true);
    expect(allEqual(x.grad, 6)).toBe(true);
  });

  it('never recycles the gradient passed to backward, nor views of it', () => {
    scribble();
    const x = requiresGrad(filled(1));
    const seed = filled(1);
    // reshape's gradient is a view of the seed, which mul's rule then consumes.
    reshape(reshape(mul(x, 2), [1, N]), [N]).backward(seed);
    scribble();
    expect(allEqual(seed, 1)).toBe(true);
    expect(allEqual(x.grad, 2)).toBe(true);
  });

  it('refuses unknown customOp options', () => {
    const x = requiresGrad(filled(1));
    expect(() => customOp('f', [x], () => x, (g) => [g], { pure: true, fast: true } as never)).toThrow(/unknown option 'fast'/);
    expect(() => customOp('f', [x], () => x, (g) => [g], { pure: 'yes' } as never)).toThrow(/expected pure to be true or false/);
  });
});
