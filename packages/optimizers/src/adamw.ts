import { type AdamOptions, adamDefaults, adamUpdate, initAdamState } from './adam.js';
import { Optimizer, type ParamState } from './optimizer.js';
import { type FloatArray, type ParamsInput, withDefaults } from './param.js';
import { checkAdamOptions, checkSwitches } from './validate.js';

/** AdamW's hyperparameters: Adam's, with `weightDecay` decoupled from the gradient (default 1e-2). */
export type AdamWOptions = AdamOptions;

/**
 * AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, as in PyTorch. Each step first
 * shrinks the parameter, θ ← θ·(1 − lr·weightDecay), then takes a plain Adam step, so the
 * decay does not pass through the adaptive denominator.
 *
 * @example
 * const opt = new AdamW([{ params: weights }, { params: biases, weightDecay: 0 }], { lr: 1e-3 });
 */
export class AdamW extends Optimizer<AdamWOptions> {
  constructor(params: ParamsInput<AdamWOptions>, options: Partial<AdamWOptions> = {}) {
    super('AdamW', params, withDefaults('AdamW', { ...adamDefaults, weightDecay: 1e-2 }, options));
  }

  protected checkHyperParams(h: AdamWOptions): void {
    checkSwitches('AdamW', h, ['amsgrad', 'maximize']);
    checkAdamOptions('AdamW', h);
  }

  protected initState(param: FloatArray, group: AdamWOptions): ParamState {
    return initAdamState(param, group.amsgrad);
  }

  protected update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, group: AdamWOptions): void {
    const shrink = 1 - group.lr * group.weightDecay;
    if (shrink !== 1) for (let i = 0; i < param.length; i++) param[i] *= shrink;
    // The decay was applied above, decoupled, so none goes into the gradient.
    adamUpdate(param, this.descentGradient(param, grad, { maximize: group.maximize, weightDecay: 0 }), state, group);
  }
}
