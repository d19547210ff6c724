import { tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { ZeroCenterer } from './zero-centerer.js';

describe('ZeroCenterer', () => {
  it('subtracts the training mean, also from later data, and adds it back', () => {
    const s = new ZeroCenterer().fit(tensor([[1, 10], [3, 30]]));
    expect(Array.from(s.mean.data)).toEqual([2, 20]);
    const later = tensor([[2, 0]]);
    expect(Array.from(s.transform(later).data)).toEqual([0, -20]);
    expect(Array.from(s.inverseTransform(s.transform(later)).data)).toEqual([2, 0]);
    expect(Array.from(ZeroCenterer.fromJSON(s.toJSON()).mean.data)).toEqual([2, 20]);
  });
});
