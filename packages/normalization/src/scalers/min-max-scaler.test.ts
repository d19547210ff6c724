import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { MinMaxScaler } from './min-max-scaler.js';

const x = tensor([[0, 5], [5, 5], [10, 5]], { dtype: 'float64' });

describe('MinMaxScaler', () => {
  it('maps each feature onto the range, a constant feature onto its low end', () => {
    const s = new MinMaxScaler({ featureRange: [-1, 1] }).fit(x);
    expect(Array.from(s.transform(x).data)).toEqual([-1, -1, 0, -1, 1, -1]);
    expect(Array.from(s.dataMin.data)).toEqual([0, 5]);
    expect(Array.from(s.dataMax.data)).toEqual([10, 5]);
    expect(Array.from(s.scale.data)).toEqual([0.2, 2]);
    expect(Array.from(s.min.data)).toEqual([-1, -11]);
  });

  it('inverts, and clips unseen data only when asked', () => {
    const s = new MinMaxScaler().fit(x);
    expect(Array.from(s.inverseTransform(s.transform(x)).data)).toEqual(Array.from(x.data));
    const unseen = tensor([[20, 5]], { dtype: 'float64' });
    expect(s.transform(unseen).data[0]).toBe(2);
    expect(new MinMaxScaler({ clip: true }).fit(x).transform(unseen).data[0]).toBe(1);
  });

  it('round-trips through JSON and refuses an empty range', () => {
    const s = new MinMaxScaler({ featureRange: [-1, 1] }).fit(x);
    const back = MinMaxScaler.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(back.featureRange).toEqual([-1, 1]);
    expect(Array.from(back.transform(x).data)).toEqual(Array.from(s.transform(x).data));
    expect(() => new MinMaxScaler({ featureRange: [1, 1] })).toThrow(MlpkitError);
  });

  it('refuses an unknown option', () => {
    expect(() => new MinMaxScaler({ range: [0, 1] } as object)).toThrow("MinMaxScaler: unknown option 'range'");
  });
});
