import { MlpkitError, type TypedArray, checkOptions, describe } from '@mlpkit/tensor';

/** The storage of a float parameter or gradient: what the update loops read and write. */
export type FloatArray = Float32Array | Float64Array;

/** Anything that carries a gradient in a `data` array (a `Tensor` does). */
export interface GradLike {
  readonly data: TypedArray;
}

/**
 * What an optimizer needs from a parameter, and nothing more: its values, updated in place,
 * and its gradient (or `null` when backward did not reach it). A `Tensor` from
 * `@mlpkit/tensor` fits, and so does anything else shaped like this, so the optimizers never
 * need to know about modules.
 */
export interface ParamLike {
  readonly data: TypedArray;
  grad: GradLike | null;
}

/** Hyperparameters shared by every optimizer's parameter groups. */
export interface BaseHyperParams {
  /** The learning rate; schedulers rewrite it between steps. */
  lr: number;
}

/**
 * One parameter group: its parameters and the hyperparameters that apply to them. Extra keys
 * (`initialLr`, `maxLr`, ... written by schedulers) live beside them, as in PyTorch.
 */
export type ParamGroup<H extends BaseHyperParams = BaseHyperParams> = H & {
  params: ParamLike[];
  [key: string]: unknown;
};

/** A parameter group as the user passes it: its parameters, and any hyperparameter to override. */
export type ParamGroupInput<H extends BaseHyperParams = BaseHyperParams> = Partial<H> & {
  params: Iterable<ParamLike> | ParamLike;
  [key: string]: unknown;
};

/** What an optimizer accepts: parameters (one group) or a list of parameter groups. */
export type ParamsInput<H extends BaseHyperParams = BaseHyperParams> =
  | Iterable<ParamLike>
  | readonly ParamGroupInput<H>[];

/** Whether `x` is a parameter group (an object with `params`) rather than a parameter. */
export function isGroupInput<H extends BaseHyperParams>(x: unknown): x is ParamGroupInput<H> {
  return typeof x === 'object' && x !== null && 'params' in x && !('data' in x);
}

/** Whether `x` looks like a single parameter rather than a collection of them. */
export function isParamLike(x: unknown): x is ParamLike {
  return typeof x === 'object' && x !== null && 'data' in x && ArrayBuffer.isView((x as ParamLike).data);
}

/** A single parameter or an iterable of them, as a list (PyTorch accepts both for clipping). */
/**
 * `paramList` for the clipping functions, which take any parameters a user hands them: refuses
 * what is not a parameter or an iterable of them, naming the entry (a TypeError otherwise).
 */
export function checkedParamList(op: string, params: Iterable<ParamLike> | ParamLike): ParamLike[] {
  if (!isParamLike(params) && (params === null || typeof params !== 'object' || typeof (params as Iterable<ParamLike>)[Symbol.iterator] !== 'function'))
    throw new MlpkitError(op, `params: expected a parameter or an iterable of parameters such as model.parameters(), got ${describe(params)}`);
  const list = paramList(params);
  list.forEach((p, i) => {
    if (!isParamLike(p)) throw new MlpkitError(op, `params: expected parameter ${i} to be a tensor, got ${describe(p)}`);
  });
  return list;
}

export function paramList(params: Iterable<ParamLike> | ParamLike): ParamLike[] {
  return isParamLike(params) ? [params] : [...params];
}

/**
 * `defaults` overridden by the options that are set (an option given as `undefined` keeps its
 * default). A key `defaults` does not have is refused, naming the optimizer `op`.
 */
export function withDefaults<H extends object>(op: string, defaults: H, options: Partial<H>): H {
  checkOptions(op, options, Object.keys(defaults));
  const merged = { ...defaults };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  return merged;
}
