import { loadW1Data } from './data.js';
import { type MlpkitBackendName, mlpkitTrainer } from './mlpkit-trainer.js';

/** Options of the flat-memory check. */
export interface MemoryOptions {
  epochs: number; images: number; batch: number; threads: number; backend: MlpkitBackendName;
  /** Each step in a step scope, its memory reused by the next (the bench's `step scope` rows). */
  stepScope: boolean;
}

/** What the flat-memory check measured. */
export interface MemoryResult extends MemoryOptions {
  /** RSS (MiB) after each epoch; index 0 is after the first. */
  rssMiB: number[];
  /** Wasm memory bytes after the first and the last epoch. */
  wasmBytes: [number, number];
  /** Last epoch's RSS over the first's. */
  growth: number;
  finalLoss: number;
  seconds: number;
}

const mib = (bytes: number) => bytes / 2 ** 20;

/**
 * Trains W1 on `backend` for `epochs` epochs of the first `images` training images,
 * never disposing anything (as users do), and records the process RSS after every epoch.
 * Memory is flat when the last epoch's RSS is within 10 % of the first's.
 */
export async function memoryCheck(options: MemoryOptions, log: (line: string) => void): Promise<MemoryResult> {
  const data = await loadW1Data(options.images);
  const t = await mlpkitTrainer(data, options.backend, options.threads, { stepScope: options.stepScope });
  const rssMiB: number[] = [];
  let wasmFirst = 0, loss = NaN;
  const t0 = performance.now();
  for (let e = 0; e < options.epochs; e++) {
    const r = await t.runSteps(options.batch, e, Infinity);
    loss = r.lossSum / r.steps;
    rssMiB.push(mib(process.memoryUsage.rss()));
    if (e === 0) wasmFirst = t.wasmBytes;
    if (e === 0 || (e + 1) % 10 === 0) log(`epoch ${e + 1}: RSS ${rssMiB[e].toFixed(1)} MiB, wasm memory ${mib(t.wasmBytes).toFixed(1)} MiB, loss ${loss.toFixed(4)}`);
  }
  const wasmLast = t.wasmBytes;
  t.close();
  return {
    ...options, rssMiB, wasmBytes: [wasmFirst, wasmLast], growth: rssMiB[rssMiB.length - 1] / rssMiB[0],
    finalLoss: loss, seconds: (performance.now() - t0) / 1000,
  };
}

/** The check's outcome as Markdown. */
export function memoryMarkdown(r: MemoryResult): string {
  const max = Math.max(...r.rssMiB.slice(1));
  return [
    `W1 on mlpkit ${r.backend}${r.stepScope ? ', step scope' : ''} (${r.threads} thr), ${r.epochs} epochs of the first ${r.images} training images at batch ${r.batch} (${r.seconds.toFixed(0)} s), nothing disposed:`,
    '',
    '| RSS after epoch 1 | RSS after last epoch | largest RSS after epoch 1 | last ÷ first | wasm memory first → last | final loss |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${r.rssMiB[0].toFixed(1)} MiB | ${r.rssMiB[r.rssMiB.length - 1].toFixed(1)} MiB | ${max.toFixed(1)} MiB | ${r.growth.toFixed(3)} | ${mib(r.wasmBytes[0]).toFixed(1)} → ${mib(r.wasmBytes[1]).toFixed(1)} MiB | ${r.finalLoss.toFixed(4)} |`,
    '',
    `Flat memory (last within 10 % of first): **${r.growth <= 1.1 ? 'yes' : 'NO'}**.`,
  ].join('\n');
}
