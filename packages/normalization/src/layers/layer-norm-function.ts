import { customOp } from '@mlpkit/autograd';
import { MlpkitError, Tensor, allocate, checkOptions, checkTensor, formatShape, shapesEqual } from '@mlpkit/tensor';
import { tensorOf } from './batch-norm-function.js';
import { checkEps } from './check-layer-options.js';

/** Options of {@link layerNorm}, as `torch.nn.functional.layer_norm` names them. */
export interface LayerNormOptions {
  /** Scale γ with shape `normalizedShape` (none: 1). */
  weight?: Tensor | null;
  /** Shift β with shape `normalizedShape` (none: 0). */
  bias?: Tensor | null;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

const LAYER_NORM_OPTIONS = ['weight', 'bias', 'eps'] as const satisfies readonly (keyof LayerNormOptions)[];

function check(input: Tensor, shape: readonly number[], o: LayerNormOptions): void {
  checkTensor('layerNorm', input);
  const trailing = input.shape.slice(input.ndim - shape.length);
  if (shape.length === 0 || input.ndim < shape.length || !shapesEqual(trailing, shape))
    throw new MlpkitError('layerNorm', `expected input with trailing dims ${formatShape(shape)} (normalizedShape), got shape ${formatShape(input.shape)}`);
  if (input.dtype !== 'float32' && input.dtype !== 'float64') throw new MlpkitError('layerNorm', `expected a float32 or float64 input, got ${input.dtype}`);
  for (const [name, t] of [['weight', o.weight], ['bias', o.bias]] as const)
    if (t && !shapesEqual(t.shape, shape)) throw new MlpkitError('layerNorm', `${name} must have shape ${formatShape(shape)} (normalizedShape), got ${formatShape(t.shape)}`);
}

/** Per-row x̂ = (x − μ)/sqrt(σ² + eps) and 1/sqrt(σ² + eps), in float64 with the mean subtracted first. */
function normalizeRows(data: ArrayLike<number>, rows: number, d: number, eps: number) {
  const xHat = new Float64Array(rows * d);
  const invStd = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let k = 0; k < d; k++) mean += data[r * d + k];
    mean /= d;
    let variance = 0;
    for (let k = 0; k < d; k++) variance += (data[r * d + k] - mean) ** 2;
    invStd[r] = 1 / Math.sqrt(variance / d + eps);
    for (let k = 0; k < d; k++) xHat[r * d + k] = (data[r * d + k] - mean) * invStd[r];
  }
  return { xHat, invStd };
}

/**
 * Layer normalization over the trailing `normalizedShape` dims of each sample, as
 * `torch.nn.functional.layer_norm`: `y = (x − μ) / sqrt(σ² + eps) · γ + β` with the sample's
 * own mean and biased variance, the same in training and eval. Statistics are computed in
 * float64 (mean subtracted first), so rows like 1000 + N(0, 1) stay accurate. One fused op
 * whose backward, per row of D values with g = dy · γ, is
 * `dx = (1/σ) · (g − mean(g) − x̂ · mean(g · x̂))`, `dγ = Σ dy · x̂`, `dβ = Σ dy`.
 *
 * @example
 * const y = layerNorm(x, [6], { weight, bias }); // x [..., 6]
 */
export function layerNorm(input: Tensor, normalizedShape: number | readonly number[], options: LayerNormOptions = {}): Tensor {
  checkOptions('layerNorm', options, LAYER_NORM_OPTIONS);
  checkEps('layerNorm', options.eps);
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  check(input, shape, options);
  const { weight, bias } = options;
  const d = shape.reduce((a, b) => a * b, 1);
  const rows = d === 0 ? 0 : input.size / d;
  const { xHat, invStd } = normalizeRows(input.data, rows, d, options.eps ?? 1e-5);
  const gamma = (k: number) => (weight ? weight.data[k] : 1);
  const inputs = [input, ...(weight ? [weight] : []), ...(bias ? [bias] : [])];
  return customOp(
    'layer_norm',
    inputs,
    () => {
      const out = allocate(input.dtype, input.size);
      for (let i = 0; i < out.length; i++) out[i] = xHat[i] * gamma(i % d) + (bias ? bias.data[i % d] : 0);
      return new Tensor(out, input.shape);
    },
    (grad, _output, needs) => {
      const dy = grad.data;
      const dx = new Float64Array(input.size), dGamma = new Float64Array(d), dBeta = new Float64Array(d);
      for (let r = 0; r < rows; r++) {
        let sumG = 0, sumGX = 0;
        for (let k = 0; k < d; k++) {
          const i = r * d + k, g = dy[i] * gamma(k);
          sumG += g;
          sumGX += g * xHat[i];
          dGamma[k] += dy[i] * xHat[i];
          dBeta[k] += dy[i];
        }
        for (let k = 0; k < d; k++) {
          const i = r * d + k;
          dx[i] = invStd[r] * (dy[i] * gamma(k) - sumG / d - (xHat[i] * sumGX) / d);
        }
      }
      const grads = [needs[0] ? tensorOf(dx, input) : null];
      if (weight) grads.push(needs[grads.length] ? tensorOf(dGamma, weight) : null);
      if (bias) grads.push(needs[grads.length] ? tensorOf(dBeta, bias) : null);
      return grads;
    },
  );
}
