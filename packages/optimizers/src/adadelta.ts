import { zerosLike } from './buffers.js';
import { Optimizer, type ParamState } from './optimizer.js';
import { type FloatArray, type ParamsInput, withDefaults } from './param.js';
import { checkLrAndWeightDecay, checkNonNegative, checkUnitClosed, checkSwitches } from './validate.js';

/** Adadelta's hyperparameters (PyTorch's `torch.optim.Adadelta`, camelCased). */
export interface AdadeltaOptions {
  /** Scale of the computed step (default 1.0). */
  lr: number;
  /** Decay rate of the running averages (default 0.9). */
  rho: number;
  /** Added inside both square roots (default 1e-6). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Gradient ascent instead of descent (default false). */
  maximize: boolean;
}

const defaults: AdadeltaOptions = { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false };

/**
 * Adadelta (Zeiler), PyTorch's rule: v ← ρv + (1 − ρ)g²,
 * Δ = √(u + eps)/√(v + eps)·g, u ← ρu + (1 − ρ)Δ², θ ← θ − lr·Δ.
 *
 * @example
 * const opt = new Adadelta(params);
 */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: ParamsInput<AdadeltaOptions>, options: Partial<AdadeltaOptions> = {}) {
    super('Adadelta', params, withDefaults('Adadelta', defaults, options));
  }

  protected checkHyperParams(h: AdadeltaOptions): void {
    checkSwitches('Adadelta', h, ['maximize']);
    checkLrAndWeightDecay('Adadelta', h);
    checkUnitClosed('Adadelta', 'rho', h.rho);
    checkNonNegative('Adadelta', 'eps', 'epsilon value', h.eps);
  }

  protected initState(param: FloatArray): ParamState {
    return { step: 0, squareAvg: zerosLike(param), accDelta: zerosLike(param) };
  }

  protected update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, h: AdadeltaOptions): void {
    state.step = (state.step as number) + 1;
    const { lr, rho, eps } = h;
    const sq = state.squareAvg as FloatArray;
    const acc = state.accDelta as FloatArray;
    const g = this.descentGradient(param, grad, h);
    for (let i = 0; i < param.length; i++) {
      sq[i] = rho * sq[i] + (1 - rho) * g[i] * g[i];
      const delta = (Math.sqrt(acc[i] + eps) / Math.sqrt(sq[i] + eps)) * g[i];
      acc[i] = rho * acc[i] + (1 - rho) * delta * delta;
      param[i] -= lr * delta;
    }
  }
}
