import { classificationReport, confusionMatrix } from '@mlpkit/metrics';
import type { Sequential } from '@mlpkit/nn';
import { saveFile } from '@mlpkit/nn/node';
import { type Scaler, scalerToMetadata } from '@mlpkit/normalization';
import type { History } from '@mlpkit/train';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CurvePoint, confusionSpec, curveSpec, writeChart } from './plots.js';

/** `history` keys → points of a train / validation / test curve (whichever the history has). */
export function trainValPoints(history: History, key: string): CurvePoint[] {
  const cap = `${key[0].toUpperCase()}${key.slice(1)}`;
  const series: [string, string][] = [[key, 'train (running mean)'], [`val${cap}`, 'validation'], [`test${cap}`, 'test (monitoring only)']];
  return history.records.flatMap((r) => series.filter(([k]) => r[k] !== undefined).map(([k, label]) => ({ epoch: r.epoch + 1, value: r[k] as number, series: label })));
}

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
    await saveFile(modelPath, run.model.stateDict(), run.scaler ? scalerToMetadata(run.scaler, metadata) : metadata);
    written.push(modelPath);
  }
  written.push(await writeChart(curveSpec('Cross-entropy loss per epoch', 'loss', trainValPoints(run.history, 'loss')), join(outDir, 'loss')));
  written.push(await writeChart(curveSpec('Accuracy per epoch', 'accuracy', trainValPoints(run.history, 'accuracy')), join(outDir, 'accuracy')));
  written.push(await writeChart(confusionSpec(`Test confusion matrix (accuracy ${(run.testAccuracy * 100).toFixed(1)} %)`, run.matrix, run.classNames), join(outDir, 'confusion-matrix')));
  await writeFile(join(outDir, 'history.json'), `${JSON.stringify(run.history, null, 2)}\n`);
  await writeFile(join(outDir, 'report.txt'), `${run.description}\ntest accuracy ${run.testAccuracy.toFixed(4)}\n\n${run.report}\n${formatMatrix(run.matrix, run.classNames)}\n`);
  written.push(join(outDir, 'history.json'), join(outDir, 'report.txt'));
  return written;
}
