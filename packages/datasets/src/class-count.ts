import { MlpkitError } from '@mlpkit/tensor';

/**
 * The most classes a dataset may have: 2²⁴ (16777216), the largest count float32 holds
 * exactly. Per-class work (`classCounts`, stratified splits, one-hot targets) allocates per
 * class, so without a bound a stray label such as 2000000000 in a CSV file would make a
 * two-row dataset ask for gigabytes.
 */
export const MAX_CLASSES = 2 ** 24;

/** Throws `op` unless `value` is a class count in 0..MAX_CLASSES; `what` says where it came from. */
export function checkNumClasses(op: string, value: unknown, what = 'numClasses'): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_CLASSES)
    throw new MlpkitError(op, `${what} must be an integer in 0..${MAX_CLASSES}, got ${String(value)}`);
}
