import { activations } from '@mlpkit/activations';
import { MlpkitError } from '@mlpkit/tensor';
import { parseArgs } from 'node:util';
import { BACKENDS, type BackendChoice, threadsFlag } from './backend.js';
import { fromCaller } from './caller-path.js';
import {
  FRACTION, NON_NEGATIVE, NON_NEGATIVE_INT, POSITIVE, POSITIVE_INT, PROBABILITY,
  joinNegativeValues, numberFlag, pickFlag, widthsFlag,
} from './config.js';
import type { Normalization } from './data.js';
import { EXPERIMENT_NAMES } from './experiments/index.js';
import { INITS } from './model.js';
import { OPTIMIZERS, type RunConfig, SCHEDULERS } from './run.js';

/** Every hidden activation the library has: the registry's, plus PReLU (a learned slope) and Maxout (k = 2). */
export const ACTIVATIONS: readonly string[] = [...Object.keys(activations), 'prelu', 'maxout'];
export const NORMALIZATIONS = ['pixels', 'minmax', 'zscore', 'none'] as const satisfies readonly Normalization[];

/** Everything the command line decides. */
export interface DemoOptions {
  config: RunConfig;
  backend: BackendChoice;
  /** `--threads`: the wasm or blas backend's threads (their default, one per core, when undefined). */
  threads?: number;
  normalize: Normalization;
  /** Training images used (all 60 000 when undefined). */
  limit?: number;
  /** Share of the training images held out for validation (0 = train on all of them, as the recipe does). */
  valFraction: number;
  outDir: string;
  experiment?: string;
  quick: boolean;
  /** `--experiment search`: trials, trial processes, and a Redis URL for a multi-machine search. */
  search: { trials?: number; workers?: number; redis?: string };
  /** Continue the last killed run from its training checkpoint in the output directory. */
  resume: boolean;
  /** The flags given on the command line, so an experiment can say which of its settings were overridden. */
  given: ReadonlySet<string>;
}

export const USAGE = `pnpm demo [options]
pnpm demo predict --model FILE [--count N] [--json] [--images FILE]   (classify with a saved model; see apps/demo/README.md)
pnpm demo search-worker --redis URL [options]   (run a search's trials for a coordinator elsewhere; --help lists the options)

Trains the slides' recommended recipe on Fashion-MNIST and writes plots and the model to apps/demo/out/:
784-512-256-10, inputs in [-1, 1], He normal, BatchNorm1d, ReLU, dropout 0.2, Adam lr 1e-3 with
cosine decay over 20 epochs, batch 128, all 60 000 training images, tested on all 10 000.

  --quick               6 000 training images and 2 epochs (a smoke run); experiments: a smoke-sized run
  --epochs N            passes over the training set (default 20; 2 with --quick)
  --limit N             use the first N training images
  --val-fraction F      hold out this share of the training images for validation curves (default 0)
  --batch-size N        default 128
  --hidden LIST         hidden widths, comma-separated (default 512,256)
  --activation NAME     hidden activation (default relu): ${ACTIVATIONS.join(', ')}
  --init NAME           ${INITS.join(', ')} (default he; default = PyTorch's Linear init)
  --batchnorm, --no-batchnorm   BatchNorm1d after each hidden Linear (default on)
  --dropout P           dropout after each hidden activation (default 0.2; 0 = none)
  --optimizer NAME      ${OPTIMIZERS.join(', ')} (default adam)
  --lr X                learning rate (default 1e-3 for adam/adamw, 0.01 for sgd)
  --momentum X          SGD momentum (default 0)
  --weight-decay X      L2 penalty through the optimizer (default 0)
  --label-smoothing X   cross-entropy label smoothing in [0, 1] (default 0)
  --scheduler NAME      ${SCHEDULERS.join(', ')} (default cosine over all epochs; step: ×0.1 every third of them)
  --normalize NAME      pixels ([-1, 1], default), minmax ([0, 1]), zscore, or none (raw 0..255)
  --patience N          early stopping on valAccuracy, restoring the best weights (needs --val-fraction)
  --seed N              default 0
  --backend NAME        ${BACKENDS.join(', ')} (default auto: wasm if it loads, else reference)
  --threads N           threads of the wasm or blas backend (default one per core)
  --out DIR             output directory (default apps/demo/out)
  --experiment NAME     one of the slides' experiments (see apps/demo/README.md):
                        ${EXPERIMENT_NAMES.join(', ')}
  --trials N            search: random configurations per stage, coarse then fine (default 10 each);
                        there --epochs N is a fine trial's epochs (default 5), a coarse trial's at most 3
  --workers N           search: trial processes here (default one per core; with --redis, 0 leaves trials to other machines)
  --redis URL           search: put trials on a BullMQ queue for \`pnpm demo search-worker --redis URL\` processes
  --resume              continue a killed run from OUT/training-checkpoint.safetensors (same flags)
  --help
`;

/** Every flag of `pnpm demo`, as node:util's parseArgs reads them. */
const FLAGS = {
  epochs: { type: 'string' }, quick: { type: 'boolean' }, limit: { type: 'string' }, 'val-fraction': { type: 'string' },
  optimizer: { type: 'string' }, lr: { type: 'string' }, momentum: { type: 'string' }, 'batch-size': { type: 'string' },
  hidden: { type: 'string' }, activation: { type: 'string' }, init: { type: 'string' }, batchnorm: { type: 'boolean' },
  dropout: { type: 'string' }, 'weight-decay': { type: 'string' }, 'label-smoothing': { type: 'string' },
  scheduler: { type: 'string' }, normalize: { type: 'string' }, patience: { type: 'string' }, seed: { type: 'string' },
  backend: { type: 'string' }, threads: { type: 'string' }, out: { type: 'string' }, experiment: { type: 'string' }, help: { type: 'boolean' },
  trials: { type: 'string' }, workers: { type: 'string' }, redis: { type: 'string' }, resume: { type: 'boolean' },
} as const;
/** A flag of `pnpm demo`, without its dashes. */
export type DemoFlag = keyof typeof FLAGS;
const STRING_FLAGS = new Set(Object.entries(FLAGS).filter(([, f]) => f.type === 'string').map(([k]) => k));

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, STRING_FLAGS), allowPositionals: false, allowNegative: true, strict: true, options: FLAGS });
  } catch (error) {
    throw new MlpkitError('pnpm demo', `${(error as Error).message} (see pnpm demo --help)`);
  }
}

/**
 * Whether argv asks for the usage: `--help` wins over the other flags' values (`--trials 5
 * --help` prints the usage instead of refusing --trials outside a search), not over a flag
 * that does not exist, nor right after a flag that wants a value (`--epochs --help` is refused
 * by node:util's parseArgs as ambiguous rather than read as --epochs' value).
 */
export function wantsHelp(argv: readonly string[]): boolean {
  return parse(argv).values.help === true;
}

/** Parses argv into options with the recipe's defaults; every value is checked here, before any work. */
export function parseOptions(argv: readonly string[], defaultOut: string): DemoOptions {
  const { values } = parse(argv);
  const quick = values.quick ?? false;
  const optimizer = pickFlag('optimizer', values.optimizer, OPTIMIZERS, 'adam');
  const valFraction = numberFlag('val-fraction', values['val-fraction'], 0, ['a number in [0, 1)', (n) => n >= 0 && n < 1]);
  const patience = values.patience === undefined ? undefined : numberFlag('patience', values.patience, 0, POSITIVE_INT);
  const backend = pickFlag('backend', values.backend, BACKENDS, 'auto');
  const searchOnly = (['trials', 'workers', 'redis'] as const).filter((f) => values[f] !== undefined);
  if (searchOnly.length && values.experiment !== 'search')
    throw new MlpkitError('pnpm demo', `${searchOnly.map((f) => `--${f}`).join(', ')}: flags of --experiment search, which this run is not`);
  if (patience !== undefined && valFraction === 0)
    throw new MlpkitError('pnpm demo', '--patience watches validation accuracy: give --val-fraction too (e.g. --val-fraction 0.1)');
  return {
    config: {
      optimizer,
      lr: numberFlag('lr', values.lr, optimizer === 'sgd' ? 0.01 : 1e-3, POSITIVE),
      momentum: numberFlag('momentum', values.momentum, 0, PROBABILITY),
      weightDecay: numberFlag('weight-decay', values['weight-decay'], 0, NON_NEGATIVE),
      labelSmoothing: numberFlag('label-smoothing', values['label-smoothing'], 0, FRACTION),
      scheduler: pickFlag('scheduler', values.scheduler, SCHEDULERS, 'cosine'),
      batchSize: numberFlag('batch-size', values['batch-size'], 128, POSITIVE_INT),
      epochs: numberFlag('epochs', values.epochs, quick ? 2 : 20, POSITIVE_INT),
      hidden: widthsFlag('hidden', values.hidden, [512, 256]),
      activation: pickFlag('activation', values.activation, ACTIVATIONS, 'relu'),
      init: pickFlag('init', values.init, INITS, 'he'),
      batchnorm: values.batchnorm ?? true,
      dropout: numberFlag('dropout', values.dropout, 0.2, PROBABILITY),
      seed: numberFlag('seed', values.seed, 0, NON_NEGATIVE_INT),
      patience,
    },
    backend,
    threads: threadsFlag(values.threads, backend),
    normalize: pickFlag('normalize', values.normalize, NORMALIZATIONS, 'pixels'),
    limit: values.limit !== undefined ? numberFlag('limit', values.limit, 0, POSITIVE_INT) : quick ? 6000 : undefined,
    valFraction,
    // Relative to where `pnpm demo` was called, not to apps/demo where pnpm runs it.
    outDir: values.out === undefined ? defaultOut : fromCaller(values.out),
    experiment: values.experiment === undefined ? undefined : pickFlag('experiment', values.experiment, EXPERIMENT_NAMES, EXPERIMENT_NAMES[0]),
    quick,
    search: {
      trials: values.trials === undefined ? undefined : numberFlag('trials', values.trials, 0, POSITIVE_INT),
      workers: values.workers === undefined ? undefined : numberFlag('workers', values.workers, 0, NON_NEGATIVE_INT),
      redis: values.redis,
    },
    resume: values.resume ?? false,
    given: new Set(Object.keys(values)),
  };
}
