import { mapColumns } from './column-stats.js';
import { FeatureScaler, type OutputArray } from './feature-scaler.js';
import type { Matrix } from './matrix.js';

/**
 * The scalers whose transform is `(x - center) / scale` per feature (StandardScaler: mean and
 * std; RobustScaler: median and interquantile range; ZeroCenterer: mean only). The transform
 * and its inverse live here once; each subclass only fits and stores its two statistics.
 */
export abstract class CenterScaleScaler extends FeatureScaler {
  /** The per-feature value subtracted, or null when centering is off (0). */
  protected abstract fittedCenter(): Float64Array | null;
  /** The per-feature divisor, or null when scaling is off (1). */
  protected abstract fittedScale(): Float64Array | null;

  protected transformInto(m: Matrix, out: OutputArray): void {
    const [center, scale] = this.parts();
    mapColumns(m, out, (v, j) => (v - center[j]) / scale[j]);
  }

  protected inverseInto(m: Matrix, out: OutputArray): void {
    const [center, scale] = this.parts();
    mapColumns(m, out, (v, j) => v * scale[j] + center[j]);
  }

  private parts(): [Float64Array, Float64Array] {
    const n = this.nFeaturesIn ?? 0;
    return [this.fittedCenter() ?? new Float64Array(n), this.fittedScale() ?? new Float64Array(n).fill(1)];
  }
}
