import { type FusedKernels, type TensorStorage, storage, shapesEqual } from '@mlpkit/tensor';
import { BINARY_OPS, MODE_ROW_B } from './elementwise.js';
import { runGemm, wakeFor } from './matmul.js';
import type { WasmRuntime } from './runtime.js';
import type { ThreadPool } from './thread-pool.js';

const isMatrix32 = (t: TensorStorage) => t.dtype === 'float32' && t.shape.length === 2;

/**
 * Linear's forward and backward, and ReLU's backward, each in one call: the inputs are copied
 * in once (weights not at all, being resident), and every product and sum of the composed
 * version runs on them with the same kernels in the same order, so the bits are the same.
 */
export function wasmFused(rt: WasmRuntime, pool: ThreadPool | null): FusedKernels {
  return {
    linear(x, w, b) {
      if (!isMatrix32(x) || !isMatrix32(w) || (b && (b.dtype !== 'float32' || b.shape.length !== 1))) return null;
      const [m, k] = x.shape, n = w.shape[0];
      if (m === 0 || k === 0 || n === 0 || w.shape[1] !== k || (b && b.data.length !== n)) return null;
      rt.reset();
      if (!rt.fits(x.data.length + w.data.length + n + m * n)) return null;
      wakeFor(pool, m, n, k);
      const xp = rt.input(x.data as Float32Array), wp = rt.input(w.data as Float32Array);
      const bp = b ? rt.input(b.data as Float32Array) : 0, cp = rt.alloc(m * n);
      rt.commit();
      runGemm(rt, pool, { a: xp, rsA: k, csA: 1, b: wp, rsB: 1, csB: k, c: cp, ldc: n, m, n, k });
      if (b) rt.exports.binary(BINARY_OPS.add, cp, bp, cp, m, n, MODE_ROW_B);
      return storage(rt.read(cp, m * n), [m, n]);
    },

    linearBackward(dy, x, w, needs, addDwTo) {
      if (!isMatrix32(dy) || !isMatrix32(x) || !isMatrix32(w)) return null;
      const [rows, outF] = dy.shape, inF = x.shape[1];
      if (rows === 0 || outF === 0 || inF === 0 || x.shape[0] !== rows || w.shape[0] !== outF || w.shape[1] !== inF) return null;
      // dW straight into the caller's storage: no result to copy out, no gradient to copy back in for the update.
      const inPlace = needs[1] && addDwTo !== undefined && rt.isResident(addDwTo) && addDwTo.length === outF * inF;
      rt.reset();
      if (!rt.fits(dy.data.length + 2 * x.data.length + 2 * w.data.length + 3 * outF)) return null;
      if (needs[0] || needs[1]) wakeFor(pool, outF, inF, rows);
      const dyp = rt.input(dy.data as Float32Array);
      const wp = needs[0] ? rt.input(w.data as Float32Array) : 0, xp = needs[1] ? rt.input(x.data as Float32Array) : 0;
      const dxp = needs[0] ? rt.alloc(rows * inF) : 0;
      const dwp = inPlace ? (addDwTo as Float32Array).byteOffset : needs[1] ? rt.alloc(outF * inF) : 0;
      const dbp = needs[2] ? rt.alloc(outF) : 0, accp = needs[2] ? rt.alloc(2 * outF) : 0;
      rt.commit();
      // dX = dy·w and dW = dyᵀ·x, as matmulTransposed(dy, w) and matmulTransposed(dy, x, true) lay them out.
      if (needs[0]) runGemm(rt, pool, { a: dyp, rsA: outF, csA: 1, b: wp, rsB: inF, csB: 1, c: dxp, ldc: inF, m: rows, n: inF, k: outF });
      if (needs[1]) runGemm(rt, pool, { a: dyp, rsA: 1, csA: outF, b: xp, rsB: inF, csB: 1, c: dwp, ldc: inF, m: outF, n: inF, k: rows, addTo: inPlace });
      if (needs[2]) rt.exports.sumLeading(dyp, dbp, rows, outF, accp);
      return [
        needs[0] ? storage(rt.read(dxp, rows * inF), [rows, inF]) : null,
        needs[1] && !inPlace ? storage(rt.read(dwp, outF * inF), [outF, inF]) : null,
        needs[2] ? storage(rt.read(dbp, outF), [outF]) : null,
      ];
    },

    reluBackward(grad, y) {
      if (grad.dtype !== 'float32' || y.dtype !== 'float32' || !shapesEqual(grad.shape, y.shape) || y.data.length === 0) return null;
      rt.reset();
      if (!rt.fits(3 * y.data.length)) return null;
      const gp = rt.input(grad.data as Float32Array), yp = rt.input(y.data as Float32Array), outp = rt.alloc(y.data.length);
      rt.commit();
      rt.exports.reluBackward(gp, yp, outp, y.data.length);
      return storage(rt.read(outp, y.data.length), y.shape);
    },
  };
}
