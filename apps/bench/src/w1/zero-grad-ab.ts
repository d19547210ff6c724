import { median } from '../timing.js';
import type { W1Data } from './data.js';
import { mlpkitTrainer } from './mlpkit-trainer.js';
import { stepsPerEpoch } from './spec.js';

/** One A/B row: ms per step with gradients zeroed in place and with them set to null. */
export interface ZeroGradAB { threads: number; batch: number; inPlaceMs: number; nullMs: number; rounds: number }

/**
 * What zeroing gradients in place is worth on the wasm backend, measured so that machine
 * noise cancels: two W1 trainers in this one process, one per way of clearing gradients,
 * timed in alternating rounds of the same number of steps (each on its own backend, first in
 * turn); the median round of each.
 * Separate processes minutes apart were no use here: these machines drift by 2× between them.
 */
export async function zeroGradAB(data: W1Data, threads: number, batch: number, rounds: number): Promise<ZeroGradAB> {
  const inPlace = await mlpkitTrainer(data, 'wasm', threads);
  const nulled = await mlpkitTrainer(data, 'wasm', threads, { setToNone: true });
  try {
    const steps = Math.max(4, Math.round(stepsPerEpoch(data.count, batch) / 12));
    for (const t of [inPlace, nulled]) { t.activate(); await t.runSteps(batch, 0, 8); }
    const times: [number[], number[]] = [[], []];
    for (let round = 0; round < rounds; round++) {
      // Each round on its own trainer's backend (the active one is global), and in turn first,
      // so that neither always inherits the other's garbage.
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const t = [inPlace, nulled][i];
        t.activate();
        const r = await t.runSteps(batch, round + 1, steps);
        times[i].push((r.seconds * 1000) / r.steps);
      }
    }
    return { threads, batch, inPlaceMs: median(times[0]), nullMs: median(times[1]), rounds };
  } finally {
    inPlace.close();
    nulled.close();
  }
}

/** The A/B rows as Markdown. */
export function zeroGradMarkdown(rows: ZeroGradAB[]): string {
  return [
    '| threads | batch | zeroGrad(false), ms/step | zeroGrad(), ms/step | speed-up of in place |',
    '|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.threads} | ${r.batch} | ${r.inPlaceMs.toFixed(3)} | ${r.nullMs.toFixed(3)} | ${(r.nullMs / r.inPlaceMs).toFixed(2)}× |`),
  ].join('\n');
}
