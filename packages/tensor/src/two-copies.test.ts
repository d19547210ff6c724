import { describe, expect, it, vi } from 'vitest';

type TensorPackage = typeof import('./index.js');

/** A fresh copy of the package, as a second build (ESM beside CommonJS) of it would be. */
async function freshCopy(): Promise<TensorPackage> {
  vi.resetModules();
  return import('./index.js');
}

describe('tensors cross copies of the package', () => {
  it('a tensor of one copy is a Tensor to the other, and its ops accept it', async () => {
    const a = await freshCopy();
    const b = await freshCopy();
    expect(a.Tensor).not.toBe(b.Tensor);
    const x = a.tensor([1, 2]);
    expect(x instanceof b.Tensor).toBe(true);
    expect(b.add(x, b.tensor([3, 4])).tolist()).toEqual([4, 6]);
    expect(() => b.checkTensor('op', x)).not.toThrow();
  });

  it('one pool of recycled memory and one step scope serve both copies', async () => {
    const a = await freshCopy();
    const b = await freshCopy();
    const n = a.RECYCLE_MIN_LENGTH + 11; // a length no other test uses
    const kept = new Float32Array(n);
    expect(a.recycleFloat32(kept)).toBe(true);
    // Already in the pool, whichever copy is asked: never in two lists, so never handed out twice.
    expect(b.recycleFloat32(kept)).toBe(false);
    expect(b.uninitializedFloat32(n)).toBe(kept);
    const scope = a.openStepScope('copies');
    expect(() => b.openStepScope('other')).toThrow('a step scope is already open');
    const made = b.uninitializedFloat32(n);
    expect(scope.release([])).toBe(1);
    expect(a.uninitializedFloat32(n)).toBe(made);
  });

  it("either copy releases the other's tensor into the one pool", async () => {
    const a = await freshCopy();
    const b = await freshCopy();
    const n = a.RECYCLE_MIN_LENGTH + 13;
    const t = new a.Tensor(new Float32Array(n), [n]);
    const memory = t.data;
    expect(b.releaseMemory(t, 'copyOp', 'done')).toBe(true);
    expect(() => t.data).toThrow("copyOp: this tensor's memory was released: done");
    expect(a.uninitializedFloat32(n)).toBe(memory);
  });

  it('a subclass keeps the ordinary instanceof', async () => {
    const a = await freshCopy();
    class Sub extends a.Tensor {}
    expect(a.tensor([1]) instanceof Sub).toBe(false);
    expect(new Sub(new Float32Array(1), [1]) instanceof Sub).toBe(true);
    expect(new Sub(new Float32Array(1), [1]) instanceof a.Tensor).toBe(true);
  });

  it('look-alikes are still refused', async () => {
    const a = await freshCopy();
    const fake = { shape: [2], dtype: 'float32', data: new Float32Array(2) };
    expect(fake instanceof a.Tensor).toBe(false);
    expect(() => a.add(fake as never, 1)).toThrow('add: expected input to be a Tensor or a number, got an object (Object)');
  });
});
