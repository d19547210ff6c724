import { getActivation } from '@mlpkit/activations';
import { DataLoader } from '@mlpkit/datasets';
import { kaimingNormal_, normal_, xavierNormal_ } from '@mlpkit/initializers';
import { crossEntropy } from '@mlpkit/losses';
import { Linear, Sequential } from '@mlpkit/nn';
import { Adam, SGD } from '@mlpkit/optimizers';
import { Generator, Tensor, manualSeed } from '@mlpkit/tensor';
import { activationStats, formatStatsTable, lrRangeTest } from '@mlpkit/train';
import type { TopLevelSpec } from 'vega-lite';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadData } from './data.js';
import { buildMlp } from './model.js';
import type { DemoOptions } from './options.js';
import { type CurvePoint, curveSpec, writeChart } from './plots.js';

/** The LR range test on the demo's MLP: loss against a geometrically growing learning rate. */
async function lrRange(options: DemoOptions): Promise<string[]> {
  const { config } = options;
  const data = await loadData({ normalize: options.normalize, limit: options.limit ?? 10000, seed: config.seed, valFraction: 0.1 });
  const model = buildMlp(config);
  const loader = new DataLoader(data.train, { batchSize: config.batchSize, shuffle: true, seed: config.seed });
  const makeOptimizer = config.optimizer === 'adam' ? (p: Tensor[]) => new Adam(p, { lr: 1 }) : (p: Tensor[]) => new SGD(p, { lr: 1, momentum: config.momentum });
  const r = lrRangeTest(model, loader, { loss: crossEntropy, makeOptimizer, startLr: 1e-6, endLr: 10, numIter: 200 });
  console.log(`LR range test (${config.optimizer}): ${r.lrs.length} steps from 1e-6${r.diverged ? `, loss exploded at lr ${r.lrs.at(-1)?.toExponential(1)}` : ''}`);
  console.log(`lowest loss at lr ${r.minLossLr.toExponential(1)}; steepest descent at lr ${r.suggestedLr.toExponential(1)} (a good starting learning rate)`);
  const spec: TopLevelSpec = {
    title: `LR range test (${config.optimizer}): suggested lr ${r.suggestedLr.toExponential(1)}`, width: 420, height: 260, background: 'white',
    data: { values: r.lrs.map((lr, i) => ({ lr, loss: r.losses[i] })) },
    layer: [
      { mark: 'line', encoding: { x: { field: 'lr', type: 'quantitative', scale: { type: 'log' }, title: 'learning rate (log)' }, y: { field: 'loss', type: 'quantitative', title: 'smoothed loss' } } },
      { data: { values: [{ lr: r.suggestedLr }] }, mark: { type: 'rule', color: 'firebrick', strokeDash: [4, 4] }, encoding: { x: { field: 'lr', type: 'quantitative' } } },
    ],
  };
  return [await writeChart(spec, join(options.outDir, 'lr-range-test'))];
}

/** The slides' 10-layer, 500-unit net on unit-Gaussian data: per-layer activation statistics per init. */
async function initStats(options: DemoOptions): Promise<string[]> {
  // The data's generator must differ from the weights' (manualSeed below): with the same seed
  // the first weight rows would be copies of the first input rows.
  const g = new Generator(options.config.seed + 7919);
  const x = new Tensor(Float32Array.from({ length: 1000 * 500 }, () => g.normal()), [1000, 500]);
  const inits: [string, string, (w: Tensor) => void][] = [
    ['tanh, N(0, 0.01²)', 'tanh', (w) => normal_(w, { std: 0.01 })],
    ['tanh, N(0, 1)', 'tanh', (w) => normal_(w, { std: 1 })],
    ['tanh, Xavier', 'tanh', (w) => xavierNormal_(w)],
    ['ReLU, Xavier', 'relu', (w) => xavierNormal_(w)],
    ['ReLU, He', 'relu', (w) => kaimingNormal_(w, { nonlinearity: 'relu' })],
  ];
  const points: CurvePoint[] = [];
  const report: string[] = [];
  for (const [label, act, init] of inits) {
    manualSeed(options.config.seed);
    const model = new Sequential();
    for (let i = 0; i < 10; i++) {
      const layer = new Linear(500, 500, { bias: false });
      init(layer.weight);
      model.append(layer).append(getActivation(act));
    }
    const stats = activationStats(model, x).filter((s) => !s.layer.startsWith('Linear'));
    stats.forEach((s, i) => points.push({ epoch: i + 1, value: s.std, series: label }));
    report.push(`${label}:\n${formatStatsTable(stats.map((s, i) => ({ ...s, name: `hidden layer ${i + 1}`, layer: '' })))}`);
  }
  console.log(report.join('\n\n'));
  const file = join(options.outDir, 'init-stats.txt');
  await writeFile(file, `${report.join('\n\n')}\n`);
  const spec = curveSpec('Activation std per layer (10 layers × 500 units)', 'std of layer output', points);
  (spec as { encoding: { x: { title: string } } }).encoding.x.title = 'hidden layer';
  return [await writeChart(spec, join(options.outDir, 'init-stats')), file];
}

/** Runs `--experiment lr-range | init-stats`. */
export async function runDiagnostic(options: DemoOptions): Promise<void> {
  await mkdir(options.outDir, { recursive: true });
  const run = { 'lr-range': lrRange, 'init-stats': initStats }[options.experiment as 'lr-range' | 'init-stats'];
  const written = await run(options);
  console.log(`\nwrote:\n  ${written.join('\n  ')}`);
}
