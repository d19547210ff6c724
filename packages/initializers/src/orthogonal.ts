import { MlpkitError, type Tensor, checkOptions, formatShape } from '@mlpkit/tensor';
import { type GeneratorOption, generatorOf, requireFloat, requireNonNegative } from './fill.js';

/** Options of `orthogonal_`. */
export interface OrthogonalOptions extends GeneratorOption {
  /** Scale of the orthogonal matrix, default 1. */
  gain?: number;
}

const ORTHOGONAL_OPTIONS = ['gain', 'generator'] as const satisfies readonly (keyof OrthogonalOptions)[];

/**
 * Orthonormalizes the n columns of the m×n column-major matrix `a` (m ≥ n) in place by modified
 * Gram–Schmidt, run twice per column so that orthogonality holds to rounding even for
 * ill-conditioned draws. Positive norms make this the QR factor with a positive R diagonal,
 * which is what PyTorch's sign correction produces.
 */
function orthonormalizeColumns(a: Float64Array, m: number, n: number): void {
  for (let j = 0; j < n; j++) {
    const col = a.subarray(j * m, (j + 1) * m);
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const q = a.subarray(k * m, (k + 1) * m);
        let dot = 0;
        for (let i = 0; i < m; i++) dot += q[i] * col[i];
        for (let i = 0; i < m; i++) col[i] -= dot * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    if (norm === 0) throw new MlpkitError('orthogonal_', 'drew a rank-deficient matrix; try another generator state');
    for (let i = 0; i < m; i++) col[i] /= norm;
  }
}

/**
 * Fills `t` in place with a (semi-)orthogonal matrix times `gain` and returns it (Saxe et al.
 * 2013, `torch.nn.init.orthogonal_`). `t` is viewed as [shape[0], rest]; rows are orthonormal
 * when rows ≤ cols (W Wᵀ = gain² I), columns otherwise (Wᵀ W = gain² I).
 *
 * @example
 * orthogonal_(zeros([64, 64]), { gain: calculateGain('relu') });
 */
export function orthogonal_(t: Tensor, options: OrthogonalOptions = {}): Tensor {
  checkOptions('orthogonal_', options, ORTHOGONAL_OPTIONS);
  requireFloat('orthogonal_', t);
  if (t.ndim < 2) throw new MlpkitError('orthogonal_', `expected a tensor with at least 2 dims, got shape ${formatShape(t.shape)}`);
  const gain = options.gain ?? 1;
  requireNonNegative('orthogonal_', 'gain', gain);
  const rows = t.shape[0], cols = t.size / rows;
  if (t.size === 0) return t;
  const g = generatorOf('orthogonal_', options.generator);
  // Work on the tall orientation: m ≥ n, stored column-major so each column is contiguous.
  const m = Math.max(rows, cols), n = Math.min(rows, cols);
  const a = new Float64Array(m * n);
  for (let i = 0; i < a.length; i++) a[i] = g.normal();
  orthonormalizeColumns(a, m, n);
  // Column j of the tall matrix is row j of W when W is wide, column j of W when W is tall.
  for (let j = 0; j < n; j++)
    for (let i = 0; i < m; i++) {
      const [r, c] = rows <= cols ? [j, i] : [i, j];
      t.data[r * cols + c] = gain * a[j * m + i];
    }
  return t;
}
