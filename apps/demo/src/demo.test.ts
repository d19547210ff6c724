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
import { parseOptions } from './options.js';
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

  it('parses flags with the recipe\'s defaults', () => {
    const o = parseOptions([], '/out');
    expect(o.config).toMatchObject({
      optimizer: 'adam', lr: 1e-3, batchSize: 128, epochs: 20, hidden: [512, 256], activation: 'relu', init: 'he',
      batchnorm: true, dropout: 0.2, scheduler: 'cosine', weightDecay: 0, labelSmoothing: 0,
    });
    expect(o).toMatchObject({ normalize: 'pixels', limit: undefined, valFraction: 0 });
    expect(parseOptions(['--quick'], '/out')).toMatchObject({ limit: 6000, config: { epochs: 2 } });
    expect(parseOptions(['--optimizer', 'sgd', '--hidden', '64,64', '--no-batchnorm'], '/out').config).toMatchObject({ lr: 0.01, hidden: [64, 64], batchnorm: false });
    const knobs = parseOptions(['--dropout', '0.5', '--scheduler', 'step', '--weight-decay', '1e-4', '--label-smoothing', '0.1', '--normalize', 'minmax', '--activation', 'maxout'], '/out');
    expect(knobs.config).toMatchObject({ dropout: 0.5, scheduler: 'step', weightDecay: 1e-4, labelSmoothing: 0.1, activation: 'maxout' });
    expect(knobs.normalize).toBe('minmax');
    expect(parseOptions(['--activation', 'prelu'], '/out').config.activation).toBe('prelu');
  });

  it.each([
    [['--epochs', '-1'], '--epochs: expected an integer >= 1, got "-1"'],
    [['--epochs', '1.5'], '--epochs: expected an integer >= 1, got "1.5"'],
    [['--batch-size', '0'], '--batch-size: expected an integer >= 1, got "0"'],
    [['--hidden', '256,,256'], '--hidden: expected an integer >= 1, got ""'],
    [['--hidden', '256,'], '--hidden: expected an integer >= 1, got ""'],
    [['--dropout', '1'], '--dropout: expected a probability in [0, 1), got "1"'],
    [['--lr', '-0.1'], '--lr: expected a number > 0, got "-0.1"'],
    [['--scheduler', 'linear'], '--scheduler: expected one of cosine, step, none, got "linear"'],
    [['--normalize', 'unit'], '--normalize: expected one of pixels, minmax, zscore, none, got "unit"'],
    [['--optimizer', 'lbfgs'], '--optimizer: expected one of adam, adamw, sgd, got "lbfgs"'],
    [['--activation', 'relu7'], '--activation: expected one of sigmoid,'],
    [['--patience', '3'], '--patience watches validation accuracy'],
    [['--epoch', '3'], "Unknown option '--epoch'"],
  ])('refuses %j before any work', (argv, message) => {
    expect(() => parseOptions(argv, '/out')).toThrow(message);
  });

  it('builds the recipe as Linear → BatchNorm1d → ReLU → Dropout, and Maxout with k× the units', () => {
    const recipe = buildMlp({ hidden: [512, 256], activation: 'relu', init: 'he', batchnorm: true, dropout: 0.2, seed: 0 });
    expect(recipe.namedChildren().map(([, m]) => String(m).split('(')[0])).toEqual(
      ['Linear', 'BatchNorm1d', 'ReLU', 'Dropout', 'Linear', 'BatchNorm1d', 'ReLU', 'Dropout', 'Linear']);
    const maxout = buildMlp({ hidden: [8], activation: 'maxout', init: 'he', seed: 0 });
    expect(maxout.namedParameters().map(([n, p]) => `${n}:${p.shape.join('x')}`)).toEqual(['0.weight:16x784', '0.bias:16', '2.weight:10x8', '2.bias:10']);
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
