import { describe, expect, it, vi } from 'vitest';
import type { GradRecorder } from './dispatch.js';

type Dispatch = typeof import('./dispatch.js');
type Random = typeof import('./random.js');

/** A fresh copy of the modules, as a second build (ESM beside CommonJS) of this package would be. */
async function freshCopy(): Promise<{ dispatch: Dispatch; random: Random }> {
  vi.resetModules();
  return { dispatch: await import('./dispatch.js'), random: await import('./random.js') };
}

describe('core state', () => {
  it('is one per process: two copies of the package share the backend, the recorder and the generator', async () => {
    const a = await freshCopy();
    const b = await freshCopy();
    expect(a.dispatch).not.toBe(b.dispatch);
    const before = { backend: a.dispatch.getBackend(), recorder: a.dispatch.getGradRecorder() };
    const recorder: GradRecorder = { record: () => undefined, backward: () => undefined };
    const backend = { ...before.backend, name: 'copy-test' };
    try {
      a.dispatch.setGradRecorder(recorder);
      a.dispatch.setBackend(backend);
      expect(b.dispatch.getGradRecorder()).toBe(recorder);
      expect(b.dispatch.getBackend().name).toBe('copy-test');
      a.random.manualSeed(7);
      const fromA = a.random.defaultGenerator().nextUint32();
      b.random.manualSeed(7);
      expect(b.random.defaultGenerator()).toBe(a.random.defaultGenerator());
      expect(b.random.defaultGenerator().nextUint32()).toBe(fromA);
    } finally {
      a.dispatch.setGradRecorder(before.recorder);
      a.dispatch.setBackend(before.backend);
    }
  });

  it('lives under the registered mlpkit.core-state.v2 symbol', async () => {
    const { dispatch } = await freshCopy();
    dispatch.getBackend();
    const state = (globalThis as unknown as Record<symbol, { backend: unknown }>)[Symbol.for('mlpkit.core-state.v2')];
    expect(state).toBeDefined();
    expect(Object.keys(state).sort()).toEqual(['backend', 'generator', 'memory', 'recorder']);
  });
});
