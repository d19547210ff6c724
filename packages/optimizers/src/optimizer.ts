import { MlpkitError, checkBoolean, describe as describeValue, formatShape, fusedZero, shapesEqual } from '@mlpkit/tensor';
import type { BaseHyperParams, FloatArray, ParamGroup, ParamGroupInput, ParamLike, ParamsInput } from './param.js';
import { isGroupInput, isParamLike, paramList } from './param.js';
import { type OptimizerStateDict, loadOptimizerState, saveOptimizerState } from './state-dict.js';

/** Per-parameter optimizer state: buffers shaped like the parameter, and scalars such as `step`. */
export type ParamState = Record<string, FloatArray | number>;

/**
 * The base of every optimizer: parameter groups, lazily created per-parameter state, the
 * step loop that skips parameters without a gradient, `zeroGrad`, and state dicts. A subclass
 * supplies its defaults, its hyperparameter checks and its elementwise update.
 */
export abstract class Optimizer<H extends BaseHyperParams = BaseHyperParams> {
  /** The optimizer's name, used in error messages (`"SGD"`). */
  readonly name: string;
  /** The hyperparameters a group gets when it does not set its own. */
  readonly defaults: Readonly<H>;
  /** The parameter groups; each `lr` may be changed between steps (schedulers do). */
  readonly paramGroups: ParamGroup<H>[] = [];
  /** Per-parameter state, created at a parameter's first step with a gradient. */
  readonly state = new Map<ParamLike, ParamState>();
  /** Reused by `descentGradient`, so a step allocates nothing per parameter. */
  private gradScratch = new Float64Array(0);

  protected constructor(name: string, params: ParamsInput<H>, defaults: H) {
    this.name = name;
    this.checkHyperParams(defaults);
    this.defaults = defaults;
    if (isParamLike(params) || params === null || typeof params !== 'object' || !(Symbol.iterator in params))
      throw new MlpkitError(name, `params: expected an iterable of parameters or of parameter groups, got ${describe(params)}`);
    const list = [...(params as Iterable<ParamLike | ParamGroupInput<H>>)];
    if (list.length === 0) throw new MlpkitError(name, 'params: optimizer got an empty parameter list');
    const groups = isGroupInput<H>(list[0]) ? (list as ParamGroupInput<H>[]) : [{ params: list as ParamLike[] } as unknown as ParamGroupInput<H>];
    for (const group of groups) this.addParamGroup(group);
  }

  /** Checks one group's hyperparameters, throwing PyTorch's error for a bad value. */
  protected abstract checkHyperParams(h: H): void;

  /** Creates a parameter's state at its first update. */
  protected abstract initState(param: FloatArray, group: ParamGroup<H>): ParamState;

  /**
   * Updates one parameter in place from its raw gradient; a rule that follows PyTorch's
   * `maximize` and L2 `weightDecay` first passes it through `descentGradient`.
   */
  protected abstract update(param: FloatArray, grad: ArrayLike<number>, state: ParamState, group: ParamGroup<H>): void;

  /**
   * The gradient an update rule descends: `grad`, negated when `maximize`, plus the L2 penalty
   * `weightDecay`·θ, which PyTorch folds into the gradient in every optimizer but AdamW.
   * When neither applies it returns `grad` itself, so the everyday step copies nothing;
   * otherwise a float64 scratch buffer (each element computed in double precision, as an
   * inline expression would be) that the next call overwrites.
   */
  protected descentGradient(param: FloatArray, grad: ArrayLike<number>, { maximize, weightDecay }: { maximize: boolean; weightDecay: number }): ArrayLike<number> {
    if (!maximize && weightDecay === 0) return grad;
    const n = param.length;
    if (this.gradScratch.length < n) this.gradScratch = new Float64Array(n);
    const g = this.gradScratch.subarray(0, n);
    for (let i = 0; i < n; i++) g[i] = (maximize ? -grad[i] : grad[i]) + weightDecay * param[i];
    return g;
  }

  /**
   * Adds a group of parameters, filling the hyperparameters it leaves out from the defaults
   * (PyTorch's `add_param_group`). A parameter may belong to one group only.
   */
  addParamGroup(input: ParamGroupInput<H>): void {
    if (!isGroupInput(input)) throw new MlpkitError(this.name, `addParamGroup: expected an object with "params", got ${describe(input)}`);
    const params = paramList(input.params as Iterable<ParamLike> | ParamLike);
    const groupIndex = this.paramGroups.length;
    params.forEach((p, i) => {
      if (!isParamLike(p) || !(p.data instanceof Float32Array || p.data instanceof Float64Array))
        throw new MlpkitError(this.name, `params: group ${groupIndex}, parameter ${i}: expected a float32 or float64 tensor, got ${describe(p)}`);
    });
    const group = { ...input, params } as ParamGroup<H>;
    for (const key of Object.keys(this.defaults) as (keyof H & string)[])
      if (group[key] === undefined) (group as Record<string, unknown>)[key] = structuredClone(this.defaults[key]);
    this.checkHyperParams(group);
    this.checkDisjoint(params, groupIndex);
    this.paramGroups.push(group);
  }

  /**
   * Performs one update of every parameter that has a gradient; a parameter whose `grad` is
   * null is skipped, as in PyTorch. When given, `closure` re-evaluates the model and returns
   * the loss, which `step` returns.
   */
  step(closure?: () => number): number | undefined {
    if (closure !== undefined && typeof closure !== 'function') throw new MlpkitError(this.name, `step: expected closure to be a function, got ${describe(closure)}`);
    const loss = closure?.();
    // Every gradient is checked before any parameter moves, so a bad one leaves no half-step.
    const groups = this.paramGroups;
    for (let gi = 0; gi < groups.length; gi++) for (let pi = 0; pi < groups[gi].params.length; pi++) this.checkGrad(groups[gi].params[pi], gi, pi);
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (p.grad === null || p.grad === undefined) continue;
        const param = p.data as FloatArray;
        let state = this.state.get(p);
        if (!state) this.state.set(p, (state = this.initState(param, group)));
        this.update(param, p.grad.data, state, group);
      }
    }
    return loss;
  }

  /**
   * Clears every gradient: sets `grad` to null (the default, as in PyTorch 2), or fills it with
   * zeros in place when `setToNone` is false.
   */
  zeroGrad(setToNone = true): void {
    // 'false' is truthy: taken as is, it would drop the gradients it was asked to keep.
    checkBoolean(this.name, 'setToNone', setToNone);
    for (const group of this.paramGroups)
      for (const p of group.params) {
        if (setToNone) p.grad = null;
        // On the backend where the gradient lies when it can (see fusedZero), else here.
        else if (p.grad && !fusedZero(p.grad.data)) p.grad.data.fill(0);
      }
  }

  /** A JSON-serializable copy of the state and the groups' hyperparameters, under PyTorch's keys (see `OptimizerStateDict`). */
  stateDict(): OptimizerStateDict {
    return saveOptimizerState(this.paramGroups, this.state);
  }

  /**
   * Restores what `stateDict` saved (or PyTorch's `optimizer.state_dict()` as JSON) into an
   * optimizer built over the same parameters in the same order, so a resumed run continues
   * exactly where it stopped. Every field is checked before anything changes; a bad one is
   * refused with its path (`param_groups[0].lr: expected a finite number, got "x"`).
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    loadOptimizerState(stateDict, this.paramGroups, this.state, {
      name: this.name,
      defaults: this.defaults,
      initialKeys: (group) => Object.keys(this.initState(new Float64Array(0), group as ParamGroup<H>)),
      check: (group) => this.checkHyperParams(group as unknown as H),
    });
  }

  /** Throws unless a parameter's gradient is absent, or array data shaped like the parameter. */
  private checkGrad(p: ParamLike, groupIndex: number, index: number): void {
    const grad = p.grad as unknown;
    if (grad === null || grad === undefined) return;
    // Every step of every parameter passes here: the usual case returns before any message is built.
    const paramDims = (p as { shape?: unknown }).shape, gradDims = (grad as { shape?: unknown }).shape;
    if (Array.isArray(paramDims) && Array.isArray(gradDims) && isParamLike(grad) && shapesEqual(paramDims, gradDims)) return;
    const where = `step: group ${groupIndex}, parameter ${index}`;
    if (typeof grad !== 'object' || !isParamLike(grad))
      throw new MlpkitError(this.name, `${where}: expected grad to be null or a tensor, got ${describe(grad)}`);
    // A transposed gradient has the right length but pairs every element with the wrong one.
    const shape = (x: object) => ('shape' in x && Array.isArray(x.shape) ? (x.shape as number[]) : null);
    const [paramShape, gradShape] = [shape(p), shape(grad)];
    if (paramShape && gradShape ? !shapesEqual(paramShape, gradShape) : grad.data.length !== p.data.length)
      throw new MlpkitError(this.name, `${where}: the gradient has shape ${formatShape(gradShape ?? [grad.data.length])} but its parameter has shape ${formatShape(paramShape ?? [p.data.length])}`);
  }

  /** Throws if a parameter of the new group is in an earlier group or twice in this one (it would be stepped twice). */
  private checkDisjoint(params: ParamLike[], groupIndex: number): void {
    const seen = new Set<ParamLike>();
    for (const group of this.paramGroups) for (const p of group.params) seen.add(p);
    const inGroup = new Map<ParamLike, number>();
    params.forEach((p, i) => {
      if (seen.has(p))
        throw new MlpkitError(this.name, `params: some parameters appear in more than one parameter group (group ${groupIndex}, parameter ${i} is already in an earlier group)`);
      if (inGroup.has(p))
        throw new MlpkitError(this.name, `params: optimizer contains a parameter group with duplicate parameters (group ${groupIndex}, parameter ${i} is parameter ${inGroup.get(p)} again)`);
      inGroup.set(p, i);
    });
  }
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x !== 'object') return `${typeof x} ${String(x)}`;
  if (isParamLike(x)) return `a parameter with ${x.data.constructor.name} data`;
  return describeValue(x);
}
