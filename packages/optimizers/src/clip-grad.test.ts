import { MlpkitError, Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { clipGradNorm_, totalGradNorm } from './clip-grad-norm.js';
import { clipGradValue_ } from './clip-grad-value.js';

const param = (grad: number[] | null) => ({ data: new Float32Array(grad?.length ?? 1), grad: grad ? new Tensor(Float32Array.from(grad), [grad.length]) : null });

describe('clipGradNorm_', () => {
  it('returns the 2-norm of all gradients together and scales them to maxNorm', () => {
    const ps = [param([3, 0]), param([4]), param(null)];
    expect(clipGradNorm_(ps, 1)).toBeCloseTo(5, 6);
    expect(Array.from(ps[0].grad!.data)).toEqual([0.6, 0].map((x) => expect.closeTo(x, 5)));
    expect(ps[1].grad!.data[0]).toBeCloseTo(0.8, 5);
  });

  it('the inf-norm is the largest |g|; any p > 0 works', () => {
    expect(clipGradNorm_([param([3, -7]), param([4])], 100, 'inf')).toBe(7);
    expect(clipGradNorm_([param([3, -7]), param([4])], 100, Infinity)).toBe(7);
    expect(clipGradNorm_([param([3, -7]), param([4])], 100, 1)).toBeCloseTo(14, 6);
  });

  it('leaves gradients alone when they are within the bound', () => {
    const p = param([0.3, 0.4]);
    expect(clipGradNorm_(p, 1)).toBeCloseTo(0.5, 6);
    expect(Array.from(p.grad!.data)).toEqual([0.3, 0.4].map((x) => expect.closeTo(x, 7)));
  });

  it('returns 0 when no parameter has a gradient', () => {
    expect(clipGradNorm_([param(null)], 1)).toBe(0);
  });

  it('refuses a bad normType or maxNorm, and a non-finite norm when asked to', () => {
    expect(() => clipGradNorm_([param([1])], 1, 0)).toThrow("clipGradNorm_: normType: expected a positive number or 'inf', got 0");
    expect(() => clipGradNorm_([param([1])], -1)).toThrow('clipGradNorm_: maxNorm: expected a number >= 0, got -1');
    expect(() => clipGradNorm_([param([Infinity])], 1, 2, { errorIfNonfinite: true })).toThrow(MlpkitError);
    expect(() => clipGradNorm_([param([1])], 1, 2, { errorIfNonFinite: true } as object)).toThrow("clipGradNorm_: unknown option 'errorIfNonFinite'");
  });

  it('refuses an errorIfNonfinite that is not true or false: the string "false" would turn the error on', () => {
    expect(() => clipGradNorm_([param([Infinity])], 1, 2, { errorIfNonfinite: 'false' as never }))
      .toThrow('clipGradNorm_: expected errorIfNonfinite to be true or false, got the string "false"');
  });
});

describe('clipGradValue_', () => {
  it('clamps every element to [−clipValue, clipValue]', () => {
    const p = param([-2, -0.1, 0.3, 5]);
    clipGradValue_([p, param(null)], 0.5);
    expect(Array.from(p.grad!.data)).toEqual([-0.5, -0.1, 0.3, 0.5].map((x) => expect.closeTo(x, 7)));
  });

  it('refuses a negative clipValue', () => {
    expect(() => clipGradValue_([param([1])], -1)).toThrow('clipGradValue_: clipValue: expected a number >= 0, got -1');
  });
});

describe('what is not parameters', () => {
  it('clipGradNorm_, clipGradValue_ and totalGradNorm refuse it by name instead of a TypeError', () => {
    const p = new Tensor(Float32Array.of(3, 4), [2]);
    p.grad = new Tensor(Float32Array.of(3, 4), [2]);
    expect(() => clipGradNorm_(null as never, 1)).toThrow('clipGradNorm_: params: expected a parameter or an iterable of parameters such as model.parameters(), got null');
    expect(() => clipGradNorm_([p, null] as never, 1)).toThrow('clipGradNorm_: params: expected parameter 1 to be a tensor, got null');
    expect(() => clipGradValue_(5 as never, 1)).toThrow('clipGradValue_: params: expected a parameter or an iterable of parameters such as model.parameters(), got number 5');
    expect(() => totalGradNorm(null as never, 2)).toThrow('totalGradNorm: grads: expected an array of gradients, got null');
    expect(() => totalGradNorm([p.grad!], Number.NaN)).toThrow('totalGradNorm: normType: expected a positive number or Infinity, got number NaN');
    expect(clipGradNorm_(p, 1)).toBeCloseTo(5, 6);
  });
});
