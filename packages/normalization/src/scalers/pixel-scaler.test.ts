import { tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { PixelScaler } from './pixel-scaler.js';

const pixels = tensor([0, 51, 255], { dtype: 'int32' });

describe('PixelScaler', () => {
  it('maps 0–255 to [0, 1] and to [-1, 1] as float32, without fitting', () => {
    expect(Array.from(new PixelScaler().transform(pixels).data)).toEqual([0, Math.fround(0.2), 1]);
    const sym = new PixelScaler({ featureRange: [-1, 1] });
    expect(sym.fitted).toBe(true);
    expect(Array.from(sym.transform(pixels).data)).toEqual([-1, Math.fround(51 / 127.5 - 1), 1]);
    expect(sym.transform(pixels).dtype).toBe('float32');
  });

  it('inverts and saves its constants', () => {
    const s = PixelScaler.fromJSON(new PixelScaler({ featureRange: [-1, 1] }).toJSON());
    // float32 storage: back to the pixel values within float32 rounding.
    Array.from(s.inverseTransform(s.transform(pixels)).data).forEach((v, i) => expect(v).toBeCloseTo([0, 51, 255][i], 4));
    expect(() => new PixelScaler({ maxValue: 0 })).toThrow(/maxValue must be > 0, got 0/);
    expect(() => new PixelScaler({ featureRange: [1, -1] })).toThrow(/PixelScaler.*featureRange must be \[low, high\] with low < high, got \[1, -1\]/);
  });

  it('refuses an unknown option', () => {
    expect(() => new PixelScaler({ max: 255 } as object)).toThrow("PixelScaler: unknown option 'max'");
  });
});
