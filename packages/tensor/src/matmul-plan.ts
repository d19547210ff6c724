import { broadcastShapes, broadcastStrides, sizeOf, stridesOf } from './shape.js';
import type { TensorStorage } from './storage.js';

/** The shape bookkeeping of a batched matmul op(x)·op(y), shared by every backend's kernel. */
export interface MatmulPlan {
  m: number;
  k: number;
  n: number;
  /** The broadcast batch dims and the number of output matrices they hold. */
  batchShape: number[];
  count: number;
  outShape: number[];
  /** For output matrix s: which matrix of x and of y it multiplies (batch broadcasting). */
  xMatrix: Int32Array;
  yMatrix: Int32Array;
}

/** Sizes, output shape and per-matrix operand indices of a (transposed, batched) matmul. */
export function planMatmul(x: TensorStorage, y: TensorStorage, transA: boolean, transB: boolean): MatmulPlan {
  const xr = x.shape.length, yr = y.shape.length;
  const m = transA ? x.shape[xr - 1] : x.shape[xr - 2];
  const k = transA ? x.shape[xr - 2] : x.shape[xr - 1];
  const n = transB ? y.shape[yr - 2] : y.shape[yr - 1];
  const xBatch = x.shape.slice(0, -2), yBatch = y.shape.slice(0, -2);
  const batchShape = broadcastShapes('matmul', xBatch, yBatch);
  const count = sizeOf(batchShape);
  const xs = broadcastStrides(xBatch, batchShape), ys = broadcastStrides(yBatch, batchShape), bs = stridesOf(batchShape);
  const xMatrix = new Int32Array(count), yMatrix = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    let rest = s;
    for (let d = 0; d < batchShape.length; d++) {
      const idx = Math.floor(rest / bs[d]);
      rest -= idx * bs[d];
      xMatrix[s] += idx * xs[d];
      yMatrix[s] += idx * ys[d];
    }
  }
  return { m, k, n, batchShape, count, outShape: [...batchShape, m, n], xMatrix, yMatrix };
}
