import { MlpkitError, StateReader } from '@mlpkit/tensor';
import { copyLike } from './buffers.js';
import type { FloatArray, ParamGroup, ParamLike } from './param.js';
import { camelCase, lazyStateKeys, pytorchSwitches, schedulerGroupKeys, snakeCase, stateValueKinds } from './state-keys.js';

/**
 * An optimizer's saved state, shaped and named as PyTorch's `optimizer.state_dict()` and safe
 * to pass through `JSON.stringify`:
 * - `state[i]` is the state of the i-th parameter (numbered across groups in order): buffers
 *   (`momentum_buffer`, `exp_avg`, `exp_avg_sq`, ...) as plain number arrays, scalars (`step`)
 *   as numbers. float32 buffers survive the round trip exactly, since every float32 is a JS number.
 * - `param_groups[g]` holds group g's hyperparameters (`lr`, `weight_decay`, ...) and, in
 *   `params`, its parameters' numbers.
 *
 * Loading also accepts typed arrays or nested lists (PyTorch's `tensor.tolist()`) in place of
 * the flat number arrays, and the camelCase keys
 * (`paramGroups`, `expAvg`) of files older mlpkit versions wrote.
 */
export interface OptimizerStateDict {
  state: Record<string, Record<string, number | ArrayLike<number>>>;
  param_groups: Array<{ params: number[]; [key: string]: unknown }>;
}

type State = Record<string, FloatArray | number>;

/** What loading needs to know about the optimizer beyond its groups. */
export interface OptimizerShape {
  /** The optimizer's name (`"Adam"`). */
  name: string;
  /** Its default hyperparameters: every group must set each of them, with the same type. */
  defaults: object;
  /** The state keys `initState` creates for a parameter of this group (all required). */
  initialKeys: (group: ParamGroup) => string[];
  /** Range checks of one group's hyperparameters (the constructor's). */
  check: (group: ParamGroup) => void;
}

/** Copies groups and per-parameter state into an `OptimizerStateDict`, under PyTorch's keys. */
export function saveOptimizerState(groups: readonly ParamGroup[], state: ReadonlyMap<ParamLike, State>): OptimizerStateDict {
  const index = new Map<ParamLike, number>();
  const paramGroups = groups.map(({ params, ...hyper }) => ({
    ...Object.fromEntries(Object.entries(structuredClone(hyper)).map(([k, v]) => [snakeCase(k), v])),
    params: params.map((p) => {
      if (!index.has(p)) index.set(p, index.size);
      return index.get(p)!;
    }),
  }));
  const saved: OptimizerStateDict['state'] = {};
  for (const [p, s] of state) {
    const i = index.get(p);
    if (i === undefined) continue;
    saved[i] = Object.fromEntries(Object.entries(s).map(([k, v]) => [snakeCase(k), typeof v === 'number' ? v : Array.from(v)]));
  }
  return { state: saved, param_groups: paramGroups };
}

/** Refuses a field the file spells twice, as PyTorch's key and as the camelCase one (`exp_avg`, `expAvg`): one would silently win. */
function checkSpelledOnce(read: StateReader, path: string, raw: Record<string, unknown>): void {
  const seen = new Map<string, string>();
  for (const fileKey of Object.keys(raw)) {
    const key = camelCase(fileKey);
    const other = seen.get(key);
    if (other !== undefined) throw new MlpkitError(read.op, `${read.at(path, fileKey)}: the same field as ${JSON.stringify(other)}; expected it once`);
    seen.set(key, fileKey);
  }
}

/** One group's hyperparameters from the file, checked by type against the defaults, then by range. */
function readGroup(read: StateReader, path: string, raw: Record<string, unknown>, shape: OptimizerShape, live: ParamGroup): Record<string, unknown> {
  const defaults = shape.defaults as Record<string, unknown>;
  checkSpelledOnce(read, path, raw);
  const out: Record<string, unknown> = {};
  for (const [fileKey, value] of Object.entries(raw)) {
    const key = camelCase(fileKey), at = read.at(path, fileKey);
    if (key === 'params') continue;
    if (pytorchSwitches.includes(key)) {
      if (value !== null) read.boolean(at, value);
    } else if (Object.hasOwn(defaults, key)) {
      const like = defaults[key];
      if (typeof like === 'boolean') out[key] = read.boolean(at, value);
      else if (Array.isArray(like)) out[key] = Array.from(read.numbers(at, value, { length: like.length }));
      else out[key] = read.number(at, value, { min: 0 });
    } else if (schedulerGroupKeys.includes(key)) out[key] = read.number(at, value, { min: 0 });
    else throw new MlpkitError(read.op, `${at}: unknown field; ${shape.name} groups hold ${Object.keys(defaults).map(snakeCase).join(', ')}, params and the schedulers' ${schedulerGroupKeys.map(snakeCase).join(', ')}`);
  }
  for (const key of Object.keys(defaults)) if (!Object.hasOwn(out, key)) read.fail(read.at(path, snakeCase(key)), 'a value', undefined);
  try {
    shape.check({ ...out, params: live.params } as ParamGroup);
  } catch (error) {
    if (!(error instanceof MlpkitError)) throw error;
    throw new MlpkitError(read.op, `${path}: ${error.message.slice(error.op.length + 2)}`);
  }
  return out;
}

/** One parameter's state from the file: known keys only, each with its kind's checks, copied into the parameter's float type. */
function readEntry(read: StateReader, path: string, raw: unknown, param: FloatArray, required: string[], optional: readonly string[]): State {
  const entry = read.object(path, raw);
  checkSpelledOnce(read, path, entry);
  const out: State = {};
  for (const [fileKey, value] of Object.entries(entry)) {
    const key = camelCase(fileKey), at = read.at(path, fileKey);
    if (!required.includes(key) && !optional.includes(key))
      throw new MlpkitError(read.op, `${at}: unknown field; this state holds ${[...required, ...optional].map(snakeCase).join(', ') || 'nothing'}`);
    const kind = stateValueKinds[key];
    if (kind === 'count') out[key] = read.number(at, value, { integer: true, min: 0 });
    else if (kind === 'product') out[key] = read.number(at, value, { above: 0, max: 1 });
    // PyTorch's tensor.tolist() nests by shape; the buffer is the parameter's flat storage.
    else out[key] = copyLike(param, read.numbers(at, Array.isArray(value) ? value.flat(Infinity) : value, { length: param.length, min: kind === 'nonNegativeBuffer' ? 0 : undefined }));
  }
  for (const key of required) if (!Object.hasOwn(out, key)) read.fail(read.at(path, snakeCase(key)), 'a value', undefined);
  return out;
}

/** The parameter each id of the file's groups stands for; ids are unique integers and each group has as many as the live one. */
function readIds(read: StateReader, rawGroups: Record<string, unknown>[], groups: ParamGroup[]): Map<number, ParamLike> {
  const byId = new Map<number, ParamLike>();
  rawGroups.forEach((g, gi) => {
    const path = `param_groups[${gi}].params`;
    if (!Array.isArray(g.params) || g.params.length !== groups[gi].params.length)
      read.fail(path, `${groups[gi].params.length} parameter numbers (group ${gi} of the optimizer has ${groups[gi].params.length} parameters)`, g.params);
    g.params.forEach((id, pi) => {
      read.number(`${path}[${pi}]`, id, { integer: true, min: 0 });
      if (byId.has(id as number)) read.fail(`${path}[${pi}]`, 'a parameter number used once', id);
      byId.set(id as number, groups[gi].params[pi]);
    });
  });
  return byId;
}

/**
 * Restores a saved state into live groups. Every field is validated first (types, finiteness,
 * ranges, buffer lengths, known keys only, no prototype keys), and only then are the groups'
 * hyperparameters replaced in place (the groups keep their parameters) and the state swapped:
 * a refused state leaves the optimizer as it was.
 */
export function loadOptimizerState(saved: unknown, groups: ParamGroup[], state: Map<ParamLike, State>, shape: OptimizerShape): void {
  const read = new StateReader(`${shape.name}.loadStateDict`);
  read.deep('', saved);
  const top = read.object('', saved);
  const groupsKey = Object.hasOwn(top, 'param_groups') ? 'param_groups' : 'paramGroups';
  read.object('', saved, { required: ['state', groupsKey] });
  const rawGroups = read.array(groupsKey, top[groupsKey]).map((g, gi) => read.object(`param_groups[${gi}]`, g));
  if (rawGroups.length !== groups.length)
    throw new MlpkitError(read.op, `loaded state dict has a different number of parameter groups: ${rawGroups.length} instead of ${groups.length}`);
  const byId = readIds(read, rawGroups, groups);
  const hyper = rawGroups.map((g, gi) => readGroup(read, `param_groups[${gi}]`, g, shape, groups[gi]));
  const groupOf = new Map<ParamLike, number>();
  groups.forEach((g, gi) => g.params.forEach((p) => groupOf.set(p, gi)));
  const restored = new Map<ParamLike, State>();
  for (const [id, entry] of Object.entries(read.object('state', top.state))) {
    const p = /^(0|[1-9]\d*)$/.test(id) ? byId.get(Number(id)) : undefined;
    if (p === undefined) return read.fail(read.at('state', id), `the number of a parameter in param_groups (0 to ${byId.size - 1})`, id);
    const group = { ...hyper[groupOf.get(p)!], params: [] } as unknown as ParamGroup;
    restored.set(p, readEntry(read, read.at('state', id), entry, p.data as FloatArray, shape.initialKeys(group), lazyStateKeys[shape.name] ?? []));
  }
  hyper.forEach((h, gi) => {
    for (const key of Object.keys(groups[gi])) if (key !== 'params') delete groups[gi][key];
    for (const [key, value] of Object.entries(h)) groups[gi][key] = value;
  });
  state.clear();
  for (const [p, s] of restored) state.set(p, s);
}
