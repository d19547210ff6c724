// Batch norm on the wasm backend, whose fused kernels run its per-element loops, gives the very
// bits of its JavaScript loops on the reference backend: the output, dx, dγ and dβ, and the
// running statistics, in training and in eval, with and without γ and β, at widths that leave
// an odd channel for the scalar tail. The kernels are counted, so a declined call cannot pass.
// Both sides compute in float64 and round once to float32, so a reordering of the float64
// arithmetic would almost never show here; what this checks is that results are the same.
import { requiresGrad } from '@mlpkit/autograd';
import { createWasmBackend, type WasmBackend } from '@mlpkit/backend-wasm/node';
import { batchNorm } from '@mlpkit/normalization';
import { type Backend, Generator, type Tensor, randn, referenceBackend, setBackend } from '@mlpkit/tensor';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

let wasm: WasmBackend;
beforeAll(async () => { wasm = await createWasmBackend({ threads: 1 }); });
afterAll(() => wasm.close());
afterEach(() => setBackend(referenceBackend));

const hex = (a: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** The wasm backend with its batch-norm kernels counted as they return a result. */
function countingWasm(): { backend: Backend; calls: () => number } {
  let calls = 0;
  const k = wasm.kernels;
  const counted = <A extends unknown[], R>(f: (...a: A) => R | null) => (...a: A): R | null => {
    const r = f(...a);
    if (r) calls++;
    return r;
  };
  const kernels = {
    ...k,
    channelMoments: counted(k.channelMoments!), batchNorm: counted(k.batchNorm!), batchNormBackward: counted(k.batchNormBackward!),
  };
  return { backend: { name: 'wasm (counted)', kernels }, calls: () => calls };
}

/** One forward and backward of batchNorm on `backend`, with the bits of everything it produces. */
function run(backend: Backend, [n, c]: number[], training: boolean, affine: boolean): string[] {
  setBackend(backend);
  const x = requiresGrad(randn([n, c], { generator: seeded(1) }).mul(3).add(0.5));
  const weight = affine ? requiresGrad(randn([c], { generator: seeded(2) })) : null;
  const bias = affine ? requiresGrad(randn([c], { generator: seeded(3) })) : null;
  const runningMean = randn([c], { generator: seeded(4) }), runningVar = randn([c], { generator: seeded(5) }).abs();
  const y = batchNorm(x, { weight, bias, runningMean, runningVar, training, momentum: 0.1 });
  y.mul(randn([n, c], { generator: seeded(6) })).sum().backward();
  const grads = [x.grad, weight?.grad, bias?.grad].filter((g): g is Tensor => !!g);
  return [y, ...grads, runningMean, runningVar].map((t) => hex(t.data as Float32Array));
}

const seeded = (s: number) => new Generator(s);

describe('batch norm on the wasm kernels: the bits of its JavaScript loops', () => {
  it.each([[128, 512], [7, 5], [3, 1], [64, 257]])('input [%i, %i], training and eval, with and without γ and β', (n, c) => {
    for (const training of [true, false])
      for (const affine of [true, false]) {
        const want = run(referenceBackend, [n, c], training, affine);
        const counted = countingWasm();
        expect(run(counted.backend, [n, c], training, affine)).toEqual(want);
        // Moments (in training), the output and the backward each ran on the kernels.
        expect(counted.calls()).toBe(training ? 3 : 2);
      }
  });

  it('declines 3-D input, float64 and mismatched statistics, leaving the JavaScript loops to run', () => {
    const k = wasm.kernels;
    const stats = { mean: new Float64Array(4), invStd: new Float64Array(4), gamma: new Float64Array(4), beta: new Float64Array(4) };
    setBackend(wasm);
    expect(k.channelMoments!(randn([2, 4, 3]))).toBeNull();
    expect(k.batchNorm!(randn([2, 4], { dtype: 'float64' }), stats)).toBeNull();
    expect(k.batchNorm!(randn([2, 5]), stats)).toBeNull();
    expect(k.batchNormBackward!(randn([3, 4]), randn([2, 4]), stats, true)).toBeNull();
  });
});
