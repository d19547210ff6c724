import { median } from '../timing.js';
import type { EpochFigure, W1Result } from './spec.js';

/** One run of one system: a key that names it across rounds, and how to run it. */
export interface RoundJob {
  key: string;
  run: () => W1Result | Promise<W1Result>;
}

/**
 * Runs every job `rounds` times, round after round, each round starting one job further on
 * (round r runs jobs r, r+1, …, wrapping), so that no system always runs first or right after
 * the same neighbour. A burst of load from elsewhere on a shared machine then lands on one round
 * of several systems instead of on every figure of one, and {@link mergeRounds} drops it.
 * Returns each key's results in round order; `onResult` sees each as it arrives.
 */
export async function runRounds(jobs: RoundJob[], rounds: number, onResult: (r: W1Result, round: number) => void): Promise<Map<string, W1Result[]>> {
  const byKey = new Map<string, W1Result[]>(jobs.map((j) => [j.key, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[(round + i) % jobs.length];
      const result = await job.run();
      byKey.get(job.key)!.push(result);
      onResult(result, round);
    }
  }
  return byKey;
}

/** The per-round figures of one batch size merged: the median of the rounds' times, their mean loss. */
function mergeFigures(figures: EpochFigure[]): EpochFigure {
  const seconds = median(figures.map((f) => f.seconds));
  const loss = figures.reduce((s, f) => s + f.loss, 0) / figures.length;
  return { batch: figures[0].batch, seconds, method: figures[0].method, count: figures[0].count, loss, rounds: figures.length };
}

/**
 * One system's results over several rounds as one result: per batch size and for inference,
 * the median of the rounds' figures; the largest peak RSS. A round that failed (no figures) is
 * left out, with its note kept; when every round failed, the first result stands.
 */
export function mergeRounds(results: W1Result[]): W1Result {
  const ok = results.filter((r) => r.epochs.length > 0);
  if (ok.length === 0) return results[0];
  const batches = [...new Set(ok.flatMap((r) => r.epochs.map((e) => e.batch)))];
  const failed = results.length - ok.length;
  return {
    ...ok[0],
    epochs: batches.map((b) => mergeFigures(ok.flatMap((r) => r.epochs.filter((e) => e.batch === b)))),
    inferenceImagesPerSecond: median(ok.map((r) => r.inferenceImagesPerSecond)),
    peakRssMiB: Math.max(...ok.map((r) => r.peakRssMiB)),
    ...(failed ? { note: `${failed} of ${results.length} rounds failed: ${results.find((r) => r.epochs.length === 0)?.note ?? ''}` } : {}),
  };
}
