import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { RobustScaler } from './robust-scaler.js';

// Feature 0: 1..4 and an outlier 100; feature 1 constant.
const x = tensor([[1, 7], [2, 7], [3, 7], [4, 7], [100, 7]], { dtype: 'float64' });

describe('RobustScaler', () => {
  it('centres on the median and scales by the linearly interpolated IQR', () => {
    const s = new RobustScaler().fit(x);
    expect(Array.from(s.center.data)).toEqual([3, 7]);
    // numpy.percentile([1,2,3,4,100], [25, 75]) = [2, 4]; a zero IQR counts as 1.
    expect(Array.from(s.scale.data)).toEqual([2, 1]);
    expect(Array.from(s.transform(x).data)).toEqual([-1, 0, -0.5, 0, 0, 0, 0.5, 0, 48.5, 0]);
  });

  it('interpolates between samples for other quantile ranges', () => {
    const s = new RobustScaler({ quantileRange: [10, 90] }).fit(x);
    // positions 0.4 and 3.6: 1.4 and 4 + 0.6 * 96 = 61.6
    expect(s.scale.data[0]).toBeCloseTo(60.2, 12);
  });

  it('inverts, saves to JSON, and validates the quantile range', () => {
    const s = new RobustScaler({ withCentering: false }).fit(x);
    expect(Array.from(s.inverseTransform(s.transform(x)).data)).toEqual(Array.from(x.data));
    expect(() => s.center).toThrow(MlpkitError);
    const back = RobustScaler.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(Array.from(back.transform(x).data)).toEqual(Array.from(s.transform(x).data));
    expect(() => new RobustScaler({ quantileRange: [80, 20] })).toThrow(/0 <= qMin <= qMax <= 100, got \[80, 20\]/);
  });

  it('refuses an unknown option', () => {
    expect(() => new RobustScaler({ quantiles: [25, 75] } as object)).toThrow("RobustScaler: unknown option 'quantiles'");
  });
});
