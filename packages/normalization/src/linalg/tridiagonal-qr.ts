import { MlpkitError } from '@mlpkit/tensor';

// Below the smallest normal double a coupling only loses bits; it is far under ε·‖T‖ anyway.
const SMALLEST_NORMAL = 2 ** -1022;

/** Whether the coupling between i and i + 1 is rounding noise next to its two diagonal entries. */
function negligible(d: Float64Array, e: Float64Array, i: number): boolean {
  return Math.abs(e[i]) <= Number.EPSILON * (Math.abs(d[i]) + Math.abs(d[i + 1])) || Math.abs(e[i]) < SMALLEST_NORMAL;
}

/** The eigenvalue of the trailing 2×2 block [d[hi-1], e[hi-1]; e[hi-1], d[hi]] nearer d[hi]. */
function wilkinsonShift(d: Float64Array, e: Float64Array, hi: number): number {
  const half = (d[hi - 1] - d[hi]) / 2, b = e[hi - 1];
  return d[hi] - b * (b / (half + (half >= 0 ? 1 : -1) * Math.hypot(half, b)));
}

/** Row k ← c·row k + s·row k+1 and row k+1 ← c·row k+1 - s·row k, over n columns. */
function rotateRows(z: Float64Array, n: number, k: number, c: number, s: number): void {
  const a = k * n, b = a + n;
  for (let j = 0; j < n; j++) {
    const x = z[a + j], y = z[b + j];
    z[a + j] = c * x + s * y;
    z[b + j] = c * y - s * x;
  }
}

/**
 * One implicit QR step with shift μ on the unreduced block lo..hi: the rotation that a QR
 * step of T - μI would start with, then rotations chasing the bulge it makes at (k, k+2)
 * down and off the block. Each is a change of basis in the (k, k+1) plane, also applied to
 * the rows of `z` that hold the eigenvector estimates.
 */
function sweep(d: Float64Array, e: Float64Array, z: Float64Array, n: number, lo: number, hi: number): void {
  let x = d[lo] - wilkinsonShift(d, e, hi), bulge = e[lo];
  for (let k = lo; k < hi; k++) {
    const r = Math.hypot(x, bulge);
    const c = r === 0 ? 1 : x / r, s = r === 0 ? 0 : bulge / r;
    if (k > lo) e[k - 1] = r;
    const dk = d[k], dk1 = d[k + 1], ek = e[k];
    d[k] = c * c * dk + 2 * c * s * ek + s * s * dk1;
    d[k + 1] = s * s * dk - 2 * c * s * ek + c * c * dk1;
    e[k] = c * s * (dk1 - dk) + (c * c - s * s) * ek;
    if (k + 1 < hi) {
      bulge = s * e[k + 1];
      e[k + 1] *= c;
      x = e[k];
    }
    rotateRows(z, n, k, c, s);
  }
}

/**
 * Diagonalizes the symmetric tridiagonal matrix (diagonal `d`, couplings `e`) in place by
 * implicit QR steps with Wilkinson shifts, which converge cubically: at the end `d` holds the
 * eigenvalues (unsorted) and row i of `z` (n×n, row-major, the basis T is expressed in) the
 * eigenvector of `d[i]`. Throws when an eigenvalue is not isolated after `maxSweeps` steps.
 */
export function tridiagonalQR(d: Float64Array, e: Float64Array, z: Float64Array, n: number, maxSweeps: number): void {
  let hi = n - 1, sweeps = 0;
  while (hi > 0) {
    if (negligible(d, e, hi - 1)) {
      e[hi - 1] = 0;
      hi--;
      sweeps = 0;
      continue;
    }
    let lo = hi - 1;
    while (lo > 0 && !negligible(d, e, lo - 1)) lo--;
    if (lo > 0) e[lo - 1] = 0;
    if (sweeps === maxSweeps)
      throw new MlpkitError('symmetricEigen',
        `did not converge: eigenvalue ${hi + 1} of ${n} is still coupled to its neighbour after maxSweeps = ${maxSweeps} QR sweeps (shifted QR usually needs 1 to 3 per eigenvalue)`);
    sweep(d, e, z, n, lo, hi);
    sweeps++;
  }
}
