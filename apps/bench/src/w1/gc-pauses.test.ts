import { describe, expect, it } from 'vitest';
import { watchGcPauses } from './gc-pauses.js';

describe('watchGcPauses', () => {
  it('counts the collections of a loop that allocates and never yields', async () => {
    const watch = watchGcPauses();
    let kept = 0;
    // 400 arrays of 4 MB: V8 must collect to free them (external memory pressure).
    for (let i = 0; i < 400; i++) kept += new Float32Array(1 << 20).length;
    const pauses = await watch.stop();
    expect(kept).toBe(400 << 20);
    expect(pauses.count).toBeGreaterThan(0);
    expect(pauses.ms).toBeGreaterThan(0);
  });

  it('leaves out collections after the window that arrive while it waits for the entries', async () => {
    const watch = watchGcPauses();
    const stopped = watch.stop(); // the window ends here; the entries are read 50 ms later
    for (let i = 0; i < 400; i++) new Float32Array(1 << 20).fill(1);
    expect(await stopped).toEqual({ ms: 0, count: 0 });
  });
});
