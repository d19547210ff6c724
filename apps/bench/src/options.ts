import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

export const USAGE = `pnpm bench [options]

Measures mlpkit side by side with PyTorch and TensorFlow.js where they are installed, in one run,
and writes apps/bench/results/bench.{json,md} (bench-quick.* with --quick).

  --quick            CI smoke test: short samples, extrapolated (< 1 min)
  --threads LIST     thread counts for mlpkit and PyTorch, comma-separated (default 1,2)
  --only WHAT        matmul or w1 (default: both)
  --rounds N         W1 rounds of mlpkit wasm, mlpkit blas and PyTorch, in rotating order; each
                     figure is the median of its rounds (default 3; 1 with --quick)
  --memory           flat-memory check instead: RSS over many epochs (results/memory.*), on the
                     largest default thread count or --threads N; blas also with step scopes
    --epochs N       epochs of the memory check (default 100; 10 with --quick)
    --images N       training images per epoch of the memory check (default 6000)
    --batch N        batch size of the memory check (default 64)
  --profile          where a W1 training step's time goes, per kernel (results/profile.md), and
                     an inference batch's after batch-1024 training; blas also with each step in
                     a step scope, as its 'step scope' rows run
  --search           hyperparameter search speed instead: trials/min on 1 and 2 worker threads, and
                     the Redis path's cost per trial (results/search.*); with --epochs N, --redis URL
  --recipe           the lectures' recipe (issue 13) side by side with PyTorch: s/epoch and test
                     accuracy (results/recipe.*); with --epochs N (default 20), --threads LIST;
                     --recipe --profile [--steps N]: where a recipe step's time goes on wasm
  --backend NAME     wasm or blas: the one backend --memory or --profile runs (default: both;
                     blas is skipped with a message where no BLAS library is installed)
  --help
`;

export interface BenchOptions {
  quick: boolean;
  threadCounts: number[];
  only: 'all' | 'matmul' | 'w1';
  mode: 'bench' | 'memory' | 'profile';
  /** The backends --memory and --profile run. */
  backends: ('wasm' | 'blas')[];
  memory: { epochs: number; images: number; batch: number };
  /** Rounds of the W1 systems that the ratios compare. */
  rounds: number;
  help: boolean;
}

/** A flag's value as a positive integer; throws naming the flag otherwise. */
export function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer, got "${v}"`);
  return n;
}

/** Parses argv into the bench's options; unknown flags, malformed values and flags the chosen mode would ignore throw. */
export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv, allowPositionals: false, strict: true,
    options: {
      quick: { type: 'boolean', default: false }, threads: { type: 'string' }, only: { type: 'string' },
      memory: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false },
      epochs: { type: 'string' }, images: { type: 'string' }, batch: { type: 'string' }, backend: { type: 'string' },
      rounds: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const only = values.only ?? 'all';
  if (only !== 'all' && only !== 'matmul' && only !== 'w1') throw new Error(`--only: expected matmul or w1, got "${only}"`);
  if (values.memory && values.profile) throw new Error('--memory and --profile are separate runs: pick one');
  const memoryFlags = (['epochs', 'images', 'batch'] as const).filter((f) => values[f] !== undefined);
  if (!values.memory && memoryFlags.length) throw new Error(`--${memoryFlags[0]} belongs to --memory`);
  if ((values.memory || values.profile) && values.only !== undefined) throw new Error(`--only chooses what the side-by-side bench runs; --${values.memory ? 'memory' : 'profile'} runs its own workload`);
  if (values.rounds !== undefined && (values.memory || values.profile || only === 'matmul'))
    throw new Error('--rounds belongs to the side-by-side W1 run (not --memory, --profile or --only matmul)');
  const backend = values.backend;
  if (backend !== undefined && backend !== 'wasm' && backend !== 'blas') throw new Error(`--backend: expected wasm or blas, got "${backend}"`);
  if (backend !== undefined && !values.memory && !values.profile) throw new Error('--backend belongs to --memory and --profile (the side-by-side bench runs every backend)');
  const threadCounts = (values.threads ?? [...new Set([1, Math.min(2, availableParallelism())])].join(',')).split(',').map((t) => positiveInt('threads', t));
  if (new Set(threadCounts).size !== threadCounts.length) throw new Error(`--threads: each count once, got "${values.threads}"`);
  if (values.memory && values.threads !== undefined && threadCounts.length > 1) throw new Error('--memory runs one thread count: pass --threads N');
  const quick = values.quick!;
  return {
    quick,
    threadCounts,
    only,
    mode: values.memory ? 'memory' : values.profile ? 'profile' : 'bench',
    backends: backend ? [backend] : ['wasm', 'blas'],
    memory: {
      epochs: positiveInt('epochs', values.epochs ?? (quick ? '10' : '100')),
      images: positiveInt('images', values.images ?? '6000'),
      batch: positiveInt('batch', values.batch ?? '64'),
    },
    rounds: positiveInt('rounds', values.rounds ?? (quick ? '1' : '3')),
    help: values.help!,
  };
}
