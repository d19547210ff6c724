import { type TensorStorage, type Tensor, Tensor as T, referenceKernels } from '@mlpkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINARY_OPS, UNARY_OPS } from './elementwise.js';
import { createWasmBackend, type WasmBackend } from './node/index.js';
import { randomTensor } from './test-utils.js';

let backend: WasmBackend;
beforeAll(async () => { backend = await createWasmBackend({ threads: 1 }); });
afterAll(() => backend.close());

/** Bit-for-bit equality (these kernels round exactly as the reference does), NaN matching NaN. */
function expectSame(got: TensorStorage, want: TensorStorage): void {
  expect(got.shape).toEqual(want.shape);
  expect(got.dtype).toBe(want.dtype);
  for (let i = 0; i < want.data.length; i++) {
    if (Object.is(got.data[i], want.data[i])) continue;
    expect(got.data[i], `index ${i}`).toBe(want.data[i]);
  }
}

/** Random values with zeros of both signs, NaN, ±Infinity and halves (for round) mixed in. */
function awkward(shape: number[], seed: number): Tensor {
  const t = randomTensor(shape, seed);
  const specials = [0, -0, NaN, Infinity, -Infinity, 0.5, -1.5, 2.5];
  for (let i = 0; i < t.size; i += 5) (t.data as Float32Array)[i] = specials[(i / 5) % specials.length];
  for (let i = 2; i < t.size; i += 7) (t.data as Float32Array)[i] *= 10;
  return t;
}

const pairs: [string, number[], number[]][] = [
  ['1×1', [1, 1], [1, 1]],
  ['same 7×13×5', [7, 13, 5], [7, 13, 5]],
  ['row vector over a batch (bias)', [64, 257], [257]],
  ['[1, n] row', [7, 13], [1, 13]],
  ['trailing block', [3, 7, 13], [7, 13]],
  ['scalar', [7, 13, 5], [1]],
  ['0-d scalar', [9, 3], []],
  ['column (falls back)', [7, 13], [7, 1]],
  ['both broadcast (falls back)', [7, 1], [1, 13]],
];

describe('wasm binary kernels match the reference bit for bit', () => {
  for (const op of Object.keys(BINARY_OPS) as (keyof typeof BINARY_OPS)[]) {
    it.each(pairs)(`${op}: %s`, (_, sa, sb) => {
      const a = awkward(sa, 1), b = awkward(sb, 2);
      expectSame(backend.kernels[op]([a, b], {}), referenceKernels[op]([a, b], {}));
      expectSame(backend.kernels[op]([b, a], {}), referenceKernels[op]([b, a], {}));
    });
  }

  // maximum(x, +0) takes relu's own loop; −0 and other scalars must not. NaNs of every payload
  // (negative, signalling) go in, in the vector lanes and in the tail.
  it.each([[0, [7, 13, 5]], [0, [4099]], [-0, [7, 13, 5]], [1e-45, [33]]])('maximum with the scalar %s, shape %j', (zero, shape) => {
    const x = awkward(shape as number[], 4), b = new T(new Float32Array([zero as number]), []);
    const raw = new Uint32Array((x.data as Float32Array).buffer);
    [0xffc00000, 0x7f800001, 0x7fc00001, 0xffffffff].forEach((nan, k) => { raw[k * 3] = nan; raw[raw.length - 1 - k] = nan; });
    const got = backend.kernels.maximum([x, b], {}), want = referenceKernels.maximum([x, b], {});
    expectSame(got, want);
    // relu's own loop writes the reference's one NaN too (the general kernel keeps the input's payload).
    if (Object.is(zero, 0)) expect(new Uint32Array((got.data as Float32Array).buffer)).toEqual(new Uint32Array((want.data as Float32Array).buffer));
  });

  it('falls back for int32', () => {
    const a = new T(new Int32Array([1, 2, 3]), [3]), b = new T(new Int32Array([4, 5, 6]), [3]);
    expect([...backend.kernels.add([a, b], {}).data]).toEqual([5, 7, 9]);
  });
});

describe('wasm unary kernels match the reference bit for bit', () => {
  for (const op of Object.keys(UNARY_OPS) as (keyof typeof UNARY_OPS)[]) {
    it(op, () => {
      for (const shape of [[1, 1], [7, 13, 5], [64, 257]]) {
        const x = awkward(shape, 3);
        expectSame(backend.kernels[op]([x], {}), referenceKernels[op]([x], {}));
      }
    });
  }

  it.each([[0, null], [null, 0.5], [-0.25, 0.75], [0.1, -0.1]] as const)('clamp(min %s, max %s) (ReLU is clamp min 0)', (min, max) => {
    const x = awkward([7, 13, 5], 4);
    expectSame(backend.kernels.clamp([x], { min, max }), referenceKernels.clamp([x], { min, max }));
  });
});

describe('wasm sum', () => {
  const cases: [string, number[], number[], boolean][] = [
    ['bias gradient: dim 0 of 64×257', [64, 257], [0], false],
    ['1×1', [1, 1], [0], true],
    ['leading dims of 7×13×5', [7, 13, 5], [0, 1], false],
    ['everything', [7, 13, 5], [0, 1, 2], false],
    ['trailing dim', [7, 13, 5], [2], true],
    ['trailing dims', [7, 13, 5], [1, 2], false],
    ['middle dim (falls back)', [7, 13, 5], [1], false],
  ];
  it.each(cases)('%s', (_, shape, dims, keepdim) => {
    const x = randomTensor(shape, 5);
    const want = referenceKernels.sum([x], { dims, keepdim });
    const got = backend.kernels.sum([x], { dims, keepdim });
    expect(got.shape).toEqual(want.shape);
    for (let i = 0; i < want.data.length; i++) expect(got.data[i]).toBeCloseTo(want.data[i], 5);
  });

  it('sums leading dims in the reference order exactly', () => {
    const x = randomTensor([1000, 33], 6);
    expectSame(backend.kernels.sum([x], { dims: [0], keepdim: false }), referenceKernels.sum([x], { dims: [0], keepdim: false }));
  });
});
