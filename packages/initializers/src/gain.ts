import { MlpkitError } from '@mlpkit/tensor';

/** The nonlinearities `calculateGain` knows, by PyTorch's names (camelCase spellings work too). */
export type Nonlinearity =
  | 'linear' | 'identity' | 'conv1d' | 'conv2d' | 'conv3d'
  | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu'
  | 'leakyRelu' | 'convTranspose1d' | 'convTranspose2d' | 'convTranspose3d';

const unitGain = new Set(['linear', 'identity', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid']);

/** 'leakyRelu' → 'leaky_relu', so both spellings reach the same entry. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * The factor that keeps activations' variance steady through `nonlinearity`, as
 * `torch.nn.init.calculate_gain`: 1 for linear/conv/sigmoid, 5/3 for tanh, √2 for relu,
 * √(2/(1+slope²)) for leaky_relu (slope `param`, default 0.01), 3/4 for selu.
 *
 * @example
 * calculateGain('leaky_relu', 0.2); // 1.3867504905630728
 */
export function calculateGain(nonlinearity: Nonlinearity | string, param?: number | null): number {
  const name = snake(String(nonlinearity));
  if (unitGain.has(name)) return 1;
  if (name === 'tanh') return 5 / 3;
  if (name === 'relu') return Math.SQRT2;
  if (name === 'selu') return 3 / 4;
  if (name === 'leaky_relu') {
    if (param !== undefined && param !== null && (typeof param !== 'number' || !Number.isFinite(param)))
      throw new MlpkitError('calculateGain', `negative slope for leaky_relu must be a finite number, got ${String(param)}`);
    const slope = param ?? 0.01;
    return Math.sqrt(2 / (1 + slope * slope));
  }
  throw new MlpkitError('calculateGain', `unsupported nonlinearity ${JSON.stringify(nonlinearity)}; expected one of linear, conv1d..3d, conv_transpose1d..3d, sigmoid, tanh, relu, leaky_relu, selu`);
}
