import { MlpkitError } from '@mlpkit/tensor';
import { type Matrix, type Table, checkNonEmpty, checkSameLength, readFinite } from './inputs.js';

/**
 * How per-output scores of [N, D] targets are combined: `'uniform_average'` (default) is their
 * mean, `'raw_values'` returns one score per output, an array gives each output's weight.
 */
export type Multioutput = 'uniform_average' | 'raw_values' | readonly number[];

/** A number, or one number per output for `multioutput: 'raw_values'`. */
export type PerOutput<O> = O extends { multioutput: 'raw_values' } ? number[] : number;

/** Aligned float64 targets and predictions with D outputs each (D = 1 for 1-D inputs). */
export interface RegressionBatch {
  yTrue: Table;
  yPred: Table;
  outputs: number;
}

/** Reads and checks one batch of regression targets and predictions ([N] or [N, D]). */
export function readRegressionBatch(op: string, yTrue: Matrix, yPred: Matrix, names: [string, string], outputs?: number): RegressionBatch {
  const t = readFinite(op, names[0], yTrue);
  const p = readFinite(op, names[1], yPred);
  checkSameLength(op, names[0], t.rows, names[1], p.rows);
  const d = t.cols ?? 1;
  if ((p.cols ?? 1) !== d) throw new MlpkitError(op, `${names[1]}: expected ${d} output(s) to match ${names[0]}, got ${p.cols ?? 1}`);
  if (outputs !== undefined && d !== outputs) throw new MlpkitError(op, `${names[0]}: expected ${outputs} output(s) as in earlier batches, got ${d}`);
  return { yTrue: t, yPred: p, outputs: d };
}

/**
 * The whole dataset of a one-shot regression function (meanAbsoluteError, meanSquaredError,
 * r2Score) as one checked, non-empty batch, errors named after the function (`op`).
 */
export function readRegressionDataset(op: string, yTrue: Matrix, yPred: Matrix): RegressionBatch {
  const batch = readRegressionBatch(op, yTrue, yPred, ['yTrue', 'yPred']);
  checkNonEmpty(op, 'yTrue', batch.yTrue.rows);
  return batch;
}

/** Throws on a `multioutput` that is neither a known mode nor an array of weights. */
export function checkMultioutput(op: string, multioutput: unknown, extra: string[] = []): void {
  if (multioutput === undefined || Array.isArray(multioutput)) return;
  if (!['uniform_average', 'raw_values', ...extra].includes(multioutput as string))
    throw new MlpkitError(op, `multioutput: expected ${['uniform_average', 'raw_values', ...extra].map((m) => `'${m}'`).join(', ')} or an array of weights, got ${JSON.stringify(multioutput)}`);
}

/** Combines per-output scores as `multioutput` says. */
export function combineOutputs(op: string, scores: number[], multioutput: Multioutput | undefined): number | number[] {
  if (multioutput === 'raw_values') return scores;
  if (Array.isArray(multioutput)) {
    if (multioutput.length !== scores.length)
      throw new MlpkitError(op, `multioutput: expected ${scores.length} weights (one per output), got ${multioutput.length}`);
    const total = multioutput.reduce((a, b) => a + b, 0);
    return scores.reduce((s, v, j) => s + v * multioutput[j], 0) / total;
  }
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}
