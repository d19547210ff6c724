import type { Generator } from '@mlpkit/tensor';

/**
 * One draw of the standard normal truncated to [alpha, beta], 0 < alpha < beta ≤ ∞, by
 * rejection (C. P. Robert, "Simulation of truncated normal variables", 1995). Far in the tail
 * Φ underflows, so the inverse CDF has nothing to invert, but the density there is nearly
 * exponential: for the intervals `truncNormal_` sends here (alpha ≥ 8) more than half the
 * proposals are accepted.
 */
export function sampleNormalTail(alpha: number, beta: number, g: Generator): number {
  // A narrow interval (narrower than the exponential's scale 1/alpha): uniform proposals,
  // accepted with probability φ(z)/φ(alpha).
  if (beta - alpha < 1 / alpha) {
    for (;;) {
      const z = alpha + (beta - alpha) * g.random();
      if (g.random() <= Math.exp(((alpha - z) * (alpha + z)) / 2)) return z;
    }
  }
  // Otherwise alpha plus an exponential of the optimal rate, accepted with e^{−(z−λ)²/2}.
  const lambda = (alpha + Math.sqrt(alpha * alpha + 4)) / 2;
  for (;;) {
    const z = alpha - Math.log(1 - g.random()) / lambda;
    if (z <= beta && g.random() <= Math.exp(-((z - lambda) ** 2) / 2)) return z;
  }
}
