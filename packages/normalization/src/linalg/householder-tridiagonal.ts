/** A symmetric matrix A written as `Q T Qᵀ` with T tridiagonal and Q orthogonal. */
export interface Tridiagonal {
  /** T's diagonal, n values. */
  readonly diagonal: Float64Array;
  /** T's off-diagonal: `offDiagonal[i]` couples i and i + 1 (n - 1 values; length n, last unused). */
  readonly offDiagonal: Float64Array;
  /** Qᵀ, n×n row-major: row i is Q's column i, so rotations of T's basis act on two rows. */
  readonly basisRows: Float64Array;
}

/**
 * The Householder vector of row k, stored over `a[k, k+1..]` (which no later step reads):
 * the unit u with `(I - 2uuᵀ) x = β e₁` for x = `a[k, k+1..]`. Returns β, or x₀ (with u = 0,
 * meaning no reflection) when x's tail is already zero. The norm is taken on x scaled by its
 * largest entry, so neither squares of huge entries overflow nor squares of tiny ones vanish.
 */
function reflectRow(a: Float64Array, n: number, k: number): number {
  const start = k * n + k + 1, end = k * n + n;
  let big = 0, tail = 0;
  for (let i = start; i < end; i++) big = Math.max(big, Math.abs(a[i]));
  for (let i = start + 1; i < end; i++) tail = Math.max(tail, Math.abs(a[i]));
  const x0 = a[start];
  if (tail === 0) {
    a[start] = 0;
    return x0;
  }
  let sum = 0;
  for (let i = start; i < end; i++) sum += (a[i] / big) ** 2;
  const norm = big * Math.sqrt(sum);
  // β takes the sign opposite to x₀ so that x₀ - β adds magnitudes instead of cancelling.
  const beta = x0 >= 0 ? -norm : norm;
  // |x - βe₁|² = 2‖x‖(‖x‖ + |x₀|), taken as a product of square roots to stay in range.
  const length = Math.sqrt(2 * norm) * Math.sqrt(norm + Math.abs(x0));
  a[start] = (x0 - beta) / length;
  for (let i = start + 1; i < end; i++) a[i] /= length;
  return beta;
}

/**
 * `A ← H A H` on the trailing block (rows and columns k+1..), H = I - 2uuᵀ with u in row k:
 * `A - u wᵀ - w uᵀ` where p = 2Au and w = p - (uᵀp) u. Only the upper triangle is read and
 * written, row by row (the lower half of the product is gathered by scattering along rows).
 */
function reflectBlock(a: Float64Array, n: number, k: number, p: Float64Array): void {
  const u = k * n;
  p.fill(0);
  for (let i = k + 1; i < n; i++) {
    const ui = a[u + i], row = i * n;
    let s = a[row + i] * ui;
    for (let j = i + 1; j < n; j++) {
      s += a[row + j] * a[u + j];
      p[j] += a[row + j] * ui;
    }
    p[i] += s;
  }
  let up = 0;
  for (let i = k + 1; i < n; i++) up += 2 * p[i] * a[u + i];
  for (let i = k + 1; i < n; i++) p[i] = 2 * p[i] - up * a[u + i];
  for (let i = k + 1; i < n; i++) {
    const ui = a[u + i], wi = p[i], row = i * n;
    for (let j = i; j < n; j++) a[row + j] -= ui * p[j] + wi * a[u + j];
  }
}

/**
 * Qᵀ = H_{n-3} ⋯ H_0, built from the identity by multiplying the reflections on the right in
 * reverse order, so step k only touches rows and columns past k and works along rows.
 */
function accumulate(a: Float64Array, n: number): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let k = n - 3; k >= 0; k--) {
    const u = k * n;
    if (a[u + k + 1] === 0) continue; // no reflection at this step (see reflectRow)
    for (let r = k + 1; r < n; r++) {
      const row = r * n;
      let s = 0;
      for (let j = k + 1; j < n; j++) s += q[row + j] * a[u + j];
      s *= 2;
      for (let j = k + 1; j < n; j++) q[row + j] -= s * a[u + j];
    }
  }
  return q;
}

/**
 * Householder reduction of a symmetric n×n matrix to tridiagonal form, reading the upper
 * triangle of `a` (row-major, overwritten). O(4n³/3) for T and as much again for Q.
 */
export function householderTridiagonal(a: Float64Array, n: number): Tridiagonal {
  const diagonal = new Float64Array(n), offDiagonal = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    diagonal[k] = a[k * n + k];
    offDiagonal[k] = reflectRow(a, n, k);
    if (a[k * n + k + 1] !== 0) reflectBlock(a, n, k, p);
  }
  for (let k = Math.max(n - 2, 0); k < n; k++) diagonal[k] = a[k * n + k];
  if (n >= 2) offDiagonal[n - 2] = a[(n - 2) * n + n - 1];
  return { diagonal, offDiagonal, basisRows: accumulate(a, n) };
}
