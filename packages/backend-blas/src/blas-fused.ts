import { type FusedKernels, type TensorStorage, storage } from '@mlpkit/tensor';
import type { Cblas } from './cblas.js';
import { linearForward, linearGrads, onesCache } from './linear.js';

const isMatrix32 = (t: TensorStorage) => t.dtype === 'float32' && t.shape.length === 2;

/**
 * Linear's forward and backward through the BLAS, on the tensors' own storage (weights are
 * read where they lie, dW is added into the caller's float32 storage in place). Each declines
 * (null) what it does not handle, and the caller composes primitives instead.
 */
export function blasFused(blas: Cblas): Pick<FusedKernels, 'linear' | 'linearBackward'> {
  const ones = onesCache();
  return {
    linear(x, w, b) {
      if (!isMatrix32(x) || !isMatrix32(w) || (b && (b.dtype !== 'float32' || b.shape.length !== 1))) return null;
      const [m, k] = x.shape, n = w.shape[0];
      if (m === 0 || k === 0 || n === 0 || w.shape[1] !== k || (b && b.data.length !== n)) return null;
      const y = linearForward(blas, x.data as Float32Array, w.data as Float32Array, b ? b.data as Float32Array : null, m, k, n);
      return storage(y, [m, n]);
    },

    linearBackward(dy, x, w, needs, addDwTo) {
      if (!isMatrix32(dy) || !isMatrix32(x) || !isMatrix32(w)) return null;
      const [rows, outF] = dy.shape, inF = x.shape[1];
      if (rows === 0 || outF === 0 || inF === 0 || x.shape[0] !== rows || w.shape[0] !== outF || w.shape[1] !== inF) return null;
      const into = addDwTo instanceof Float32Array && addDwTo.length === outF * inF ? addDwTo : undefined;
      const [dx, dw, db] = linearGrads(blas, ones, {
        dy: dy.data as Float32Array, x: x.data as Float32Array, w: w.data as Float32Array, rows, inF, outF, needs, addDwTo: into,
      });
      return [dx && storage(dx, [rows, inF]), dw && storage(dw, [outF, inF]), db && storage(db, [outF])];
    },
  };
}
