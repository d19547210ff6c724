import type { Matrix } from '../scalers/matrix.js';
import { covarianceAxes } from './covariance-axes.js';
import { gramAxes } from './gram-axes.js';

/** The eigen-pairs of the features' covariance (ddof 1), largest variance first. */
export interface PrincipalAxes {
  /** The eigenvalues, clamped at 0: min(samples, features) of them or more. */
  readonly variance: Float64Array;
  /** The first k eigenvectors as the rows of a k × features row-major array, orthonormal. */
  rows(k: number): Float64Array;
}

/**
 * The principal axes of the rows of `m` around `mean`, by the cheaper of two routes that give
 * the same axes: the features × features covariance when there are at least as many samples
 * as features, and the samples × samples Gram matrix otherwise (2 samples of 10,000 features
 * need a 2×2 matrix, not a 10,000×10,000 one). `op` names the caller when the covariance is
 * too large to allocate.
 */
export function principalAxes(op: string, m: Matrix, mean: Float64Array): PrincipalAxes {
  return m.rows < m.cols ? gramAxes(m, mean) : covarianceAxes(op, m, mean);
}
