// One stage of `--experiment search` (coarse or fine): a random search over lr and reg on worker
// threads or a BullMQ queue, printed as the slides print it, resumable from its own JSONL file.
import { availableParallelism } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Distribution, type SearchResult, type Space, formatResultsTable, summaryLine } from '@mlpkit/search';
import { runSearch } from '@mlpkit/search/node';

/** Which stage: the coarse one samples the slides' wide ranges, the fine one the range around the coarse stage's best trials. */
export type SearchStage = 'coarse' | 'fine';

/** How a stage runs, besides its space. */
export interface StageOptions {
  trials: number;
  /** Seeds the sampling and the trials (the stages use different seeds, so the fine draws are not the coarse ones rescaled). */
  seed: number;
  workers?: number;
  redis?: string;
  outDir: string;
  /** Epochs after which ASHA compares the trials and stops the poor ones (none: every trial runs to the end). */
  ashaRungs: readonly number[];
}

const MODULE = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './search-trial.ts' : './search-trial.js', import.meta.url));

/** A log-uniform range in the slides' notation: `10**uniform(-4, -3)`. */
export function slideRange(d: Distribution<unknown>): string {
  const exponent = (x: number): number => Number(Math.log10(x).toFixed(2));
  return `10**uniform(${exponent(d.low as number)}, ${exponent(d.high as number)})`;
}

/** A number as Python's `%e` prints it, as on the slides: `1.405206e-04`. */
function sci(x: number): string {
  return x.toExponential(6).replace(/e([+-])(\d)$/, (_, sign: string, digit: string) => `e${sign}0${digit}`);
}

/** The stage's trial line, as the slides print it: `val_acc: 0.412000, lr: 1.405206e-04, reg: 4.793564e-01, (1 / 100)`. */
function trialLine(t: SearchResult['trials'][number], done: number, total: number): string {
  const score = t.score === null ? t.status : `${t.score.toFixed(6)}${t.status === 'stopped' ? ' (stopped early)' : ''}`;
  return `val_acc: ${score}, lr: ${sci(t.params.lr as number)}, reg: ${sci(t.params.reg as number)}, (${done} / ${total})`;
}

/**
 * Runs one stage: prints a heading naming the stage and its ranges, each newly finished trial in the
 * slides' format, the ranked table and the stage's summary line; results in `search-<stage>.jsonl`
 * (a rerun resumes it) and the table in `search-<stage>-table.txt`.
 */
export async function runStage(stage: SearchStage, space: Space, o: StageOptions): Promise<SearchResult> {
  const epochs = (space.epochs as readonly number[])[0];
  const results = join(o.outDir, `search-${stage}.jsonl`);
  const workers = o.workers ?? availableParallelism();
  const where = `${o.redis ? `queue on ${o.redis} with ${workers} local` : workers} trial process${workers === 1 ? '' : 'es'}`;
  console.log(`\n${stage} stage: lr = ${slideRange(space.lr as Distribution<unknown>)}, reg = ${slideRange(space.reg as Distribution<unknown>)}; `
    + `${o.trials} trials of ${epochs} epoch${epochs > 1 ? 's' : ''} on ${(space.limit as readonly number[])[0]} images, ${where}; results in ${results}`);
  // A rung at the last epoch would only relabel finished trials as stopped.
  const rungs = o.ashaRungs.filter((r) => r < epochs);
  const result = await runSearch({
    module: MODULE, space, trials: o.trials, seed: o.seed, workers: o.workers, redis: o.redis, results,
    pruning: rungs.length > 0 ? { rule: 'asha', rungs, reductionFactor: 3 } : undefined,
    onTrial: (t, done, total) => console.log(trialLine(t, done, total)),
  });
  const table = formatResultsTable(result, { top: 10 });
  console.log(`\n${table}\n`);
  await writeFile(join(o.outDir, `search-${stage}-table.txt`), `${table}\n`);
  console.log(`${stage} stage: ${summaryLine(result)}`);
  return result;
}
