import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DemoOptions } from '../options.js';
import { writePlot } from '@mlpkit/plot/node';
import type { Comparison, Experiment, ExperimentContext } from './experiment.js';
import { checkExperimentFlags } from './experiment-flags.js';
import { EXPERIMENTS, type ExperimentName } from './index.js';

/** The comparison as a table: what, the slides' number, ours. */
export function formatComparison(rows: readonly Comparison[]): string {
  if (rows.length === 0) return '';
  const w = [Math.max(4, ...rows.map((r) => r.what.length)), Math.max(6, ...rows.map((r) => r.slides.length))];
  if (rows.some((r) => r.exact)) {
    const e = Math.max(5, ...rows.map((r) => (r.exact ?? '').length));
    return [`${'what'.padEnd(w[0])}  ${'slides'.padEnd(w[1])}  ${'exact'.padEnd(e)}  ours at the slide's digits`,
      ...rows.map((r) => `${r.what.padEnd(w[0])}  ${r.slides.padEnd(w[1])}  ${(r.exact ?? '').padEnd(e)}  ${r.ours}`)].join('\n');
  }
  return [`${'what'.padEnd(w[0])}  ${'slides'.padEnd(w[1])}  ours`, ...rows.map((r) => `${r.what.padEnd(w[0])}  ${r.slides.padEnd(w[1])}  ${r.ours}`)].join('\n');
}

/** Loads `--experiment NAME` and refuses the flags it does not read: cli.ts calls it before it loads a backend. */
export async function loadExperiment(options: DemoOptions): Promise<Experiment> {
  const name = options.experiment as ExperimentName;
  const experiment = (await EXPERIMENTS[name]()).default;
  checkExperimentFlags(name, experiment.flags, options.given);
  return experiment;
}

/** Runs `--experiment NAME`: prints its settings, the slides' numbers beside ours and what they show; resolves to the exit code. */
export async function runExperiment(options: DemoOptions): Promise<number> {
  const name = options.experiment as ExperimentName;
  const experiment = await loadExperiment(options);
  await mkdir(options.outDir, { recursive: true });
  console.log(`experiment ${name}: ${experiment.title}`);
  console.log(`settings: ${experiment.settings(options.quick)}`);
  // An exact worked example runs the same with --quick (its settings say so): its numbers are still the slides'.
  const smaller = experiment.settings(true) !== experiment.settings(false);
  if (options.quick && smaller) console.log('--quick: a smoke-sized run; its numbers are NOT the slides\' (run without --quick for those).');
  const ctx: ExperimentContext = {
    options, quick: options.quick, seed: options.config.seed, outDir: options.outDir,
    plot: (spec, file) => writePlot(spec, join(options.outDir, file)),
  };
  const t0 = performance.now();
  const outcome = await experiment.run(ctx);
  const seconds = (performance.now() - t0) / 1000;
  const table = formatComparison(outcome.comparison);
  const text = `${table}\n\n${outcome.explanation}\n`;
  console.log(`\n${text}`);
  const txt = join(options.outDir, `experiment-${name}.txt`);
  await writeFile(txt, `pnpm demo --experiment ${name}${options.quick ? ' --quick' : ''} (seed ${options.config.seed}, ${seconds.toFixed(0)} s)\n${text}`);
  console.log(`took ${seconds.toFixed(1)} s; wrote:\n  ${[...outcome.written, txt].join('\n  ')}`);
  if (!outcome.failed) return 0;
  console.error(`\nFAILED: ${outcome.failed}`);
  return 2;
}
