import { MlpkitError, Tensor, checkInteger, checkOptions, describe } from '@mlpkit/tensor';
import { householderTridiagonal } from './householder-tridiagonal.js';
import { tridiagonalQR } from './tridiagonal-qr.js';

/** Eigenvalues in descending order and the matching unit eigenvectors. */
export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  readonly values: Float64Array;
  /** n×n row-major; column k is the eigenvector of `values[k]`. */
  readonly vectors: Float64Array;
}

/** Options of {@link symmetricEigen}. */
export interface SymmetricEigenOptions {
  /**
   * Give up, with an `MlpkitError`, when an eigenvalue is still coupled to its neighbour after
   * this many implicit QR sweeps (one shifted bulge chase over the block holding it; default
   * 30, LAPACK's budget; Wilkinson shifts converge cubically, so 1 to 3 is typical).
   */
  maxSweeps?: number;
}

const EIGEN_OPTIONS = ['maxSweeps'] as const satisfies readonly (keyof SymmetricEigenOptions)[];

/** `x · 2^power` in two halves, so neither factor overflows or underflows on its own. */
function timesPowerOfTwo(x: number, power: number): number {
  const half = Math.trunc(power / 2);
  return x * 2 ** half * 2 ** (power - half);
}

/** The eigen-pairs, largest value first; `rows` holds eigenvector i in row i (n×n). */
function sortDescending(d: Float64Array, rows: Float64Array, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, k) => k).sort((i, j) => d[j] - d[i]);
  const values = Float64Array.from(order, (k) => d[k]);
  const vectors = new Float64Array(n * n);
  order.forEach((k, col) => {
    for (let r = 0; r < n; r++) vectors[r * n + col] = rows[k * n + r];
  });
  return { values, vectors };
}

/**
 * The indices whose row or column has a nonzero entry off the diagonal. The others (a
 * constant feature's row of a covariance) are eigenvectors e_i with eigenvalue a_ii exactly,
 * which a reflection would blur with rounding noise, so they are set aside.
 */
function coupledIndices(matrix: Float64Array, n: number): number[] {
  const coupled: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (j !== i && (matrix[i * n + j] !== 0 || matrix[j * n + i] !== 0)) {
        coupled.push(i);
        break;
      }
  return coupled;
}

/**
 * The eigen-pairs of the submatrix on `indices`, scaled by a power of two to a largest entry
 * in [1, 2) so entries from 1e-300 to 1e300 neither overflow nor underflow on the way:
 * eigenvalues in `d` (unsorted) and eigenvector i in row i of `rows` (m×m, over `indices`).
 */
function solveSubmatrix(matrix: Float64Array, n: number, indices: number[], maxSweeps: number): { d: Float64Array; rows: Float64Array } {
  const m = indices.length;
  let largest = 0;
  for (const i of indices) for (const j of indices) largest = Math.max(largest, Math.abs(matrix[i * n + j]));
  const power = largest === 0 ? 0 : Math.floor(Math.log2(largest));
  const a = new Float64Array(m * m);
  indices.forEach((i, r) => indices.forEach((j, c) => (a[r * m + c] = timesPowerOfTwo(matrix[i * n + j], -power))));
  const { diagonal, offDiagonal, basisRows } = householderTridiagonal(a, m);
  tridiagonalQR(diagonal, offDiagonal, basisRows, m, maxSweeps);
  return { d: diagonal.map((v) => timesPowerOfTwo(v, power)), rows: basisRows };
}

function checkArguments(matrix: unknown, n: unknown, options: SymmetricEigenOptions): asserts matrix is Float64Array {
  if (!(matrix instanceof Float64Array))
    throw new MlpkitError('symmetricEigen', `expected the matrix as a row-major Float64Array, got ${describe(matrix)}${matrix instanceof Tensor ? ' (pass Float64Array.from(t.data) and t.shape[0])' : ''}`);
  checkInteger('symmetricEigen', 'n', n, 0);
  if (matrix.length !== n * n) throw new MlpkitError('symmetricEigen', `expected ${n}×${n} = ${n * n} values, got ${matrix.length}`);
  if (options.maxSweeps !== undefined) checkInteger('symmetricEigen', 'maxSweeps', options.maxSweeps, 0);
  // Rotations would spread a NaN or an infinity over every eigenvalue, silently.
  const bad = matrix.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new MlpkitError('symmetricEigen', `expected finite values, got ${matrix[bad]} at [${Math.floor(bad / n)}, ${bad % n}]`);
}

/** Refuses a matrix whose two triangles differ by more than rounding (halved: 1e308 + 1e308 is Infinity). */
function checkSymmetric(matrix: Float64Array, n: number): void {
  for (let p = 0; p < n; p++)
    for (let q = p + 1; q < n; q++) {
      const x = matrix[p * n + q] / 2, y = matrix[q * n + p] / 2;
      if (Math.abs(x - y) > 1e-9 * (Math.abs(x) + Math.abs(y) + 1e-300))
        throw new MlpkitError('symmetricEigen', `expected a symmetric matrix, but [${p}, ${q}] = ${2 * x} and [${q}, ${p}] = ${2 * y}`);
    }
}

/**
 * Eigen-decomposition of a real symmetric n×n matrix (row-major, float64): Householder
 * reduction to tridiagonal form, then implicit QR steps with Wilkinson shifts, both applied to
 * the eigenvectors along rows. O(n³) in all (about 9n³ flops), backward stable, and always
 * returning orthonormal eigenvectors, which is what PCA and whitening need. Entries from
 * 1e-300 to 1e300 are fine (the work is done on a rescaled copy); an eigenvalue beyond
 * float64's range is refused.
 */
export function symmetricEigen(matrix: Float64Array, n: number, options: SymmetricEigenOptions = {}): SymmetricEigen {
  checkOptions('symmetricEigen', options, EIGEN_OPTIONS);
  checkArguments(matrix, n, options);
  checkSymmetric(matrix, n);
  const d = new Float64Array(n), rows = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    d[i] = matrix[i * n + i];
    rows[i * n + i] = 1;
  }
  const coupled = coupledIndices(matrix, n);
  const sub = solveSubmatrix(matrix, n, coupled, options.maxSweeps ?? 30);
  // The coupled block's eigen-pairs take the slots of its indices, embedded in n dimensions.
  coupled.forEach((slot, k) => {
    d[slot] = sub.d[k];
    rows.fill(0, slot * n, slot * n + n);
    coupled.forEach((j, c) => (rows[slot * n + j] = sub.rows[k * coupled.length + c]));
  });
  const huge = d.findIndex((v) => !Number.isFinite(v));
  if (huge >= 0) throw new MlpkitError('symmetricEigen', `expected eigenvalues within float64's range, got ${d[huge]}`);
  return sortDescending(d, rows, n);
}
