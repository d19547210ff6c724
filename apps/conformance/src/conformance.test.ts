import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlers } from './handlers/index.js';
import { fixtureFiles, runFile } from './runner.js';

const dir = resolve(__dirname, '../../../fixtures/pytorch');

// Files whose every case must be implemented; a package adds its file here when it covers it.
const complete = new Set(['ops.json', 'gradcheck.json', 'metrics.json', 'preprocessing.json', 'layers.json', 'optimizers.json', 'init.json', 'activations.json', 'losses.json', 'primitives.json']);

describe('PyTorch conformance (reference backend)', () => {
  for (const file of fixtureFiles(dir)) {
    const name = file.split('/').pop()!;
    it(`${name}: no case fails${complete.has(name) ? ' and every case is implemented' : ''}`, async () => {
      const summary = await runFile(file, handlers);
      const failures = summary.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.problems.join('; ')}`);
      expect(failures).toEqual([]);
      if (complete.has(name)) expect(summary.missing).toBe(0);
    });
  }
});
