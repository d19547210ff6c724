import { MlpkitError, Tensor, checkInteger, checkOptions, describe } from '@mlpkit/tensor';

/** Eigenvalues in descending order and the matching unit eigenvectors. */
export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  readonly values: Float64Array;
  /** n×n row-major; column k is the eigenvector of `values[k]`. */
  readonly vectors: Float64Array;
}

/** Options of {@link symmetricEigen}. */
export interface SymmetricEigenOptions {
  /** Give up after this many full sweeps (default 100; convergence is quadratic, ~10 is typical). */
  maxSweeps?: number;
}

const EIGEN_OPTIONS = ['maxSweeps'] as const satisfies readonly (keyof SymmetricEigenOptions)[];

function offDiagonalNorm(a: Float64Array, n: number): number {
  let s = 0;
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) s += a[p * n + q] ** 2;
  return Math.sqrt(2 * s);
}

/** Applies the rotation in the (p, q) plane that zeroes a[p][q], to a (both sides) and to v (right). */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  // The smaller of the two rotation angles, for stability (hypot avoids overflow in theta²).
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
  const c = 1 / Math.hypot(t, 1);
  const s = t * c;
  for (let r = 0; r < n; r++) {
    const arp = a[r * n + p], arq = a[r * n + q];
    a[r * n + p] = c * arp - s * arq;
    a[r * n + q] = s * arp + c * arq;
  }
  for (let r = 0; r < n; r++) {
    const apr = a[p * n + r], aqr = a[q * n + r];
    a[p * n + r] = c * apr - s * aqr;
    a[q * n + r] = s * apr + c * aqr;
  }
  for (let r = 0; r < n; r++) {
    const vrp = v[r * n + p], vrq = v[r * n + q];
    v[r * n + p] = c * vrp - s * vrq;
    v[r * n + q] = s * vrp + c * vrq;
  }
}

function sortDescending(a: Float64Array, v: Float64Array, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, k) => k).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = Float64Array.from(order, (k) => a[k * n + k]);
  const vectors = new Float64Array(n * n);
  order.forEach((k, col) => {
    for (let r = 0; r < n; r++) vectors[r * n + col] = v[r * n + k];
  });
  return { values, vectors };
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

/**
 * Eigen-decomposition of a real symmetric n×n matrix (row-major, float64) by cyclic Jacobi
 * rotations: slow for large n (O(n³) per sweep) but simple, exact to rounding, and always
 * returning orthonormal eigenvectors, which is what PCA and whitening need.
 */
export function symmetricEigen(matrix: Float64Array, n: number, options: SymmetricEigenOptions = {}): SymmetricEigen {
  checkOptions('symmetricEigen', options, EIGEN_OPTIONS);
  checkArguments(matrix, n, options);
  for (let p = 0; p < n; p++)
    for (let q = p + 1; q < n; q++) {
      const x = matrix[p * n + q], y = matrix[q * n + p];
      if (Math.abs(x - y) > 1e-9 * (Math.abs(x) + Math.abs(y) + 1e-300))
        throw new MlpkitError('symmetricEigen', `expected a symmetric matrix, but [${p}, ${q}] = ${x} and [${q}, ${p}] = ${y}`);
    }
  const a = matrix.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (const x of a) scale += x * x;
  const tolerance = Number.EPSILON * Math.sqrt(scale);
  const maxSweeps = options.maxSweeps ?? 100;
  for (let sweep = 0; sweep < maxSweeps && offDiagonalNorm(a, n) > tolerance; sweep++)
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) if (a[p * n + q] !== 0) rotate(a, v, n, p, q);
  return sortDescending(a, v, n);
}
