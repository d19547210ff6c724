import { spawnSync } from 'node:child_process';
import { locateIdxDataset } from '@mlpkit/datasets/node';
import { FASHION_MNIST } from '@mlpkit/datasets';
import { fileURLToPath } from 'node:url';
import type { ChildSpec } from './child.js';
import { openblasEnv } from '../openblas-env.js';
import { type EpochPlan, W1_LR, type W1Result } from './spec.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const TORCH_SCRIPT = fileURLToPath(new URL('./torch_w1.py', import.meta.url));
const TIMEOUT_MS = 15 * 60_000;

function lastJson(stdout: string): W1Result {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as W1Result;
}

function failure(system: string, threads: number, why: string): W1Result {
  return { system, threads, epochs: [], inferenceImagesPerSecond: NaN, peakRssMiB: NaN, note: why.slice(0, 160) };
}

/** The Node flag that keeps V8's garbage collector off the BLAS threads' cores (see {@link runNodeSystem}). */
const SINGLE_THREADED_GC = '--single-threaded-gc';

/**
 * Runs one JavaScript system in a child Node process with this process's loader flags (tsx);
 * mlpkit blas with the same OpenBLAS environment as PyTorch's rows. `singleThreadedGc` adds
 * Node's `--single-threaded-gc` and names the row after it: with the BLAS on every core, V8's
 * concurrent marking otherwise takes a core from one BLAS thread (backend-blas's README).
 */
export function runNodeSystem(spec: ChildSpec, { singleThreadedGc = false } = {}): W1Result {
  const env = spec.system === 'mlpkit blas' ? openblasEnv(spec.threads) : process.env;
  const flags = singleThreadedGc ? [SINGLE_THREADED_GC] : [];
  const run = spawnSync(process.execPath, [...process.execArgv, ...flags, CHILD, JSON.stringify(spec)], { encoding: 'utf8', timeout: TIMEOUT_MS, env });
  const tag = (system: string) => (singleThreadedGc ? `${system}, node ${SINGLE_THREADED_GC}` : system);
  if (run.status !== 0) return failure(tag(spec.system), spec.threads, (run.stderr || String(run.error ?? 'failed')).trim().split('\n').slice(-3).join(' '));
  const result = lastJson(run.stdout);
  return { ...result, system: tag(result.system) };
}

/** PyTorch through /usr/bin/python3 when `import torch` works there, in {@link openblasEnv}. */
export async function runTorch(threads: number, plans: EpochPlan[], inferenceSeconds: number): Promise<W1Result> {
  const env = openblasEnv(threads);
  let paths;
  try {
    ({ paths } = await locateIdxDataset(FASHION_MNIST));
  } catch (error) {
    return failure('PyTorch', threads, `no Fashion-MNIST files: ${String(error)}`);
  }
  const spec = { threads, plans, inferenceSeconds, lr: W1_LR, images: paths.trainImages, labels: paths.trainLabels };
  const run = spawnSync('/usr/bin/python3', [TORCH_SCRIPT, JSON.stringify(spec)], { env, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (run.status !== 0) {
    const why = (run.stderr || String(run.error ?? 'failed')).trim().split('\n').pop() ?? 'failed';
    return failure('PyTorch', threads, `unavailable: ${why}`);
  }
  return lastJson(run.stdout);
}
