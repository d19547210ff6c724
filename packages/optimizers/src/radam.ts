import { zerosLike } from './buffers.js';
import { Optimizer, type ParamState } from './optimizer.js';
import { type FloatArray, type ParamsInput, withDefaults } from './param.js';
import { checkAdamOptions, checkSwitches } from './validate.js';

/** RAdam's hyperparameters (PyTorch's `torch.optim.RAdam`, camelCased). */
export interface RAdamOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  /** Decay rates of the first and second moments (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Gradient ascent instead of descent (default false; PyTorch 2 added it). */
  maximize: boolean;
}

const defaults: RAdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false };

/**
 * The variance rectification factor of step t, or null while the variance of the adaptive
 * learning rate is intractable (ρₜ ≤ 5), when RAdam falls back to plain momentum.
 */
export function radamRectification(beta2: number, step: number): number | null {
  const rhoInf = 2 / (1 - beta2) - 1;
  const rhoT = rhoInf - (2 * step * beta2 ** step) / (1 - beta2 ** step);
  if (rhoT <= 5) return null;
  return Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
}

/**
 * RAdam (rectified Adam, Liu et al.), PyTorch's rule: m and v as in Adam, m̂ = m/(1 − β₁ᵗ);
 * while ρₜ ≤ 5, θ ← θ − lr·m̂; afterwards θ ← θ − lr·m̂·r·√(1 − β₂ᵗ)/(√v + eps), with r the
 * rectification factor.
 *
 * @example
 * const opt = new RAdam(params);
 */
export class RAdam extends Optimizer<RAdamOptions> {
  constructor(params: ParamsInput<RAdamOptions>, options: Partial<RAdamOptions> = {}) {
    super('RAdam', params, withDefaults('RAdam', defaults, options));
  }

  protected checkHyperParams(h: RAdamOptions): void {
    checkSwitches('RAdam', h, ['maximize']);
    checkAdamOptions('RAdam', h);
  }

  protected initState(param: FloatArray): ParamState {
    return { step: 0, expAvg: zerosLike(param), expAvgSq: zerosLike(param) };
  }

  protected update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, h: RAdamOptions): void {
    const [beta1, beta2] = h.betas;
    const step = (state.step as number) + 1;
    state.step = step;
    const correction1 = 1 - beta1 ** step;
    const correction2Sqrt = Math.sqrt(1 - beta2 ** step);
    const rect = radamRectification(beta2, step);
    const m = state.expAvg as FloatArray;
    const v = state.expAvgSq as FloatArray;
    const g = this.descentGradient(param, grad, h);
    for (let i = 0; i < param.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      const mHat = m[i] / correction1;
      param[i] -= rect === null ? h.lr * mHat : (h.lr * mHat * rect * correction2Sqrt) / (Math.sqrt(v[i]) + h.eps);
    }
  }
}
