import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { MlpkitError } from '@mlpkit/tensor';
import { isProcessAlive } from './process-alive.js';

/** Who holds a path's lock, as its lock file says. */
interface Holder {
  pid: number;
  host: string;
  since: string;
}

const held = new Set<string>();
let releaseOnExit = false;

/** The holder a lock file names, or null when it is unreadable (being written, or damaged). */
function readHolder(lock: string): Holder | null {
  try {
    const value: unknown = JSON.parse(readFileSync(lock, 'utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { pid, host, since } = value as Record<string, unknown>;
    if (!Number.isSafeInteger(pid) || typeof host !== 'string' || typeof since !== 'string') return null;
    return { pid: pid as number, host, since };
  } catch {
    return null;
  }
}

/** A lock nobody can hold any more: its process is gone from this machine, or its file has stayed unreadable. */
function isStale(lock: string, holder: Holder | null): boolean {
  if (holder === null) {
    try {
      return Date.now() - statSync(lock).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  return holder.host === hostname() && !isProcessAlive(holder.pid);
}

/**
 * Makes this process the one writer of `path` until it exits (or {@link releaseWriterLock}), by
 * creating `path.lock` with its pid and host. Two runs saving to one path would otherwise
 * replace each other's files without a word; the second is refused with a message naming the
 * holder. A lock left by a process that no longer runs on this machine is taken over; the same
 * process may take its own lock again.
 */
export function holdWriterLock(path: string, op: string): void {
  const lock = `${path}.lock`;
  if (held.has(lock)) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      held.add(lock);
      if (!releaseOnExit) {
        releaseOnExit = true;
        process.once('exit', () => held.forEach((l) => rmSync(l, { force: true })));
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new MlpkitError(op, `cannot create the lock file ${lock}: ${(error as Error).message}`);
      }
      const holder = readHolder(lock);
      if (holder && holder.pid === process.pid && holder.host === hostname()) {
        held.add(lock);
        return;
      }
      if (!isStale(lock, holder)) {
        const who = holder ? `process ${holder.pid} on ${holder.host} (since ${holder.since})` : 'another process';
        throw new MlpkitError(op, `${path} already has a writer: ${who}. Write to another path or stop that run; its lock file is ${lock}`);
      }
      rmSync(lock, { force: true });
    }
  }
  throw new MlpkitError(op, `could not take the lock ${lock}: other processes keep taking it`);
}

/** Gives up this process's lock on `path` (taken by {@link holdWriterLock}), so another run may write it. */
export function releaseWriterLock(path: string): void {
  const lock = `${path}.lock`;
  if (held.delete(lock)) rmSync(lock, { force: true });
}
