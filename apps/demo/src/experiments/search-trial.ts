// The trial module of `--experiment search`: the search's trial processes, and `mlpkit-search worker` processes
// on other machines, import it by path. Everything a trial needs travels in its params.
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { DataLoader } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import type { TrialContext } from '@mlpkit/search';
import { referenceBackend, setBackend } from '@mlpkit/tensor';
import { fit } from '@mlpkit/train';
import { type PreparedData, loadData } from '../data.js';
import { buildMlp } from '../model.js';

/** One configuration: the searched lr and reg, and the fixed settings of this search. */
export interface SearchParams {
  lr: number;
  reg: number;
  epochs: number;
  limit: number;
  hidden: number;
  normalize: 'pixels' | 'zscore' | 'none';
  /** Seed of the train/val split. */
  dataSeed: number;
}

/** Loads Fashion-MNIST's files, which @mlpkit/datasets checks against their SHA-256. */
export const dataFingerprint = 'Fashion-MNIST, checksummed by @mlpkit/datasets';

/** Each thread gets a one-thread wasm backend (the search's threads already fill the cores), or the reference one. */
export async function setup(): Promise<void> {
  try {
    setBackend(await createWasmBackend({ threads: 1 }));
  } catch {
    setBackend(referenceBackend);
  }
}

const cache = new Map<string, Promise<PreparedData>>();

/** Trains the slides' MLP with SGD (momentum 0.9) and weight decay `reg`; the score is the best validation accuracy. */
export async function trial(p: SearchParams, ctx: TrialContext): Promise<number> {
  const key = `${p.normalize}:${p.limit}:${p.dataSeed}`;
  if (!cache.has(key)) cache.set(key, loadData({ normalize: p.normalize, limit: p.limit, seed: p.dataSeed, valFraction: 0.2 }));
  const data = await (cache.get(key) as Promise<PreparedData>);
  const model = buildMlp({ hidden: [p.hidden], activation: 'relu', init: 'he', seed: ctx.seed });
  const history = await fit(model, {
    train: new DataLoader(data.train, { batchSize: 64, shuffle: true, seed: ctx.seed }), val: new DataLoader(data.val as NonNullable<PreparedData['val']>, { batchSize: 1000 }),
    loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: p.lr, momentum: 0.9, weightDecay: p.reg }),
    epochs: p.epochs, metrics: ['accuracy'], callbacks: [ctx.callback('valAccuracy')], setToNone: false,
  });
  return Math.max(...history.get('valAccuracy'));
}
