import { uninitializedFloat32 } from '@mlpkit/tensor';
import type { Cblas } from './cblas.js';

/**
 * Linear's forward y = x·wᵀ + b for x [m, k], w [n, k], b [n] or null, in one sgemm: the
 * output starts as b in every row and the product is added onto it (beta = 1).
 */
export function linearForward(
  blas: Cblas, x: Float32Array, w: Float32Array, b: Float32Array | null, m: number, k: number, n: number,
): Float32Array {
  // With a bias every row is written before the product adds onto it; without, beta = 0 and the
  // BLAS writes every element, so recycled memory's old values are never read.
  const y = uninitializedFloat32(m * n);
  if (b) fillRows(y, b, m, n);
  blas.sgemm(false, true, m, n, k, x, k, w, k, b ? 1 : 0, y, n);
  return y;
}

/**
 * Writes `row` (n values) into each of the m rows of `y`: the first row, then ever larger
 * blocks doubled with copyWithin (log2 m copies instead of m calls).
 */
function fillRows(y: Float32Array, row: Float32Array, m: number, n: number): void {
  y.set(row, 0);
  for (let done = 1; done < m; done *= 2) y.copyWithin(done * n, 0, Math.min(done, m - done) * n);
}

/** A float32 vector of `n` ones, kept for the column sums of db = 1ᵀ·dy. */
export function onesCache(): (n: number) => Float32Array {
  let ones = new Float32Array(0);
  return (n) => {
    if (ones.length < n) ones = new Float32Array(n).fill(1);
    return ones.length === n ? ones : ones.subarray(0, n);
  };
}

/** The sizes and storage of one Linear backward call. */
export interface LinearGradsInput {
  dy: Float32Array;
  x: Float32Array;
  w: Float32Array;
  rows: number;
  inF: number;
  outF: number;
  needs: readonly [boolean, boolean, boolean];
  /** Storage of w's shape to add dW into (beta = 1) instead of returning a new dW. */
  addDwTo?: Float32Array;
}

/**
 * Linear's backward: dX = dy·w [rows, inF], dW = dyᵀ·x [outF, inF] and db = Σ dy over the
 * rows (as 1ᵀ·dy, one sgemv), each only where `needs` asks; dW is added into `addDwTo` when
 * given (and then null here).
 */
export function linearGrads(
  blas: Cblas, ones: (n: number) => Float32Array, g: LinearGradsInput,
): [Float32Array | null, Float32Array | null, Float32Array | null] {
  const { dy, x, w, rows, inF, outF, needs, addDwTo } = g;
  let dx: Float32Array | null = null, dw: Float32Array | null = null, db: Float32Array | null = null;
  if (needs[0]) {
    dx = uninitializedFloat32(rows * inF); // beta = 0: the BLAS writes every element
    blas.sgemm(false, false, rows, inF, outF, dy, outF, w, inF, 0, dx, inF);
  }
  if (needs[1]) {
    const target = addDwTo ?? (dw = new Float32Array(outF * inF));
    blas.sgemm(true, false, outF, inF, rows, dy, outF, x, inF, addDwTo ? 1 : 0, target, inF);
  }
  if (needs[2]) {
    db = new Float32Array(outF);
    blas.sgemv(true, rows, outF, dy, ones(rows), 0, db);
  }
  return [dx, dw, db];
}
