import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { toSpecs } from '../space.js';
import type { FromRunner, ToRunner } from './trial-messages.js';
import { serveTrials } from './trial-runner.js';

const MODULE = fileURLToPath(new URL('./toy-trial.test-helper.ts', import.meta.url));
// serveTrials marks its process as a trial runner; this one is not.
afterAll(() => void delete (globalThis as Record<symbol, unknown>)[Symbol.for('@mlpkit/search trial runner')]);

describe('serveTrials', { timeout: 30_000 }, () => {
  it('runs the trials sent one after another in order, and gives back one not started when asked', async () => {
    const got: FromRunner[] = [];
    let handler: (msg: ToRunner) => void = () => undefined;
    let settle: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (settle = resolve));
    serveTrials({
      post: (msg) => {
        got.push(msg);
        if (msg.type === 'report') handler({ type: 'decision', id: msg.id, stop: null });
        if (got.filter((m) => m.type === 'done' || m.type === 'cancelled').length === 4) settle();
      },
      listen: (h) => (handler = h),
    }, MODULE);
    const specs = toSpecs([{ lr: 0.1, epochs: 2 }, { lr: 0.2, epochs: 2 }, { lr: 0.3, epochs: 2 }, { lr: 0.4, epochs: 2 }], 0);
    for (const spec of specs) handler({ type: 'run', spec });
    handler({ type: 'cancel', index: 2 });
    await finished;
    const ends = got.flatMap((m) => (m.type === 'done' ? [`done ${m.record.index} ${m.record.status}`] : m.type === 'cancelled' ? [`cancelled ${m.index}`] : []));
    expect(ends).toEqual(['cancelled 2', 'done 0 ok', 'done 1 ok', 'done 3 ok']);
    // Each trial starts, reports, then sends its record, and no two trials interleave.
    const order = got.flatMap((m) => (m.type === 'started' || m.type === 'report' ? [`${m.type} ${m.index}`] : m.type === 'done' ? [`done ${m.record.index}`] : []));
    expect(order).toEqual([0, 1, 3].flatMap((i) => [`started ${i}`, `report ${i}`, `report ${i}`, `done ${i}`]));
  });
});
