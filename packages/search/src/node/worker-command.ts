import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { Isolation } from './isolation.js';
import { startQueueWorker } from './queue-worker.js';

/** The bin's help text. */
export const USAGE = `mlpkit-search worker --redis URL [options]

Runs trials of the searches a coordinator (runSearch({ redis })) puts on the BullMQ queue.
Start it in the same directory layout as the coordinator: jobs name the trial module by its path
relative to the coordinator's working directory, and a worker whose copy of the module or data
differs refuses them. Ctrl-C (SIGINT) or SIGTERM stops it, sent to it alone or to its whole
process group (a service manager's stop): its trials in flight go back to the queue, for another
worker or for this one started again.

  --redis URL              redis://host:port (required)
  --queue NAME             queue name (default mlpkit-search)
  --threads N              trials at once (default: one per core, ${availableParallelism()} here)
  --isolation KIND         process (default: a child process per trial at once, each on one core)
                           or thread (worker threads, sharing this process)
  --cwd DIR                where relative module paths are found (default: the working directory)
  --lock-duration MS       lock on a running trial; a killed worker's trial is retried after it (default 30000)
  --stalled-interval MS    how often to look for trials of killed workers (default 30000)
  --max-stalled-count N    times a trial may be retried after its worker died (default 3)
  --quiet                  no progress lines
  --help
`;

function int(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected an integer >= ${min}, got "${v}"`);
  return n;
}

function isolationFlag(v: string | undefined): Isolation | undefined {
  if (v === undefined || v === 'process' || v === 'thread') return v;
  throw new Error(`--isolation: expected process or thread, got "${v}"`);
}

/**
 * `mlpkit-search worker --redis URL ...`: serves trials until SIGINT/SIGTERM (exit 0; the trials in
 * flight go back to the queue) or until it refuses a search whose code or data differ from this
 * machine's (exit 2). Unknown flags throw.
 */
export async function workerCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      redis: { type: 'string' }, queue: { type: 'string' }, threads: { type: 'string' }, isolation: { type: 'string' }, cwd: { type: 'string' },
      'lock-duration': { type: 'string' }, 'stalled-interval': { type: 'string' }, 'max-stalled-count': { type: 'string' },
      quiet: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return (process.stdout.write(USAGE), 0);
  if (positionals.length !== 1 || positionals[0] !== 'worker') throw new Error(`expected the command 'worker', got ${positionals.length ? positionals.map((p) => `'${p}'`).join(' ') : 'none'}\n\n${USAGE}`);
  if (!values.redis) throw new Error('--redis URL is required (e.g. --redis redis://127.0.0.1:6379)');
  const log = values.quiet ? undefined : (line: string) => console.log(`mlpkit-search worker ${process.pid}: ${line}`);
  let refused: string | undefined;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const worker = await startQueueWorker({
    redis: values.redis, queue: values.queue, cwd: values.cwd, log,
    threads: int('threads', values.threads, 1) ?? availableParallelism(),
    isolation: isolationFlag(values.isolation),
    tuning: {
      lockDuration: int('lock-duration', values['lock-duration'], 1), stalledInterval: int('stalled-interval', values['stalled-interval'], 1),
      maxStalledCount: int('max-stalled-count', values['max-stalled-count'], 0),
    },
    onRefuse: (message) => {
      refused ??= message;
      stop();
    },
  });
  log?.(`waiting for trials on ${values.redis} (queue ${values.queue ?? 'mlpkit-search'})`);
  process.once('SIGINT', stop).once('SIGTERM', stop);
  await stopped;
  if (refused === undefined) log?.('stopping: the trials in flight go back to the queue');
  await worker.close(true);
  if (refused) console.error(refused);
  return refused ? 2 : 0;
}
