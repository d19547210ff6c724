import { MlpkitError } from '@mlpkit/tensor';
import type { Reporter } from '../pruning.js';
import type { TrialSpec } from '../space.js';
import type { TrialRecord } from '../trial-record.js';
import type { FromRunner, ToRunner } from './trial-messages.js';

/** What a trial runner tells its pool. */
export interface RunnerEvents {
  message(msg: FromRunner): void;
  /** The runner is gone (crashed, exited or was killed); `why` becomes the error of the trial it ran. */
  death(why: string): void;
}

/** A trial runner (a worker thread or a child process) as its pool drives it. */
export interface Runner {
  send(msg: ToRunner): void;
  /** Stops the runner and resolves once it is gone. */
  stop(): Promise<void>;
}

/** Starts a runner that reports to `events`. */
export type LaunchRunner = (events: RunnerEvents) => Runner;

interface Slot {
  runner: Runner;
  busy: boolean;
  /** The handlers of the trial in flight. */
  trial?: RunnerEvents;
}

/**
 * Trial runners of one trial module, one trial per runner at a time, each runner with its own
 * module instances (its own backend and generator). Runners start on first use and are reused;
 * one that dies fails the trial it ran and is replaced. {@link ThreadPool} and
 * {@link ProcessPool} differ only in how they launch a runner.
 */
export class TrialPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(readonly size: number, private readonly reporter: Reporter, private readonly launch: LaunchRunner) {}

  /** Runs one trial on a free runner and resolves to its record. */
  async run<P>(spec: TrialSpec<P>): Promise<TrialRecord<P>> {
    if (this.closed) throw new MlpkitError('search', 'run: the trial pool is closed');
    const slot = await this.acquire();
    try {
      return (await this.runOn(slot, spec as TrialSpec)) as TrialRecord<P>;
    } finally {
      slot.busy = false;
      this.waiting.shift()?.();
    }
  }

  /** Stops every runner and resolves once they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.splice(0).map((s) => s.runner.stop()));
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const free = this.slots.find((s) => !s.busy);
      if (free) return ((free.busy = true), free);
      if (this.slots.length < this.size) return this.start();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private start(): Slot {
    const slot = { busy: true } as Slot;
    slot.runner = this.launch({
      message: (msg) => slot.trial?.message(msg),
      death: (why) => {
        const i = this.slots.indexOf(slot);
        if (i < 0) return; // closed, or a second event of the same death
        this.slots.splice(i, 1);
        slot.trial?.death(why);
      },
    });
    this.slots.push(slot);
    return slot;
  }

  private runOn(slot: Slot, spec: TrialSpec): Promise<TrialRecord> {
    return new Promise((resolve) => {
      const finish = (record: TrialRecord): void => {
        slot.trial = undefined;
        resolve(record);
      };
      slot.trial = {
        message: (msg) => {
          if (msg.type === 'done') finish(msg.record);
          else void this.reporter(msg.index, msg.epoch, msg.value).then((stop) => slot.runner.send({ type: 'decision', id: msg.id, stop }));
        },
        death: (why) => finish({ ...spec, status: 'failed', score: null, error: why, reports: {}, ms: 0 }),
      };
      slot.runner.send({ type: 'run', spec });
    });
  }
}
