import type { Worker } from 'node:worker_threads';
import type { Reporter } from '../pruning.js';
import type { TrialSpec } from '../space.js';
import type { TrialRecord } from '../trial-record.js';
import type { FromThread } from './thread-messages.js';
import { spawnTrialThread } from './thread-spawn.js';

interface Slot {
  worker: Worker;
  busy: boolean;
}

/**
 * Worker threads that run trials of one trial module, one trial per thread at a time, each thread
 * with its own module instances (its own backend and generator). Threads start on first use and
 * are reused; a thread that dies mid-trial fails that trial and is replaced.
 */
export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(readonly size: number, private readonly module: string, private readonly reporter: Reporter) {}

  /** Runs one trial on a free thread and resolves to its record. */
  async run<P>(spec: TrialSpec<P>): Promise<TrialRecord<P>> {
    const slot = await this.acquire();
    try {
      return (await this.runOn(slot, spec as TrialSpec)) as TrialRecord<P>;
    } finally {
      slot.busy = false;
      this.waiting.shift()?.();
    }
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const free = this.slots.find((s) => !s.busy);
      if (free) return ((free.busy = true), free);
      if (this.slots.length < this.size) {
        const slot = { worker: spawnTrialThread(this.module), busy: true };
        this.slots.push(slot);
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private runOn(slot: Slot, spec: TrialSpec): Promise<TrialRecord> {
    return new Promise((resolve) => {
      const w = slot.worker;
      const finish = (record: TrialRecord): void => {
        w.off('message', onMessage).off('error', onError).off('exit', onExit);
        resolve(record);
      };
      const died = (why: string): void => {
        this.slots.splice(this.slots.indexOf(slot), 1);
        finish({ ...spec, status: 'failed', score: null, error: why, reports: {}, ms: 0 });
      };
      const onMessage = (msg: FromThread): void => {
        if (msg.type === 'done') finish(msg.record);
        else void this.reporter(msg.index, msg.epoch, msg.value).then((stop) => w.postMessage({ type: 'decision', id: msg.id, stop }));
      };
      const onError = (e: Error): void => died(`the trial's worker thread crashed: ${e.message}`);
      const onExit = (code: number): void => { if (!this.closed) died(`the trial's worker thread exited with code ${code}`); };
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
      w.postMessage({ type: 'run', spec });
    });
  }
}
