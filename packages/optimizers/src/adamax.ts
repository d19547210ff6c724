import { zerosLike } from './buffers.js';
import { Optimizer, type ParamState } from './optimizer.js';
import { type FloatArray, type ParamsInput, withDefaults } from './param.js';
import { checkAdamOptions, checkSwitches } from './validate.js';

/** Adamax's hyperparameters (PyTorch's `torch.optim.Adamax`, camelCased). */
export interface AdamaxOptions {
  /** Learning rate (default 2e-3). */
  lr: number;
  /** Decay rates of the first moment and of the infinity norm (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to |g| before taking the maximum (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Gradient ascent instead of descent (default false). */
  maximize: boolean;
}

const defaults: AdamaxOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false };

/**
 * Adamax (Adam with the infinity norm), PyTorch's rule: m ← β₁m + (1 − β₁)g,
 * u ← max(β₂u, |g| + eps), θ ← θ − (lr / (1 − β₁ᵗ))·m/u.
 *
 * @example
 * const opt = new Adamax(params);
 */
export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(params: ParamsInput<AdamaxOptions>, options: Partial<AdamaxOptions> = {}) {
    super('Adamax', params, withDefaults('Adamax', defaults, options));
  }

  protected checkHyperParams(h: AdamaxOptions): void {
    checkSwitches('Adamax', h, ['maximize']);
    checkAdamOptions('Adamax', h);
  }

  protected initState(param: FloatArray): ParamState {
    return { step: 0, expAvg: zerosLike(param), expInf: zerosLike(param) };
  }

  protected update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, h: AdamaxOptions): void {
    const [beta1, beta2] = h.betas;
    const step = (state.step as number) + 1;
    state.step = step;
    const m = state.expAvg as FloatArray;
    const u = state.expInf as FloatArray;
    const clr = h.lr / (1 - beta1 ** step);
    const g = this.descentGradient(param, grad, h);
    for (let i = 0; i < param.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      u[i] = Math.max(beta2 * u[i], Math.abs(g[i]) + h.eps);
      param[i] -= (clr * m[i]) / u[i];
    }
  }
}
