import { Generator, MlpkitError, tensor, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { constant_, ones_, zeros_ } from './constant.js';
import { eye_ } from './eye.js';
import { normal_ } from './normal.js';
import { uniform_, uniformStd } from './uniform.js';
import { moments } from './test-stats.js';

describe('constant_, zeros_, ones_, eye_', () => {
  it('fill in place and return the same tensor', () => {
    const t = zeros([2, 3]);
    expect(constant_(t, 0.3)).toBe(t);
    expect([...t.data]).toEqual(Array(6).fill(Math.fround(0.3)));
    expect([...ones_(t).data]).toEqual(Array(6).fill(1));
    expect([...zeros_(t).data]).toEqual(Array(6).fill(0));
  });

  it('eye_ puts ones on the diagonal of the top-left square', () => {
    expect(eye_(tensor([[5, 5, 5], [5, 5, 5]])).tolist()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(eye_(zeros([3, 2])).tolist()).toEqual([[1, 0], [0, 1], [0, 0]]);
    expect(() => eye_(zeros([2, 2, 2]))).toThrow(/eye_: expected a 2-D tensor, got shape \[2, 2, 2\]/);
  });
});

describe('uniform_ and normal_', () => {
  it('draw from the given generator: same seed, same values', () => {
    const a = uniform_(zeros([100]), { generator: new Generator(7) });
    const b = uniform_(zeros([100]), { generator: new Generator(7) });
    const c = uniform_(zeros([100]), { generator: new Generator(8) });
    expect([...a.data]).toEqual([...b.data]);
    expect([...a.data]).not.toEqual([...c.data]);
  });

  it('uniform_ stays in [a, b) with the right mean and std', () => {
    const t = uniform_(zeros([200_000]), { a: -0.1, b: 0.3, generator: new Generator(1) });
    const s = moments(t.data);
    expect(s.min).toBeGreaterThanOrEqual(Math.fround(-0.1));
    expect(s.max).toBeLessThanOrEqual(Math.fround(0.3));
    expect(s.mean).toBeCloseTo(0.1, 3);
    expect(s.std / uniformStd(-0.1, 0.3)).toBeCloseTo(1, 2);
  });

  it('normal_ has the requested mean and std', () => {
    const s = moments(normal_(zeros([200_000]), { mean: 2, std: 0.02, generator: new Generator(1) }).data);
    expect(s.mean).toBeCloseTo(2, 3);
    expect(s.std / 0.02).toBeCloseTo(1, 2);
  });

  it('refuses bad arguments and integer tensors', () => {
    expect(() => uniform_(zeros([3]), { a: 1, b: 0 })).toThrow(/uniform_: expected finite bounds with a <= b, got a 1 and b 0/);
    expect(() => normal_(zeros([3]), { std: -1 })).toThrow(/normal_: std must be a finite non-negative number, got -1/);
    expect(() => normal_(zeros([3], { dtype: 'int32' }))).toThrow(MlpkitError);
    expect(() => uniform_(zeros([3]), { low: 0 } as object)).toThrow("uniform_: unknown option 'low'");
    expect(() => normal_(zeros([3]), { sd: 1 } as object)).toThrow("normal_: unknown option 'sd'");
  });
});
