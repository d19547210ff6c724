import { MlpkitError } from '@mlpkit/tensor';
import { type Matrix, type Table, type Vector, checkLabelList, checkNonEmpty, checkSameLength, range, readFinite, readLabels } from './inputs.js';

/**
 * The score column of each true label. Column j of the scores belongs to `labels[j]`
 * (sorted, one label per column, as scikit-learn orders classes); without `labels` the
 * classes are 0..cols-1, the PyTorch convention, so a batch need not contain every class.
 */
export function scoreColumns(op: string, yTrue: Int32Array, cols: number, labels?: readonly number[] | null): Int32Array {
  const classes = labels ?? range(cols);
  if (labels) {
    checkLabelList(op, labels);
    if (labels.some((l, i) => i > 0 && l < labels[i - 1]))
      throw new MlpkitError(op, `labels: expected labels in increasing order (one per score column), got [${labels.join(', ')}]`);
    if (labels.length !== cols)
      throw new MlpkitError(op, `labels: expected ${cols} labels (one per score column), got ${labels.length}: [${labels.join(', ')}]`);
  }
  const column = new Map(classes.map((l, j) => [l, j]));
  const out = new Int32Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    const j = column.get(yTrue[i]);
    if (j === undefined)
      throw new MlpkitError(op, `yTrue: label ${yTrue[i]} at index ${i} is out of range: the scores have ${cols} columns for classes [${classes.join(', ')}]`);
    out[i] = j;
  }
  return out;
}

/** True labels mapped to score columns, with the scores, for one checked batch. */
export interface ScoreBatch {
  columns: Int32Array;
  scores: Table;
}

/**
 * Reads and checks one batch of true labels [N] and finite scores [N] or [N, C]; a 1-D score
 * is the positive class's (two classes). `cols` fixes the column count of earlier batches.
 */
export function readScoreBatch(
  op: string, yTrue: Vector, yScore: Matrix, labels: readonly number[] | null | undefined, names: [string, string], cols?: number,
): ScoreBatch {
  const t = readLabels(op, names[0], yTrue);
  const scores = readFinite(op, names[1], yScore);
  checkSameLength(op, names[0], t.length, names[1], scores.rows);
  const width = scores.cols ?? 1;
  if (cols !== undefined && width !== cols)
    throw new MlpkitError(op, `${names[1]}: expected ${cols} score column(s) as in earlier batches, got ${width}`);
  if (scores.cols !== null && scores.cols < 1) throw new MlpkitError(op, `${names[1]}: expected at least one score column, got shape [${scores.rows}, 0]`);
  return { columns: scoreColumns(op, t, scores.cols === null || scores.cols === 1 ? 2 : scores.cols, labels), scores };
}

/**
 * The whole dataset of a one-shot score function (logLoss, topKAccuracyScore, rocAucScore) as
 * one checked, non-empty batch, errors named after the function (`op`) and its score argument.
 */
export function readScoreDataset(op: string, yTrue: Vector, yScore: Matrix, labels: readonly number[] | null | undefined, scoreName: string): ScoreBatch {
  const batch = readScoreBatch(op, yTrue, yScore, labels, ['yTrue', scoreName]);
  checkNonEmpty(op, 'yTrue', batch.scores.rows);
  return batch;
}
