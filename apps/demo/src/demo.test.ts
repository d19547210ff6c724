// Smoke test of the demo's pieces on a tiny synthetic "Fashion-MNIST" (no files, a second or two).
import { TensorDataset } from '@mlpkit/datasets';
import { loadFile } from '@mlpkit/nn/node';
import { PixelScaler, scalerFromMetadata } from '@mlpkit/normalization';
import { Generator } from '@mlpkit/tensor';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { babysittingChecks } from './checks.js';
import type { PreparedData } from './data.js';
import { buildMlp } from './model.js';
import { testReport, writeOutputs } from './outputs.js';
import { type RunConfig, runTraining } from './run.js';

const classNames = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

/** n images of 784 pixels in [-1, 1] whose class shows as a bright band, so a model can learn it. */
function tinySet(n: number, seed: number): TensorDataset {
  const g = new Generator(seed);
  const x = new Float32Array(n * 784);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 10;
    for (let p = 0; p < 784; p++) x[i * 784 + p] = (Math.floor(p / 78.4) === y[i] ? 0.8 : -0.8) + 0.3 * g.normal();
  }
  return new TensorDataset(x, y, { featureShape: [784], numClasses: 10, classNames });
}

const data: PreparedData = { train: tinySet(200, 1), val: null, test: tinySet(50, 3), scaler: new PixelScaler({ featureRange: [-1, 1] }), classNames };
const config: RunConfig = { hidden: [32], activation: 'relu', init: 'he', seed: 0, optimizer: 'adam', lr: 1e-3, momentum: 0, batchSize: 32, epochs: 2 };
let dir = '';
afterAll(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

describe('demo pieces', () => {
  it('builds the slides\' MLP shape', () => {
    const model = buildMlp({ hidden: [256], activation: 'relu', init: 'he', seed: 0 });
    expect(model.namedParameters().map(([n, p]) => `${n}:${p.shape.join('x')}`)).toEqual(['0.weight:256x784', '0.bias:256', '2.weight:10x256', '2.bias:10']);
  });

  it('runs the checks, trains, reports and writes every output file', async () => {
    const checks = babysittingChecks(data, config);
    expect(checks[0]).toMatch(/^check: initial loss \d\.\d{4}, expected ln\(10\) = 2\.3026/);
    expect(checks.at(-1)).toMatch(/^check: overfit 20 examples: accuracy 100\.0 %/);

    const run = await runTraining(data, config);
    expect(run.history.length).toBe(2);
    expect(run.diverged).toBeNull();
    expect(run.testAccuracy).toBeGreaterThan(0.5);
    const { matrix, text } = testReport(run.actual, run.predicted, classNames);
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(50);
    expect(text).toContain('accuracy');

    dir = await mkdtemp(join(tmpdir(), 'mlpkit-demo-'));
    const written = await writeOutputs(dir, { ...run, scaler: data.scaler, classNames, matrix, report: text, description: 'tiny' });
    expect(written.map((p) => p.slice(dir.length + 1))).toEqual(['model.safetensors', 'model.onnx', 'loss.png', 'accuracy.png', 'confusion-matrix.png', 'history.json', 'report.txt']);
    const png = await readFile(join(dir, 'loss.png'));
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(await readFile(join(dir, 'loss.svg'), 'utf8')).toContain('Cross-entropy loss per epoch');
    const saved = await loadFile(join(dir, 'model.safetensors'));
    expect(scalerFromMetadata(saved.metadata)?.type).toBe('PixelScaler');
    expect(saved.metadata.classNames).toBe(JSON.stringify(classNames));
    // A diverged run keeps the earlier model file untouched.
    const before = await readFile(join(dir, 'model.safetensors'));
    const again = await writeOutputs(dir, { ...run, scaler: data.scaler, classNames, matrix, report: text, description: 'tiny', diverged: 'fit: loss became NaN' });
    expect(again).not.toContain(join(dir, 'model.safetensors'));
    expect(again).not.toContain(join(dir, 'model.onnx'));
    expect((await readFile(join(dir, 'model.safetensors'))).equals(before)).toBe(true);
    const fresh = buildMlp({ ...config, seed: 9 });
    fresh.loadStateDict(saved.tensors);
    expect(Array.from(fresh.stateDict()['2.bias'].data)).toEqual(Array.from(run.model.stateDict()['2.bias'].data));
  });
});
