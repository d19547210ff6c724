import { MlpkitError, type Tensor, checkOptions } from '@mlpkit/tensor';
import { type GeneratorOption, fillWith, requireNonNegative } from './fill.js';

/** Options of `normal_`. */
export interface NormalOptions extends GeneratorOption {
  /** Mean, default 0. */
  mean?: number;
  /** Standard deviation, default 1. */
  std?: number;
}

const NORMAL_OPTIONS = ['mean', 'std', 'generator'] as const satisfies readonly (keyof NormalOptions)[];

/**
 * Fills `t` in place with samples of N(mean, std²) and returns it (`torch.nn.init.normal_`).
 *
 * @example
 * normal_(zeros([256, 128]), { std: 0.02 });
 */
export function normal_(t: Tensor, options: NormalOptions = {}): Tensor {
  checkOptions('normal_', options, NORMAL_OPTIONS);
  const { mean = 0, std = 1, generator } = options;
  if (!Number.isFinite(mean)) throw new MlpkitError('normal_', `mean must be finite, got ${mean}`);
  requireNonNegative('normal_', 'std', std);
  return fillWith('normal_', t, generator, (g) => mean + std * g.normal());
}
