// `pnpm demo --experiment search`: the slides' coarse random search (lr and reg in log space) on
// worker threads or a BullMQ queue, resumable from its JSONL file, poor trials stopped by ASHA.
import { availableParallelism } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SearchResult, formatResultsTable, logUniform, searchScatterSpec, summaryLine } from '@mlpkit/search';
import { runSearch } from '@mlpkit/search/node';
import type { TopLevelSpec } from 'vega-lite';
import { writeChart } from '../plots.js';

/** What the search experiment takes from the command line. */
export interface SearchExperimentOptions {
  /** Random configurations to try (default 10). */
  trials?: number;
  /** Worker threads here (default one per core); with `redis`, this process's own queue worker (0: none). */
  workers?: number;
  /** `redis://host:port`: run the trials on a BullMQ queue that `mlpkit-search worker` processes also serve. */
  redis?: string;
  /** Where `search.jsonl` (resumed when present), the table and the scatter plot go. */
  outDir: string;
  seed: number;
  /** Epochs per trial (at most 3 here: a coarse search uses short runs). */
  epochs: number;
  /** Training images per trial (default 5000). */
  limit?: number;
  hidden: readonly number[];
  normalize: 'pixels' | 'zscore' | 'none';
}

const MODULE = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './search-trial.ts' : './search-trial.js', import.meta.url));

/** Runs the search and prints each trial as the slides do, the ranked table, the plot's path, and last the summary line. */
export async function searchExperiment(o: SearchExperimentOptions): Promise<SearchResult> {
  const epochs = Math.min(o.epochs, 3);
  const space = {
    lr: logUniform(1e-4, 1), reg: logUniform(1e-5, 1e-1),
    epochs: [epochs], limit: [o.limit ?? 5000], hidden: [o.hidden[0] ?? 256], normalize: [o.normalize], dataSeed: [o.seed],
  };
  await mkdir(o.outDir, { recursive: true });
  const results = join(o.outDir, 'search.jsonl');
  const trials = o.trials ?? 10;
  console.log(`search: ${trials} trials of ${epochs} epoch${epochs > 1 ? 's' : ''} on ${o.limit ?? 5000} images, ` +
    `${o.redis ? `queue on ${o.redis} with ${o.workers ?? availableParallelism()} local threads` : `${o.workers ?? availableParallelism()} worker threads`}; results in ${results}`);
  const result = await runSearch({
    module: MODULE, space, trials, seed: o.seed, workers: o.workers, redis: o.redis, results,
    pruning: epochs > 1 ? { rule: 'asha', rungs: [1], reductionFactor: 3 } : undefined,
    onTrial: (t, done, total) => {
      const score = t.score === null ? t.status : `${t.score.toFixed(6)}${t.status === 'stopped' ? ' (stopped early)' : ''}`;
      console.log(`val_acc: ${score}, lr: ${(t.params.lr as number).toExponential(6)}, reg: ${(t.params.reg as number).toExponential(6)}, (${done} / ${total})`);
    },
  });
  const table = formatResultsTable(result, { top: 10 });
  console.log(`\n${table}\n`);
  await writeFile(join(o.outDir, 'search-table.txt'), `${table}\n`);
  if (result.trials.some((t) => t.score !== null)) {
    const spec = searchScatterSpec(result, 'lr', 'reg', { space, metric: 'valAccuracy' }) as unknown as TopLevelSpec;
    console.log(`wrote:\n  ${await writeChart(spec, join(o.outDir, 'search-scatter'))}\n  ${results}\n  ${join(o.outDir, 'search-table.txt')}`);
  }
  console.log(summaryLine(result));
  return result;
}
