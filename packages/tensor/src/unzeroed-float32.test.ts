import { describe, expect, it } from 'vitest';
import { UNZEROED_MIN_LENGTH, unzeroedFloat32 } from './unzeroed-float32.js';
import { recycleFloat32, uninitializedFloat32 } from './recycled-float32.js';

describe('unzeroedFloat32', () => {
  it("takes Node's unzeroed memory for long arrays, owning its whole buffer", () => {
    const asked: number[] = [];
    const alloc = (bytes: number) => {
      asked.push(bytes);
      return new Uint8Array(bytes);
    };
    const a = unzeroedFloat32(UNZEROED_MIN_LENGTH, alloc);
    expect(asked).toEqual([4 * UNZEROED_MIN_LENGTH]);
    expect([a.length, a.byteOffset, a.buffer.byteLength]).toEqual([UNZEROED_MIN_LENGTH, 0, 4 * UNZEROED_MIN_LENGTH]);
    expect(unzeroedFloat32(UNZEROED_MIN_LENGTH - 1, alloc).length).toBe(UNZEROED_MIN_LENGTH - 1);
    expect(asked).toHaveLength(1); // short arrays are ordinary ones
  });

  it('falls back to an ordinary array without Buffer, or when given a view into a pool', () => {
    const pooled = (bytes: number) => new Uint8Array(new ArrayBuffer(bytes + 8), 8, bytes);
    for (const alloc of [null, pooled]) {
      const a = unzeroedFloat32(UNZEROED_MIN_LENGTH, alloc);
      expect([a.byteOffset, a.buffer.byteLength, a.every((v) => v === 0)]).toEqual([0, 4 * UNZEROED_MIN_LENGTH, true]);
    }
  });

  it("gives uninitializedFloat32 fresh arrays that own their buffer, so they can be recycled", () => {
    const n = UNZEROED_MIN_LENGTH + 5; // a length no other test uses
    const fresh = uninitializedFloat32(n);
    expect(fresh.buffer.byteLength).toBe(4 * n);
    fresh.fill(7); // a writer sets every element; nothing checks the old contents
    expect(recycleFloat32(fresh)).toBe(true);
    expect(uninitializedFloat32(n)).toBe(fresh);
  });
});
