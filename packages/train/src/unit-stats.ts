import type { Tensor } from '@mlpkit/tensor';

/** Which family an activation layer belongs to, for the dead and saturated counts. */
export type ActivationKind = 'relu' | 'tanh' | 'sigmoid' | 'other';

/** The family of a layer from its printed name (`ReLU()`, `Tanh()`, `Sigmoid()`, …). */
export function activationKind(layer: string): ActivationKind {
  const name = layer.split('(')[0].toLowerCase();
  if (name === 'relu' || name === 'relu6') return 'relu';
  if (name === 'tanh' || name === 'hardtanh') return 'tanh';
  if (name === 'sigmoid' || name === 'hardsigmoid') return 'sigmoid';
  return 'other';
}

/**
 * The share of units (features, the last dim) whose output is exactly 0 for every example
 * (row) of `out`: dead ReLUs, which pass no gradient and no longer learn.
 */
export function deadUnitFraction(out: Tensor): number {
  const units = out.shape[out.ndim - 1] ?? 1;
  const rows = out.size / units;
  const d = out.data;
  let dead = 0;
  for (let u = 0; u < units; u++) {
    let zero = true;
    for (let r = 0; r < rows && zero; r++) if (d[r * units + u] !== 0) zero = false;
    if (zero) dead++;
  }
  return units ? dead / units : Number.NaN;
}

/**
 * The share of outputs (over units and examples) in the flat tails of a squashing function,
 * where its derivative nearly vanishes: |y| > threshold for tanh; y > threshold or
 * y < 1 − threshold for sigmoid. `threshold` is 0.99 by default (tanh′ < 0.02, σ′ < 0.0099).
 */
export function saturatedFraction(out: Tensor, kind: 'tanh' | 'sigmoid', threshold = 0.99): number {
  const d = out.data;
  let n = 0;
  for (let i = 0; i < d.length; i++) {
    const y = Number(d[i]);
    if (kind === 'tanh' ? Math.abs(y) > threshold : y > threshold || y < 1 - threshold) n++;
  }
  return d.length ? n / d.length : Number.NaN;
}
