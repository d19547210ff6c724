import { describe, expect, it } from 'vitest';
import { OPENBLAS_THREAD_TIMEOUT, shortenOpenblasSpin } from './openblas-thread-timeout.js';

describe('shortenOpenblasSpin', () => {
  it('sets OpenBLAS\'s thread timeout where the environment has none', () => {
    const env: NodeJS.ProcessEnv = {};
    shortenOpenblasSpin(env);
    expect(env.OPENBLAS_THREAD_TIMEOUT).toBe(OPENBLAS_THREAD_TIMEOUT);
  });

  it("keeps the user's own setting", () => {
    const env: NodeJS.ProcessEnv = { OPENBLAS_THREAD_TIMEOUT: '28' };
    shortenOpenblasSpin(env);
    expect(env.OPENBLAS_THREAD_TIMEOUT).toBe('28');
  });
});
