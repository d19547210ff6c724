import { MlpkitError, checkOptions } from '@mlpkit/tensor';

/** Counts of values in fixed, equal-width bins. */
export interface Histogram {
  /** bins + 1 increasing edges; bin i is [edges[i], edges[i+1]) (the last one closed). */
  edges: number[];
  counts: number[];
  /** Values below the first edge and above the last (not in any bin), and NaNs. */
  below: number;
  above: number;
  nan: number;
}

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** Number of bins (default 50). */
  bins?: number;
  /** [low, high] of the bins; fixed so that histograms of different layers and epochs compare. */
  range: readonly [number, number];
}

/**
 * A histogram with fixed bins over `range`: the same edges whatever the data, so that layers and
 * epochs compare bin by bin (the slides' per-layer activation figures). Values outside the range
 * are counted in `below` / `above`, not folded into the end bins.
 *
 * @example
 * histogram([0.1, 0.5, 0.9, 2], { bins: 2, range: [0, 1] }); // counts [1, 2], above 1
 */
export function histogram(values: ArrayLike<number>, options: HistogramOptions): Histogram {
  // The range is required (fixed bins are what make layers and epochs compare), so are the options.
  if (options === undefined) throw new MlpkitError('histogram', 'expected options with range: [low, high], got none');
  checkOptions('histogram', options, ['bins', 'range']);
  const bins = options.bins ?? 50;
  const [low, high] = options.range ?? [];
  if (!Number.isInteger(bins) || bins < 1) throw new MlpkitError('histogram', `bins must be an integer >= 1, got ${bins}`);
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) throw new MlpkitError('histogram', `range must be [low, high] with low < high, got [${low}, ${high}]`);
  const width = (high - low) / bins;
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  let nan = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    if (Number.isNaN(v)) nan++;
    else if (v < low) below++;
    else if (v > high) above++;
    else counts[Math.min(bins - 1, Math.floor((v - low) / width))]++;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => low + i * width), counts, below, above, nan };
}
