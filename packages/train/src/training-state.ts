import { loadSafetensors, saveSafetensors } from '@mlpkit/nn';
import { Generator, type GeneratorState, MlpkitError, type Tensor, fromTypedArray, repeatedJsonKey } from '@mlpkit/tensor';
import type { CallbackState } from './callback.js';
import { packCallbackStates, unpackCallbackStates } from './callback-state-tensors.js';
import type { DivergenceState } from './divergence.js';
import type { EpochLogs, StopInfo } from './history.js';

/** The metadata key a training checkpoint keeps its JSON part under. */
export const TRAINING_METADATA_KEY = 'mlpkit.training';
const VERSION = 2;

/**
 * An optimizer's `stateDict()` as `fit` saves it, under PyTorch's keys (its per-parameter
 * arrays become float64 tensors in the file); the optimizer's `loadStateDict` checks every field.
 */
export interface OptimizerStateLike {
  state: Record<string, Record<string, number | ArrayLike<number>>>;
  param_groups: Array<{ params: number[]; [key: string]: unknown }>;
}

/** Everything a killed `fit` needs to go on exactly where its last finished epoch left it. */
export interface TrainingState {
  /** Epochs finished; the resumed run starts with this 0-based epoch. */
  epochsDone: number;
  globalStep: number;
  /** The model's state dict. */
  model: Record<string, Tensor>;
  optimizer: OptimizerStateLike;
  /** The scheduler's `stateDict()`, or null without one. */
  scheduler: Record<string, unknown> | null;
  /** The train and validation loaders' next epoch (their shuffling order), null for loaders without one. */
  loaderEpoch: number | null;
  valLoaderEpoch: number | null;
  /** The global generator (Dropout's masks). */
  generator: GeneratorState;
  /** The finished epochs' logs and the babysitting initial loss. */
  history: { records: EpochLogs[]; initialLoss: number | null };
  /** The divergence guard's reference and smoothed loss. */
  divergence: DivergenceState;
  /**
   * The state of each callback with `stateDict()`, keyed `EarlyStopping#0` (class name, rank
   * among those of that name); null in a version-1 file, which kept none (its callbacks start afresh).
   */
  callbacks: Record<string, CallbackState> | null;
  /** Why the run stopped at the end of the last epoch saved, if it did (a version-1 file kept none). */
  stopped: StopInfo | null;
}

const fail = (path: string, message: string): never => {
  throw new MlpkitError('fit', `resumeFrom: ${path}: ${message}`);
};
const forbidden = new Set(['__proto__', 'constructor', 'prototype']);
const PARAM_ID = /^(0|[1-9]\d*)$/;
// What encodeTrainingState writes (a version-1 file lacks the last two).
const ROOT_FIELDS = ['version', 'epochsDone', 'globalStep', 'scheduler', 'loaderEpoch', 'valLoaderEpoch', 'generator', 'history', 'divergence', 'optimizer', 'callbacks', 'stopped'];

// JSON has no Infinity or NaN (a plateau scheduler's "best" starts at Infinity): they travel tagged.
const replacer = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $float: String(v) } : v);
function reviver(key: string, v: unknown): unknown {
  if (forbidden.has(key)) fail(key, 'this key is not allowed');
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && '$float' in v) {
    const text = (v as { $float: unknown }).$float;
    if (text !== 'Infinity' && text !== '-Infinity' && text !== 'NaN') fail(key, `bad $float ${JSON.stringify(text)}`);
    return Number(text);
  }
  return v;
}

/**
 * A training checkpoint as safetensors bytes: the model's tensors under `model.`, the
 * optimizer's per-parameter buffers as float64 tensors under `optimizer.` (bit-exact), and
 * the rest as JSON in the metadata.
 */
export function encodeTrainingState(state: TrainingState): Uint8Array {
  const tensors: Record<string, Tensor> = {};
  for (const [key, t] of Object.entries(state.model)) tensors[`model.${key}`] = t;
  const scalars: Record<string, Record<string, number>> = {};
  for (const [id, entry] of Object.entries(state.optimizer.state)) {
    for (const [key, value] of Object.entries(entry)) {
      if (typeof value === 'number') (scalars[id] ??= {})[key] = value;
      else tensors[`optimizer.${id}.${key}`] = fromTypedArray(Float64Array.from(value as ArrayLike<number>));
    }
  }
  const { model: _model, optimizer, callbacks, ...rest } = state;
  const json = { version: VERSION, ...rest, optimizer: { param_groups: optimizer.param_groups, scalars }, callbacks: packCallbackStates(callbacks ?? {}, tensors) };
  return saveSafetensors(tensors, { [TRAINING_METADATA_KEY]: JSON.stringify(json, replacer) });
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, `expected an object, got ${JSON.stringify(value)?.slice(0, 40)}`);
  return value as Record<string, unknown>;
}
const integer = (value: unknown, path: string, nullable = false): number | null =>
  (nullable && value === null) || (Number.isSafeInteger(value) && (value as number) >= 0) ? (value as number | null) : fail(path, `expected a non-negative integer, got ${JSON.stringify(value)}`);
const numberOrNull = (value: unknown, path: string): number | null =>
  value === null || typeof value === 'number' ? (value as number | null) : fail(path, `expected a number or null, got ${JSON.stringify(value)}`);

const finiteOrNull = (value: unknown, path: string): number | null =>
  value === null || (typeof value === 'number' && Number.isFinite(value)) ? (value as number | null) : fail(path, `expected a finite number or null, got ${typeof value === 'number' ? value : JSON.stringify(value)}`);

/** The generator's state, refused here by the Generator's own rules: restoring it must not be the first refusal after the weights are loaded. */
function checkGenerator(value: unknown): GeneratorState {
  const g = object(value, 'generator');
  const state = { s: g.s, spare: g.spare } as GeneratorState;
  try {
    new Generator(1).setState(state);
  } catch (error) {
    fail('generator', (error as Error).message);
  }
  return state;
}

// fit writes one record per finished epoch, in order, so a history never holds more records than
// epochs done: a longer one is not the run's (and would be pushed onto the live history).
function checkHistory(value: unknown, epochsDone: number): TrainingState['history'] {
  const h = object(value, 'history');
  const list: unknown = h.records;
  if (!Array.isArray(list)) return fail('history.records', 'expected a list');
  if (list.length > epochsDone) fail('history.records', `expected at most one record per epoch done (${epochsDone}), got ${list.length}`);
  const records = (list as unknown[]).map((r, i) => {
    const logs = object(r, `history.records[${i}]`);
    for (const [k, v] of Object.entries(logs)) if (typeof v !== 'number') fail(`history.records[${i}].${k}`, `expected a number, got ${JSON.stringify(v)}`);
    const epoch = integer(logs.epoch, `history.records[${i}].epoch`) as number;
    const after = i > 0 ? (list as EpochLogs[])[i - 1].epoch : -1;
    if (epoch <= after || epoch >= epochsDone) fail(`history.records[${i}].epoch`, `expected an epoch after ${after} and before the ${epochsDone} done, got ${epoch}`);
    return logs as EpochLogs;
  });
  return { records, initialLoss: numberOrNull(h.initialLoss, 'history.initialLoss') };
}

function checkDivergence(value: unknown): DivergenceState {
  const d = object(value, 'divergence');
  // A run saves only finite losses here: a non-finite one stops it first. NaN would switch the guard off.
  if (!Array.isArray(d.warmupLosses) || !d.warmupLosses.every((v) => typeof v === 'number' && Number.isFinite(v))) fail('divergence.warmupLosses', 'expected a list of finite numbers');
  return {
    initialLoss: finiteOrNull(d.initialLoss, 'divergence.initialLoss'), reference: finiteOrNull(d.reference, 'divergence.reference'),
    smoothed: finiteOrNull(d.smoothed, 'divergence.smoothed'), warmupLosses: [...(d.warmupLosses as number[])],
  };
}

function checkStopped(value: unknown): StopInfo | null {
  if (value === null) return null;
  const s = object(value, 'stopped');
  for (const key of ['reason', 'message'] as const) if (typeof s[key] !== 'string') fail(`stopped.${key}`, `expected a string, got ${JSON.stringify(s[key])}`);
  return { reason: s.reason as string, message: s.message as string, epoch: integer(s.epoch, 'stopped.epoch') as number };
}

/** Reads and checks, field by field, a checkpoint written by {@link encodeTrainingState}. */
export function decodeTrainingState(bytes: Uint8Array): TrainingState {
  const { tensors, metadata } = loadSafetensors(bytes);
  const text = metadata?.[TRAINING_METADATA_KEY];
  if (text === undefined) fail('file', `no "${TRAINING_METADATA_KEY}" metadata: not a training checkpoint written by fit (a weights-only file cannot resume a run)`);
  let raw: unknown;
  try {
    raw = JSON.parse(text as string, reviver);
  } catch (error) {
    if (error instanceof MlpkitError) throw error;
    fail(TRAINING_METADATA_KEY, `not valid JSON: ${(error as Error).message}`);
  }
  // JSON.parse keeps the last of two equal keys without a word.
  const repeated = repeatedJsonKey(text as string);
  if (repeated !== null) fail(TRAINING_METADATA_KEY, `the key ${JSON.stringify(repeated)} appears twice in one object`);
  const root = object(raw, TRAINING_METADATA_KEY);
  for (const key of Object.keys(root)) if (!ROOT_FIELDS.includes(key)) fail(key, `unknown field; a training checkpoint holds ${ROOT_FIELDS.join(', ')}`);
  // Version 1 (before callbacks' states were kept) is read as it was then: no callback state, no stop.
  if (root.version !== VERSION && root.version !== 1) fail('version', `this mlpkit reads versions 1 and ${VERSION}, got ${JSON.stringify(root.version)}`);
  const v1 = root.version === 1;
  const opt = object(root.optimizer, 'optimizer');
  if (!Array.isArray(opt.param_groups)) fail('optimizer.param_groups', 'expected a list');
  const scalars = object(opt.scalars, 'optimizer.scalars');
  const state: OptimizerStateLike['state'] = {};
  // Ids as encodeTrainingState writes them: "", "01" or "1e0" would alias another parameter's id.
  for (const [id, entry] of Object.entries(scalars)) {
    if (!PARAM_ID.test(id)) fail(`optimizer.scalars.${JSON.stringify(id)}`, 'expected a parameter number (0, 1, 2, ...) as the key');
    state[id] = { ...(object(entry, `optimizer.scalars.${id}`) as Record<string, number>) };
  }
  const model: Record<string, Tensor> = {};
  const callbackTensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (name.startsWith('model.')) model[name.slice(6)] = t;
    else if (name.startsWith('callbacks.')) callbackTensors[name] = t;
    else {
      const match = /^optimizer\.(0|[1-9]\d*)\.([A-Za-z_]\w*)$/.exec(name);
      if (!match || forbidden.has(match[2])) fail(`tensors.${name}`, 'unexpected tensor');
      const entry = (state[match![1]] ??= {});
      if (Object.hasOwn(entry, match![2])) fail(`tensors.${name}`, `optimizer.scalars.${match![1]}.${match![2]} holds this value too; expected it once`);
      entry[match![2]] = t.data;
    }
  }
  const epochsDone = integer(root.epochsDone, 'epochsDone') as number;
  return {
    epochsDone,
    globalStep: integer(root.globalStep, 'globalStep') as number,
    model,
    optimizer: { state, param_groups: opt.param_groups as OptimizerStateLike['param_groups'] },
    scheduler: root.scheduler === null ? null : object(root.scheduler, 'scheduler'),
    loaderEpoch: integer(root.loaderEpoch, 'loaderEpoch', true),
    valLoaderEpoch: integer(root.valLoaderEpoch, 'valLoaderEpoch', true),
    generator: checkGenerator(root.generator),
    history: checkHistory(root.history, epochsDone),
    divergence: checkDivergence(root.divergence),
    callbacks: v1 ? null : unpackCallbackStates(root.callbacks, callbackTensors),
    stopped: v1 ? null : checkStopped(root.stopped),
  };
}
