// Spawns the package's TypeScript entry points as Node processes (through tsx) for the queue tests.
import { type ChildProcess, spawn } from 'node:child_process';
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

/** Runs `file args` in Node with tsx and the source condition, with `env` added. */
export function spawnTs(file: string, args: string[], env: Record<string, string> = {}, cwd = process.cwd()): Spawned {
  const proc = spawn(process.execPath, ['--import', TSX, '--conditions=mlpkit-source', file, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
