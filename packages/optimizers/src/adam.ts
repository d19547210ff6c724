import { fusedAdam } from '@mlpkit/tensor';
import { zerosLike } from './buffers.js';
import { Optimizer, type ParamState } from './optimizer.js';
import { type FloatArray, type ParamsInput, withDefaults } from './param.js';
import { checkAdamOptions, checkSwitches } from './validate.js';

/** Adam's hyperparameters (PyTorch's `torch.optim.Adam`, camelCased). */
export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  /** Decay rates of the first and second moment estimates (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient before the moments (default 0; AdamW decouples it). */
  weightDecay: number;
  /** Use the maximum of past second moments (AMSGrad, default false). */
  amsgrad: boolean;
  /** Gradient ascent instead of descent (default false). */
  maximize: boolean;
}

/** Adam's defaults, as in PyTorch. */
export const adamDefaults: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };

/** The state Adam starts a parameter with. */
export function initAdamState(param: FloatArray, amsgrad: boolean): ParamState {
  const state: ParamState = { step: 0, expAvg: zerosLike(param), expAvgSq: zerosLike(param) };
  if (amsgrad) state.maxExpAvgSq = zerosLike(param);
  return state;
}

/**
 * One Adam update of one parameter, PyTorch's rule: with g the descent gradient (see
 * `Optimizer.descentGradient`; Adam folds its weight decay into it, AdamW does not),
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²  (v̂ = max of all v with AMSGrad)
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + eps)
 */
export function adamUpdate(param: FloatArray, g: ArrayLike<number>, state: ParamState, h: AdamOptions): void {
  const [beta1, beta2] = h.betas;
  const step = (state.step as number) + 1;
  state.step = step;
  const m = state.expAvg as FloatArray;
  const v = state.expAvgSq as FloatArray;
  const vMax = h.amsgrad ? ((state.maxExpAvgSq ??= zerosLike(param)) as FloatArray) : null;
  const stepSize = h.lr / (1 - beta1 ** step);
  const correction2Sqrt = Math.sqrt(1 - beta2 ** step);
  if (g instanceof Float32Array && fusedAdam(param, g, m, v, vMax, { beta1, beta2, stepSize, correction2Sqrt, eps: h.eps })) return;
  for (let i = 0; i < param.length; i++) {
    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
    let second = v[i];
    if (vMax) second = vMax[i] = Math.max(vMax[i], v[i]);
    param[i] -= (stepSize * m[i]) / (Math.sqrt(second) / correction2Sqrt + h.eps);
  }
}

/**
 * Adam (Kingma & Ba), with PyTorch's update rule and defaults; `weightDecay` is an L2 penalty
 * added to the gradient (use `AdamW` for decoupled weight decay).
 *
 * @example
 * const opt = new Adam(model.parameters(), { lr: 1e-3 });
 */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super('Adam', params, withDefaults('Adam', adamDefaults, options));
  }

  protected checkHyperParams(h: AdamOptions): void {
    checkSwitches('Adam', h, ['amsgrad', 'maximize']);
    checkAdamOptions('Adam', h);
  }

  protected initState(param: FloatArray, group: AdamOptions): ParamState {
    return initAdamState(param, group.amsgrad);
  }

  protected update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, group: AdamOptions): void {
    adamUpdate(param, this.descentGradient(param, grad, group), state, group);
  }
}
