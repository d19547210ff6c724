import type { Tensor } from '@mlpkit/tensor';
import { columnMean, fromList, mapColumns, toList, vectorTensor } from './column-stats.js';
import { FeatureScaler, type OutputArray } from './feature-scaler.js';
import type { Matrix } from './matrix.js';
import type { ScalerJSON } from './scaler.js';

/**
 * Zero-centering: `x - mean` per feature, without rescaling; the slides' "in practice for
 * images: center only" step, and the first step of PCA and whitening.
 *
 * @example
 * const centered = new ZeroCenterer().fitTransform(xTrain);
 */
export class ZeroCenterer extends FeatureScaler {
  readonly type = 'ZeroCenterer';
  private meanV: Float64Array | null = null;

  /** Rebuilds a scaler saved with `toJSON()`. */
  static fromJSON(json: ScalerJSON): ZeroCenterer {
    return new ZeroCenterer().restore(json);
  }

  /** Per-feature mean subtracted by `transform`. */
  get mean(): Tensor { return vectorTensor(`${this.type}.mean`, this.meanV); }

  protected fitMatrix(m: Matrix): void {
    this.meanV = columnMean(m);
  }

  protected transformInto(m: Matrix, out: OutputArray): void {
    const mean = this.meanV!;
    mapColumns(m, out, (v, j) => v - mean[j]);
  }

  protected inverseInto(m: Matrix, out: OutputArray): void {
    const mean = this.meanV!;
    mapColumns(m, out, (v, j) => v + mean[j]);
  }

  protected config(): Record<string, unknown> {
    return {};
  }

  protected saveState(): Record<string, unknown> {
    return { mean: toList(this.meanV!) };
  }

  protected loadState(state: Record<string, unknown>): void {
    this.meanV = fromList(state.mean);
  }
}
