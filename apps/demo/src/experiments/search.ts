// `pnpm demo --experiment search`: the slides' coarse random search (lr and reg in log space) on
// worker threads or a BullMQ queue, resumable from its JSONL file, poor trials stopped by ASHA.
import { availableParallelism } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SearchResult, formatResultsTable, logUniform, searchScatterSpec, summaryLine } from '@mlpkit/search';
import { runSearch } from '@mlpkit/search/node';
import type { PlotSpec } from '@mlpkit/plot';
import { writePlot } from '@mlpkit/plot/node';
import type { Normalization } from '../data.js';
import type { Experiment } from './experiment.js';

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
  normalize: Normalization;
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
    const spec = searchScatterSpec(result, 'lr', 'reg', { space, metric: 'valAccuracy' }) as unknown as PlotSpec;
    console.log(`wrote:\n  ${(await writePlot(spec, join(o.outDir, 'search-scatter'))).join('\n  ')}\n  ${results}\n  ${join(o.outDir, 'search-table.txt')}`);
  }
  console.log(summaryLine(result));
  return result;
}

/** `--experiment search` in the demo's experiment registry: the search above at the slides' settings, or a smoke run with --quick. */
const experiment: Experiment = {
  title: 'the slides\' coarse random search over lr and reg in log space (slides 3, "Hyperparameter optimization")',
  settings: (quick) => (quick ? '3 trials of 1 epoch on 1 500 images, 1 worker thread' : '10 trials (--trials N) of up to 3 epochs on 5 000 images, 784-256-10, SGD momentum 0.9'),
  async run(ctx) {
    const o = ctx.options;
    const result = await searchExperiment({
      ...o.search, outDir: ctx.outDir, seed: ctx.seed, hidden: [256], normalize: 'pixels',
      trials: o.search.trials ?? (ctx.quick ? 3 : undefined), workers: o.search.workers ?? (ctx.quick ? 1 : undefined),
      epochs: o.given.has('epochs') ? o.config.epochs : ctx.quick ? 1 : 3, limit: o.given.has('limit') ? o.limit : ctx.quick ? 1500 : undefined,
    });
    const scored = result.trials.filter((t) => t.score !== null).sort((a, b) => (b.score as number) - (a.score as number));
    const best = scored[0];
    return {
      comparison: [{
        what: 'best trial', slides: 'coarse: best val_acc 0.412; fine: 0.531 at lr 9.47e-4, reg 1.43e-3 (CIFAR-10, their net)',
        ours: best ? `val_acc ${(best.score as number).toFixed(6)}, lr ${(best.params.lr as number).toExponential(2)}, reg ${(best.params.reg as number).toExponential(2)}` : 'no trial finished',
      }],
      explanation: 'A coarse random search samples the learning rate and the regularization on log scales, trains each configuration briefly, and keeps the best; '
        + 'the scatter shows where the good region lies, so a finer search can sample inside it. '
        + 'The slides\' numbers are for CIFAR-10; on Fashion-MNIST the accuracies are higher and the good learning rates larger, but the shape of the result (a band of good lr, reg mattering less) is the same.',
      written: [join(ctx.outDir, 'search-scatter.png'), join(ctx.outDir, 'search-scatter.svg'), join(ctx.outDir, 'search.jsonl'), join(ctx.outDir, 'search-table.txt')],
    };
  },
};
export default experiment;
