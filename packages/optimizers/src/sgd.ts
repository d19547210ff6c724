import { MlpkitError, StateReader, fusedSgdMomentum } from '@mlpkit/tensor';
import { zerosLike } from './buffers.js';
import { subtractScaled } from './subtract-scaled.js';
import { Optimizer, type ParamState } from './optimizer.js';
import { type FloatArray, type ParamGroup, type ParamsInput, withDefaults } from './param.js';
import { checkLrAndWeightDecay, checkNonNegative, checkSwitches } from './validate.js';

/** SGD's hyperparameters (PyTorch's `torch.optim.SGD`, camelCased). */
export interface SGDOptions {
  /** Learning rate η. PyTorch 1.13 requires it; mlpkit defaults to 1e-3, as PyTorch 2 does. */
  lr: number;
  /** Momentum factor μ (default 0: plain SGD). */
  momentum: number;
  /** Dampening of the gradient added to the momentum buffer (default 0). */
  dampening: number;
  /** L2 penalty added to the gradient: g ← g + weightDecay·θ (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false); needs momentum > 0 and dampening 0. */
  nesterov: boolean;
  /** Gradient ascent instead of descent (default false). */
  maximize: boolean;
}

const defaults: SGDOptions = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

/**
 * Stochastic gradient descent, with PyTorch's update rule. With g the gradient (negated when
 * `maximize`) plus `weightDecay`·θ:
 *
 *     b ← g                                (first step)
 *     b ← μ·b + (1 − dampening)·g          (later steps)
 *     θ ← θ − η·(nesterov ? g + μ·b : b)
 *
 * Without momentum this is the slides' θ ← θ − η∇θL. The slides' momentum form
 * (v ← αv − (1 − α)∇θL, θ ← θ + v) is this rule with μ = dampening = α and η = 1, except on
 * the first step, where PyTorch stores the undampened gradient (b₁ = g₁, not (1 − α)g₁); the
 * two trajectories then differ by η·α^(t)·g₁ in the buffer, which fades geometrically. The
 * classical form v ← μv − η∇θL, θ ← θ + v is exactly this rule with dampening 0 (v = −η·b
 * while η is constant).
 *
 * @example
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * opt.zeroGrad(); loss.backward(); opt.step();
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsInput<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super('SGD', params, withDefaults('SGD', defaults, options));
  }

  protected checkHyperParams(h: SGDOptions): void {
    checkSwitches('SGD', h, ['nesterov', 'maximize']);
    checkLrAndWeightDecay('SGD', h);
    checkNonNegative('SGD', 'momentum', 'momentum value', h.momentum);
    // PyTorch leaves dampening unchecked; NaN or Infinity would only surface as NaN parameters.
    new StateReader('SGD').number('dampening', h.dampening);
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0))
      throw new MlpkitError('SGD', `Nesterov momentum requires a momentum and zero dampening: got nesterov=true with momentum=${h.momentum} and dampening=${h.dampening}`);
  }

  protected initState(): ParamState {
    return {};
  }

  protected update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, group: ParamGroup<SGDOptions>): void {
    const { lr, momentum, dampening, nesterov } = group;
    const n = param.length;
    // Without weight decay or maximize this is `grad` itself, so the everyday case (no momentum
    // either) is one tight loop: it runs once per parameter per batch.
    const g = this.descentGradient(param, grad, group);
    if (momentum === 0) {
      subtractScaled(param, g, lr);
      return;
    }
    const first = state.momentumBuffer === undefined;
    const buf = (state.momentumBuffer ??= zerosLike(param)) as FloatArray;
    if (fusedSgdMomentum(param, g as FloatArray, buf, { lr, momentum, dampening, nesterov, first })) return;
    for (let i = 0; i < n; i++) {
      buf[i] = first ? g[i] : momentum * buf[i] + (1 - dampening) * g[i];
      param[i] -= lr * (nesterov ? g[i] + momentum * buf[i] : buf[i]);
    }
  }
}
