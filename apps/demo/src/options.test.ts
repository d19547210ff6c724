// The command line and the model it builds: every flag checked at parse time, before any work.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildMlp } from './model.js';
import { parseOptions, wantsHelp } from './options.js';

describe('pnpm demo options', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads a relative --out from where pnpm demo was called, not from apps/demo where it runs', () => {
    // pnpm runs the script in apps/demo and keeps the caller's directory in INIT_CWD.
    vi.stubEnv('INIT_CWD', '/repo');
    expect(parseOptions(['--out', 'runs/a'], '/default/out').outDir).toBe('/repo/runs/a');
    expect(parseOptions(['--out', '/abs/b'], '/default/out').outDir).toBe('/abs/b');
    expect(parseOptions([], '/default/out').outDir).toBe('/default/out');
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
    expect(parseOptions(['--backend', 'blas', '--threads', '1'], '/out')).toMatchObject({ backend: 'blas', threads: 1 });
    expect(parseOptions([], '/out').threads).toBeUndefined();
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
    [['--threads', '0'], '--threads: expected an integer >= 1, got "0"'],
    [['--backend', 'reference', '--threads', '2'], '--threads sets the wasm or blas backend\'s threads; the reference backend runs on one and takes none'],
    [['--trials', '5'], '--trials: flags of --experiment search, which this run is not'],
    [['--experiment', 'depth', '--workers', '2', '--redis', 'redis://x'], '--workers, --redis: flags of --experiment search'],
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

});

describe('pnpm demo --help', () => {
  it('wins over the other flags and their values, not over a flag that does not exist', () => {
    expect(wantsHelp(['--trials', '5', '--help'])).toBe(true);
    expect(wantsHelp(['--epochs', 'zero', '--help'])).toBe(true);
    expect(wantsHelp(['--trials', '5'])).toBe(false);
    expect(() => parseOptions(['--trials', '5'], '/tmp/out')).toThrow('--trials: flags of --experiment search');
    expect(() => wantsHelp(['--bogus', '--help'])).toThrow(/pnpm demo: .*bogus.*\(see pnpm demo --help\)/);
  });
});
