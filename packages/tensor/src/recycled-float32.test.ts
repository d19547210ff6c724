import { describe, expect, it } from 'vitest';
import { RECYCLE_MIN_LENGTH, recycleFloat32, uninitializedFloat32 } from './recycled-float32.js';

const n = RECYCLE_MIN_LENGTH + 3; // a length no other test uses

describe('recycleFloat32 and uninitializedFloat32', () => {
  it('hands a recycled array out again, the last one first, then new ones', () => {
    const a = new Float32Array(n), b = new Float32Array(n);
    expect([recycleFloat32(a), recycleFloat32(b)]).toEqual([true, true]);
    expect(uninitializedFloat32(n)).toBe(b);
    expect(uninitializedFloat32(n)).toBe(a);
    const fresh = uninitializedFloat32(n);
    expect(fresh).not.toBe(a);
    expect(fresh.length).toBe(n);
  });

  it('takes only whole, unshared, large enough arrays, each once, a few per length', () => {
    const whole = new Float32Array(n);
    expect(recycleFloat32(new Float32Array(RECYCLE_MIN_LENGTH - 1))).toBe(false);
    expect(recycleFloat32(new Float32Array(2 * n).subarray(n))).toBe(false);
    expect(recycleFloat32(new Float32Array(new ArrayBuffer(4 * n + 4), 0, n))).toBe(false);
    expect(recycleFloat32(new Float32Array(new SharedArrayBuffer(4 * n)))).toBe(false);
    expect(recycleFloat32(whole)).toBe(true);
    expect(recycleFloat32(whole)).toBe(false);
    expect(recycleFloat32(new Float32Array(whole.buffer))).toBe(false);
    const kept = [1, 2, 3].map(() => recycleFloat32(new Float32Array(n)));
    expect(kept).toEqual([true, true, true]);
    expect(recycleFloat32(new Float32Array(n))).toBe(false);
    for (let i = 0; i < 4; i++) uninitializedFloat32(n);
  });
});
