import { describe, expect, it } from 'vitest';
import { MlpkitError, RECYCLE_MIN_LENGTH, Tensor, releaseMemory, uninitializedFloat32 } from './index.js';

const n = RECYCLE_MIN_LENGTH + 5; // a length no other test uses

describe('releaseMemory', () => {
  it('hands a whole float32 array back to the allocator and refuses every later read', () => {
    const values = new Float32Array(n).fill(3);
    const t = new Tensor(values, [n]);
    const view = t.reshape([1, n]);
    expect(releaseMemory(t, 'myOp', 'the loop is done with it')).toBe(true);
    expect(() => t.data).toThrow(MlpkitError);
    expect(() => t.data).toThrow("myOp: this tensor's memory was released: the loop is done with it");
    expect(() => t.storage.data).toThrow('myOp: this tensor');
    expect(() => t.item()).toThrow('myOp: this tensor');
    expect(() => t.add(1)).toThrow('myOp: this tensor');
    expect(() => Tensor.fromStorage(t.storage).data).toThrow('myOp: this tensor');
    // Its shape and dtype stay; a view made before shares the array and is the releaser's to drop.
    expect([t.shape, t.dtype, t.size]).toEqual([[n], 'float32', n]);
    expect(view.data).toBe(values);
    expect(uninitializedFloat32(n)).toBe(values);
  });

  it('refuses reads the same way when the memory cannot be kept (small, not float32, a view)', () => {
    const cases = [new Tensor(new Float32Array(4), [4]), new Tensor(new Int32Array(n), [n]), new Tensor(new Float32Array(2 * n).subarray(n), [n])];
    for (const t of cases) {
      expect(releaseMemory(t, 'other', 'why')).toBe(false);
      expect(() => t.data).toThrow("other: this tensor's memory was released: why");
    }
  });
});
