import { classificationReport, confusionMatrix } from '@mlpkit/metrics';
import type { Sequential } from '@mlpkit/nn';
import type { Scaler } from '@mlpkit/normalization';
import { saveModelFile } from '@mlpkit/normalization/node';
import { confusionMatrixSpec, trainingCurvesSpec } from '@mlpkit/plot';
import { writePlot } from '@mlpkit/plot/node';
import type { History } from '@mlpkit/train';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeOnnx } from './predict-onnx.js';

/** The confusion matrix as rows of counts, and the text report. */
export function testReport(actual: Int32Array, predicted: Int32Array, classNames: readonly string[]): { matrix: number[][]; text: string } {
  const matrix = confusionMatrix(actual, predicted, { numClasses: classNames.length }).tolist() as number[][];
  const text = classificationReport(actual, predicted, { numClasses: classNames.length, targetNames: classNames, digits: 3 });
  return { matrix, text };
}

/** Prints a confusion matrix with short class names as headers. */
export function formatMatrix(matrix: number[][], classNames: readonly string[]): string {
  const short = classNames.map((n) => n.slice(0, 7));
  const w = Math.max(7, ...matrix.flat().map((v) => String(v).length)) + 1;
  const head = `${'actual\\pred'.padEnd(12)}${short.map((s) => s.padStart(w)).join('')}`;
  return [head, ...matrix.map((row, i) => `${short[i].padEnd(12)}${row.map((v) => String(v).padStart(w)).join('')}`)].join('\n');
}

/** Everything the demo writes for one trained model; returns the paths written. */
export async function writeOutputs(outDir: string, run: {
  model: Sequential; history: History; scaler: Scaler | null; classNames: readonly string[];
  matrix: number[][]; report: string; testAccuracy: number; description: string;
  /** A diverged run's weights are not saved, so a good model.safetensors from an earlier run survives. */
  diverged?: string | null;
}): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const metadata: Record<string, string> = {
    architecture: run.description, testAccuracy: run.testAccuracy.toFixed(4), classNames: JSON.stringify(run.classNames),
  };
  if (!run.diverged) {
    const modelPath = join(outDir, 'model.safetensors');
    await saveModelFile(modelPath, run.model, { scaler: run.scaler ?? undefined, metadata });
    written.push(modelPath, await writeOnnx(outDir, run.model, run.scaler));
  }
  // The train curve is the running mean over each epoch's batches (dropout on); test is evaluated after each epoch, for the picture only.
  const labels = { train: 'train (running mean over the epoch)', test: 'test (after each epoch; nothing selected on it)' };
  if (run.history.records.length > 0) {
    written.push((await writePlot(trainingCurvesSpec(run.history, 'loss', { title: 'Cross-entropy loss per epoch', labels }), join(outDir, 'loss')))[0]);
    written.push((await writePlot(trainingCurvesSpec(run.history, 'accuracy', { title: 'Accuracy per epoch', labels }), join(outDir, 'accuracy')))[0]);
  }
  written.push((await writePlot(confusionMatrixSpec(run.matrix, run.classNames, { title: `Test confusion matrix (accuracy ${(run.testAccuracy * 100).toFixed(2)} %)` }), join(outDir, 'confusion-matrix')))[0]);
  await writeFile(join(outDir, 'history.json'), `${JSON.stringify(run.history, null, 2)}\n`);
  await writeFile(join(outDir, 'report.txt'), `${run.description}\ntest accuracy ${run.testAccuracy.toFixed(4)}\n\n${run.report}\n${formatMatrix(run.matrix, run.classNames)}\n`);
  written.push(join(outDir, 'history.json'), join(outDir, 'report.txt'));
  return written;
}
