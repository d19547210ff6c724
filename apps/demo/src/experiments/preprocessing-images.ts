import { PCA, ZCAWhitening, covariance } from '@mlpkit/normalization';
import { Tensor } from '@mlpkit/tensor';
import { loadData } from '../data.js';

/** How far a covariance matrix is from the identity: its largest |off-diagonal| and its diagonal's range. */
export interface CovarianceSummary {
  maxOffDiagonal: number;
  diagonal: [number, number];
  features: number;
  /** Features whose variance is below the threshold asked for (no whitening can give them unit variance). */
  quiet: number;
}

/** The summary of the covariance (numpy.cov, N − 1) of the rows of `x`, counting the features whose variance is below `quietBelow`. */
export function summarizeCovariance(x: Tensor, quietBelow = 0): CovarianceSummary {
  const f = x.shape[1];
  const c = covariance(x).data as Float64Array;
  let maxOffDiagonal = 0, lo = Infinity, hi = -Infinity, quiet = 0;
  for (let i = 0; i < f; i++) {
    for (let j = 0; j < f; j++) if (i !== j) maxOffDiagonal = Math.max(maxOffDiagonal, Math.abs(c[i * f + j]));
    const v = c[i * f + i];
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    if (v < quietBelow) quiet++;
  }
  return { maxOffDiagonal, diagonal: [lo, hi], features: f, quiet };
}

/** The first `n` Fashion-MNIST training images as float64 pixels in [0, 1] (x / 255), all 28×28 = 784 of them. */
export async function fashionPixels(n: number): Promise<Tensor> {
  const { train } = await loadData({ normalize: 'minmax', limit: n, testLimit: 1, seed: 0, valFraction: 0 });
  return new Tensor(Float64Array.from(train.features), [train.length, 784]);
}

/** The images' covariance before and after PCA whitening and ZCA, and the PCA's variance per component. */
export function whitenImages(x: Tensor, varianceKept: number, eps: number) {
  const pca = new PCA({ nComponents: varianceKept, whiten: true }).fit(x);
  return {
    before: summarizeCovariance(x, eps),
    pca: summarizeCovariance(pca.transform(x)),
    zca: summarizeCovariance(new ZCAWhitening({ eps, ddof: 1 }).fitTransform(x)),
    variance: [...(pca.explainedVariance.data as Float64Array)],
  };
}
