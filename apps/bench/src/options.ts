import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

export const USAGE = `pnpm bench [options]

Measures mlpkit side by side with PyTorch and TensorFlow.js where they are installed, in one run,
and writes apps/bench/results/bench.{json,md} (bench-quick.* with --quick).

  --quick            CI smoke test: short samples, extrapolated (< 1 min)
  --threads LIST     thread counts for mlpkit and PyTorch, comma-separated (default 1,2)
  --only WHAT        matmul or w1 (default: both)
  --memory           flat-memory check instead: RSS over many epochs (results/memory.*)
    --epochs N       epochs of the memory check (default 100; 10 with --quick)
    --images N       training images per epoch of the memory check (default 6000)
    --batch N        batch size of the memory check (default 64)
  --profile          where a W1 training step's time goes, per kernel (results/profile.md)
  --help
`;

export interface BenchOptions {
  quick: boolean;
  threadCounts: number[];
  only: 'all' | 'matmul' | 'w1';
  mode: 'bench' | 'memory' | 'profile';
  memory: { epochs: number; images: number; batch: number };
  help: boolean;
}

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer, got "${v}"`);
  return n;
}

/** Parses argv into the bench's options; unknown flags and malformed values throw. */
export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv, allowPositionals: false, strict: true,
    options: {
      quick: { type: 'boolean', default: false }, threads: { type: 'string' }, only: { type: 'string', default: 'all' },
      memory: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false },
      epochs: { type: 'string' }, images: { type: 'string', default: '6000' }, batch: { type: 'string', default: '64' },
      help: { type: 'boolean', default: false },
    },
  });
  const only = values.only!;
  if (only !== 'all' && only !== 'matmul' && only !== 'w1') throw new Error(`--only: expected matmul or w1, got "${only}"`);
  if (values.memory && values.profile) throw new Error('--memory and --profile are separate runs: pick one');
  const threads = values.threads ?? [...new Set([1, Math.min(2, availableParallelism())])].join(',');
  const quick = values.quick!;
  return {
    quick,
    threadCounts: threads.split(',').map((t) => positiveInt('threads', t)),
    only,
    mode: values.memory ? 'memory' : values.profile ? 'profile' : 'bench',
    memory: {
      epochs: positiveInt('epochs', values.epochs ?? (quick ? '10' : '100')),
      images: positiveInt('images', values.images!),
      batch: positiveInt('batch', values.batch!),
    },
    help: values.help!,
  };
}
