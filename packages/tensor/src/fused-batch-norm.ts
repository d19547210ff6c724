import { getBackend } from './dispatch.js';
import type { BatchNormStats, ChannelMoments } from './fused-kernels.js';
import { Tensor } from './tensor.js';

// Batch norm's per-element loops on the backend's fused kernels, when it has them: each returns
// null when the backend has no entry or declines, and @mlpkit/normalization then runs its own
// loops, which stay the definition (a backend's kernels must give their bits).

/** Per-channel mean and biased variance of x [N, C] in float64, or null. */
export function fusedChannelMoments(x: Tensor): ChannelMoments | null {
  return getBackend().kernels.channelMoments?.(x) ?? null;
}

/** Batch norm's output for x [N, C] with the given per-channel statistics, or null. */
export function fusedBatchNorm(x: Tensor, stats: BatchNormStats): Tensor | null {
  const out = getBackend().kernels.batchNorm?.(x, stats);
  return out ? Tensor.fromStorage(out) : null;
}

/** Batch norm's dx (a tensor of x's shape), dγ and dβ (float64) from dy [N, C], or null. */
export function fusedBatchNormBackward(
  dy: Tensor, x: Tensor, stats: BatchNormStats, batchStats: boolean,
): { dx: Tensor; dGamma: Float64Array; dBeta: Float64Array } | null {
  const out = getBackend().kernels.batchNormBackward?.(dy, x, stats, batchStats);
  return out ? { dx: Tensor.fromStorage(out.dx), dGamma: out.dGamma, dBeta: out.dBeta } : null;
}
