import { MlpkitError } from '@mlpkit/tensor';
import { copyLike } from './buffers.js';
import type { FloatArray, ParamGroup, ParamLike } from './param.js';

/**
 * An optimizer's saved state, shaped like PyTorch's and safe to pass through `JSON.stringify`:
 * - `state[i]` is the state of the i-th parameter (numbered across groups in order): buffers
 *   (`momentumBuffer`, `expAvg`, ...) as plain number arrays, scalars (`step`) as numbers.
 *   float32 buffers survive the round trip exactly, since every float32 is a JS number.
 * - `paramGroups[g]` holds group g's hyperparameters and, in `params`, its parameters' numbers.
 *
 * Loading also accepts typed arrays in place of the number arrays.
 */
export interface OptimizerStateDict {
  state: Record<string, Record<string, number | ArrayLike<number>>>;
  paramGroups: Array<{ params: number[]; [key: string]: unknown }>;
}

type State = Record<string, FloatArray | number>;

/** Copies groups and per-parameter state into an `OptimizerStateDict`. */
export function saveOptimizerState(groups: readonly ParamGroup[], state: ReadonlyMap<ParamLike, State>): OptimizerStateDict {
  const index = new Map<ParamLike, number>();
  const paramGroups = groups.map(({ params, ...hyper }) => ({
    ...structuredClone(hyper),
    params: params.map((p) => {
      if (!index.has(p)) index.set(p, index.size);
      return index.get(p)!;
    }),
  }));
  const saved: OptimizerStateDict['state'] = {};
  for (const [p, s] of state) {
    const i = index.get(p);
    if (i === undefined) continue;
    saved[i] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? v : Array.from(v)]));
  }
  return { state: saved, paramGroups };
}

/**
 * Restores a saved state into live groups: hyperparameters are replaced in place (the groups
 * keep their parameters), and buffers are copied into the parameters' float type.
 */
export function loadOptimizerState(
  op: string,
  saved: OptimizerStateDict,
  groups: ParamGroup[],
  state: Map<ParamLike, State>,
  check: (group: ParamGroup) => void,
): void {
  if (!saved || !Array.isArray(saved.paramGroups) || typeof saved.state !== 'object')
    throw new MlpkitError(op, 'loadStateDict: expected an object with "state" and "paramGroups"');
  if (saved.paramGroups.length !== groups.length)
    throw new MlpkitError(op, `loadStateDict: loaded state dict has a different number of parameter groups: ${saved.paramGroups.length} instead of ${groups.length}`);
  const byId = new Map<number, ParamLike>();
  saved.paramGroups.forEach((g, gi) => {
    if (g.params.length !== groups[gi].params.length)
      throw new MlpkitError(op, `loadStateDict: loaded state dict contains a parameter group that doesn't match the size of optimizer's group: group ${gi} has ${g.params.length} parameters instead of ${groups[gi].params.length}`);
    g.params.forEach((id, pi) => byId.set(id, groups[gi].params[pi]));
  });
  const restored = new Map<ParamLike, State>();
  for (const [id, entry] of Object.entries(saved.state)) {
    const p = byId.get(Number(id));
    if (p) restored.set(p, restoreEntry(op, entry, p.data as FloatArray));
  }
  saved.paramGroups.forEach(({ params: _ids, ...hyper }, gi) => {
    const candidate = { ...structuredClone(hyper), params: groups[gi].params } as ParamGroup;
    check(candidate);
    for (const key of Object.keys(groups[gi])) if (key !== 'params') delete groups[gi][key];
    Object.assign(groups[gi], candidate);
  });
  state.clear();
  for (const [p, s] of restored) state.set(p, s);
}

function restoreEntry(op: string, entry: Record<string, number | ArrayLike<number>>, param: FloatArray): State {
  const out: State = {};
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value === 'number') { out[key] = value; continue; }
    if (value.length !== param.length)
      throw new MlpkitError(op, `loadStateDict: state "${key}" has ${value.length} elements but its parameter has ${param.length}`);
    out[key] = copyLike(param, value);
  }
  return out;
}
