import type { StateReader } from '@mlpkit/tensor';
import type { CallbackState } from './callback.js';
import type { GradientStats, LayerStats } from './layer-stats.js';
import type { LayerStatsRecord } from './layer-stats-recorder.js';
import type { ValueSummary } from './tensor-summary.js';

/** What a loaded state must look like: the records this recorder would make of this model. */
export interface RecordLayout {
  /** The model's layers as the probe batch meets them (names, shapes, histogram edges); asked only when a record needs them. */
  layers: () => readonly LayerStats[];
  /** The model's parameters' shapes by name, in the model's order. */
  params: ReadonlyMap<string, readonly number[]>;
  /** Records allowed besides the untrained model's. */
  maxRecords: number;
}

const LAYER_KEYS = ['name', 'layer', 'shape', 'kind', 'mean', 'std', 'absMax', 'norm', 'zeroFraction', 'deadFraction', 'saturatedFraction', 'histogram'];
const GRADIENT_KEYS = ['name', 'shape', 'mean', 'std', 'absMax', 'norm', 'zeroFraction', 'gradToParam'];

/**
 * The records as a training checkpoint keeps them. A histogram's edges follow from the
 * recorder's options and are left out: with the default 50 bins they are some 40% of a record.
 */
export function saveRecords(records: readonly LayerStatsRecord[]): CallbackState[] {
  return records.map((r) => ({
    epoch: r.epoch,
    layers: r.layers.map(({ histogram: { edges: _edges, counts, ...outside }, ...layer }) => ({ ...layer, shape: [...layer.shape], histogram: { counts: [...counts], ...outside } })),
    gradients: r.gradients.map((g) => ({ ...g, shape: [...g.shape] })),
    updateRatios: { ...r.updateRatios },
  }));
}

/**
 * Checks a saved state (untrusted: from a checkpoint) against `layout` and returns the records
 * and recording step it holds, or throws for the first field that is wrong.
 */
export function readLayerStatsState(read: StateReader, state: CallbackState, layout: RecordLayout): { every: number; records: LayerStatsRecord[] } {
  read.object('', state, { required: ['every', 'records'] });
  const every = read.number('every', state.every, { integer: true, min: 1, max: 2 ** 30 });
  if ((every & (every - 1)) !== 0) read.fail('every', 'a power of 2 (the recorder doubles its step)', every);
  const raw = read.array('records', state.records);
  // Checked before reading them: the count is what bounds the work and the memory.
  if (raw.length > layout.maxRecords + 1) read.fail('records', `at most ${layout.maxRecords + 1} records (maxRecords and the untrained model's)`, raw);
  const records: LayerStatsRecord[] = [];
  for (const [i, value] of raw.entries()) {
    const path = read.at('records', i);
    const record = readRecord(read, path, value, layout);
    const previous = records.at(-1)?.epoch ?? -2;
    if (record.epoch <= previous) read.fail(read.at(path, 'epoch'), `an epoch after ${previous} (records run in order)`, record.epoch);
    if (record.epoch >= 0 && (record.epoch + 1) % every !== 0) read.fail(read.at(path, 'epoch'), `an epoch recorded every ${every} (epoch + 1 a multiple of ${every})`, record.epoch);
    records.push(record);
  }
  if (records.filter((r) => r.epoch >= 0).length > layout.maxRecords) read.fail('records', `at most ${layout.maxRecords} records of epochs (maxRecords)`, raw);
  return { every, records };
}

function readRecord(read: StateReader, path: string, value: unknown, layout: RecordLayout): LayerStatsRecord {
  const r = read.object(path, value, { required: ['epoch', 'layers', 'gradients', 'updateRatios'] });
  const epoch = read.number(read.at(path, 'epoch'), r.epoch, { integer: true, min: -1, max: Number.MAX_SAFE_INTEGER });
  const expected = layout.layers();
  const layers = read.array(read.at(path, 'layers'), r.layers, expected.length).map((l, j) => readLayer(read, read.at(read.at(path, 'layers'), j), l, expected[j]));
  const gradients = readGradients(read, read.at(path, 'gradients'), r.gradients, layout.params);
  const updateRatios = readRatios(read, read.at(path, 'updateRatios'), r.updateRatios, layout.params);
  // The untrained model's record is taken before any step: it has no gradients and no updates.
  if (epoch === -1 && gradients.length > 0) read.fail(read.at(path, 'gradients'), 'none for the untrained model (epoch -1)', r.gradients);
  if (epoch === -1 && Object.keys(updateRatios).length > 0) read.fail(read.at(path, 'updateRatios'), 'none for the untrained model (epoch -1)', r.updateRatios);
  return { epoch, layers, gradients, updateRatios };
}

function readSummary(read: StateReader, path: string, s: Record<string, unknown>): ValueSummary {
  return {
    mean: read.number(read.at(path, 'mean'), s.mean),
    std: read.number(read.at(path, 'std'), s.std, { min: 0 }),
    absMax: read.number(read.at(path, 'absMax'), s.absMax, { min: 0 }),
    norm: read.number(read.at(path, 'norm'), s.norm, { min: 0 }),
    zeroFraction: read.number(read.at(path, 'zeroFraction'), s.zeroFraction, { min: 0, max: 1 }),
  };
}

/** One layer's saved statistics, which must be of `like`: the same layer, output shape and bins. */
function readLayer(read: StateReader, path: string, value: unknown, like: LayerStats): LayerStats {
  const l = read.object(path, value, { required: LAYER_KEYS });
  for (const key of ['name', 'layer', 'kind'] as const)
    if (l[key] !== like[key]) read.fail(read.at(path, key), `${JSON.stringify(like[key])} (this model's layer, as the probe batch meets it)`, l[key]);
  const shape = read.numbers(read.at(path, 'shape'), l.shape, { integer: true, min: 0, length: like.shape.length });
  if (Array.from(shape).some((d, i) => d !== like.shape[i])) read.fail(read.at(path, 'shape'), `[${like.shape.join(', ')}] (the layer's output on the probe batch)`, l.shape);
  const summary = readSummary(read, path, l);
  const deadFraction = read.number(read.at(path, 'deadFraction'), l.deadFraction, { min: 0, max: 1 });
  const saturatedPath = read.at(path, 'saturatedFraction');
  const saturatedFraction = like.saturatedFraction === null
    ? (l.saturatedFraction === null ? null : read.fail(saturatedPath, `null (a ${like.kind} layer does not saturate)`, l.saturatedFraction))
    : read.number(saturatedPath, l.saturatedFraction, { min: 0, max: 1 });
  const hPath = read.at(path, 'histogram');
  const h = read.object(hPath, l.histogram, { required: ['counts', 'below', 'above', 'nan'] });
  const values = like.shape.reduce((a, b) => a * b, 1);
  const count = { integer: true, min: 0, max: values };
  const counts = Array.from(read.numbers(read.at(hPath, 'counts'), h.counts, { ...count, length: like.histogram.counts.length }));
  const below = read.number(read.at(hPath, 'below'), h.below, count), above = read.number(read.at(hPath, 'above'), h.above, count);
  const nan = read.number(read.at(hPath, 'nan'), h.nan, count);
  const total = counts.reduce((a, b) => a + b, below + above + nan);
  if (total !== values) read.fail(hPath, `counts, below, above and nan adding up to the layer's ${values} outputs`, total);
  return {
    name: like.name, layer: like.layer, shape: like.shape, kind: like.kind, ...summary, deadFraction, saturatedFraction,
    histogram: { edges: [...like.histogram.edges], counts, below, above, nan },
  };
}

/** The first step's gradient statistics: the model's parameters, each once, in the model's order. */
function readGradients(read: StateReader, path: string, value: unknown, params: ReadonlyMap<string, readonly number[]>): GradientStats[] {
  const raw = read.array(path, value);
  if (raw.length > params.size) read.fail(path, `at most ${params.size} (one per parameter of the model)`, raw);
  const order = [...params.keys()];
  let previous = -1;
  return raw.map((item, i) => {
    const itemPath = read.at(path, i);
    const g = read.object(itemPath, item, { required: GRADIENT_KEYS });
    const index = order.indexOf(g.name as string);
    if (typeof g.name !== 'string' || index <= previous) read.fail(read.at(itemPath, 'name'), `a parameter of the model after the previous one (${order.slice(previous + 1).join(', ')})`, g.name);
    previous = index;
    const shape = params.get(g.name as string) as readonly number[];
    const saved = read.numbers(read.at(itemPath, 'shape'), g.shape, { integer: true, min: 0, length: shape.length });
    if (Array.from(saved).some((d, k) => d !== shape[k])) read.fail(read.at(itemPath, 'shape'), `[${shape.join(', ')}] (the parameter's shape)`, g.shape);
    return { name: g.name as string, shape: [...shape], ...readSummary(read, itemPath, g), gradToParam: ratio(read, read.at(itemPath, 'gradToParam'), g.gradToParam) };
  });
}

function readRatios(read: StateReader, path: string, value: unknown, params: ReadonlyMap<string, readonly number[]>): Record<string, number> {
  const ratios = read.object(path, value);
  const names = Object.keys(ratios);
  if (names.length > params.size) read.fail(path, `at most ${params.size} ratios (one per parameter of the model)`, names.length);
  const out: Record<string, number> = {};
  for (const name of names) {
    if (!params.has(name)) read.fail(read.at(path, name), `a parameter of the model (${[...params.keys()].join(', ')})`, name);
    out[name] = ratio(read, read.at(path, name), ratios[name]);
  }
  return out;
}

/** A ratio to a norm: ≥ 0, and infinite for a parameter that was all zeros (a zero-initialised bias). */
function ratio(read: StateReader, path: string, value: unknown): number {
  return typeof value === 'number' && value >= 0 ? value : read.fail(path, 'a number ≥ 0 (Infinity for a parameter that was all zeros)', value);
}
