import { describe, expect, it } from 'vitest';
import { parseOptions } from '../options.js';
import { checkExperimentFlags } from './experiment-flags.js';
import { runExperiment } from './run-experiment.js';

describe('--experiment NAME refuses the flags it does not read', () => {
  it('names the unread flags and the ones it reads', () => {
    expect(() => checkExperimentFlags('depth', ['seed', 'limit'], new Set(['experiment', 'quick', 'lr', 'optimizer'])))
      .toThrow("pnpm demo: --experiment depth does not read --lr, --optimizer: it runs at the slides' settings (its \"settings:\" line says which); it reads --seed, --limit besides --quick and --out");
    expect(() => checkExperimentFlags('backprop', [], new Set(['seed']))).toThrow('--experiment backprop does not read --seed: it runs at the slides\' settings (its "settings:" line says which); it reads only --quick and --out');
    expect(() => checkExperimentFlags('depth', ['seed', 'limit'], new Set(['experiment', 'quick', 'out', 'help', 'seed', 'limit']))).not.toThrow();
  });

  it('before the experiment runs: --experiment depth --lr 0.5, --experiment search --backend blas', async () => {
    await expect(runExperiment(parseOptions(['--experiment', 'depth', '--quick', '--lr', '0.5'], '/nonexistent/out'))).rejects.toThrow('--experiment depth does not read --lr');
    await expect(runExperiment(parseOptions(['--experiment', 'search', '--backend', 'blas'], '/nonexistent/out'))).rejects.toThrow('--experiment search does not read --backend');
  });
});
