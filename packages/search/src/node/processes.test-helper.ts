// Spawns the package's TypeScript entry points as Node processes (through tsx) for the queue tests,
// and reads which processes ran the toy trials.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
export const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
export const COORDINATOR = fileURLToPath(new URL('./coordinator.test-helper.ts', import.meta.url));

/** A spawned process with its output collected. */
export interface Spawned {
  proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * Runs `file args` in Node with tsx and the source condition, with `env` added; `detached` puts it
 * in a process group of its own, as a terminal starts a program, so that a test can signal the group.
 */
export function spawnTs(file: string, args: string[], env: Record<string, string> = {}, detached = false): Spawned {
  const proc = spawn(process.execPath, ['--import', TSX, '--conditions=mlpkit-source', file, ...args], { detached, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d));
  proc.stderr!.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

/** Polls `check` every 50 ms until it returns a value, failing after `ms`. */
export async function until<T>(what: string, check: () => T | undefined | false, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A trial's start as the toy trial marks it: its index, and the pid and parent pid of the process it ran in. */
export interface Mark {
  index: number;
  pid: number;
  ppid: number;
}

/** The marks the toy trial left in `dir` (MLPKIT_SEARCH_MARKS). */
export function marksOf(dir: string): Mark[] {
  return readdirSync(dir).map((f) => {
    const [index, pid, ppid] = f.split('-').map(Number);
    return { index, pid, ppid };
  });
}

/** Whether a process with this pid runs: not gone, and not a zombie (an orphan's exit may wait for a reaper). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    // No such process, or no /proc (then ask the kernel).
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
