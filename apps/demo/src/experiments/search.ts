// `pnpm demo --experiment search`: the slides' coarse-then-fine random search over lr and reg in log
// space. The coarse stage samples wide ranges with short runs; the fine stage samples, with longer
// runs, the ranges `coarseToFine` draws around the coarse stage's best trials. Each stage resumes
// from its own JSONL file; poor coarse trials are stopped by ASHA.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Distribution, type SearchResult, type Space, type TrialRecord, coarseToFine, logUniform, searchResult, summaryLine } from '@mlpkit/search';
import { writePlot } from '@mlpkit/plot/node';
import type { Normalization } from '../data.js';
import type { Experiment } from './experiment.js';
import { twoStageScatterSpec } from './search-plot.js';
import { runStage, slideRange } from './search-stage.js';

/** What the search experiment takes from the command line. */
export interface SearchExperimentOptions {
  /** Random configurations per stage (default 10). */
  trials?: number;
  /** Worker threads here (default one per core); with `redis`, this process's own queue worker (0: none). */
  workers?: number;
  /** `redis://host:port`: run the trials on a BullMQ queue that `mlpkit-search worker` processes also serve. */
  redis?: string;
  /** Where `search-coarse.jsonl` and `search-fine.jsonl` (resumed when present), the tables and the scatter plot go. */
  outDir: string;
  seed: number;
  /** Epochs per fine trial; the coarse stage runs at most {@link COARSE_EPOCHS} of them. */
  epochs: number;
  /** Training images per trial (default 5000, a fifth of them held out for validation). */
  limit?: number;
  hidden: readonly number[];
  normalize: Normalization;
}

/** Epochs of a coarse trial at most: the slides' first stage uses "only a few epochs". */
export const COARSE_EPOCHS = 3;
/** Epochs of a fine trial by default: the slides' second stage has a "longer running time". */
export const FINE_EPOCHS = 5;
/** The fine ranges cover the coarse stage's best TOP trials, widened by MARGIN of their span on each side (in log space). */
const NARROW = { top: 3, margin: 0.25 };

/** Both stages' results, and all trials as one result (fine trials numbered after the coarse ones, each with a `stage` param). */
export interface TwoStageResult {
  coarse: SearchResult;
  /** Undefined when no coarse trial scored, so there was nothing to narrow around. */
  fine: SearchResult | undefined;
  fineSpace: Space | undefined;
  all: SearchResult;
}

function tagged(trials: TrialRecord[], stage: string, offset: number): TrialRecord[] {
  return trials.map((t) => ({ ...t, index: t.index + offset, params: { ...t.params, stage } }));
}

/** Runs the coarse stage, then the fine one, prints each as the slides do, writes the scatter of both, and last prints the summary line of both. */
export async function searchExperiment(o: SearchExperimentOptions): Promise<TwoStageResult> {
  const limit = o.limit ?? 5000;
  const fixed = { limit: [limit], hidden: [o.hidden[0] ?? 256], normalize: [o.normalize], dataSeed: [o.seed] };
  const coarseSpace = { lr: logUniform(1e-4, 1), reg: logUniform(1e-5, 1e-1), epochs: [Math.min(o.epochs, COARSE_EPOCHS)], ...fixed };
  await mkdir(o.outDir, { recursive: true });
  const stage = { trials: o.trials ?? 10, workers: o.workers, redis: o.redis, outDir: o.outDir };
  // The coarse stage stops the worse two thirds of its trials after one epoch (ASHA); the fine stage runs
  // every trial to the end, so that its longer runs are what its trials are compared on.
  const coarse = await runStage('coarse', coarseSpace, { ...stage, seed: o.seed, ashaRungs: [1] });
  let fine: SearchResult | undefined;
  let fineSpace: Space | undefined;
  if (coarse.trials.some((t) => t.score !== null)) {
    // Derived from the coarse results alone (read back from their file on a rerun), so a resumed fine stage samples the same space.
    fineSpace = { ...coarseToFine(coarseSpace, coarse, NARROW), epochs: [o.epochs] };
    fine = await runStage('fine', fineSpace, { ...stage, seed: o.seed + 1, ashaRungs: [] });
  } else {
    console.log('\nfine stage: skipped, no coarse trial has a score to narrow the ranges around');
  }
  const all = searchResult([...tagged(coarse.trials, 'coarse', 0), ...tagged(fine?.trials ?? [], 'fine', coarse.trials.length)],
    coarse.counts.resumed + (fine?.counts.resumed ?? 0), 'max');
  if (all.trials.some((t) => t.score !== null)) {
    const files = await writePlot(twoStageScatterSpec(all, coarseSpace, fineSpace), join(o.outDir, 'search-scatter'));
    console.log(`\nwrote:\n  ${files.join('\n  ')}`);
  }
  console.log(summaryLine(all));
  return { coarse, fine, fineSpace, all };
}

function describeBest(result: SearchResult | undefined): string {
  const best = result?.best;
  if (!best || best.score === null) return 'no trial scored';
  return `val_acc ${best.score.toFixed(6)} at lr ${(best.params.lr as number).toExponential(2)}, reg ${(best.params.reg as number).toExponential(2)}`;
}

/** Where the best fine trial lies in the fine range, as a share of each log range; the slides find a best lr at its range's edge "worrying". */
function edgeCheck(r: TwoStageResult): string {
  const best = r.fine?.best;
  if (!best || !r.fineSpace) return 'no fine trial scored';
  const share = (key: 'lr' | 'reg'): number => {
    const d = r.fineSpace?.[key] as Distribution<unknown>;
    return (Math.log10(best.params[key] as number) - Math.log10(d.low as number)) / (Math.log10(d.high as number) - Math.log10(d.low as number));
  };
  const [lr, reg] = [share('lr'), share('reg')];
  const edge = [lr, reg].some((s) => s < 0.1 || s > 0.9);
  return `lr at ${(100 * lr).toFixed(0)} %, reg at ${(100 * reg).toFixed(0)} %: ${edge ? 'at an edge, so search again with the range moved' : 'inside the range'}`;
}

/** `--experiment search` in the demo's experiment registry: the two stages above at the slides' settings, or a smoke run with --quick. */
const experiment: Experiment = {
  title: 'the slides\' coarse-then-fine random search over lr and reg in log space (slides 3, "Hyperparameter optimization")',
  // Trials train on their own one-thread wasm backends, in worker threads or on other machines: --backend and --threads are not read.
  flags: ['seed', 'limit', 'epochs', 'trials', 'workers', 'redis'],
  settings: (quick) => (quick
    ? '3 trials per stage of 1 epoch on 1 500 images, 1 worker'
    : `10 trials per stage (--trials N): coarse of ${COARSE_EPOCHS} epochs, then fine of ${FINE_EPOCHS} epochs (--epochs N) around the ${NARROW.top} best coarse trials; `
      + '5 000 images (1 000 held out for validation), 784-256-10, SGD momentum 0.9; ASHA stops poor coarse trials after 1 epoch'),
  async run(ctx) {
    const o = ctx.options;
    const r = await searchExperiment({
      ...o.search, outDir: ctx.outDir, seed: ctx.seed, hidden: [256], normalize: 'pixels',
      trials: o.search.trials ?? (ctx.quick ? 3 : undefined), workers: o.search.workers ?? (ctx.quick ? 1 : undefined),
      epochs: o.given.has('epochs') ? o.config.epochs : ctx.quick ? 1 : FINE_EPOCHS, limit: o.given.has('limit') ? o.limit : ctx.quick ? 1500 : undefined,
    });
    const fineRange = r.fineSpace ? `lr = ${slideRange(r.fineSpace.lr as Distribution<unknown>)}, reg = ${slideRange(r.fineSpace.reg as Distribution<unknown>)}` : 'no fine stage';
    return {
      comparison: [
        { what: 'best coarse trial', slides: 'val_acc 0.482 at lr 4.30e-4, reg 6.64e-1 (best of the 11 trials printed; CIFAR-10, their net)', ours: describeBest(r.coarse) },
        { what: 'fine ranges', slides: 'lr = 10**uniform(-4, -3), reg = 10**uniform(-4, 0)', ours: fineRange },
        { what: 'best fine trial', slides: 'val_acc 0.531 at lr 9.47e-4, reg 1.43e-3', ours: describeBest(r.fine) },
        { what: 'best fine in its range', slides: 'lr at 98 %, reg at 29 %: at an edge ("worrying")', ours: edgeCheck(r) },
      ],
      explanation: 'A coarse random search samples the learning rate and the regularization on log scales and trains each configuration briefly; '
        + 'the fine search then samples, with longer runs, only the ranges around the coarse stage\'s best trials (the dashed box in the scatter). '
        + 'A best fine trial at the edge of its range, as the slides\' lr 9.47e-4 in [1e-4, 1e-3], means the best value may lie outside it: move the range and search again. '
        + 'The slides\' numbers are for CIFAR-10; on Fashion-MNIST the accuracies are higher and the good learning rates larger, but the shape of the result (a band of good lr, reg mattering less) is the same.',
      written: ['png', 'svg'].map((e) => join(ctx.outDir, `search-scatter.${e}`))
        .concat(['coarse', 'fine'].flatMap((s) => [join(ctx.outDir, `search-${s}.jsonl`), join(ctx.outDir, `search-${s}-table.txt`)])),
    };
  },
};
export default experiment;
