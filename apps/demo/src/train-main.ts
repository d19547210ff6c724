import { summary } from '@mlpkit/nn';
import { ProgressBar } from '@mlpkit/train/node';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { babysittingChecks } from './checks.js';
import { loadData } from './data.js';
import { buildMlp, describeMlp } from './model.js';
import type { DemoOptions } from './options.js';
import { formatMatrix, testReport, writeOutputs } from './outputs.js';
import { runTraining } from './run.js';

/** The default demo: train one MLP, report on the test set, write plots and the model. */
export async function trainMain(options: DemoOptions): Promise<void> {
  const { config } = options;
  let t = performance.now();
  const data = await loadData({ normalize: options.normalize, limit: options.limit, seed: config.seed, valFraction: 0.1 });
  console.log(`data: Fashion-MNIST, ${data.train.length} train / ${data.val.length} validation / ${data.test.length} test images, ` +
    `normalization ${options.normalize} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  const description = `MLP ${describeMlp(config)} (${config.activation}, ${config.init} init), ${config.optimizer} lr ${config.lr}` +
    `${config.optimizer === 'sgd' && config.momentum ? ` momentum ${config.momentum}` : ''}, batch ${config.batchSize}, ${config.epochs} epochs`;
  console.log(`model: ${description}, cross-entropy loss`);
  summary(buildMlp(config), [config.batchSize, 784]);
  for (const line of babysittingChecks(data, config)) console.log(line);
  t = performance.now();
  // A checkpoint after every epoch, so a killed run continues with --resume.
  await mkdir(options.outDir, { recursive: true });
  const checkpoint = join(options.outDir, 'training-checkpoint.safetensors');
  if (options.resume) console.log(`resuming from ${checkpoint}`);
  const run = await runTraining(data, { ...config, checkpoint, resume: options.resume }, [new ProgressBar({ stream: process.stdout })]);
  console.log(`training took ${((performance.now() - t) / 1000).toFixed(1)} s; initial loss ${run.history.initialLoss?.toFixed(4)} (ln 10 = ${Math.log(10).toFixed(4)})`);
  if (run.diverged) console.log(`training diverged: ${run.diverged}`);
  console.log(`\ntest accuracy: ${(run.testAccuracy * 100).toFixed(2)} %  (test loss ${run.testLoss.toFixed(4)})\n`);
  const { matrix, text } = testReport(run.actual, run.predicted, data.classNames);
  console.log(text);
  console.log(formatMatrix(matrix, data.classNames));
  const written = await writeOutputs(options.outDir, {
    model: run.model, history: run.history, scaler: data.scaler, classNames: data.classNames,
    matrix, report: text, testAccuracy: run.testAccuracy, description, diverged: run.diverged,
  });
  if (run.diverged) console.log('\nthe model was not saved because training diverged; an earlier model.safetensors is kept');
  console.log(`\nwrote:\n  ${written.join('\n  ')}`);
}
