import { MlpkitError, type Tensor, formatShape, permute, reshape, shapesEqual } from '@mlpkit/tensor';

/** Logits (or log-probabilities) as rows of classes, with the target labels lined up. */
export interface ClassRows {
  /** [M, C]: one row of class scores per labelled position (gradients flow back to the original layout). */
  rows: Tensor;
  /** M int32 class labels. */
  labels: Tensor;
  /** The shape of a `reduction: 'none'` result: the target's shape. */
  outShape: number[];
}

/** The shape a class-index target must have for `input`: input's without the class dim 1. */
export function indexTargetShape(input: Tensor): number[] {
  return input.ndim === 1 ? [] : input.shape.filter((_, d) => d !== 1);
}

/**
 * Brings PyTorch's layouts, (C) with a 0-d target, (N, C) with (N) and (N, C, d1, …) with
 * (N, d1, …), to one [M, C] matrix of rows and M labels, so a loss needs only one kernel.
 */
export function classRows(op: string, input: Tensor, target: Tensor): ClassRows {
  if (input.ndim === 0) throw new MlpkitError(op, 'expected input of shape (C), (N, C) or (N, C, d1, …), got a 0-d tensor');
  const expected = indexTargetShape(input);
  if (target.dtype !== 'int32')
    throw new MlpkitError(op, `class-index targets must be int32 of shape ${formatShape(expected)}, got dtype ${target.dtype} of shape ${formatShape(target.shape)}`);
  if (!shapesEqual(target.shape, expected))
    throw new MlpkitError(op, `class-index target must have shape ${formatShape(expected)} for input ${formatShape(input.shape)}, got ${formatShape(target.shape)}`);
  const classes = input.ndim === 1 ? input.shape[0] : input.shape[1];
  // Moving the class dim last makes each position's scores one contiguous row.
  const last = input.ndim > 2 ? permute(input, [0, ...input.shape.map((_, d) => d).slice(2), 1]) : input;
  const rows = reshape(last, [target.size, classes]);
  return { rows, labels: reshape(target, [target.size]), outShape: [...target.shape] };
}

/** Per-row weights and the mean's denominator, after checking every label. */
export interface RowWeights {
  /** weight[label] (1 without class weights), and 0 for ignored rows. */
  weights: Float64Array;
  /** The label, or 0 for ignored rows, so it can index safely. */
  safeLabels: Int32Array;
  /** 1 for rows whose label is ignoreIndex (they give no loss at all, not even label smoothing's). */
  ignored: Uint8Array;
  /** Σ weights: what reduction 'mean' divides by (PyTorch's rule with class weights and ignoreIndex). */
  total: number;
}

/** Checks that each label is a class or `ignoreIndex`, and looks up its weight. */
export function rowWeights(op: string, labels: Tensor, classes: number, weight: Tensor | undefined, ignoreIndex: number): RowWeights {
  if (weight && (weight.ndim !== 1 || weight.size !== classes))
    throw new MlpkitError(op, `weight must have one entry per class, shape [${classes}], got ${formatShape(weight.shape)}`);
  const m = labels.size;
  const weights = new Float64Array(m);
  const safeLabels = new Int32Array(m);
  const ignored = new Uint8Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const label = labels.data[i];
    if (label === ignoreIndex) { ignored[i] = 1; continue; }
    if (label < 0 || label >= classes)
      throw new MlpkitError(op, `target ${label} at position ${i} is out of range for ${classes} classes (expected 0 to ${classes - 1}, or ignoreIndex ${ignoreIndex})`);
    safeLabels[i] = label;
    weights[i] = weight ? weight.data[label] : 1;
    total += weights[i];
  }
  return { weights, safeLabels, ignored, total };
}

/** Everything a class-index loss needs: rows, checked labels with their weights, and class weights as float64. */
export function classTargets(op: string, input: Tensor, target: Tensor, weight: Tensor | undefined, ignoreIndex: number) {
  const { rows, labels, outShape } = classRows(op, input, target);
  const targets = rowWeights(op, labels, rows.shape[1], weight, ignoreIndex);
  const classWeights = weight ? Float64Array.from(weight.data) : null;
  return { rows, outShape, targets, classWeights };
}
