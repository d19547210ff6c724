import { zerosLike } from './buffers.js';
import { Optimizer, type ParamState } from './optimizer.js';
import { type FloatArray, type ParamsInput, withDefaults } from './param.js';
import { checkLrAndWeightDecay, checkNonNegative, checkSwitches, checkUnitClosed } from './validate.js';

/** RMSprop's hyperparameters (PyTorch's `torch.optim.RMSprop`, camelCased). */
export interface RMSpropOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Smoothing constant of the squared-gradient average (default 0.99). */
  alpha: number;
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Momentum factor (default 0). */
  momentum: number;
  /** Normalize by an estimate of the gradient's variance instead of its second moment (default false). */
  centered: boolean;
  /** Gradient ascent instead of descent (default false). */
  maximize: boolean;
}

const defaults: RMSpropOptions = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false };

/**
 * RMSprop, PyTorch's rule: v ← αv + (1 − α)g²; with `centered`, ḡ ← αḡ + (1 − α)g and the
 * denominator uses v − ḡ²; d = √(·) + eps; then θ ← θ − lr·g/d, or with momentum
 * b ← μb + g/d, θ ← θ − lr·b.
 *
 * @example
 * const opt = new RMSprop(params, { lr: 0.01, centered: true });
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: ParamsInput<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super('RMSprop', params, withDefaults('RMSprop', defaults, options));
  }

  protected checkHyperParams(h: RMSpropOptions): void {
    checkSwitches('RMSprop', h, ['centered', 'maximize']);
    checkLrAndWeightDecay('RMSprop', h);
    checkNonNegative('RMSprop', 'eps', 'epsilon value', h.eps);
    checkNonNegative('RMSprop', 'momentum', 'momentum value', h.momentum);
    // PyTorch only asks alpha >= 0, but with alpha > 1 the weight (1 − alpha) of g² is negative
    // and the square average, then the parameters, turn NaN: refused, as Adadelta's rho is.
    checkUnitClosed('RMSprop', 'alpha', h.alpha);
  }

  protected initState(param: FloatArray): ParamState {
    return { step: 0, squareAvg: zerosLike(param) };
  }

  protected update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, h: RMSpropOptions): void {
    state.step = (state.step as number) + 1;
    const { lr, alpha, eps, momentum } = h;
    const sq = state.squareAvg as FloatArray;
    // Buffers appear when first needed, as in PyTorch, so a group switched to momentum later works.
    const mean = h.centered ? ((state.gradAvg ??= zerosLike(param)) as FloatArray) : null;
    const buf = momentum > 0 ? ((state.momentumBuffer ??= zerosLike(param)) as FloatArray) : null;
    const g = this.descentGradient(param, grad, h);
    for (let i = 0; i < param.length; i++) {
      sq[i] = alpha * sq[i] + (1 - alpha) * g[i] * g[i];
      let variance = sq[i];
      if (mean) {
        mean[i] = alpha * mean[i] + (1 - alpha) * g[i];
        variance -= mean[i] * mean[i];
      }
      const denom = Math.sqrt(variance) + eps;
      if (buf) {
        buf[i] = momentum * buf[i] + g[i] / denom;
        param[i] -= lr * buf[i];
      } else param[i] -= (lr * g[i]) / denom;
    }
  }
}
