/** What one system is asked to measure for workload W1 (BENCHMARKING.md). */
export interface EpochPlan {
  /** Batch size (W1 uses 64 and 1024). */
  batch: number;
  /** Whole epochs to time (median reported); 0 means extrapolate from `steps` steps instead. */
  epochs: number;
  /** Steps timed when extrapolating (after warm-up steps that are not timed). */
  steps: number;
}

/** One epoch figure: measured over whole epochs, or extrapolated from a number of steps. */
export interface EpochFigure {
  batch: number;
  /** Median seconds per epoch. */
  seconds: number;
  /** 'epochs' when whole epochs were timed, 'steps' when extrapolated. */
  method: 'epochs' | 'steps';
  /** How many epochs or steps were timed. */
  count: number;
  /** Mean training loss over the timed steps: a sanity check that every system learns. */
  loss: number;
  /** When several rounds ran (`seconds` is then the median of the rounds' figures): how many. */
  rounds?: number;
}

/** Everything one system reports for W1. */
export interface W1Result {
  system: string;
  threads: number;
  epochs: EpochFigure[];
  /** Forward passes (no gradients) at batch 1024, images per second. */
  inferenceImagesPerSecond: number;
  /** Peak resident set size of the process that ran it, in MiB. */
  peakRssMiB: number;
  version?: string;
  note?: string;
}

export const W1_LR = 0.01;
export const INFERENCE_BATCH = 1024;

/** Steps per epoch with the last partial batch kept (938 at 64, 59 at 1024 for 60 000 images). */
export function stepsPerEpoch(count: number, batch: number): number {
  return Math.ceil(count / batch);
}
