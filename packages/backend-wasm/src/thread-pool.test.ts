import type { TensorStorage } from '@mlpkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from './node/index.js';
import { randomTensor } from './test-utils.js';

let one: WasmBackend, two: WasmBackend, three: WasmBackend;
beforeAll(async () => {
  [one, two, three] = await Promise.all([1, 2, 3].map((threads) => createWasmBackend({ threads, relaxedSimd: false })));
});
afterAll(() => { one.close(); two.close(); three.close(); });

const bits = (t: TensorStorage) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the thread pool hands products over without losing or repeating a chunk', () => {
  // Splitting a product over threads never changes how one element is summed, so every
  // thread count must give the one-thread bits; a chunk run twice, skipped, or taken from the
  // wrong job would show. Pauses let the workers fall asleep, so both the wake-up before a
  // product and the hand-off to a spinning worker are exercised, as are 3 threads on 2 cores.
  it('gives the one-thread bits over 300 products of mixed shapes, back to back and after pauses', async () => {
    const shapes: [number, number, number, boolean, boolean][] = [
      [64, 784, 256, false, true], [784, 64, 256, true, false], [130, 40, 90, false, false], [256, 64, 784, true, false], [33, 257, 65, false, true],
    ];
    const operands = shapes.map(([m, k, n, tA, tB], s) => [randomTensor(tA ? [k, m] : [m, k], 2 * s), randomTensor(tB ? [n, k] : [k, n], 2 * s + 1), { transA: tA, transB: tB }] as const);
    const want = operands.map(([a, b, p]) => bits(one.kernels.matmul([a, b], p)));
    let checked = 0;
    for (let round = 0; round < 30; round++) {
      for (let s = 0; s < shapes.length; s++) {
        const [a, b, p] = operands[(s + round) % shapes.length];
        for (const backend of [two, three]) {
          expect(bits(backend.kernels.matmul([a, b], p))).toBe(want[(s + round) % shapes.length]);
          checked++;
        }
      }
      if (round % 3 === 0) await pause(3);
    }
    expect(checked).toBe(300);
  });

  it('gives the one-thread bits through the fused Linear kernels, which wake the workers first', async () => {
    const x = randomTensor([64, 784], 1), w = randomTensor([256, 784], 2), b = randomTensor([256], 3), dy = randomTensor([64, 256], 4);
    const wantY = bits(one.kernels.linear!(x, w, b)!);
    const wantB = one.kernels.linearBackward!(dy, x, w, [true, true, true])!.map((t) => bits(t!));
    for (let round = 0; round < 20; round++) {
      expect(bits(two.kernels.linear!(x, w, b)!)).toBe(wantY);
      expect(two.kernels.linearBackward!(dy, x, w, [true, true, true])!.map((t) => bits(t!))).toEqual(wantB);
      expect(bits(two.kernels.linearBackward!(dy, x, w, [false, false, true])![2]!)).toBe(wantB[2]);
      if (round % 4 === 0) await pause(2);
    }
  });

  // Products and Adam steps are different kinds of job on the same control block: a worker that
  // read one job's kind but claimed a chunk of the next would run it as the wrong kind (a demo
  // run failed so, once in some 9 000 steps, before the kind was read after the claim). Its
  // window is a worker descheduled between two reads, so this cannot force it (three runs before
  // the fix passed too); it gives it chances, and any chunk run as the wrong kind breaks the bits
  // or fails the call.
  it('alternates products and Adam steps without running a chunk as the other kind of job', async () => {
    const a = randomTensor([64, 784], 7), b = randomTensor([256, 784], 8), p = { transA: false, transB: true };
    const want = bits(one.kernels.matmul([a, b], p));
    const n = 100_000, g = randomTensor([n], 9).data as Float32Array;
    const h = { beta1: 0.9, beta2: 0.999, stepSize: 1e-3, correction2Sqrt: 0.03, eps: 1e-8 };
    const state = (backend: WasmBackend) => [randomTensor([n], 10).data, new Float32Array(n), new Float32Array(n)].map((x) => backend.kernels.residentCopy!(x as Float32Array) as Float32Array);
    const [p1, m1, v1] = state(one), [p3, m3, v3] = state(three);
    for (let round = 0; round < 500; round++) {
      expect(bits(three.kernels.matmul([a, b], p))).toBe(want);
      expect(three.kernels.adam!(p3, g, m3, v3, null, h)).toBe(true);
      one.kernels.adam!(p1, g, m1, v1, null, h);
      if (round % 50 === 0) await pause(2);
    }
    expect(Buffer.from(p3.buffer, p3.byteOffset, p3.byteLength).equals(Buffer.from(p1.buffer, p1.byteOffset, p1.byteLength))).toBe(true);
  });
});
