import { summary } from '@mlpkit/nn';
import { ProgressBar } from '@mlpkit/train/node';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { babysittingChecks } from './checks.js';
import { loadData } from './data.js';
import { buildMlp, describeModel } from './model.js';
import type { DemoOptions } from './options.js';
import { formatMatrix, testReport, writeOutputs } from './outputs.js';
import { describeTraining, runTraining } from './run.js';

/** The default demo: train one MLP, report on the test set, write plots and the model; resolves to the exit code. */
export async function trainMain(options: DemoOptions): Promise<number> {
  const { config } = options;
  const t = performance.now();
  const data = await loadData({ normalize: options.normalize, limit: options.limit, seed: config.seed, valFraction: options.valFraction });
  console.log(`data: Fashion-MNIST, ${data.train.length} training${data.val ? ` / ${data.val.length} validation` : ''} / ${data.test.length} test images, ` +
    `normalization ${options.normalize} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  const description = `MLP ${describeModel(config)}; ${describeTraining(config)}`;
  console.log(`model: ${description}, cross-entropy loss`);
  summary(buildMlp(config), [config.batchSize, 784]);
  for (const line of babysittingChecks(data, config)) console.log(line);
  // --quick skips the per-epoch test curve (a third of its time); the final test is on all 10 000 images either way.
  // A checkpoint after every epoch, so a killed run continues with --resume.
  await mkdir(options.outDir, { recursive: true });
  const checkpoint = join(options.outDir, 'training-checkpoint.safetensors');
  if (options.resume) console.log(`resuming from ${checkpoint}`);
  const run = await runTraining(data, { ...config, checkpoint, resume: options.resume }, { callbacks: [new ProgressBar({ stream: process.stdout })], monitorTest: !options.quick });
  console.log(`training took ${run.seconds.toFixed(1)} s; initial loss ${run.history.initialLoss?.toFixed(4)} (ln 10 = ${Math.log(10).toFixed(4)})`);
  console.log(`\ntest accuracy: ${(run.testAccuracy * 100).toFixed(2)} % on all ${data.test.length} test images  (test loss ${run.testLoss.toFixed(4)})\n`);
  const { matrix, text } = testReport(run.actual, run.predicted, data.classNames);
  console.log(text);
  console.log(formatMatrix(matrix, data.classNames));
  const written = await writeOutputs(options.outDir, {
    model: run.model, history: run.history, scaler: data.scaler, classNames: data.classNames,
    matrix, report: text, testAccuracy: run.testAccuracy, description, diverged: run.diverged,
  });
  console.log(`\nwrote:\n  ${written.join('\n  ')}`);
  if (!run.diverged) return 0;
  console.error(`\ntraining DIVERGED: ${run.diverged}\nthe model was not saved; an earlier model.safetensors is kept. Exit status 2.`);
  return 2;
}
