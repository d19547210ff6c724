import { MlpkitError, Tensor, formatShape } from '@mlpkit/tensor';
import { columnMean } from '../scalers/column-stats.js';
import { matrixOf } from '../scalers/matrix.js';
import { covarianceMatrix } from './covariance.js';

/**
 * The covariance of the features (columns) of a (samples, features) tensor, in float64,
 * dividing by `N - ddof` (default 1, like numpy.cov). Handy to check that whitened data has
 * an identity covariance.
 */
export function covariance(x: Tensor, ddof = 1): Tensor {
  const m = matrixOf('covariance', x);
  if (m.rows - ddof <= 0) throw new MlpkitError('covariance', `needs more than ddof = ${ddof} samples, got shape ${formatShape(x.shape)}`);
  return new Tensor(covarianceMatrix('covariance', m, columnMean(m), ddof), [m.cols, m.cols]);
}
