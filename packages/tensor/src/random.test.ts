import { describe, expect, it } from 'vitest';
import { Generator } from './random.js';

describe('Generator.bernoulliInto', () => {
  it('draws the same mask as random() < p element by element, and leaves the stream where that loop would', () => {
    for (const [seed, p, n] of [[0, 0.8, 1000], [7, 0.5, 4097], [2 ** 40 + 3, 0.05, 333]] as const) {
      const a = new Generator(seed), b = new Generator(seed);
      const want = Uint8Array.from({ length: n }, () => (a.random() < p ? 1 : 0));
      expect(b.bernoulliInto(new Uint8Array(n), p)).toEqual(want);
      expect(b.random()).toBe(a.random());
    }
  });

  it('keeps about p of the elements', () => {
    const mask = new Generator(1).bernoulliInto(new Uint8Array(100_000), 0.8);
    const kept = mask.reduce((s, v) => s + v, 0) / mask.length;
    expect(kept).toBeGreaterThan(0.79);
    expect(kept).toBeLessThan(0.81);
  });
});

describe('Generator.bernoulliInto with a value', () => {
  it('writes value where the 0/1 mask has 1, from the same draws, into float arrays', () => {
    const mask = new Generator(3).bernoulliInto(new Uint8Array(777), 0.8);
    const scaled = new Generator(3).bernoulliInto(new Float32Array(777), 0.8, 1.25);
    expect(Array.from(scaled)).toEqual(Array.from(mask, (m) => (m ? 1.25 : 0)));
  });
});
