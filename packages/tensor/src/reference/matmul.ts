import type { Kernel } from '../backend.js';
import { allocate, type TypedArray } from '../dtype.js';
import { planMatmul } from '../matmul-plan.js';
import { storage } from '../storage.js';

type FloatArray = Float32Array | Float64Array;

const KC = 256;
const NC = 1024;

/**
 * C[m×n] += A[m×k] · B[k×n] for contiguous row-major blocks at the given offsets. Blocked
 * over k and n so a panel of B stays in cache, with four rows of A at a time so each
 * loaded element of B feeds four multiply-adds.
 */
export function gemm(a: FloatArray, aOff: number, b: FloatArray, bOff: number, c: FloatArray, cOff: number, m: number, n: number, k: number): void {
  for (let j0 = 0; j0 < n; j0 += NC) {
    const j1 = Math.min(n, j0 + NC);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const p1 = Math.min(k, p0 + KC);
      let i = 0;
      for (; i + 4 <= m; i += 4) {
        const c0 = cOff + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        const a0 = aOff + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (let p = p0; p < p1; p++) {
          const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
          const bRow = bOff + p * n;
          for (let j = j0; j < j1; j++) {
            const y = b[bRow + j];
            c[c0 + j] += x0 * y;
            c[c1 + j] += x1 * y;
            c[c2 + j] += x2 * y;
            c[c3 + j] += x3 * y;
          }
        }
      }
      for (; i < m; i++) {
        const c0 = cOff + i * n, a0 = aOff + i * k;
        for (let p = p0; p < p1; p++) {
          const x0 = a[a0 + p];
          const bRow = bOff + p * n;
          for (let j = j0; j < j1; j++) c[c0 + j] += x0 * b[bRow + j];
        }
      }
    }
  }
}

/** Copies the last two dims of every matrix in a batch, transposed, into fresh storage. */
export function transposeLast2(data: TypedArray, batch: number, rows: number, cols: number): TypedArray {
  const out = new (data.constructor as new (n: number) => TypedArray)(data.length);
  for (let s = 0; s < batch; s++) {
    const off = s * rows * cols;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[off + c * rows + r] = data[off + r * cols + c];
  }
  return out;
}

/** Batched matmul over rank >= 2 inputs whose batch dims broadcast. */
export const matmulKernel: Kernel<'matmul'> = ([x, y], { transA, transB }) => {
  const { m, k, n, count, outShape, xMatrix, yMatrix } = planMatmul(x, y, transA, transB);
  let a = x.data as FloatArray, b = y.data as FloatArray;
  if (transA) a = transposeLast2(a, x.data.length / (m * k), k, m) as FloatArray;
  if (transB) b = transposeLast2(b, y.data.length / (k * n), n, k) as FloatArray;
  const out = allocate(x.dtype, count * m * n) as FloatArray;
  for (let s = 0; s < count; s++) gemm(a, xMatrix[s] * m * k, b, yMatrix[s] * k * n, out, s * m * n, m, n, k);
  return storage(out, outShape);
};
