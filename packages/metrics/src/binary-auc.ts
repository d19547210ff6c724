/**
 * The area under the ROC curve of one binary problem, or NaN when either class is absent.
 *
 * Walks the scores from highest to lowest; a group of tied scores moves the curve diagonally,
 * so ties count 1/2, as scikit-learn's trapezoidal `roc_curve` + `auc` does. The doubled area
 * is an exact integer sum, divided once at the end.
 */
export function binaryAuc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  const n = scores.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let tp = 0, fp = 0, doubledArea = 0;
  for (let i = 0; i < n;) {
    const s = scores[order[i]];
    const tpBefore = tp, fpBefore = fp;
    for (; i < n && scores[order[i]] === s; i++) {
      if (positive[order[i]]) tp++;
      else fp++;
    }
    doubledArea += (fp - fpBefore) * (tp + tpBefore);
  }
  return tp === 0 || fp === 0 ? Number.NaN : doubledArea / (2 * tp * fp);
}
