import { customOp } from '@mlpkit/autograd';
import { Tensor, allocate } from '@mlpkit/tensor';
import type { Reduction } from './reduction.js';
import type { RowWeights } from './class-targets.js';

/** What the fused kernel needs besides the logits. */
export interface FusedCrossEntropyOptions {
  targets: RowWeights;
  /** Per-class weights as float64 (null: all 1). */
  classWeights: Float64Array | null;
  labelSmoothing: number;
  reduction: Reduction;
}

/**
 * Row i's softmax into `probs` and the log-softmax into `logp`, in float64, shifted by the
 * row maximum so that a logit of 100 next to −100 stays finite. The softmax is exp(z − lse),
 * PyTorch's (its log_softmax backward takes exp of the output): exp(z − max) / Σ would take half
 * the exponentials (0.44 → 0.30 ms at [1024, 10]), but near p = 1 the gradient p − 1 keeps the
 * difference, and the 20-epoch demo ended at 90.59 % instead of 90.52 %.
 */
function logSoftmaxRow(z: ArrayLike<number>, offset: number, classes: number, logp: Float64Array, probs: Float64Array): void {
  let peak = -Infinity;
  for (let c = 0; c < classes; c++) peak = Math.max(peak, z[offset + c]);
  let total = 0;
  for (let c = 0; c < classes; c++) total += Math.exp(z[offset + c] - peak);
  const lse = peak + Math.log(total);
  for (let c = 0; c < classes; c++) {
    logp[c] = z[offset + c] - lse;
    probs[offset + c] = Math.exp(logp[c]);
  }
}

/**
 * Softmax cross-entropy from logits [M, C] with class labels, as one op. The loss of row i is
 * (1 − ε)·w[yᵢ]·(−log p[yᵢ]) + ε/C·Σc w[c]·(−log p[c]) (ε = labelSmoothing, PyTorch 1.13's
 * weighting), and its gradient is the one the slides derive, ŷ − y, generalised: with the
 * smoothed, weighted target qᵢ = (1 − ε)·w[yᵢ]·onehot(yᵢ) + ε/C·w, it is (Σq)·ŷ − q, times the
 * reduction's scale (1, or 1/Σ w[yᵢ] for the mean). Ignored rows give 0 loss and 0 gradient.
 */
export function softmaxCrossEntropy(rows: Tensor, options: FusedCrossEntropyOptions): Tensor {
  const [m, classes] = rows.shape;
  const { targets, classWeights: w, labelSmoothing: eps, reduction } = options;
  const { ignored } = targets;
  const weightTotal = w ? w.reduce((a, b) => a + b, 0) : classes;
  const probs = new Float64Array(m * classes);
  const losses = new Float64Array(m);
  const logp = new Float64Array(classes);
  const forward = () => {
    for (let i = 0; i < m; i++) {
      if (ignored[i]) continue;
      logSoftmaxRow(rows.data, i * classes, classes, logp, probs);
      let loss = -(1 - eps) * targets.weights[i] * logp[targets.safeLabels[i]];
      if (eps > 0) {
        let smooth = 0;
        for (let c = 0; c < classes; c++) smooth -= (w ? w[c] : 1) * logp[c];
        loss += (eps / classes) * smooth;
      }
      losses[i] = loss;
    }
    const total = losses.reduce((a, b) => a + b, 0);
    const values = reduction === 'none' ? losses : [reduction === 'sum' ? total : total / targets.total];
    const out = allocate(rows.dtype, values.length);
    out.set(values);
    return new Tensor(out, reduction === 'none' ? [m] : []);
  };
  const backward = (grad: Tensor) => {
    const out = allocate(rows.dtype, m * classes);
    for (let i = 0; i < m; i++) {
      if (ignored[i]) continue;
      const scale = reduction === 'none' ? grad.data[i] : reduction === 'sum' ? grad.data[0] : grad.data[0] / targets.total;
      const hard = (1 - eps) * targets.weights[i];
      const mass = hard + (eps / classes) * weightTotal; // Σc q[c]
      for (let c = 0; c < classes; c++) {
        const q = (c === targets.safeLabels[i] ? hard : 0) + (eps / classes) * (w ? w[c] : 1);
        out[i * classes + c] = scale * (mass * probs[i * classes + c] - q);
      }
    }
    return [new Tensor(out, [m, classes])];
  };
  return customOp('crossEntropy', [rows], forward, backward, { pure: true });
}
