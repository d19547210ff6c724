import type { Matrix } from '../scalers/matrix.js';
import { covarianceMatrix } from './covariance.js';
import type { PrincipalAxes } from './principal-axes.js';
import { symmetricEigen } from './symmetric-eigen.js';

/**
 * The principal axes from the eigen-decomposition of the features × features covariance
 * (ddof 1): one axis per feature. O(features³), and the matrix alone grows with features².
 */
export function covarianceAxes(op: string, m: Matrix, mean: Float64Array): PrincipalAxes {
  const f = m.cols;
  const { values, vectors } = symmetricEigen(covarianceMatrix(op, m, mean, 1), f);
  return {
    variance: values.map((v) => Math.max(v, 0)),
    rows(k: number): Float64Array {
      const out = new Float64Array(k * f);
      for (let c = 0; c < k; c++) for (let j = 0; j < f; j++) out[c * f + j] = vectors[j * f + c];
      return out;
    },
  };
}
