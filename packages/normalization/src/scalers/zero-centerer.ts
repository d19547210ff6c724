import type { Tensor } from '@mlpkit/tensor';
import { CenterScaleScaler } from './center-scale-scaler.js';
import { columnMean, toList, vectorTensor } from './column-stats.js';
import type { Matrix } from './matrix.js';
import type { ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';

/**
 * Zero-centering: `x - mean` per feature, without rescaling; the slides' "in practice for
 * images: center only" step, and the first step of PCA and whitening.
 *
 * @example
 * const centered = new ZeroCenterer().fitTransform(xTrain);
 */
export class ZeroCenterer extends CenterScaleScaler {
  readonly type = 'ZeroCenterer';
  private meanV: Float64Array | null = null;

  /** Rebuilds a scaler saved with `toJSON()`. */
  static fromJSON(json: ScalerJSON): ZeroCenterer {
    const read = new ScalerReader(json, 'ZeroCenterer');
    read.config([]);
    return new ZeroCenterer().restore(read);
  }

  /** Per-feature mean subtracted by `transform`. */
  get mean(): Tensor { return vectorTensor(`${this.type}.mean`, this.meanV); }

  protected fitMatrix(m: Matrix): void {
    this.meanV = columnMean(m);
  }

  protected fittedCenter(): Float64Array | null {
    return this.meanV;
  }

  // Dividing by 1 and multiplying by 1 are exact, so this is `x - mean` and `x + mean`.
  protected fittedScale(): null {
    return null;
  }

  protected config(): Record<string, unknown> {
    return {};
  }

  protected saveState(): Record<string, unknown> {
    return { mean: toList(this.meanV!) };
  }

  protected loadState(read: ScalerReader, n: number): void {
    this.meanV = read.vector(read.state(['mean'])!, 'mean', n);
  }
}
