// A tiny trial module for the tests: a 2→hidden→3 MLP on three blobs, a few epochs, a few ms.
// `throw` makes it fail, a non-zero `exitCode` ends its process (or thread) with it, a huge lr makes it
// diverge, `waitMs` keeps it running long enough to be killed, and MLPKIT_SEARCH_MARKS (a
// directory) receives a file `<index>-<pid>-<ppid>` as each trial starts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { relu } from '@mlpkit/activations';
import { DataLoader, makeBlobs } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { Linear, Sequential } from '@mlpkit/nn';
import { SGD } from '@mlpkit/optimizers';
import { fit } from '@mlpkit/train';
import type { TrialContext } from '../run-trial.js';

export const dataFingerprint = 'blobs(120, seed 0) v1';

export interface ToyParams {
  lr: number;
  hidden?: number;
  epochs?: number;
  throw?: boolean;
  exitCode?: number;
  waitMs?: number;
}

export async function trial(params: ToyParams, ctx: TrialContext): Promise<number> {
  const marks = process.env.MLPKIT_SEARCH_MARKS;
  if (marks) writeFileSync(join(marks, `${ctx.index}-${process.pid}-${process.ppid}`), '');
  if (params.exitCode) process.exit(params.exitCode);
  if (params.throw) throw new Error(`trial ${ctx.index} broke on purpose`);
  const data = makeBlobs({ nSamples: 120, centers: [[-3, -3], [0, 3], [3, -3]], clusterStd: 1.5, seed: 0 });
  const val = makeBlobs({ nSamples: 60, centers: [[-3, -3], [0, 3], [3, -3]], clusterStd: 1.5, seed: 1 });
  const model = new Sequential(new Linear(2, params.hidden ?? 8), relu, new Linear(params.hidden ?? 8, 3));
  const history = await fit(model, {
    train: new DataLoader(data, { batchSize: 20, shuffle: true, seed: ctx.seed }), val: new DataLoader(val, { batchSize: 60 }),
    loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: params.lr }), epochs: params.epochs ?? 3,
    metrics: ['accuracy'], callbacks: [ctx.callback('valLoss')],
  });
  if (params.waitMs) await new Promise((r) => setTimeout(r, params.waitMs));
  return Math.min(...history.get('valLoss'));
}
