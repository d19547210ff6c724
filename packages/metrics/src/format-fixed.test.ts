import { describe, expect, it } from 'vitest';
import { formatFixed } from './format-fixed.js';

describe('formatFixed', () => {
  it('rounds exact binary ties to even, as Python does', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(0.5, 0)).toBe('0');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(1.5, 0)).toBe('2');
  });

  it('rounds non-ties to nearest on the exact binary value', () => {
    expect(formatFixed(2 / 3, 2)).toBe('0.67');
    expect(formatFixed(0.615, 2)).toBe('0.61'); // 0.615 is stored as 0.61499999…
    expect(formatFixed(0.995, 2)).toBe('0.99'); // 0.99499999…
    expect(formatFixed(0.9999, 2)).toBe('1.00');
    expect(formatFixed(1, 4)).toBe('1.0000');
    expect(formatFixed(0, 2)).toBe('0.00');
    expect(formatFixed(-0.125, 2)).toBe('-0.12');
    expect(formatFixed(12.3456, 3)).toBe('12.346');
  });
});
