import {
  MinMaxScaler, Normalize, PCA, PixelScaler, RobustScaler, type Scaler, ScalerPipeline, StandardScaler, ZCAWhitening,
  ZeroCenterer, covariance,
} from '@mlpkit/normalization';
import type { Tensor } from '@mlpkit/tensor';
import { toTensor } from '../fixture.js';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';

type Outputs = Record<string, Tensor>;

/** Fits `scaler` on the case's input and returns its transform plus the statistics `stats` picks. */
function fitted<S extends Scaler>(make: (p: Record<string, any>) => S, stats: (s: S, output: Tensor) => Outputs = () => ({})) {
  return (c: FixtureCase): CaseOutcome => {
    const scaler = make(c.params);
    const output = scaler.fitTransform(toTensor(c.inputs.input));
    return { outputs: { output, ...stats(scaler, output) } };
  };
}

const PCA_SIGNS = 'largest-|entry| of each component positive';

function pca(p: Record<string, any>): PCA {
  if (p.sign_convention !== PCA_SIGNS) throw new Error(`pca: unsupported sign convention '${p.sign_convention}'`);
  return new PCA({ nComponents: p.n_components, whiten: p.whiten });
}

/** Every op of fixtures/pytorch/preprocessing.json (scikit-learn and torchvision semantics). */
export const preprocessingHandlers: HandlerTable = {
  standard_scaler: fitted(
    (p) => new StandardScaler({ withMean: p.with_mean, withStd: p.with_std }),
    (s) => ({ mean_: s.mean, var_: s.var, scale_: s.scale }),
  ),
  minmax_scaler: fitted(
    (p) => new MinMaxScaler({ featureRange: p.feature_range }),
    (s) => ({ data_min_: s.dataMin, data_max_: s.dataMax, scale_: s.scale, min_: s.min }),
  ),
  robust_scaler: fitted(
    (p) => new RobustScaler({ withCentering: p.with_centering, withScaling: p.with_scaling, quantileRange: p.quantile_range }),
    (s) => ({ center_: s.center, scale_: s.scale }),
  ),
  zero_center: fitted(() => new ZeroCenterer(), (s) => ({ mean_: s.mean })),
  pca: fitted(pca, (s, output) => ({
    mean_: s.mean, components_: s.components, explained_variance_: s.explainedVariance,
    explained_variance_ratio_: s.explainedVarianceRatio, singular_values_: s.singularValues, output_cov: covariance(output, 1),
  })),
  zca_whiten: fitted(
    (p) => new ZCAWhitening({ eps: p.eps, ddof: p.cov_ddof }),
    (s, output) => ({ mean_: s.mean, cov: s.covariance, W: s.whiteningMatrix, output_cov: covariance(output, s.ddof) }),
  ),
  // out = x / divisor + offset is PixelScaler with maxValue = divisor over [offset, offset + 1].
  scale_0_1: fitted((p) => new PixelScaler({ maxValue: p.divisor, featureRange: [p.offset ?? 0, (p.offset ?? 0) + 1] })),
  'scale_-1_1': fitted((p) => new PixelScaler({ maxValue: p.divisor, featureRange: [p.offset ?? 0, (p.offset ?? 0) + 1] })),
  normalize: fitted((p) => {
    const normalize = new Normalize({ mean: p.mean, std: p.std });
    return p.to_tensor_first ? new ScalerPipeline([new PixelScaler(), normalize]) : normalize;
  }),
};
