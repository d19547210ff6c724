import { fullLike } from './buffers.js';
import { Optimizer, type ParamState } from './optimizer.js';
import { type FloatArray, type ParamGroup, type ParamsInput, withDefaults } from './param.js';
import { checkLrAndWeightDecay, checkNonNegative, checkSwitches } from './validate.js';

/** Adagrad's hyperparameters (PyTorch's `torch.optim.Adagrad`, camelCased). */
export interface AdagradOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Learning-rate decay: step t uses lr / (1 + (t − 1)·lrDecay) (default 0). */
  lrDecay: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Starting value of the sum of squared gradients (default 0). */
  initialAccumulatorValue: number;
  /** Added to the denominator for numerical stability (default 1e-10). */
  eps: number;
  /** Gradient ascent instead of descent (default false). */
  maximize: boolean;
}

const defaults: AdagradOptions = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };

/**
 * Adagrad, PyTorch's rule: s ← s + g², θ ← θ − clr·g/(√s + eps) with
 * clr = lr / (1 + (t − 1)·lrDecay). The group's `lr` itself is left unchanged.
 *
 * @example
 * const opt = new Adagrad(params, { lr: 0.01, initialAccumulatorValue: 0.1 });
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: ParamsInput<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super('Adagrad', params, withDefaults('Adagrad', defaults, options));
  }

  protected checkHyperParams(h: AdagradOptions): void {
    checkSwitches('Adagrad', h, ['maximize']);
    checkLrAndWeightDecay('Adagrad', h);
    checkNonNegative('Adagrad', 'lrDecay', 'lr_decay value', h.lrDecay);
    checkNonNegative('Adagrad', 'initialAccumulatorValue', 'initial_accumulator_value value', h.initialAccumulatorValue);
    checkNonNegative('Adagrad', 'eps', 'epsilon value', h.eps);
  }

  protected initState(param: FloatArray, group: ParamGroup<AdagradOptions>): ParamState {
    return { step: 0, sum: fullLike(param, group.initialAccumulatorValue) };
  }

  protected update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, h: AdagradOptions): void {
    const step = (state.step as number) + 1;
    state.step = step;
    const clr = h.lr / (1 + (step - 1) * h.lrDecay);
    const sum = state.sum as FloatArray;
    const g = this.descentGradient(param, grad, h);
    for (let i = 0; i < param.length; i++) {
      sum[i] += g[i] * g[i];
      param[i] -= (clr * g[i]) / (Math.sqrt(sum[i]) + h.eps);
    }
  }
}
