// The seam a device-resident backend (WebGPU, docs/design.md) plugs into: a kernel returns
// storage whose elements stay in the backend's memory, the next kernel takes them by their
// handle, and nothing reads them back until a reader asks for `data`.
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, Tensor, type TensorStorage, add, mul, referenceBackend, reshape, setBackend, sum, tensor } from './index.js';

/** A pretend GPU buffer: the elements live here, not in `data`. */
interface FakeBuffer { readonly backend: 'fake-device'; readonly values: Float32Array }

/** A backend whose add and mul run "on the device", counting uploads and read-backs. */
function fakeDevice() {
  const counts = { uploads: 0, readBacks: 0 };
  const onDevice = (t: TensorStorage): Float32Array => {
    const handle = t.device as FakeBuffer | undefined;
    if (handle?.backend === 'fake-device') return handle.values;
    counts.uploads++;
    return Float32Array.from(t.data);
  };
  const deviceStorage = (values: Float32Array, shape: readonly number[]): TensorStorage => {
    let host: Float32Array | null = null;
    return {
      shape, dtype: 'float32', device: { backend: 'fake-device', values } as FakeBuffer,
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
    const y = add(x, x); // x uploaded
    const z = mul(y, y); // y taken by its handle
    const detached = z.detach();
    expect(counts).toEqual({ uploads: 2, readBacks: 0 }); // add took x twice
    expect([z.shape, z.size, z.numel(), z.dtype, z.device?.backend]).toEqual([[4], 4, 4, 'float32', 'fake-device']);
    expect(detached.device).toBe(z.device);
    expect(counts.readBacks).toBe(0);
    expect([...z.data]).toEqual([4, 16, 36, 64]);
    expect([...detached.data]).toEqual([4, 16, 36, 64]);
    expect(counts.readBacks).toBe(1);
  });

  it('reaches a kernel without a device version as host data: the reference is the fallback', () => {
    const { backend, counts } = fakeDevice();
    setBackend(backend);
    const y = add(tensor([[1, 2], [3, 4]]), tensor([[1, 1], [1, 1]]));
    expect(sum(reshape(y, [4])).item()).toBe(14);
    expect(counts.readBacks).toBe(1);
  });

  it('is checked as far as it can be without reading it back', () => {
    const { backend } = fakeDevice();
    setBackend(backend);
    const { device, dtype } = add(tensor([1, 2]), tensor([3, 4])).storage;
    const data = new Float32Array(2);
    expect(() => Tensor.fromStorage({ device, dtype, data, shape: [-1] })).toThrow(/Tensor/);
    expect(() => Tensor.fromStorage({ device, dtype: 'complex' as never, data, shape: [2] })).toThrow(/Tensor/);
    // Host storage is checked against its elements.
    expect(() => Tensor.fromStorage({ data, dtype: 'float64', shape: [2] })).toThrow(/storage says dtype float64 but holds float32 elements/);
    expect(() => Tensor.fromStorage({ data, dtype: 'float32', shape: [3] })).toThrow(/storage has 2 elements but shape \[3\] needs 3/);
  });
});
