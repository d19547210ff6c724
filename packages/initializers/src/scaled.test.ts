import { Generator, MlpkitError, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { calculateGain } from './gain.js';
import { kaimingNormal_, kaimingStd, kaimingUniform_, kaimingUniformBound } from './kaiming.js';
import { lecunNormal_, lecunStd, lecunUniform_ } from './lecun.js';
import { moments } from './test-stats.js';
import { xavierNormal_, xavierStd, xavierUniform_, xavierUniformBound } from './xavier.js';

const g = () => new Generator(3);

describe('closed forms (init.json values)', () => {
  it('xavier bound and std', () => {
    expect(xavierUniformBound([512, 512])).toBeCloseTo(0.07654655446197431, 15);
    expect(xavierStd([256, 128], 5 / 3)).toBeCloseTo(0.12028130608117203, 15);
  });

  it('kaiming std and bound by mode and nonlinearity', () => {
    expect(kaimingStd([256, 128], { nonlinearity: 'relu' })).toBeCloseTo(0.125, 15);
    expect(kaimingStd([256, 128], { nonlinearity: 'relu', mode: 'fanOut' })).toBeCloseTo(0.08838834764831845, 15);
    expect(kaimingUniformBound([512, 512], { a: Math.sqrt(5) })).toBeCloseTo(0.04419417382415921, 15);
    expect(() => kaimingStd([4, 4], { mode: 'fan_in' as never })).toThrow(/mode must be 'fanIn' or 'fanOut', got "fan_in"/);
  });

  it('lecun std is 1/√fanIn', () => {
    expect(lecunStd([10, 100])).toBeCloseTo(0.1, 15);
  });
});

describe('samples have the closed-form spread', () => {
  const shape = [512, 512];
  const cases = [
    { name: 'xavierUniform_', fill: () => xavierUniform_(zeros(shape), { gain: calculateGain('tanh'), generator: g() }), std: xavierStd(shape, 5 / 3), bound: xavierUniformBound(shape, 5 / 3) },
    { name: 'xavierNormal_', fill: () => xavierNormal_(zeros(shape), { generator: g() }), std: xavierStd(shape) },
    { name: 'kaimingUniform_', fill: () => kaimingUniform_(zeros(shape), { nonlinearity: 'relu', generator: g() }), std: kaimingStd(shape, { nonlinearity: 'relu' }), bound: kaimingUniformBound(shape, { nonlinearity: 'relu' }) },
    { name: 'kaimingNormal_', fill: () => kaimingNormal_(zeros(shape), { mode: 'fanOut', nonlinearity: 'relu', generator: g() }), std: kaimingStd(shape, { mode: 'fanOut', nonlinearity: 'relu' }) },
    { name: 'lecunUniform_', fill: () => lecunUniform_(zeros(shape), { generator: g() }), std: lecunStd(shape), bound: Math.sqrt(3) * lecunStd(shape) },
    { name: 'lecunNormal_', fill: () => lecunNormal_(zeros(shape), { generator: g() }), std: lecunStd(shape) },
  ];
  for (const c of cases)
    it(c.name, () => {
      const s = moments(c.fill().data);
      expect(Math.abs(s.std / c.std - 1)).toBeLessThan(0.02);
      expect(Math.abs(s.mean)).toBeLessThan((5 * c.std) / 512);
      if (c.bound) expect(Math.max(-s.min, s.max)).toBeLessThanOrEqual(Math.fround(c.bound));
    });

  it('refuses a 1-D tensor (no fans) and a negative gain', () => {
    expect(() => kaimingUniform_(zeros([5]))).toThrow(MlpkitError);
    expect(() => xavierNormal_(zeros([3, 3]), { gain: -1 })).toThrow(/xavierNormal_: gain must be a finite non-negative number/);
  });

  it('refuse unknown options', () => {
    const w = zeros([3, 3]);
    expect(() => xavierUniform_(w, { gian: 2 } as object)).toThrow("xavierUniform_: unknown option 'gian'");
    expect(() => xavierNormal_(w, { gian: 2 } as object)).toThrow("xavierNormal_: unknown option 'gian'");
    expect(() => kaimingStd(w, { fanMode: 'fanOut' } as object)).toThrow("kaimingStd: unknown option 'fanMode'");
    expect(() => kaimingUniformBound(w, { fanMode: 'fanOut' } as object)).toThrow("kaimingUniformBound: unknown option 'fanMode'");
    expect(() => kaimingUniform_(w, { fanMode: 'fanOut' } as object)).toThrow("kaimingUniform_: unknown option 'fanMode'");
    expect(() => kaimingNormal_(w, { fanMode: 'fanOut' } as object)).toThrow("kaimingNormal_: unknown option 'fanMode'");
    expect(() => lecunUniform_(w, { seed: 1 } as object)).toThrow("lecunUniform_: unknown option 'seed'");
    expect(() => lecunNormal_(w, { seed: 1 } as object)).toThrow("lecunNormal_: unknown option 'seed'");
  });
});
