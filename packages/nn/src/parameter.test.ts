import { type Backend, Tensor, ones, referenceBackend, setBackend } from '@mlpkit/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { Parameter } from './parameter.js';

afterEach(() => setBackend(referenceBackend));

describe('Parameter storage', () => {
  it('shares the given tensor’s storage on a backend without memory of its own', () => {
    const t = ones([2, 3]);
    expect(new Parameter(t).data).toBe(t.data);
  });

  it('holds a copy in the backend’s memory when the backend offers one', () => {
    const given: Float32Array[] = [];
    const backend: Backend = { ...referenceBackend, kernels: { ...referenceBackend.kernels, residentCopy: (v) => { const c = Float32Array.from(v as Float32Array); given.push(c); return c; } } };
    setBackend(backend);
    const t = new Tensor(Float32Array.from([1, 2, 3]), [3]);
    const p = new Parameter(t);
    expect(p.data).toBe(given[0]);
    expect(p.data).not.toBe(t.data);
    expect([...p.data]).toEqual([1, 2, 3]);
    expect(p.requiresGrad).toBe(true);
  });

  it('keeps the given storage when the backend declines', () => {
    setBackend({ ...referenceBackend, kernels: { ...referenceBackend.kernels, residentCopy: () => null } });
    const t = ones([4]);
    expect(new Parameter(t).data).toBe(t.data);
  });
});
