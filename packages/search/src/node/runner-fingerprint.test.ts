import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runnerFingerprint } from './runner-fingerprint.js';
import { fingerprint, loadTrialModule } from './trial-module.js';

const MODULE = fileURLToPath(new URL('./toy-trial.test-helper.ts', import.meta.url));
const BROKEN = fileURLToPath(new URL('./broken-trial.test-helper.ts', import.meta.url));
afterEach(() => {
  delete process.env.MLPKIT_SEARCH_BROKEN;
});

describe('runnerFingerprint', { timeout: 60_000 }, () => {
  it('takes the fingerprint of the module and its data in a trial process or thread, the same as here', async () => {
    const here = await fingerprint(MODULE, await loadTrialModule(MODULE));
    expect(await runnerFingerprint('process', MODULE)).toBe(here);
    expect(await runnerFingerprint('thread', MODULE)).toBe(here);
  });

  it('rejects naming the module and the cause when it cannot be loaded, and does not run its setup()', async () => {
    await expect(runnerFingerprint('process', BROKEN)).rejects.toThrow(`could not load the trial module ${BROKEN}: ENOENT: data/train.csv is missing`);
    process.env.MLPKIT_SEARCH_BROKEN = 'setup';
    expect(await runnerFingerprint('thread', BROKEN)).toMatch(/^[0-9a-f]{16}$/);
  });
});
