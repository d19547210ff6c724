import { customOp } from '@mlpkit/autograd';
import { type BatchNormStats, MlpkitError, Tensor, allocate, checkOptions, formatShape, fusedBatchNorm, fusedBatchNormBackward, fusedChannelMoments } from '@mlpkit/tensor';
import { type ChannelLayout, channelLayout, channelMoments } from './channel-layout.js';
import { checkEps, checkMomentum } from './check-layer-options.js';

/** Options of {@link batchNorm}, as `torch.nn.functional.batch_norm` names them. */
export interface BatchNormOptions {
  /** Running mean [C]: updated in place in training, used for normalizing in eval. */
  runningMean?: Tensor | null;
  /** Running (unbiased) variance [C]: updated in place in training, used in eval. */
  runningVar?: Tensor | null;
  /** Scale γ [C] (none: 1). */
  weight?: Tensor | null;
  /** Shift β [C] (none: 0). */
  bias?: Tensor | null;
  /** Normalize with this batch's statistics (default false: with the running ones). */
  training?: boolean;
  /** Weight of the new batch in the running averages (default 0.1). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

const BATCH_NORM_OPTIONS = [
  'runningMean', 'runningVar', 'weight', 'bias', 'training', 'momentum', 'eps',
] as const satisfies readonly (keyof BatchNormOptions)[];

function checkVector(name: string, t: Tensor | null | undefined, c: number): void {
  if (t && (t.ndim !== 1 || t.shape[0] !== c))
    throw new MlpkitError('batchNorm', `${name} must have shape [${c}] (one value per channel), got ${formatShape(t.shape)}`);
}

/** running = (1 - momentum) · running + momentum · batch, in place. */
function updateRunning(running: Tensor | null | undefined, batch: Float64Array, momentum: number): void {
  if (!running) return;
  for (let j = 0; j < batch.length; j++) running.data[j] = (1 - momentum) * running.data[j] + momentum * batch[j];
}

/** The per-channel mean and 1/sqrt(var + eps) to normalize with, updating running stats in training. */
function statistics(input: Tensor, layout: ChannelLayout, o: BatchNormOptions, useBatch: boolean): { mean: Float64Array; invStd: Float64Array } {
  const eps = o.eps ?? 1e-5;
  if (!useBatch) {
    const mean = Float64Array.from(o.runningMean!.data);
    return { mean, invStd: Float64Array.from(o.runningVar!.data, (v) => 1 / Math.sqrt(v + eps)) };
  }
  if (layout.count <= 1)
    throw new MlpkitError('batchNorm', `expected more than 1 value per channel when training, got input size ${formatShape(input.shape)}`);
  // On a backend with batch norm's kernels (which decline what they do not take): the same loops there, the same bits.
  const { mean, variance } = fusedChannelMoments(input) ?? channelMoments(input.data, layout);
  if (o.training) {
    const momentum = o.momentum ?? 0.1;
    // PyTorch normalizes with the biased variance but tracks the unbiased one (divide by N·L − 1).
    const unbiased = variance.map((v) => (v * layout.count) / (layout.count - 1));
    updateRunning(o.runningMean, mean, momentum);
    updateRunning(o.runningVar, unbiased, momentum);
  }
  return { mean, invStd: variance.map((v) => 1 / Math.sqrt(v + eps)) };
}

/**
 * Batch normalization over (N, C) or (N, C, L) input, per channel C, as
 * `torch.nn.functional.batch_norm`: `y = (x - μ) / sqrt(σ² + eps) · γ + β`, with the batch's
 * mean and biased variance in training (running statistics updated in place) and the running
 * statistics in eval. Without running statistics, batch statistics are used in both modes.
 *
 * Its backward is one fused op with the closed form the slides derive from the computational
 * graph: with x̂ the normalized input, m = N·L values per channel and g = dy · γ,
 * `dx = (1/σ) · (g − mean(g) − x̂ · mean(g · x̂))`, `dγ = Σ dy · x̂`, `dβ = Σ dy` (in eval,
 * where μ and σ are constants, `dx = g / σ`).
 *
 * @example
 * const y = batchNorm(x, { runningMean, runningVar, weight, bias, training: true });
 */
export function batchNorm(input: Tensor, options: BatchNormOptions = {}): Tensor {
  checkOptions('batchNorm', options, BATCH_NORM_OPTIONS);
  checkEps('batchNorm', options.eps);
  checkMomentum('batchNorm', options.momentum, false);
  const layout = channelLayout('batchNorm', input);
  const { weight, bias, runningMean, runningVar } = options;
  for (const [name, t] of [['weight', weight], ['bias', bias], ['runningMean', runningMean], ['runningVar', runningVar]] as const) checkVector(name, t, layout.c);
  if (!runningMean !== !runningVar) throw new MlpkitError('batchNorm', 'runningMean and runningVar must be given together (or both left out)');
  const useBatch = (options.training ?? false) || !runningMean;
  const { mean, invStd } = statistics(input, layout, options, useBatch);
  const gamma = weight ? Float64Array.from(weight.data) : new Float64Array(layout.c).fill(1);
  const beta = bias ? Float64Array.from(bias.data) : new Float64Array(layout.c);
  const stats: BatchNormStats = { mean, invStd, gamma, beta };
  const inputs = [input, ...(weight ? [weight] : []), ...(bias ? [bias] : [])];
  return customOp(
    'batch_norm',
    inputs,
    () => fusedBatchNorm(input, stats) ?? normalize(input, stats, layout),
    (grad, _output, needs) => {
      const g = fusedBatchNormBackward(grad, input, stats, useBatch) ?? batchNormBackward(grad, input, stats, layout, useBatch);
      const grads = [needs[0] ? g.dx : null];
      if (weight) grads.push(needs[grads.length] ? tensorOf(g.dGamma, weight) : null);
      if (bias) grads.push(needs[grads.length] ? tensorOf(g.dBeta, bias) : null);
      return grads;
    },
    { pure: true },
  );
}

/** float64 values as a tensor with the dtype and shape of `like`. */
export function tensorOf(values: Float64Array, like: Tensor): Tensor {
  const out = allocate(like.dtype, values.length);
  out.set(values);
  return new Tensor(out, like.shape);
}

/** y = ((x − μ) · invStd) · γ + β per channel, in float64, rounded once to the input's dtype. */
function normalize(input: Tensor, { mean, invStd, gamma, beta }: BatchNormStats, layout: ChannelLayout): Tensor {
  const { n, c, l } = layout;
  const x = input.data, out = allocate(input.dtype, input.size);
  for (let i = 0, at = 0; i < n; i++)
    for (let j = 0; j < c; j++) for (let k = 0; k < l; k++, at++) out[at] = ((x[at] - mean[j]) * invStd[j]) * gamma[j] + beta[j];
  return new Tensor(out, input.shape);
}

/**
 * The closed-form gradients of batch norm, in float64, in plain loops: the definition a
 * backend's fused kernel must match bit for bit. x̂ = (x − μ) · invStd is recomputed from the
 * saved input (as Linear's backward reads its saved input) rather than kept as a float64 copy
 * of every value.
 */
function batchNormBackward(dyTensor: Tensor, input: Tensor, { mean, invStd, gamma }: BatchNormStats, layout: ChannelLayout, batchStats: boolean) {
  const { n, c, l, count: m } = layout;
  const dy = dyTensor.data, x = input.data;
  const dx = allocate(input.dtype as 'float32' | 'float64', input.size);
  const dBeta = new Float64Array(c);
  const dGamma = new Float64Array(c);
  for (let i = 0, at = 0; i < n; i++)
    for (let j = 0; j < c; j++)
      for (let k = 0; k < l; k++, at++) {
        dBeta[j] += dy[at];
        dGamma[j] += dy[at] * ((x[at] - mean[j]) * invStd[j]);
      }
  // dx is computed in float64 and rounded once as it is stored in the input's dtype.
  // Σ g = γ Σ dy = γ dβ and Σ g x̂ = γ dγ, so the per-channel sums are already at hand.
  const meanG = batchStats ? dBeta.map((s, j) => (gamma[j] * s) / m) : new Float64Array(c);
  for (let i = 0, at = 0; i < n; i++)
    for (let j = 0; j < c; j++)
      for (let k = 0; k < l; k++, at++) {
        const g = dy[at] * gamma[j];
        dx[at] = batchStats ? invStd[j] * (g - meanG[j] - (((x[at] - mean[j]) * invStd[j]) * gamma[j] * dGamma[j]) / m) : g * invStd[j];
      }
  return { dx: new Tensor(dx, input.shape), dGamma, dBeta };
}
