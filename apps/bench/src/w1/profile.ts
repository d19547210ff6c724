import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openblasEnv } from '../openblas-env.js';
import type { W1Data } from './data.js';
import { watchGcPauses } from './gc-pauses.js';
import { profiledBackend } from './kernel-profile.js';
import { type MlpkitBackendName, type MlpkitTrainer, mlpkitTrainer } from './mlpkit-trainer.js';
import { INFERENCE_BATCH, stepsPerEpoch } from './spec.js';

/** One profile table: a backend, thread count and batch size, the steps to time, and whether each step runs in a step scope. */
export interface ProfileSpec { backend: MlpkitBackendName; threads: number; batch: number; steps: number; stepScope: boolean }

/** `mlpkit blas, step scope, batch 1024, 2 threads`: what a table or its skip line is about. */
function title({ backend, threads, batch, stepScope }: ProfileSpec): string {
  return `mlpkit ${backend}${stepScope ? ', step scope' : ''}, batch ${batch}, ${threads} thread${threads > 1 ? 's' : ''}`;
}

/**
 * Where one training step's time goes on a backend: per kernel (primitive and shapes), per
 * phase (batch gathering, forward + loss, backward, optimizer step), and the main thread's
 * garbage-collection pauses within those phases, as Markdown.
 */
export async function profileSteps(data: W1Data, spec: ProfileSpec): Promise<string> {
  const { backend, threads, batch, steps, stepScope } = spec;
  let handle: ReturnType<typeof profiledBackend> | null = null;
  const t = await mlpkitTrainer(data, backend, threads, { wrap: (b) => (handle = profiledBackend(b)).backend, stepScope });
  await t.runSteps(batch, 0, 8);
  handle!.reset();
  Object.assign(t.phases, { batch: 0, forward: 0, backward: 0, step: 0 });
  const gc = watchGcPauses();
  const r = await t.runSteps(batch, 1, steps);
  const pauses = await gc.stop();
  const kernels = handle!.times();
  // At batch 1024, the inference target's workload too (batches of INFERENCE_BATCH images).
  const inference = batch === INFERENCE_BATCH ? await profileInference(t, handle!, steps) : [];
  t.close();
  const stepMs = (r.seconds * 1000) / r.steps;
  const per = (ms: number) => ms / r.steps;
  const pct = (ms: number) => `${((100 * per(ms)) / stepMs).toFixed(1)} %`;
  const kernelMs = kernels.reduce((s, k) => s + k.ms, 0);
  const lines = [
    `${title(spec)}: ${stepMs.toFixed(3)} ms per step over ${r.steps} steps (${((stepMs * stepsPerEpoch(data.count, batch)) / 1000).toFixed(2)} s per epoch of ${data.count} images)`,
    '',
    '| where | ms per step | share |',
    '|---|---:|---:|',
    ...Object.entries(t.phases).map(([k, ms]) => `| phase: ${k} | ${per(ms).toFixed(3)} | ${pct(ms)} |`),
    `| all kernels | ${per(kernelMs).toFixed(3)} | ${pct(kernelMs)} |`,
    // Inside the phases above (wherever a collection struck), not on top of them.
    `| garbage collection, main thread (${pauses.count} pauses, within the phases) | ${per(pauses.ms).toFixed(3)} | ${pct(pauses.ms)} |`,
    ...kernels.filter((k) => per(k.ms) >= 0.002).map((k) => `| ${k.key} (${k.calls / r.steps}×) | ${per(k.ms).toFixed(3)} | ${pct(k.ms)} |`),
    ...inference,
  ];
  return lines.join('\n');
}

/** `count` inference batches after training, as the bench's inference row runs them: time per batch and per kernel, as Markdown lines. */
async function profileInference(t: MlpkitTrainer, handle: ReturnType<typeof profiledBackend>, count: number): Promise<string[]> {
  handle.reset();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await t.infer((i * INFERENCE_BATCH) % (t.count - INFERENCE_BATCH + 1));
  const batchMs = (performance.now() - t0) / count;
  const kernels = handle.times();
  const kernelMs = kernels.reduce((s, k) => s + k.ms, 0) / count;
  return [
    '',
    `Inference after training, batch ${INFERENCE_BATCH}: ${batchMs.toFixed(3)} ms per batch (${Math.round((INFERENCE_BATCH * 1000) / batchMs).toLocaleString('en-US')} img/s) over ${count} batches`,
    '',
    '| where | ms per batch | share |',
    '|---|---:|---:|',
    `| all kernels | ${kernelMs.toFixed(3)} | ${((100 * kernelMs) / batchMs).toFixed(1)} % |`,
    ...kernels.map((k) => `| ${k.key} (${k.calls / count}×) | ${(k.ms / count).toFixed(3)} | ${((100 * k.ms) / count / batchMs).toFixed(1)} % |`),
  ];
}

const CHILD = fileURLToPath(new URL('./profile-child.ts', import.meta.url));

/**
 * {@link profileSteps} in a child process: a fresh heap for each table, and for the blas
 * backend the same OpenBLAS environment as the bench's rows (read when the library loads).
 * A backend that cannot start gives a line that says why instead of a table.
 */
export function profileInChild(spec: ProfileSpec): string {
  const env = spec.backend === 'blas' ? openblasEnv(spec.threads) : process.env;
  const run = spawnSync(process.execPath, [...process.execArgv, CHILD, JSON.stringify(spec)], { env, encoding: 'utf8', timeout: 600_000 });
  const last = run.stdout?.trim().split('\n').pop() ?? '';
  if (run.status === 0 && last.startsWith('"')) return JSON.parse(last) as string;
  const why = (run.stderr || String(run.error ?? 'failed')).trim().split('\n').pop() ?? 'failed';
  return `${title(spec)}: skipped: ${why.slice(0, 300)}`;
}
