import { MlpkitError } from '@mlpkit/tensor';

const SHOWN = 6;
// The eigen-solver leaves rounding noise (about 1e-16) where an exact direction has a 0, and
// "[-0.894, 0.447, 2.57e-16]" reads as a real third component.
const NOISE = 1e-12;

/** `x` to 3 significant digits, without trailing zeros (`0`, `0.707`, `2.22e-16`). */
const short = (x: number): string => String(Number(x.toPrecision(3)));

/** The eigenvector in column `k` of the n×n `vectors`, e.g. `[0.707, -0.707, 0]` (at most 6 entries). */
function direction(vectors: Float64Array, n: number, k: number): string {
  const entries: string[] = [];
  for (let j = 0; j < Math.min(n, SHOWN); j++) {
    const v = vectors[j * n + k];
    entries.push(short(Math.abs(v) < NOISE ? 0 : v));
  }
  return `[${entries.join(', ')}${n > SHOWN ? ', …' : ''}]`;
}

/** The feature that weighs most in the eigenvector of column `k`. */
function heaviestFeature(vectors: Float64Array, n: number, k: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (Math.abs(vectors[j * n + k]) > Math.abs(vectors[best * n + k])) best = j;
  return best;
}

/**
 * Refuses to whiten with `eps = 0` a covariance that is singular to rounding (its smallest
 * eigenvalue at most `n · ε · λmax`, numpy's matrix_rank tolerance): `1/sqrt(λ)` would be
 * Infinity, or a huge multiplier of rounding noise, and every output would be NaN or garbage
 * without a word. `vectors` holds the eigenvectors of `values` as columns; `what`
 * names the matrix in the message.
 */
export function checkInvertibleCovariance(op: string, values: Float64Array, vectors: Float64Array, eps: number, what = 'the covariance'): void {
  const n = values.length;
  if (eps > 0 || n === 0) return;
  // A loaded state's eigenvalues need not be sorted.
  let k = 0;
  for (let j = 1; j < n; j++) if (values[j] < values[k]) k = j;
  const largest = values.reduce((a, b) => Math.max(a, b), 0), smallest = values[k];
  const tolerance = n * Number.EPSILON * largest;
  if (smallest > tolerance) return;
  const singular = values.filter((v) => v <= tolerance).length;
  throw new MlpkitError(op,
    `${what} is singular: ${singular} of its ${n} eigenvalues ${singular === 1 ? 'is' : 'are'} at most ${short(tolerance)} (smallest ${short(smallest)}, largest ${short(largest)}), ` +
    `e.g. along ${direction(vectors, n, k)} (mostly feature ${heaviestFeature(vectors, n, k)}), so whitening with eps = 0 would divide by about 0 and give NaN or Infinity; ` +
    `use eps > 0 (the default is 1e-5), or drop the constant or collinear features (N samples give a covariance of rank at most N - 1)`);
}
