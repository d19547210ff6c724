import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { positiveInt } from '../options.js';
import { RECIPE_EPOCHS } from './spec.js';

/** Timed steps of `--profile` when `--steps` is not given. */
export const RECIPE_PROFILE_STEPS = 50;

export const RECIPE_USAGE = `pnpm bench --recipe [--epochs N] [--threads LIST]
       pnpm bench --recipe --profile [--steps N] [--threads LIST]

Trains the lectures' recipe (784-512-256-10, BatchNorm1d, ReLU, dropout 0.2, He init, Adam 1e-3
with cosine decay, batch 128, all 60 000 Fashion-MNIST images) side by side in one run: PyTorch,
mlpkit wasm at each thread count and mlpkit blas; reports median seconds per epoch, test accuracy
on all 10 000 test images and each mlpkit row's ratio to PyTorch's; writes results/recipe.{json,md}.

  --epochs N         epochs of every run (default ${RECIPE_EPOCHS}; the cosine decay spans them)
  --threads LIST     thread counts, comma-separated (default 1,2)
  --profile          instead of the side-by-side run: where one mlpkit wasm step's time goes, per
                     phase (each layer's forward and backward, loss, Adam, zeroGrad, batches) and
                     per kernel, over N steps of batch 128 after a warm-up (no --epochs)
  --steps N          timed steps of --profile (default ${RECIPE_PROFILE_STEPS})
  --help
`;

/** What `pnpm bench --recipe` runs. */
export interface RecipeOptions {
  epochs: number;
  threadCounts: number[];
  /** Print the per-phase profile instead of running the side-by-side bench. */
  profile: boolean;
  /** Timed steps of the profile. */
  steps: number;
  help: boolean;
}


/** The side-by-side bench's flags: --recipe would ignore them, so it refuses them by name. */
const OTHER_MODES_FLAGS = ['quick', 'only', 'memory', 'search', 'images', 'batch', 'backend', 'redis'];

/** Parses `pnpm bench --recipe`'s argv; unknown flags, malformed values and other modes' flags throw. */
export function parseRecipeOptions(argv: string[]): RecipeOptions {
  const foreign = argv.map((a) => /^--([^=]+)/.exec(a)?.[1]).find((f) => f !== undefined && OTHER_MODES_FLAGS.includes(f));
  if (foreign) throw new Error(`--${foreign} does not apply to --recipe, which runs its own fixed workload (only --epochs, --threads, --profile and --steps)`);
  const { values } = parseArgs({
    args: argv, allowPositionals: false, strict: true,
    options: { recipe: { type: 'boolean' }, epochs: { type: 'string' }, threads: { type: 'string' }, profile: { type: 'boolean', default: false }, steps: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  const threads = values.threads ?? [...new Set([1, Math.min(2, availableParallelism())])].join(',');
  const threadCounts = threads.split(',').map((t) => positiveInt('threads', t));
  if (new Set(threadCounts).size !== threadCounts.length) throw new Error(`--threads: each count once, got "${threads}"`);
  if (values.profile && values.epochs !== undefined) throw new Error('--epochs does not apply to --recipe --profile, which times --steps N steps');
  if (!values.profile && values.steps !== undefined) throw new Error('--steps applies only to --recipe --profile');
  return {
    epochs: positiveInt('epochs', values.epochs ?? String(RECIPE_EPOCHS)), threadCounts, profile: values.profile!,
    steps: positiveInt('steps', values.steps ?? String(RECIPE_PROFILE_STEPS)), help: values.help!,
  };
}
