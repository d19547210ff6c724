import { ProgressBar } from '@mlpkit/train/node';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type PreparedData, loadData } from './data.js';
import { describeMlp } from './model.js';
import type { DemoOptions } from './options.js';
import { type CurvePoint, curveSpec, writeChart } from './plots.js';
import { type RunConfig, runTraining } from './run.js';

/** One configuration of a comparison, with its label and its data preparation. */
interface Variant {
  label: string;
  config: RunConfig;
  normalize?: DemoOptions['normalize'];
}

/** The slides' comparisons: each is a list of variants trained and tested the same way. */
function variants(options: DemoOptions): Variant[] {
  // The slides' width/depth runs: [-1, 1] inputs, cross-entropy, SGD lr 0.01.
  const sgd: RunConfig = { ...options.config, optimizer: 'sgd', lr: 0.01, momentum: 0 };
  switch (options.experiment) {
    case 'width':
      return [64, 256, 1024].map((w) => ({ label: `${w} nodes`, config: { ...sgd, hidden: [w] } }));
    case 'depth':
      return [1, 2, 3, 4].map((d) => ({ label: `${d} hidden layer${d > 1 ? 's' : ''}`, config: { ...sgd, hidden: Array(d).fill(256) } }));
    case 'sigmoid-sgd':
      return [
        { label: 'sigmoid + SGD, 1 layer', config: { ...sgd, activation: 'sigmoid', init: 'xavier', hidden: [128] } },
        { label: 'sigmoid + SGD, 7 layers', config: { ...sgd, activation: 'sigmoid', init: 'xavier', hidden: Array(7).fill(128) } },
        { label: 'ReLU + Adam, 7 layers', config: { ...options.config, optimizer: 'adam', lr: 1e-3, hidden: Array(7).fill(128) } },
      ];
    case 'no-norm':
      return [
        { label: 'raw 0..255', config: sgd, normalize: 'none' },
        { label: '[-1, 1]', config: sgd, normalize: 'pixels' },
        { label: 'z-score', config: sgd, normalize: 'zscore' },
      ];
    default:
      throw new Error(`unknown experiment ${options.experiment}`);
  }
}

/** Trains every variant, prints a table like the slides' (train and test accuracy) and plots validation accuracy. */
export async function compareVariants(options: DemoOptions): Promise<void> {
  const list = variants(options);
  const limit = options.limit ?? 10000;
  console.log(`experiment ${options.experiment}: ${list.length} configurations, ${limit} training images, ${options.config.epochs} epochs each`);
  const cache = new Map<string, PreparedData>();
  const points: CurvePoint[] = [];
  const rows: string[] = [];
  for (const v of list) {
    const normalize = v.normalize ?? options.normalize;
    if (!cache.has(normalize)) cache.set(normalize, await loadData({ normalize, limit, seed: v.config.seed, valFraction: 0.1 }));
    console.log(`\n${v.label}: MLP ${describeMlp(v.config)} ${v.config.activation}, ${v.config.optimizer} lr ${v.config.lr}, inputs ${normalize}`);
    const run = await runTraining(cache.get(normalize) as PreparedData, v.config, [new ProgressBar({ stream: process.stdout })]);
    const trainAcc = run.history.last?.accuracy ?? Number.NaN;
    for (const r of run.history.records) points.push({ epoch: r.epoch + 1, value: r.valAccuracy as number, series: v.label });
    const note = run.diverged ? `  diverged: ${run.diverged}` : '';
    const pct = (v: number): string => (Number.isNaN(v) ? '    –' : (v * 100).toFixed(1).padStart(5));
    rows.push(`${v.label.padEnd(26)} train ${pct(trainAcc)} %   test ${pct(run.testAccuracy)} %${note}`);
  }
  console.log(`\n${rows.join('\n')}`);
  await mkdir(options.outDir, { recursive: true });
  const base = join(options.outDir, `experiment-${options.experiment}`);
  await writeFile(`${base}.txt`, `${rows.join('\n')}\n`);
  console.log(`\nwrote:\n  ${await writeChart(curveSpec(`Validation accuracy: ${options.experiment}`, 'validation accuracy', points), base)}\n  ${base}.txt`);
}

/** Dispatches `--experiment NAME`. */
export async function runExperiment(options: DemoOptions): Promise<void> {
  if (options.experiment === 'search') {
    const { searchExperiment } = await import('./experiments/search.js');
    const { config, normalize, limit, outDir } = options;
    return void (await searchExperiment({ ...options.search, outDir, seed: config.seed, epochs: config.epochs, limit, hidden: config.hidden, normalize }));
  }
  if (options.experiment === 'lr-range' || options.experiment === 'init-stats') {
    const { runDiagnostic } = await import('./diagnostics.js');
    return runDiagnostic(options);
  }
  return compareVariants(options);
}
