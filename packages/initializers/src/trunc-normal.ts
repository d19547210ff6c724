import { MlpkitError, type Tensor, checkOptions } from '@mlpkit/tensor';
import { type GeneratorOption, fillWith, requireNonNegative } from './fill.js';
import { millsRatio, normalCdf, normalPdf, normalPpf } from './normal-math.js';
import { sampleNormalTail } from './normal-tail.js';

/** Options of `truncNormal_`; `a` and `b` are absolute cut-offs, not multiples of std (as in PyTorch). */
export interface TruncNormalOptions extends GeneratorOption {
  /** Mean of the untruncated normal, default 0. */
  mean?: number;
  /** Std of the untruncated normal, default 1. */
  std?: number;
  /** Lower cut-off, default −2. */
  a?: number;
  /** Upper cut-off, default 2. */
  b?: number;
}

const TRUNC_NORMAL_OPTIONS = ['mean', 'std', 'a', 'b', 'generator'] as const satisfies readonly (keyof TruncNormalOptions)[];

interface Resolved { mean: number; std: number; a: number; b: number }

function resolve(op: string, options: TruncNormalOptions): Resolved {
  checkOptions(op, options, TRUNC_NORMAL_OPTIONS);
  const { mean = 0, std = 1, a = -2, b = 2 } = options;
  if (!Number.isFinite(mean)) throw new MlpkitError(op, `mean must be finite, got ${mean}`);
  requireNonNegative(op, 'std', std);
  if (!(a < b)) throw new MlpkitError(op, `expected a < b, got a ${a} and b ${b}`);
  return { mean, std, a, b };
}

/**
 * The mean and std of N(mean, std²) truncated to [a, b], in closed form:
 * with α, β the standardized cut-offs and Z = Φ(β) − Φ(α),
 * mean' = mean + std·(φ(α) − φ(β))/Z and var' = std²·[1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²].
 */
export function truncNormalStats(options: TruncNormalOptions = {}): { mean: number; std: number } {
  const { mean, std, a, b } = resolve('truncNormalStats', options);
  if (std === 0) return { mean: Math.min(Math.max(mean, a), b), std: 0 };
  const alpha = (a - mean) / std, beta = (b - mean) / std;
  // An interval below the mean has the moments of its mirror image above it, negated.
  const sign = beta < 0 ? -1 : 1;
  const { ratio, spread } = beta < 0 ? standardTerms(-beta, -alpha) : standardTerms(alpha, beta);
  return { mean: mean + sign * std * ratio, std: std * Math.sqrt(Math.max(0, 1 + spread - ratio * ratio)) };
}

/**
 * (φ(α) − φ(β))/Z and (αφ(α) − βφ(β))/Z for the standard normal on [α, β]. Above the mean
 * every term is divided by φ(α), so Z becomes a difference of Mills ratios, and no density or
 * tail probability underflows however far out the interval lies.
 */
function standardTerms(alpha: number, beta: number): { ratio: number; spread: number } {
  if (alpha > 0) {
    const e = Math.exp(-((beta - alpha) * (beta + alpha)) / 2); // φ(β)/φ(α)
    const z = millsRatio(alpha) - e * millsRatio(beta);
    return { ratio: (1 - e) / z, spread: (alpha - (Number.isFinite(beta) ? beta * e : 0)) / z };
  }
  const z = normalCdf(beta) - normalCdf(alpha);
  const pa = normalPdf(alpha), pb = normalPdf(beta);
  return { ratio: (pa - pb) / z, spread: ((Number.isFinite(alpha) ? alpha * pa : 0) - (Number.isFinite(beta) ? beta * pb : 0)) / z };
}

/** Beyond this many stds from the mean, intervals are sampled by rejection, not by the CDF. */
const tailStart = 8;

/**
 * Fills `t` in place with N(mean, std²) truncated to [a, b] and returns it
 * (`torch.nn.init.trunc_normal_`). Samples by inverting the CDF on [Φ(α), Φ(β)]; an interval
 * lying wholly more than 8 stds from the mean, where the CDF underflows, is sampled by
 * Robert's exponential rejection sampler instead (see `sampleNormalTail`).
 *
 * @example
 * truncNormal_(zeros([768, 768]), { std: 0.02, a: -0.04, b: 0.04 });
 */
export function truncNormal_(t: Tensor, options: TruncNormalOptions = {}): Tensor {
  const { mean, std, a, b } = resolve('truncNormal_', options);
  if (std === 0) return fillWith('truncNormal_', t, options.generator, () => Math.min(Math.max(mean, a), b));
  const alpha = (a - mean) / std, beta = (b - mean) / std;
  if (alpha >= tailStart || beta <= -tailStart) {
    // Sampled above the mean; an interval below it is the mirror image.
    const sign = alpha >= tailStart ? 1 : -1;
    const [lo, hi] = sign > 0 ? [alpha, beta] : [-beta, -alpha];
    return fillWith('truncNormal_', t, options.generator, (g) => Math.min(Math.max(mean + sign * std * sampleNormalTail(lo, hi, g), a), b));
  }
  // An interval above the mean is sampled as its mirror image below it, where the CDF has precision.
  const flip = (a - mean) / std > 0;
  const lo = flip ? (mean - b) / std : (a - mean) / std;
  const hi = flip ? (mean - a) / std : (b - mean) / std;
  const pLo = normalCdf(lo), pHi = normalCdf(hi);
  return fillWith('truncNormal_', t, options.generator, (g) => {
    const z = normalPpf(pLo + (pHi - pLo) * g.random());
    const x = mean + std * (flip ? -z : z);
    return Math.min(Math.max(x, a), b);
  });
}
