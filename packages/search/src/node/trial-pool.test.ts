import { describe, expect, it, vi } from 'vitest';
import { MemoryReportStore, makeReporter } from '../pruning.js';
import { type TrialSpec, toSpecs } from '../space.js';
import type { TrialRecord } from '../trial-record.js';
import type { ToRunner } from './trial-messages.js';
import { TrialNotRunError } from './trial-not-run-error.js';
import { KILL_GRACE_MS, type RunnerEvents, TrialPool, type TrialPoolOptions } from './trial-pool.js';

/** A runner in memory that runs its trials in the order sent, each when the test says so. */
interface FakeRunner {
  sent: ToRunner[];
  /** Sent and not finished, first one running. */
  queue: TrialSpec[];
  events: RunnerEvents;
  finish(): void;
  stopped: boolean;
}

function fakePool(size: number, options: TrialPoolOptions = {}): { pool: TrialPool; runners: FakeRunner[] } {
  const runners: FakeRunner[] = [];
  const pool = new TrialPool(size, makeReporter(undefined, 'min', new MemoryReportStore()), (events) => {
    const r: FakeRunner = {
      sent: [], queue: [], events, stopped: false,
      finish() {
        const spec = r.queue.shift()!;
        events.message({ type: 'done', record: { ...spec, status: 'ok', score: spec.index, reports: {}, ms: 1, worker: String(runners.indexOf(r)) } });
      },
    };
    runners.push(r);
    return {
      send(msg) {
        r.sent.push(msg);
        if (msg.type === 'run') r.queue.push(msg.spec);
        const i = msg.type === 'cancel' ? r.queue.findIndex((s) => s.index === msg.index) : -1;
        // Only a trial that waits (not the first, which runs) can be taken back.
        if (i > 0) queueMicrotask(() => events.message({ type: 'cancelled', index: r.queue.splice(i, 1)[0].index }));
      },
      stop: async () => void (r.stopped = true),
    };
  }, options);
  return { pool, runners };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const runs = (r: FakeRunner) => r.sent.flatMap((m) => (m.type === 'run' ? [m.spec.index] : []));

describe('TrialPool', () => {
  it('sends each runner its next trial while it runs one, and records every trial once', async () => {
    const { pool, runners } = fakePool(2);
    expect(pool.capacity).toBe(4);
    const specs = toSpecs([0, 1, 2, 3, 4, 5].map((lr) => ({ lr })), 0);
    const records: TrialRecord[] = [];
    for (const s of specs) void pool.run(s).then((r) => records.push(r));
    // Idle and new runners first, then one waiting trial each; the rest wait in the pool.
    expect(runners.map(runs)).toEqual([[0, 2], [1, 3]]);
    runners[0].finish();
    await tick();
    expect(runs(runners[0])).toEqual([0, 2, 4]);
    while (runners.some((r) => r.queue.length > 0)) {
      for (const r of runners) if (r.queue.length > 0) r.finish();
      await tick();
    }
    expect(records.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(runners).toHaveLength(2);
  });

  it("fails the trial a dead runner ran and runs the one waiting there on a new runner", async () => {
    const { pool, runners } = fakePool(1);
    const [a, b] = toSpecs([{ lr: 1 }, { lr: 2 }], 0).map((s) => pool.run(s));
    expect(runs(runners[0])).toEqual([0, 1]);
    runners[0].events.death("the trial's process was killed by SIGKILL");
    expect(await a).toMatchObject({ index: 0, status: 'failed', error: "the trial's process was killed by SIGKILL" });
    expect(runs(runners[1])).toEqual([1]);
    runners[1].finish();
    expect(await b).toMatchObject({ index: 1, status: 'ok', worker: '1' });
  });

  it('leaves a trial whose runner was interrupted (Ctrl-C) unrecorded, and runs the one waiting there on a new runner', async () => {
    const { pool, runners } = fakePool(1);
    const [a, b] = toSpecs([{ lr: 1 }, { lr: 2 }], 0).map((s) => pool.run(s));
    runners[0].events.death("the trial's process was killed by SIGINT", 'interrupted');
    await expect(a).rejects.toThrow(new TrialNotRunError(0, 'interrupted', "the trial's process was killed by SIGINT"));
    expect(runs(runners[1])).toEqual([1]);
    runners[1].finish();
    expect(await b).toMatchObject({ index: 1, status: 'ok' });
  });

  it('fails the trial of a runner killed by a signal only after KILL_GRACE_MS, and gives it back when the pool closes first', async () => {
    vi.useFakeTimers();
    try {
      const { pool, runners } = fakePool(1);
      const [a, b] = toSpecs([{ lr: 1 }, { lr: 2 }], 0).map((s) => pool.run(s));
      const settled = (p: Promise<unknown>) => Promise.race([p.then(() => 'settled', () => 'settled'), Promise.resolve().then(() => 'pending')]);
      runners[0].events.death("the trial's process was killed by SIGTERM", 'killed');
      // The trial waiting there runs on a new runner at once; the killed one waits for the grace.
      expect(runs(runners[1])).toEqual([1]);
      await vi.advanceTimersByTimeAsync(KILL_GRACE_MS - 1);
      expect(await settled(a)).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      expect(await a).toMatchObject({ index: 0, status: 'failed', error: "the trial's process was killed by SIGTERM" });
      // The pool's owner stopping within the grace (the same signal reached it): no record.
      runners[1].events.death("the trial's process was killed by SIGTERM", 'killed');
      await vi.advanceTimersByTimeAsync(KILL_GRACE_MS - 1);
      await pool.close();
      await expect(b).rejects.toThrow(new TrialNotRunError(1, 'closed', 'the trial pool was closed before it finished'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects the trials it holds when closed, running or waiting, rather than leaving them pending', async () => {
    const { pool } = fakePool(1);
    const held = toSpecs([0, 1, 2].map((lr) => ({ lr })), 0).map((s) => pool.run(s).catch((e: unknown) => e));
    await pool.close();
    const settled = await Promise.race([Promise.all(held), tick().then(() => 'still pending')]);
    expect(settled).toEqual([0, 1, 2].map((i) => new TrialNotRunError(i, 'closed', 'the trial pool was closed before it finished')));
    expect((settled as TrialNotRunError[]).map((e) => e.reason)).toEqual(['closed', 'closed', 'closed']);
  });

  it('fails a trial still running at its time limit, stops its runner, and runs the one waiting there on a new runner', async () => {
    const { pool, runners } = fakePool(1, { trialTimeoutMs: 20 });
    const [a, b] = toSpecs([{ lr: 1 }, { lr: 2 }], 0).map((s) => pool.run(s));
    runners[0].events.message({ type: 'started', index: 0 });
    expect(await a).toMatchObject({ index: 0, status: 'failed', score: null, error: 'the trial timed out after 20 ms', ms: 20 });
    expect(runners[0].stopped).toBe(true);
    expect(runs(runners[1])).toEqual([1]);
    // A trial that finishes in time keeps its record, and its timer goes with it.
    runners[1].events.message({ type: 'started', index: 1 });
    runners[1].finish();
    expect(await b).toMatchObject({ index: 1, status: 'ok' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(runners[1].stopped).toBe(false);
  });

  it('gives a trial waiting at a busy runner to one left idle, which runs it', async () => {
    const { pool, runners } = fakePool(2);
    const done = toSpecs([0, 1, 2, 3].map((lr) => ({ lr })), 0).map((s) => pool.run(s));
    runners[1].finish();
    runners[1].finish();
    await tick();
    // Runner 1 is idle with trial 2 still waiting behind trial 0 on runner 0: it is taken back.
    expect(runners[0].sent.at(-1)).toEqual({ type: 'cancel', index: 2 });
    expect(runs(runners[1])).toEqual([1, 3, 2]);
    runners[1].finish();
    runners[0].finish();
    const records = await Promise.all(done);
    expect(records.map((r) => [r.index, r.worker])).toEqual([[0, '0'], [1, '1'], [2, '1'], [3, '1']]);
  });

  it('refuses trials once closed', async () => {
    const { pool } = fakePool(1);
    await pool.close();
    await expect(pool.run(toSpecs([{ lr: 1 }], 0)[0])).rejects.toThrow(/^search: run: the trial pool is closed/);
  });
});
