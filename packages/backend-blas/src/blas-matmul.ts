import { type Kernel, type MatmulPlan, planMatmul, referenceKernels, storage } from '@mlpkit/tensor';
import type { Cblas } from './cblas.js';

/**
 * Every output matrix of a planned, batched op(x)·op(y) through sgemm, on the operands where
 * they lie: a transposed operand is the same storage read with CBLAS's transpose flag.
 */
export function gemmBatched(
  blas: Cblas, x: Float32Array, y: Float32Array, plan: MatmulPlan, transA: boolean, transB: boolean,
): Float32Array {
  const { m, k, n, count, xMatrix, yMatrix } = plan;
  const out = new Float32Array(count * m * n);
  if (out.length === 0 || k === 0) return out;
  const lda = transA ? m : k, ldb = transB ? k : n;
  for (let s = 0; s < count; s++) {
    const a = count === 1 ? x : x.subarray(xMatrix[s] * m * k, (xMatrix[s] + 1) * m * k);
    const b = count === 1 ? y : y.subarray(yMatrix[s] * k * n, (yMatrix[s] + 1) * k * n);
    const c = count === 1 ? out : out.subarray(s * m * n, (s + 1) * m * n);
    blas.sgemm(transA, transB, m, n, k, a, lda, b, ldb, 0, c, n);
  }
  return out;
}

/** The float32 matmul kernel (every layout, batched and broadcast); other dtypes go to the reference. */
export function blasMatmul(blas: Cblas): Kernel<'matmul'> {
  return (inputs, params) => {
    const [x, y] = inputs;
    if (x.dtype !== 'float32' || y.dtype !== 'float32') return referenceKernels.matmul(inputs, params);
    const { transA, transB } = params;
    const plan = planMatmul(x, y, transA, transB);
    return storage(gemmBatched(blas, x.data as Float32Array, y.data as Float32Array, plan, transA, transB), plan.outShape);
  };
}
