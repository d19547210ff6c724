import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryReportStore, makeReporter } from '../pruning.js';
import { toSpecs } from '../space.js';
import { ProcessPool } from './process-pool.js';
import { isAlive, marksOf, until } from './processes.test-helper.js';

const MODULE = fileURLToPath(new URL('./toy-trial.test-helper.ts', import.meta.url));
const marks = mkdtempSync(join(tmpdir(), 'mlpkit-pool-'));
afterAll(() => {
  delete process.env.MLPKIT_SEARCH_MARKS;
  rmSync(marks, { recursive: true, force: true });
});

describe('ProcessPool', { timeout: 120_000 }, () => {
  it('keeps its processes between trials, and close() kills them', async () => {
    process.env.MLPKIT_SEARCH_MARKS = marks;
    const pool = new ProcessPool(2, MODULE, makeReporter(undefined, 'min', new MemoryReportStore()));
    const specs = toSpecs([{ lr: 0.1 }, { lr: 0.2 }, { lr: 0.3 }, { lr: 0.4 }], 0);
    const records = await Promise.all(specs.map((s) => pool.run(s)));
    expect(records.map((r) => [r.index, r.status])).toEqual([[0, 'ok'], [1, 'ok'], [2, 'ok'], [3, 'ok']]);
    const pids = [...new Set(marksOf(marks).map((m) => m.pid))];
    expect(pids).toHaveLength(2);
    expect(pids.filter(isAlive)).toHaveLength(2);
    await pool.close();
    expect(pids.filter(isAlive)).toEqual([]);
    await expect(pool.run(specs[0])).rejects.toThrow(/^search: run: the trial pool is closed/);
  });

  for (const signal of ['SIGKILL', 'SIGTERM'] as const)
    it(`fails the trial of a process killed by ${signal} alone (not Ctrl-C) and runs the one waiting there in a new process`, async () => {
      const dir = mkdtempSync(join(marks, 'kill-'));
      process.env.MLPKIT_SEARCH_MARKS = dir;
      const pool = new ProcessPool(1, MODULE, makeReporter(undefined, 'min', new MemoryReportStore()));
      try {
        expect(pool.capacity).toBe(2);
        const [a, b] = toSpecs([{ lr: 0.1, waitMs: 60_000 }, { lr: 0.2 }], 0).map((s) => pool.run(s));
        // Trial 1 was sent to the process while it runs trial 0: kill the process in the middle of trial 0.
        const { pid } = await until('trial 0 to start', () => marksOf(dir).find((m) => m.index === 0));
        process.kill(pid, signal);
        expect(await a).toMatchObject({ index: 0, status: 'failed', error: `the trial's process was killed by ${signal}` });
        expect(await b).toMatchObject({ index: 1, status: 'ok' });
        const ran = marksOf(dir).filter((m) => m.index === 1);
        expect(ran).toHaveLength(1);
        expect(ran[0].pid).not.toBe(pid);
      } finally {
        await pool.close();
      }
    });
});
