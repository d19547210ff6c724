// Starts a throwaway redis-server on 127.0.0.1 on a free port, with no persistence, for the tests.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether Debian's redis-server is installed (scripts/setup.sh installs it). */
export const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

/** A free TCP port on 127.0.0.1 (nothing listens there once this resolves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** A running test Redis. */
export interface TestRedis {
  url: string;
  /** Stops it (its data is gone: no persistence). */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  remove(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mlpkit-redis-'));
  let proc: ChildProcess | undefined;
  const start = (): Promise<void> => new Promise((resolve, reject) => {
    const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc = p;
    let out = '';
    p.stdout!.on('data', (d: Buffer) => {
      out += d;
      if (out.includes('Ready to accept connections')) resolve();
    });
    p.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  const stop = (): Promise<void> => new Promise((resolve) => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.removeAllListeners('exit').once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`, start, stop,
    async remove() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
