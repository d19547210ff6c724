import { zerosLike } from './buffers.js';
import { Optimizer, type ParamState } from './optimizer.js';
import { type FloatArray, type ParamsInput, withDefaults } from './param.js';
import { checkAdamOptions, checkNonNegative, checkSwitches } from './validate.js';

/** NAdam's hyperparameters (PyTorch's `torch.optim.NAdam`, camelCased). */
export interface NAdamOptions {
  /** Learning rate (default 2e-3). */
  lr: number;
  /** Decay rates of the first and second moments (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Momentum decay ψ of the momentum schedule (default 4e-3). */
  momentumDecay: number;
  /** Gradient ascent instead of descent (default false; PyTorch 2 added it). */
  maximize: boolean;
}

const defaults: NAdamOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3, maximize: false };

/**
 * NAdam (Adam with Nesterov momentum, Dozat), PyTorch's rule: with the momentum schedule
 * μₜ = β₁(1 − ½·0.96^(t·ψ)) and Πₜ = μ₁⋯μₜ,
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  d = √(v / (1 − β₂ᵗ)) + eps
 *   θ ← θ − lr·(1 − μₜ)/(1 − Πₜ)·g/d − lr·μₜ₊₁/(1 − Πₜμₜμₜ₊₁)·m/d
 *
 * The last denominator follows PyTorch 1.13.1, which the reference fixtures come from: it
 * multiplies μₜ into the product twice (1 − Πₜ·μₜ·μₜ₊₁). The paper, and PyTorch from 2.0 on,
 * use 1 − Πₜ·μₜ₊₁; the two differ by about 1e-4 relative on early steps and converge as
 * Πₜ → 0.
 *
 * @example
 * const opt = new NAdam(params);
 */
export class NAdam extends Optimizer<NAdamOptions> {
  constructor(params: ParamsInput<NAdamOptions>, options: Partial<NAdamOptions> = {}) {
    super('NAdam', params, withDefaults('NAdam', defaults, options));
  }

  protected checkHyperParams(h: NAdamOptions): void {
    checkSwitches('NAdam', h, ['maximize']);
    checkAdamOptions('NAdam', h);
    checkNonNegative('NAdam', 'momentumDecay', 'momentum_decay value', h.momentumDecay);
  }

  protected initState(param: FloatArray): ParamState {
    return { step: 0, muProduct: 1, expAvg: zerosLike(param), expAvgSq: zerosLike(param) };
  }

  protected update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, h: NAdamOptions): void {
    const [beta1, beta2] = h.betas;
    const step = (state.step as number) + 1;
    state.step = step;
    const correction2 = 1 - beta2 ** step;
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * h.momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * h.momentumDecay));
    const muProduct = (state.muProduct as number) * mu;
    state.muProduct = muProduct;
    const gradScale = (h.lr * (1 - mu)) / (1 - muProduct);
    // PyTorch 1.13.1's product (see the class comment): μₜ appears twice.
    const avgScale = (h.lr * muNext) / (1 - muProduct * mu * muNext);
    const m = state.expAvg as FloatArray;
    const v = state.expAvgSq as FloatArray;
    const g = this.descentGradient(param, grad, h);
    for (let i = 0; i < param.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      const denom = Math.sqrt(v[i] / correction2) + h.eps;
      param[i] -= (gradScale * g[i]) / denom + (avgScale * m[i]) / denom;
    }
  }
}
