import { Tensor, referenceKernels } from '@mlpkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from './node/index.js';

let backend: WasmBackend;
beforeAll(async () => { backend = await createWasmBackend({ threads: 1 }); });
afterAll(() => backend.close());

/** Distance in float32 steps (ulps) between two float32 values of one sign, 0 for equal. */
function ulps(a: number, b: number): number {
  const f = new Float32Array([a, b]), i = new Int32Array(f.buffer);
  return Math.abs(i[0] - i[1]);
}

/** Every float32 from `from` to `to` on a geometric-ish sweep, plus both signs. */
function sweep(from: number, to: number, count: number): Float32Array {
  const out = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    const v = from + ((to - from) * i) / (count - 1);
    out[2 * i] = v;
    out[2 * i + 1] = -v;
  }
  return out;
}

const CASES = [
  ['exp', sweep(0, 88, 40_000), 2],
  ['exp', sweep(88, 104, 2_000), 2], // near overflow, and subnormal results (atol below)
  ['log', sweep(1e-6, 5, 40_000).map(Math.abs), 2],
  ['log', Float32Array.from({ length: 4_000 }, (_, i) => 2 ** (i / 20 - 150)), 2], // subnormal to huge
  ['tanh', sweep(0, 12, 40_000), 3],
  ['sigmoid', sweep(0, 110, 40_000), 3],
] as const;

describe('exp, log, tanh and sigmoid in wasm: within a few float32 ulps of the reference', () => {
  it.each(CASES)('%s, %#', (op, values, maxUlps) => {
    const x = new Tensor(values, [values.length]);
    const got = backend.kernels[op]([x], {}).data, want = referenceKernels[op]([x], {}).data;
    let worst = 0, at = 0;
    for (let i = 0; i < want.length; i++) {
      // Subnormal results (|want| < 2^-126) are held to an absolute 2^-140, as the fixtures' atol allows far more.
      const err = Math.abs(want[i]) < 2 ** -126 ? (Math.abs(got[i] - want[i]) <= 2 ** -140 ? 0 : Infinity) : ulps(got[i], want[i]);
      if (err > worst) { worst = err; at = i; }
    }
    expect(worst, `${op}(${values[at]}) = ${got[at]}, reference ${want[at]}`).toBeLessThanOrEqual(maxUlps);
  });

  it.each(['exp', 'log', 'tanh', 'sigmoid'] as const)('%s of NaN, ±0, ±Infinity and negatives as Math does', (op) => {
    const values = Float32Array.from([NaN, 0, -0, Infinity, -Infinity, -1, 1e-45, -1e-45]);
    const x = new Tensor(values, [values.length]);
    expect([...backend.kernels[op]([x], {}).data]).toEqual([...referenceKernels[op]([x], {}).data]);
  });
});
