// The seam a device-resident backend (WebGPU, docs/design.md) plugs into: a kernel returns
// storage whose elements stay in the backend's memory, the next kernel takes them by their
// buffer, and nothing reads them back until a reader asks for `data`. After that the host copy
// is the truth: a write into it reaches the next kernel.
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, Tensor, type TensorStorage, add, mul, referenceBackend, reshape, setBackend, sum, tensor } from './index.js';

/** A pretend GPU buffer: the elements live here, not in `data`. */
interface FakeBuffer { readonly backend: 'fake-device'; readonly values: Float32Array }

/** A backend whose add and mul run "on the device", counting uploads and read-backs. */
function fakeDevice() {
  const counts = { uploads: 0, readBacks: 0 };
  const onDevice = (t: TensorStorage): Float32Array => {
    const buffer = t.deviceBuffer as FakeBuffer | undefined;
    if (buffer?.backend === 'fake-device') return buffer.values;
    counts.uploads++;
    return Float32Array.from(t.data);
  };
  // As the storage contract asks: read back once, then the host copy is the truth.
  const deviceStorage = (values: Float32Array, shape: readonly number[]): TensorStorage => {
    let host: Float32Array | null = null;
    const buffer: FakeBuffer = { backend: 'fake-device', values };
    return {
      shape, dtype: 'float32',
      get deviceBuffer() { return host ? undefined : buffer; },
      get data() { if (!host) { counts.readBacks++; host = values.slice(); } return host; },
    };
  };
  const elementwise = (f: (a: number, b: number) => number) => (inputs: readonly TensorStorage[]) => {
    const [a, b] = inputs.map(onDevice);
    return deviceStorage(a.map((v, i) => f(v, b[i])), inputs[0].shape);
  };
  const backend: Backend = {
    name: 'fake-device',
    kernels: { ...referenceBackend.kernels, add: elementwise((a, b) => a + b), mul: elementwise((a, b) => a * b) },
  };
  return { backend, counts };
}

afterEach(() => setBackend(referenceBackend));

describe('device storage', () => {
  it('stays on the device from kernel to kernel and is read back once, when asked', () => {
    const { backend, counts } = fakeDevice();
    setBackend(backend);
    const x = tensor([1, 2, 3, 4]);
    const y = add(x, x); // x uploaded (twice: once per operand)
    const z = mul(y, y); // y taken by its buffer
    const detached = z.detach();
    expect(counts).toEqual({ uploads: 2, readBacks: 0 });
    expect([z.shape, z.size, z.numel(), z.dtype, z.deviceBuffer?.backend]).toEqual([[4], 4, 4, 'float32', 'fake-device']);
    expect(detached.deviceBuffer).toBe(z.deviceBuffer);
    expect(counts.readBacks).toBe(0);
    expect([...z.data]).toEqual([4, 16, 36, 64]);
    expect([...detached.data]).toEqual([4, 16, 36, 64]);
    expect(counts.readBacks).toBe(1);
    expect(z.deviceBuffer).toBeUndefined();
  });

  it('hands a write into data that was read back to the next kernel', () => {
    const { backend, counts } = fakeDevice();
    setBackend(backend);
    const z = add(tensor([1, 2]), tensor([1, 1]));
    z.data[0] = 10; // as an initializer or loadStateDict writes in place
    expect([...mul(z, z).data]).toEqual([100, 9]);
    expect(counts.uploads).toBe(4); // both inputs of add, then z's host copy as each operand of mul
  });

  it('reaches a kernel without a device version as host data: the reference is the fallback', () => {
    const { backend, counts } = fakeDevice();
    setBackend(backend);
    const y = add(tensor([[1, 2], [3, 4]]), tensor([[1, 1], [1, 1]]));
    expect(sum(reshape(y, [4])).item()).toBe(14);
    expect(counts.readBacks).toBe(1);
  });

  it('keeps a tensor\'s own properties what they were: shape, dtype, data and the autograd fields', () => {
    const { backend } = fakeDevice();
    const host = tensor([1, 2]);
    setBackend(backend);
    const onDevice = add(host, host);
    for (const t of [host, onDevice]) expect(Object.keys(t).sort()).toEqual(['data', 'dtype', 'grad', 'gradNode', 'requiresGrad', 'shape']);
    expect([...structuredClone(onDevice).data]).toEqual([2, 4]);
  });

  it('is checked as far as it can be without reading it back', () => {
    const { backend } = fakeDevice();
    setBackend(backend);
    const { deviceBuffer } = add(tensor([1, 2]), tensor([3, 4])).storage;
    const data = new Float32Array(2);
    expect(() => Tensor.fromStorage({ deviceBuffer, dtype: 'float32', data, shape: [-1] })).toThrow(/Tensor: expected non-negative integer dims, got -1/);
    expect(() => Tensor.fromStorage({ deviceBuffer, dtype: 'complex' as never, data, shape: [2] })).toThrow(/Tensor: .*"complex"/);
    // Host storage is checked against its elements.
    expect(() => Tensor.fromStorage({ data, dtype: 'float64', shape: [2] })).toThrow(/storage says dtype float64 but holds float32 elements/);
    expect(() => Tensor.fromStorage({ data, dtype: 'float32', shape: [3] })).toThrow(/storage has 2 elements but shape \[3\] needs 3/);
  });
});
