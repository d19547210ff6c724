import { type TensorStorage, Tensor, referenceKernels } from '@mlpkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from './node/index.js';
import { randomTensor } from './test-utils.js';

let one: WasmBackend, two: WasmBackend;
beforeAll(async () => { [one, two] = await Promise.all([createWasmBackend({ threads: 1 }), createWasmBackend({ threads: 2 })]); });
afterAll(() => { one.close(); two.close(); });

const bits = (t: TensorStorage | null) => (t ? Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex') : null);

describe.each([['1 thread', () => one], ['2 threads', () => two]] as const)('fused kernels on %s: the bits of the composed kernels', (_, backend) => {
  const shapes = [[1, 3, 2], [7, 13, 5], [64, 784, 256], [130, 40, 10]];

  it.each(shapes)('linear forward, N=%i in=%i out=%i, with and without bias, weights resident or not', (n, inF, outF) => {
    const k = backend().kernels, f = backend().kernels;
    const x = randomTensor([n, inF], 1), w = randomTensor([outF, inF], 2), b = randomTensor([outF], 3);
    const product = k.matmul([x, w], { transA: false, transB: true });
    expect(bits(f.linear!(x, w, null))).toBe(bits(product));
    const withBias = bits(referenceKernels.add([product, b], {}));
    expect(bits(f.linear!(x, w, b))).toBe(withBias);
    const rw = new Tensor(backend().kernels.residentCopy!(w.data)!, w.shape), rb = new Tensor(backend().kernels.residentCopy!(b.data)!, b.shape);
    expect(bits(f.linear!(x, rw, rb))).toBe(withBias);
  });

  it.each(shapes)('linear backward, N=%i in=%i out=%i, for every combination of needed gradients', (n, inF, outF) => {
    const k = backend().kernels, f = backend().kernels;
    const dy = randomTensor([n, outF], 4), x = randomTensor([n, inF], 5), w = randomTensor([outF, inF], 6);
    const want = [
      k.matmul([dy, w], { transA: false, transB: false }),
      k.matmul([dy, x], { transA: true, transB: false }),
      k.sum([dy], { dims: [0], keepdim: false }),
    ];
    for (let mask = 0; mask < 8; mask++) {
      const needs = [!!(mask & 1), !!(mask & 2), !!(mask & 4)] as const;
      const got = f.linearBackward!(dy, x, w, needs)!;
      got.forEach((g, i) => {
        expect(bits(g)).toBe(needs[i] ? bits(want[i]) : null);
        if (g) expect(g.shape).toEqual(want[i].shape);
      });
    }
  });

  it.each([[64, 784, 256], [7, 13, 5], [300, 40, 10]])('linear backward adds dW in place into resident storage, N=%i in=%i out=%i', (n, inF, outF) => {
    const f = backend().kernels;
    const dy = randomTensor([n, outF], 13), x = randomTensor([n, inF], 14), w = randomTensor([outF, inF], 15);
    const [, fresh] = f.linearBackward!(dy, x, w, [false, true, false])!;
    // Onto zeros: the very bits of the fresh dW (+0 where it is -0).
    const zeros = backend().kernels.residentCopy!(new Float32Array(outF * inF))! as Float32Array;
    const [dX, dW, dB] = f.linearBackward!(dy, x, w, [true, true, true], zeros)!;
    expect(dW).toBeNull();
    expect(dX).not.toBeNull();
    expect(dB).not.toBeNull();
    expect(bits(new Tensor(zeros, w.shape))).toBe(bits(new Tensor(fresh!.data.map((v) => v + 0), w.shape)));
    // Onto a gradient that is already there: the sum, within one rounding per KC-deep block.
    const old = randomTensor([outF, inF], 16);
    const target = backend().kernels.residentCopy!(old.data)! as Float32Array;
    f.linearBackward!(dy, x, w, [false, true, false], target);
    const sum = old.data.map((v, i) => v + fresh!.data[i]);
    target.forEach((v, i) => expect(v).toBeCloseTo(sum[i], 4));
    if (n <= 256) expect(bits(new Tensor(target, w.shape))).toBe(bits(new Tensor(sum, w.shape)));
  });

  it('linear backward returns dW as usual when the storage is not its own or not the right size', () => {
    const f = backend().kernels;
    const dy = randomTensor([5, 4], 17), x = randomTensor([5, 3], 18), w = randomTensor([4, 3], 19);
    const plain = new Float32Array(12), short = backend().kernels.residentCopy!(new Float32Array(11))! as Float32Array;
    for (const target of [plain, short]) {
      const [, dW] = f.linearBackward!(dy, x, w, [false, true, false], target)!;
      expect(dW).not.toBeNull();
      expect(target.every((v) => v === 0)).toBe(true);
    }
  });

  it('ReLU backward: grad where y > 0, +0 elsewhere, NaN in y giving 0', () => {
    const y = randomTensor([37, 9], 7), grad = randomTensor([37, 9], 8);
    y.data[0] = NaN; y.data[1] = 0; y.data[2] = -0; grad.data[3] = NaN;
    const zero = new Tensor(new Float32Array(1), []);
    const want = referenceKernels.where([referenceKernels.gt([y, zero], {}), grad, zero], {});
    expect(bits(backend().kernels.reluBackward!(grad, y))).toBe(bits(want));
  });

  it('declines what it does not handle, so the caller composes', () => {
    const f = backend().kernels;
    const x64 = new Tensor(new Float64Array(6), [2, 3]), x = randomTensor([2, 3], 9), w = randomTensor([4, 3], 10);
    expect(f.linear!(x64, w, null)).toBeNull();
    expect(f.linear!(x, randomTensor([4, 2], 11), null)).toBeNull();
    expect(f.linear!(randomTensor([0, 3], 1), w, null)).toBeNull();
    expect(f.linearBackward!(randomTensor([2, 5], 12), x, w, [true, true, true])).toBeNull();
    expect(f.reluBackward!(randomTensor([3], 1), randomTensor([4], 2))).toBeNull();
  });
});
