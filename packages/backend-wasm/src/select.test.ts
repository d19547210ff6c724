import { type TensorStorage, Tensor, referenceKernels } from '@mlpkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from './node/index.js';
import { COMPARE_OPS } from './select.js';
import { randomTensor } from './test-utils.js';

let backend: WasmBackend;
beforeAll(async () => { backend = await createWasmBackend({ threads: 1 }); });
afterAll(() => backend.close());

function expectSame(got: TensorStorage, want: TensorStorage): void {
  expect(got.shape).toEqual(want.shape);
  expect(got.dtype).toBe(want.dtype);
  expect(got.data.constructor).toBe(want.data.constructor);
  for (let i = 0; i < want.data.length; i++) if (!Object.is(got.data[i], want.data[i])) expect(got.data[i], `index ${i}`).toBe(want.data[i]);
}

/** Random values with repeats (so eq/le/ge see equal pairs), signed zeros, NaN and infinities. */
function awkward(shape: number[], seed: number): Tensor {
  const t = randomTensor(shape, seed);
  const d = t.data as Float32Array;
  const specials = [0, -0, NaN, Infinity, -Infinity, 0.25];
  for (let i = 0; i < d.length; i++) d[i] = i % 3 === 0 ? specials[(i / 3) % specials.length] : Math.round(d[i] * 4) / 4;
  return t;
}

const bool = (values: number[], shape: number[]) => new Tensor(Uint8Array.from(values), shape);

describe('wasm comparisons match the reference', () => {
  const pairs: [string, number[], number[]][] = [
    ['same 7×13×5 (tail after 16-wide blocks)', [7, 13, 5], [7, 13, 5]],
    ['0-d scalar (ReLU mask x > 0)', [64, 257], []],
    ['row vector', [9, 33], [33]],
    ['column (falls back)', [7, 13], [7, 1]],
  ];
  for (const op of Object.keys(COMPARE_OPS) as (keyof typeof COMPARE_OPS)[]) {
    it.each(pairs)(`${op}: %s`, (_, sa, sb) => {
      const a = awkward(sa, 1), b = awkward(sb, 2);
      expectSame(backend.kernels[op]([a, b], {}), referenceKernels[op]([a, b], {}));
      expectSame(backend.kernels[op]([b, a], {}), referenceKernels[op]([b, a], {}));
    });
  }
});

describe('wasm where matches the reference', () => {
  const cond = (shape: number[], seed: number) => {
    const r = randomTensor(shape, seed);
    return bool(Array.from(r.data, (v) => (v > 0 ? 1 : 0)), shape);
  };
  const shapes: [string, number[], number[], number[]][] = [
    ['all full', [7, 13, 5], [7, 13, 5], [7, 13, 5]],
    ['ReLU: full, full, scalar', [64, 257], [64, 257], []],
    ["ReLU': full, scalar, scalar", [64, 257], [], []],
    ['scalar condition', [], [5, 3], [5, 3]],
    ['all scalars', [], [], [1]],
    ['row broadcast (falls back)', [4, 6], [6], [4, 6]],
  ];
  it.each(shapes)('%s', (_, sc, sa, sb) => {
    const inputs = [cond(sc, 3), awkward(sa, 4), awkward(sb, 5)];
    expectSame(backend.kernels.where(inputs, {}), referenceKernels.where(inputs, {}));
  });

  it('treats any nonzero byte as true', () => {
    const c = bool([0, 2, 255, 1, 0], [5]);
    const out = backend.kernels.where([c, new Tensor(new Float32Array([1, 2, 3, 4, 5]), [5]), new Tensor(new Float32Array([-1]), [])], {});
    expect([...out.data]).toEqual([-1, 2, 3, 4, -1]);
  });

  it('falls back for float64 values', () => {
    const c = bool([1, 0], [2]);
    const out = backend.kernels.where([c, new Tensor(new Float64Array([1, 2]), [2]), new Tensor(new Float64Array([7, 8]), [2])], {});
    expect(out.dtype).toBe('float64');
    expect([...out.data]).toEqual([1, 8]);
  });
});
