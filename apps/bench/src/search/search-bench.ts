// `pnpm bench --search`: trials per minute of a small fixed search at 1 and 2 workers, in trial
// processes (runSearch's default, checked against the 1.8× target) and on worker threads (beside
// it, for comparison), and what a trial costs on the Redis path (BullMQ) against the local one,
// from trials that do nothing.
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MemoryReportStore, makeReporter, runTrials, toSpecs } from '@mlpkit/search';
import { type Isolation, ProcessPool, ThreadPool, type TrialPool, runSearch } from '@mlpkit/search/node';
import { markLoad, otherCoresSince } from './other-load.js';
import { benchRedis } from './redis-server.js';
import { median } from '../timing.js';

const MODULE = fileURLToPath(new URL('./bench-trial.ts', import.meta.url));
// 64 trials: with 16 the two-worker rate moved by a fifth between runs (8 trials per worker, the last one alone).
const TRIALS = 64;
const EMPTY = 40;

// Epochs of trials each worker runs before the measured ones: a fresh process runs its first 4-epoch
// trials 3-8× slower than later ones, and takes ~35 of them (~140 epochs, ~0.7 s more than at
// steady state) to settle, while V8 compiles the training loop; one warm-up trial left most of that
// in the measured window, where two workers (32 trials each) paid it twice against one's 64 trials.
const WARMUP_EPOCHS = 160;

// Each rate is the median of ROUNDS runs of the same trials, the 1- and 2-worker runs interleaved on
// pools kept warm between them: on this shared machine a run of 64 trials lasts 0.5-1 s, so one
// run alone moved with whatever else ran at that moment.
const ROUNDS = 3;

/** A steady-state rate: its rounds, their median, and what starting and warming up the workers cost on top. */
interface Rate {
  perMin: number;
  rounds: number[];
  /** Cores other processes kept busy during each round (NaN without /proc). */
  otherCores: number[];
  /** Wall time of the start-up (processes, imports) and warm-up, in milliseconds, beyond what its trials take at the median rate. */
  warmupExtraMs: number;
}

/** `workers` processes or threads, started and warmed up with WARMUP_EPOCHS epochs of trials each. */
async function warmPool(isolation: Isolation, workers: number, epochs: number): Promise<{ pool: TrialPool; ms: number; trials: number }> {
  const reporter = makeReporter(undefined, 'min', new MemoryReportStore());
  const pool = isolation === 'process' ? new ProcessPool(workers, MODULE, reporter) : new ThreadPool(workers, MODULE, reporter);
  const warm = toSpecs(Array.from({ length: workers * Math.ceil(WARMUP_EPOCHS / epochs) }, (_, i) => ({ lr: 0.02 + 0.002 * (i % TRIALS), epochs })), 99);
  const start = performance.now();
  await runTrials(warm, { execute: (s) => pool.run(s), concurrency: pool.capacity, mode: 'min' });
  return { pool, ms: performance.now() - start, trials: warm.length };
}

/** Trials per minute of the measured trials on `pool`, fed as `runSearch` feeds it (at its capacity), and the cores others used meanwhile. */
async function measure(pool: TrialPool, epochs: number): Promise<{ perMin: number; others: number }> {
  const specs = toSpecs(Array.from({ length: TRIALS }, (_, i) => ({ lr: 0.02 + 0.002 * i, epochs })), 1);
  const mark = markLoad();
  const start = performance.now();
  const r = await runTrials(specs, { execute: (s) => pool.run(s), concurrency: pool.capacity, mode: 'min' });
  const perMin = TRIALS / ((performance.now() - start) / 60_000);
  if (r.counts.ok !== TRIALS) throw new Error(`bench search: ${r.counts.ok} of ${TRIALS} trials ok`);
  return { perMin, others: otherCoresSince(mark) };
}

/**
 * Steady-state trials per minute at 1 and 2 processes or threads: both pools are started and
 * warmed up first (start, imports and compilation excluded, reported beside the rate), then
 * the same trials run ROUNDS times on each, alternately.
 */
async function trialsPerMinute(isolation: Isolation, epochs: number): Promise<{ 1: Rate; 2: Rate }> {
  const warm = { 1: await warmPool(isolation, 1, epochs), 2: await warmPool(isolation, 2, epochs) };
  try {
    const rounds: { 1: { perMin: number; others: number }[]; 2: { perMin: number; others: number }[] } = { 1: [], 2: [] };
    for (let i = 0; i < ROUNDS; i++) for (const w of [1, 2] as const) rounds[w].push(await measure(warm[w].pool, epochs));
    const rate = (w: 1 | 2): Rate => {
      const perMin = median(rounds[w].map((r) => r.perMin));
      return { perMin, rounds: rounds[w].map((r) => r.perMin), otherCores: rounds[w].map((r) => r.others), warmupExtraMs: warm[w].ms - (warm[w].trials / perMin) * 60_000 };
    };
    return { 1: rate(1), 2: rate(2) };
  } finally {
    await Promise.all([warm[1].pool.close(), warm[2].pool.close()]);
  }
}

const PLURAL = { process: 'processes', thread: 'threads' } as const;

/** A rate's rounds (with the cores other processes used meanwhile) and what starting and warming up its workers cost beyond the steady state, for the log. */
function detail(r: Rate): string {
  const rounds = r.rounds.map((x, i) => `${x.toFixed(0)}${Number.isNaN(r.otherCores[i]) ? '' : ` (others ${r.otherCores[i].toFixed(2)} cores)`}`);
  return `rounds ${rounds.join(', ')}; start-up and warm-up: ${warmup(r)}`;
}

/** What a rate's start-up and warm-up cost beyond the steady state, for the table. */
function warmup(r: Rate): string {
  return `${(r.warmupExtraMs / 1000).toFixed(2)} s more`;
}

type Rates = Record<'process' | 'thread', { 1: Rate; 2: Rate }>;

/** One field of every rate, keyed as the rates are. */
function pick<K extends keyof Rate>(rates: Rates, key: K): Record<'process' | 'thread', { 1: Rate[K]; 2: Rate[K] }> {
  return { process: { 1: rates.process[1][key], 2: rates.process[2][key] }, thread: { 1: rates.thread[1][key], 2: rates.thread[2][key] } };
}

/** 2 workers' rate as a multiple of one's. */
function speedup(r: { 1: Rate; 2: Rate }): string {
  return `${(r[2].perMin / r[1].perMin).toFixed(2)}× one`;
}

/** Milliseconds per empty trial on one worker (a trial process, the default), between the first and the last finished trial (start-up excluded). */
async function msPerEmptyTrial(redis?: string): Promise<number> {
  const times: number[] = [];
  await runSearch({
    module: MODULE, grid: { lr: Array.from({ length: EMPTY }, (_, i) => i), epochs: [0], empty: [true] }, mode: 'min', workers: 1,
    redis, queue: redis ? `bench-${process.pid}` : undefined, queueTuning: redis ? { pollMs: 10 } : undefined,
    onTrial: () => times.push(performance.now()),
  });
  return (times[times.length - 1] - times[0]) / (times.length - 1);
}

/** Runs the search bench and writes results/search.{json,md}; returns the markdown. */
export async function searchBench(argv: string[], resultsDir: string): Promise<string> {
  const { values } = parseArgs({ args: argv, strict: true, options: { search: { type: 'boolean' }, epochs: { type: 'string' }, redis: { type: 'string' } } });
  const epochs = Number(values.epochs ?? 4);
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`--epochs: expected a positive integer, got "${values.epochs}"`);
  const load = loadavg()[0];
  console.log(`search bench: ${TRIALS} trials of ${epochs} epochs (2→64→3 MLP, 600 points); load average ${load.toFixed(1)} on ${availableParallelism()} cores`);
  const rates = {} as Rates;
  for (const isolation of ['process', 'thread'] as const) {
    const r = (rates[isolation] = await trialsPerMinute(isolation, epochs));
    console.log(`  1 worker ${isolation}:  ${r[1].perMin.toFixed(1)} trials/min (median; ${detail(r[1])})`);
    console.log(`  2 worker ${PLURAL[isolation]}: ${r[2].perMin.toFixed(1)} trials/min (${speedup(r)}${isolation === 'process' ? '; target ≥ 1.8×' : ''}; median; ${detail(r[2])})`);
  }
  const local = await msPerEmptyTrial();
  const own = values.redis ? undefined : await benchRedis();
  let queued = Number.NaN;
  try {
    if (values.redis || own) queued = await msPerEmptyTrial(values.redis ?? own!.url);
  } finally {
    own?.stop();
  }
  const overhead = Number.isNaN(queued) ? 'no redis-server: not measured' : `${queued.toFixed(1)} ms vs ${local.toFixed(1)} ms: the Redis path adds ${(queued - local).toFixed(1)} ms per trial`;
  console.log(`  per empty trial, one worker: ${overhead}`);
  const md = [
    `| what | value |`, `|---|---|`,
    `| trials/min, 1 worker process | ${rates.process[1].perMin.toFixed(1)} |`,
    `| trials/min, 2 worker processes | ${rates.process[2].perMin.toFixed(1)} (${speedup(rates.process)}, target ≥ 1.8×) |`,
    `| trials/min, 1 worker thread (isolation: 'thread') | ${rates.thread[1].perMin.toFixed(1)} |`,
    `| trials/min, 2 worker threads (isolation: 'thread') | ${rates.thread[2].perMin.toFixed(1)} (${speedup(rates.thread)}) |`,
    `| start-up and warm-up beyond the steady rate, processes (1 / 2 workers) | ${warmup(rates.process[1])} / ${warmup(rates.process[2])} |`,
    `| ms per empty trial, local process | ${local.toFixed(1)} |`, `| ms per empty trial, BullMQ on Redis | ${Number.isNaN(queued) ? '–' : queued.toFixed(1)} |`,
  ].join('\n');
  const meta = { date: new Date().toISOString(), cpu: cpus()[0]?.model, cores: availableParallelism(), loadAverage: load, node: process.version };
  writeFileSync(`${resultsDir}search.json`, `${JSON.stringify({ ...meta, trials: TRIALS, epochs, trialsPerMinute: pick(rates, 'perMin'), rounds: pick(rates, 'rounds'), otherCores: pick(rates, 'otherCores'), warmupExtraMs: pick(rates, 'warmupExtraMs'), msPerEmptyTrial: { local, redis: queued } }, null, 2)}\n`);
  writeFileSync(`${resultsDir}search.md`, `# Hyperparameter search speed\n\n${JSON.stringify(meta)}\n\n${md}\n`);
  return md;
}
