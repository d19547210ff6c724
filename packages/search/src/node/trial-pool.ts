import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import type { Reporter } from '../pruning.js';
import type { TrialSpec } from '../space.js';
import type { TrialRecord } from '../trial-record.js';
import type { FromRunner, ToRunner } from './trial-messages.js';
import { TrialNotRunError } from './trial-not-run-error.js';
import { checkTrialTimeout } from './trial-timeout.js';

/**
 * How a runner ended: `'failed'` (it crashed or exited), `'interrupted'` (a signal asked it to
 * stop, Ctrl-C's, which says nothing about the trial), or `'killed'` by another signal, which is
 * the trial's end unless the pool's owner is stopping too (the same signal sent to a whole
 * process group or control group): see {@link KILL_GRACE_MS}.
 */
export type RunnerEnd = 'failed' | 'interrupted' | 'killed';

/** What a trial runner tells its pool. */
export interface RunnerEvents {
  message(msg: FromRunner): void;
  /** The runner is gone; `why` becomes the error of the trial it ran (if that trial is recorded). */
  death(why: string, end?: RunnerEnd): void;
}

/** A trial runner (a worker thread or a child process) as its pool drives it. */
export interface Runner {
  send(msg: ToRunner): void;
  /** Stops the runner and resolves once it is gone. */
  stop(): Promise<void>;
}

/** Starts a runner that reports to `events`. */
export type LaunchRunner = (events: RunnerEvents) => Runner;

/** A trial handed to the pool, and how to settle its `run` promise. */
interface Pending {
  spec: TrialSpec;
  resolve(record: TrialRecord): void;
  reject(error: TrialNotRunError): void;
}

interface Slot {
  runner: Runner;
  /** The trials sent to the runner, in the order it runs them: the first runs, the others wait there. */
  trials: Pending[];
  /** Stops the running trial at its time limit. */
  timer?: NodeJS.Timeout;
}

/** Options of a trial pool ({@link ProcessPool}, {@link ThreadPool}). */
export interface TrialPoolOptions {
  /**
   * A trial still running this many milliseconds after it started (its runner's start-up and
   * the module's import not counted) is stopped with its runner, which a new one replaces, and
   * recorded as failed. Default: no limit.
   */
  trialTimeoutMs?: number;
}

const TRIAL_POOL_OPTIONS = ['trialTimeoutMs'] as const satisfies readonly (keyof TrialPoolOptions)[];

/** Checks a pool's options for `op` (the pool's class). */
export function checkPoolOptions(op: string, options: TrialPoolOptions): TrialPoolOptions {
  checkOptions(op, options, TRIAL_POOL_OPTIONS);
  return { trialTimeoutMs: checkTrialTimeout(op, options.trialTimeoutMs) };
}

/** Trials a runner holds at once: one running and one waiting, so it never waits for the pool between two. */
const DEPTH = 2;

/**
 * How long the trial of a runner killed by a signal waits before it is recorded as failed. A
 * service manager stopping a queue worker (systemd's control-group stop, `kill -TERM -<pgid>`)
 * signals the worker and its trial processes at once, and the trial's death may be seen first:
 * the worker's own handler closes the pool well within this, and the trial goes back to the queue.
 */
export const KILL_GRACE_MS = 1000;

/**
 * Trial runners of one trial module, one trial per runner at a time, each runner with its own
 * module instances (its own backend and generator). Runners start on first use and are reused;
 * one that dies fails the trial it ran and is replaced, and the trial waiting there runs
 * elsewhere. With more trials in flight than runners (up to {@link capacity}), each runner is
 * sent its next trial while it runs one: it starts it without waiting for this process (whose
 * answer takes longest when every core runs a trial). A runner left idle takes back a waiting
 * trial that another has not started. A trial past its time limit (`trialTimeoutMs`) fails, and
 * its runner is stopped and replaced. A trial whose runner was interrupted or could not load the
 * trial module, or that is still in the pool when it closes, has no record: its `run` rejects
 * with a {@link TrialNotRunError}. {@link ThreadPool} and {@link ProcessPool} differ only in how
 * they launch a runner.
 */
export class TrialPool {
  /** Trials in flight that keep every runner busy without a wait: one running and one waiting per runner. */
  readonly capacity: number;
  private readonly slots: Slot[] = [];
  /** Trials not yet sent to a runner, oldest first. */
  private readonly unsent: Pending[] = [];
  /** Trials whose runner a signal killed, each with the timer that records it as failed (KILL_GRACE_MS). */
  private readonly dying = new Map<Pending, NodeJS.Timeout>();
  private closed = false;

  constructor(readonly size: number, private readonly reporter: Reporter, private readonly launch: LaunchRunner, private readonly options: TrialPoolOptions = {}) {
    this.capacity = size * DEPTH;
  }

  /** Runs one trial on a runner and resolves to its record. */
  run<P>(spec: TrialSpec<P>): Promise<TrialRecord<P>> {
    if (this.closed) return Promise.reject(new MlpkitError('search', 'run: the trial pool is closed'));
    return new Promise((resolve, reject) => {
      this.unsent.push({ spec: spec as TrialSpec, resolve: resolve as Pending['resolve'], reject });
      this.dispatch();
    });
  }

  /** Stops every runner and resolves once they are gone; the trials not finished reject their `run`. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const s of slots) clearTimeout(s.timer);
    for (const timer of this.dying.values()) clearTimeout(timer);
    const dying = [...this.dying.keys()];
    this.dying.clear();
    for (const p of [...dying, ...this.unsent.splice(0), ...slots.flatMap((s) => s.trials.splice(0))]) {
      p.reject(new TrialNotRunError(p.spec.index, 'closed', 'the trial pool was closed before it finished'));
    }
    await Promise.all(slots.map((s) => s.runner.stop()));
  }

  /** Sends unsent trials to idle runners first, then new ones, then to runners with room to queue. */
  private dispatch(): void {
    while (this.unsent.length > 0 && !this.closed) {
      const slot = this.slots.find((s) => s.trials.length === 0)
        ?? (this.slots.length < this.size ? this.start() : this.slots.find((s) => s.trials.length < DEPTH));
      if (!slot) return;
      const p = this.unsent.shift()!;
      slot.trials.push(p);
      slot.runner.send({ type: 'run', spec: p.spec });
    }
  }

  /** Asks a runner holding a waiting trial to give it back, for `idle` to run (the load stays even at the end of a search). */
  private rebalance(idle: Slot): void {
    if (idle.trials.length > 0 || this.unsent.length > 0) return;
    const busy = this.slots.find((s) => s.trials.length > 1);
    if (busy) busy.runner.send({ type: 'cancel', index: busy.trials[busy.trials.length - 1].spec.index });
  }

  private start(): Slot {
    const slot = { trials: [] as Pending[] } as Slot;
    slot.runner = this.launch({
      message: (msg) => this.receive(slot, msg),
      death: (why, end) => this.retire(slot, why, end),
    });
    this.slots.push(slot);
    return slot;
  }

  /**
   * Takes out a runner that died (or ran out of time): the trial it ran fails with `why` (a
   * moment later when `killed`, unless the pool closes meanwhile), or has no record when it was
   * `interrupted`, and the trials waiting there, never started, run elsewhere.
   * False when it was already out (closed, or a second event of the same death).
   */
  private retire(slot: Slot, why: string, end: RunnerEnd = 'failed', ms = 0): boolean {
    const i = this.slots.indexOf(slot);
    if (i < 0) return false;
    this.slots.splice(i, 1);
    clearTimeout(slot.timer);
    const [ran, ...waiting] = slot.trials.splice(0);
    this.unsent.unshift(...waiting);
    const fail = (p: Pending) => p.resolve({ ...p.spec, status: 'failed', score: null, error: why, reports: {}, ms });
    if (ran && end === 'interrupted') ran.reject(new TrialNotRunError(ran.spec.index, 'interrupted', why));
    else if (ran && end === 'killed') {
      this.dying.set(ran, setTimeout(() => {
        if (this.dying.delete(ran)) fail(ran);
      }, KILL_GRACE_MS));
    } else if (ran) fail(ran);
    this.dispatch();
    return true;
  }

  /** Starts the time limit of the trial that `slot`'s runner has just started (if it is the one the pool thinks runs there). */
  private watch(slot: Slot, index: number): void {
    const ms = this.options.trialTimeoutMs;
    if (ms === undefined || slot.trials[0]?.spec.index !== index) return;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      // A hung trial (an endless loop, an await that never settles) cannot stop itself: its runner goes.
      if (this.retire(slot, `the trial timed out after ${ms} ms`, 'failed', ms)) void slot.runner.stop();
    }, ms);
  }

  private receive(slot: Slot, msg: FromRunner): void {
    if (msg.type === 'report') {
      void this.reporter(msg.index, msg.epoch, msg.value).then((stop) => slot.runner.send({ type: 'decision', id: msg.id, stop }));
      return;
    }
    if (msg.type === 'started') return this.watch(slot, msg.index);
    if (msg.type === 'fingerprint' || msg.type === 'unfingerprinted') return; // asked by runnerFingerprint, never by a pool
    const index = msg.type === 'done' ? msg.record.index : msg.index;
    const i = slot.trials.findIndex((p) => p.spec.index === index);
    if (i < 0) return;
    const [p] = slot.trials.splice(i, 1);
    if (i === 0) clearTimeout(slot.timer);
    if (msg.type === 'done') p.resolve(msg.record);
    else if (msg.type === 'unloadable') p.reject(new TrialNotRunError(index, 'unloadable', msg.error));
    else this.unsent.unshift(p);
    this.dispatch();
    if (msg.type === 'done') this.rebalance(slot);
  }
}
