import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlpkitError, tensor } from '@mlpkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { holdWriterLock, releaseWriterLock, saveFile } from './index.js';

const dir = await mkdtemp(join(tmpdir(), 'mlpkit-lock-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Another process of this machine that stays alive until killed. */
function otherProcess(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/** A pid that no process has any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

const lockOf = (pid: number) => JSON.stringify({ pid, host: hostname(), since: '2026-12-06T00:00:00.000Z' });

describe('one writer per path', () => {
  it('refuses a path another live process writes, naming it, and takes over once it is gone', async () => {
    const path = join(dir, 'run.ckpt');
    const holder = otherProcess();
    await writeFile(`${path}.lock`, lockOf(holder.pid!));
    let message = '';
    try {
      holdWriterLock(path, 'checkpointFile');
    } catch (error) {
      expect(error).toBeInstanceOf(MlpkitError);
      message = (error as Error).message;
    }
    expect(message).toContain(`already has a writer: process ${holder.pid} on ${hostname()}`);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    holdWriterLock(path, 'checkpointFile');
    expect(existsSync(`${path}.lock`)).toBe(true);
    releaseWriterLock(path);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('takes over a lock naming pid 0 or a negative pid, which names a process group, not a writer', async () => {
    for (const pid of [0, -1]) {
      const path = join(dir, `group${pid}.ckpt`);
      await writeFile(`${path}.lock`, lockOf(pid));
      holdWriterLock(path, 'checkpointFile');
      releaseWriterLock(path);
      expect(existsSync(`${path}.lock`)).toBe(false);
    }
  });

  it('lets the same process take its own lock again', () => {
    const path = join(dir, 'again.ckpt');
    holdWriterLock(path, 'checkpointFile');
    expect(() => holdWriterLock(path, 'ModelCheckpoint')).not.toThrow();
    releaseWriterLock(path);
  });
});

describe('temporary files of killed saves', () => {
  it('are removed by the next save, while those of live processes stay', async () => {
    const path = join(dir, 'model.safetensors');
    const stale = `.model.safetensors.${await deadPid()}.deadbeef.tmp`;
    const live = `.model.safetensors.${otherProcess().pid}.cafef00d.tmp`;
    const unrelated = '.other.safetensors.1.deadbeef.tmp';
    for (const name of [stale, live, unrelated]) await writeFile(join(dir, name), 'half a file');
    await saveFile(path, { w: tensor([1, 2]) });
    const left = await readdir(dir);
    expect(left).not.toContain(stale);
    expect(left).toContain(live);
    expect(left).toContain(unrelated);
    expect(left).toContain('model.safetensors');
  });
});
