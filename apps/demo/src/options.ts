import { parseArgs } from 'node:util';
import type { BackendChoice } from './backend.js';
import type { RunConfig } from './run.js';

/** Everything the command line decides. */
export interface DemoOptions {
  config: RunConfig;
  backend: BackendChoice;
  normalize: 'pixels' | 'zscore' | 'none';
  /** Training images used (all 60 000 when undefined). */
  limit?: number;
  outDir: string;
  experiment?: 'width' | 'depth' | 'sigmoid-sgd' | 'no-norm' | 'lr-range' | 'search' | 'init-stats';
  /** `--experiment search`: trials, worker threads, and a Redis URL for a multi-machine search. */
  search: { trials?: number; workers?: number; redis?: string };
  /** Continue the last killed run from its training checkpoint in the output directory. */
  resume: boolean;
  help: boolean;
}

export const USAGE = `pnpm demo [options]

Trains the slides' MLP (784→256 ReLU→10) on Fashion-MNIST and writes plots and the model to apps/demo/out/.

  --epochs N          passes over the training set (default 3; 2 with --quick)
  --quick             6 000 training images instead of 60 000 (about ten times faster)
  --limit N           use the first N training images
  --optimizer NAME    adam (default, the slides' recipe, lr 1e-3) or sgd (the slides' width/depth runs, lr 0.01)
  --lr X              learning rate (default 1e-3 for adam, 0.01 for sgd)
  --momentum X        SGD momentum (default 0)
  --batch-size N      default 64
  --hidden LIST       hidden widths, comma-separated (default 256; e.g. 256,256 for two layers)
  --activation NAME   hidden activation (default relu)
  --init NAME         he (default), xavier or default (PyTorch's Linear init)
  --normalize NAME    pixels ([-1, 1], default), zscore, or none (raw 0..255)
  --patience N        early stopping on valAccuracy, restoring the best weights
  --seed N            default 0
  --backend NAME      auto (default: wasm if it loads, else reference), wasm, blas or reference
  --out DIR           output directory (default apps/demo/out)
  --experiment NAME   width | depth | sigmoid-sgd | no-norm | lr-range | search | init-stats (see README)
  --trials N          search: random configurations (default 10)
  --workers N         search: worker threads (default one per core; with --redis, 0 leaves trials to other machines)
  --redis URL         search: put trials on a BullMQ queue for \`mlpkit-search worker --redis URL\` processes
  --resume            continue a killed run from OUT/training-checkpoint.safetensors (same flags)
  --help
`;

/** Parses argv into options with the demo's defaults. */
export function parseOptions(argv: string[], defaultOut: string): DemoOptions {
  const { values } = parseArgs({
    args: argv, allowPositionals: false, strict: true,
    options: {
      epochs: { type: 'string' }, quick: { type: 'boolean' }, limit: { type: 'string' }, optimizer: { type: 'string' },
      lr: { type: 'string' }, momentum: { type: 'string' }, 'batch-size': { type: 'string' }, hidden: { type: 'string' },
      activation: { type: 'string' }, init: { type: 'string' }, normalize: { type: 'string' }, patience: { type: 'string' },
      seed: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' }, experiment: { type: 'string' },
      trials: { type: 'string' }, workers: { type: 'string' }, redis: { type: 'string' },
      resume: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  const num = (name: string, v: string | undefined, fallback: number): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${name}: expected a number, got "${v}"`);
    return n;
  };
  const pick = <T extends string>(name: string, v: string | undefined, allowed: readonly T[], fallback: T): T => {
    if (v === undefined) return fallback;
    if (!allowed.includes(v as T)) throw new Error(`--${name}: expected one of ${allowed.join(', ')}, got "${v}"`);
    return v as T;
  };
  const optimizer = pick('optimizer', values.optimizer, ['adam', 'sgd'] as const, 'adam');
  const quick = values.quick ?? false;
  const hidden = (values.hidden ?? '256').split(',').filter(Boolean).map((w) => num('hidden', w, 0));
  return {
    config: {
      optimizer,
      lr: num('lr', values.lr, optimizer === 'adam' ? 1e-3 : 0.01),
      momentum: num('momentum', values.momentum, 0),
      batchSize: num('batch-size', values['batch-size'], 64),
      epochs: num('epochs', values.epochs, quick ? 2 : 3),
      hidden,
      activation: values.activation ?? 'relu',
      init: pick('init', values.init, ['he', 'xavier', 'default'] as const, 'he'),
      seed: num('seed', values.seed, 0),
      patience: values.patience === undefined ? undefined : num('patience', values.patience, 0),
    },
    backend: pick('backend', values.backend, ['auto', 'wasm', 'blas', 'reference'] as const, 'auto'),
    normalize: pick('normalize', values.normalize, ['pixels', 'zscore', 'none'] as const, 'pixels'),
    limit: values.limit !== undefined ? num('limit', values.limit, 0) : quick ? 6000 : undefined,
    outDir: values.out ?? defaultOut,
    experiment: values.experiment === undefined ? undefined
      : pick('experiment', values.experiment, ['width', 'depth', 'sigmoid-sgd', 'no-norm', 'lr-range', 'search', 'init-stats'] as const, 'width'),
    search: {
      trials: values.trials === undefined ? undefined : num('trials', values.trials, 0),
      workers: values.workers === undefined ? undefined : num('workers', values.workers, 0),
      redis: values.redis,
    },
    resume: values.resume ?? false,
    help: values.help ?? false,
  };
}
