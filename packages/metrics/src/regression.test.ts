import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { MeanAbsoluteError, meanAbsoluteError } from './mean-absolute-error.js';
import { MeanSquaredError, meanSquaredError } from './mean-squared-error.js';
import { R2Score, r2Score } from './r2-score.js';

const yTrue = [3, -0.5, 2, 7], yPred = [2.5, 0, 2, 8];
const multiTrue = [[0.5, 1], [-1, 1], [7, -6]], multiPred = [[0, 2], [-1, 2], [8, -5]];

describe('meanSquaredError', () => {
  it('averages squared errors, per output and over outputs', () => {
    expect(meanSquaredError(yTrue, yPred)).toBe(0.375);
    expect(meanSquaredError(yTrue, yPred, { squared: false })).toBeCloseTo(Math.sqrt(0.375), 15);
    expect(meanSquaredError(tensor(multiTrue), tensor(multiPred))).toBeCloseTo((1.25 / 3 + 1) / 2, 15);
    const raw = meanSquaredError(multiTrue, multiPred, { multioutput: 'raw_values' });
    expect(raw[0]).toBeCloseTo(1.25 / 3, 15);
    expect(raw[1]).toBe(1);
    expect(meanSquaredError(multiTrue, multiPred, { multioutput: [0.3, 0.7] })).toBeCloseTo(0.825, 15);
  });

  it('names the argument and the value on bad input', () => {
    expect(() => meanSquaredError([1, 2], [1])).toThrow('meanSquaredError: yPred: expected 2 samples to match yTrue, got 1');
    expect(() => meanSquaredError([], [])).toThrow('meanSquaredError: yTrue: expected at least one sample');
    expect(() => meanSquaredError(multiTrue, yPred.slice(0, 3))).toThrow('yPred: expected 2 output(s) to match yTrue, got 1');
    expect(() => meanSquaredError([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow('yTrue: expected finite values, got Infinity at index 1');
    expect(() => meanSquaredError(multiTrue, multiPred, { multioutput: [1] })).toThrow('multioutput: expected 2 weights (one per output), got 1');
    expect(() => meanSquaredError(yTrue, yPred, { multioutput: 'mean' as 'raw_values' })).toThrow(MlpkitError);
  });

  it('refuses unknown options', () => {
    expect(() => meanSquaredError([1, 2], [1, 2], { root: true } as object)).toThrow("meanSquaredError: unknown option 'root'");
    expect(() => new MeanSquaredError({ root: true } as object)).toThrow("MeanSquaredError: unknown option 'root'");
  });

  it('streams and resets', () => {
    const m = new MeanSquaredError();
    m.update([2.5, 0], [3, -0.5]);
    m.update([2, 8], [2, 7]);
    expect(m.compute()).toBe(0.375);
    m.reset();
    expect(() => m.compute()).toThrow('MeanSquaredError.compute: targets: expected at least one sample');
  });
});

describe('meanAbsoluteError', () => {
  it('averages absolute errors', () => {
    expect(meanAbsoluteError(yTrue, yPred)).toBe(0.5);
    expect(meanAbsoluteError(multiTrue, multiPred)).toBe(0.75);
    expect(meanAbsoluteError(multiTrue, multiPred, { multioutput: 'raw_values' })).toEqual([0.5, 1]);
    expect(meanAbsoluteError(multiTrue, multiPred, { multioutput: [0.3, 0.7] })).toBeCloseTo(0.85, 15);
  });

  it('refuses unknown options', () => {
    expect(() => meanAbsoluteError([1, 2], [1, 2], { squared: false } as object)).toThrow("meanAbsoluteError: unknown option 'squared'");
    expect(() => new MeanAbsoluteError({ squared: false } as object)).toThrow("MeanAbsoluteError: unknown option 'squared'");
  });
});

describe('r2Score', () => {
  it('is 1 - SS_res / SS_tot', () => {
    expect(r2Score(yTrue, yPred)).toBeCloseTo(1 - 1.5 / 29.1875, 15);
    expect(r2Score([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(r2Score([1, 2, 3], [2, 2, 2])).toBe(0);
    expect(r2Score([1, 2, 3], [3, 2, 1])).toBe(-3);
  });

  it('handles constant targets and single samples as scikit-learn does', () => {
    expect(r2Score([-2, -2, -2], [-2, -2, -2])).toBe(1);
    expect(r2Score([-2, -2, -2], [-2, -2, -2 + 1e-8])).toBe(0);
    expect(r2Score([1], [2])).toBeNaN();
  });

  it('combines outputs uniformly, raw or variance-weighted', () => {
    const raw = r2Score(multiTrue, multiPred, { multioutput: 'raw_values' });
    expect(raw[0]).toBeCloseTo(1 - 1.25 / (217 / 6), 14);
    expect(raw[1]).toBeCloseTo(1 - 3 / (98 / 3), 14);
    expect(r2Score(multiTrue, multiPred)).toBeCloseTo((raw[0] + raw[1]) / 2, 15);
    const weighted = (raw[0] * (217 / 6) + raw[1] * (98 / 3)) / (217 / 6 + 98 / 3);
    expect(r2Score(multiTrue, multiPred, { multioutput: 'variance_weighted' })).toBeCloseTo(weighted, 14);
  });

  it('refuses unknown options', () => {
    expect(() => r2Score([1, 2], [1, 2], { multiOutput: 'raw_values' } as object)).toThrow("r2Score: unknown option 'multiOutput'");
    expect(() => new R2Score({ multiOutput: 'raw_values' } as object)).toThrow("R2Score: unknown option 'multiOutput'");
  });

  it('refuses an empty dataset', () => {
    expect(() => r2Score([], [])).toThrow('r2Score: yTrue: expected at least one sample');
  });
});
