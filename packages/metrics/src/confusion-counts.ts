/**
 * Sparse counts of (true label, predicted label) pairs, the sufficient statistics of every
 * label-based classification metric. Sparse because labels are arbitrary non-negative
 * integers and a batch need not contain every class; counts add exactly, so streaming over
 * batches gives the same numbers as one pass over the whole dataset.
 */
export class ConfusionCounts {
  private readonly cells = new Map<number, Map<number, number>>();
  private readonly trueTotals = new Map<number, number>();
  private readonly predTotals = new Map<number, number>();
  /** Number of samples counted. */
  total = 0;
  /** Number of samples whose prediction equals the truth. */
  correct = 0;

  /** Counts one batch of aligned true and predicted labels. */
  add(yTrue: Int32Array, yPred: Int32Array): void {
    for (let i = 0; i < yTrue.length; i++) {
      const t = yTrue[i], p = yPred[i];
      let row = this.cells.get(t);
      if (!row) this.cells.set(t, (row = new Map()));
      row.set(p, (row.get(p) ?? 0) + 1);
      this.trueTotals.set(t, (this.trueTotals.get(t) ?? 0) + 1);
      this.predTotals.set(p, (this.predTotals.get(p) ?? 0) + 1);
      if (t === p) this.correct++;
    }
    this.total += yTrue.length;
  }

  /** How many samples of true class `t` were predicted as `p`. */
  cell(t: number, p: number): number {
    return this.cells.get(t)?.get(p) ?? 0;
  }

  /** How many samples truly belong to `label` (its support). */
  support(label: number): number {
    return this.trueTotals.get(label) ?? 0;
  }

  /** How many samples were predicted as `label`. */
  predicted(label: number): number {
    return this.predTotals.get(label) ?? 0;
  }

  /** The sorted labels that occur in the truth or the predictions. */
  presentLabels(): number[] {
    return [...new Set([...this.trueTotals.keys(), ...this.predTotals.keys()])].sort((a, b) => a - b);
  }

  /** Whether `label` occurs in the truth. */
  inTruth(label: number): boolean {
    return this.trueTotals.has(label);
  }

  /** The dense matrix over `labels` (row = true, column = predicted), row-major. */
  matrix(labels: readonly number[]): Int32Array {
    const n = labels.length;
    const out = new Int32Array(n * n);
    labels.forEach((t, i) => labels.forEach((p, j) => { out[i * n + j] = this.cell(t, p); }));
    return out;
  }

  /** Forgets every count. */
  clear(): void {
    this.cells.clear();
    this.trueTotals.clear();
    this.predTotals.clear();
    this.total = 0;
    this.correct = 0;
  }
}
