import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './process-alive.js';

/** `.NAME.PID.HEX.tmp`: the temporary file a save of NAME writes before renaming it. */
function tempName(name: string, pid: number): string {
  return `.${name}.${pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Removes the temporary files that saves of `path` killed mid-write left behind (their process
 * is gone from this machine), so repeated crashes do not fill the disk. Files of live
 * processes, this one included, are kept: they may still be renamed.
 */
export async function removeStaleTemporaries(path: string): Promise<void> {
  const name = basename(path);
  const dir = dirname(path);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(`.${name}.`) || !entry.endsWith('.tmp')) continue;
    const match = /^\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(entry.slice(name.length + 1));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !isProcessAlive(pid)) await rm(join(dir, entry), { force: true });
  }
}

/**
 * Writes `bytes` to `path` atomically: into a temporary file beside it, flushed, then renamed
 * over it, so a crash or a full disk leaves the previous file intact instead of half-written.
 * Temporary files of earlier saves that were killed are removed first.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await removeStaleTemporaries(path);
  const temp = join(dirname(path), tempName(basename(path), process.pid));
  try {
    await writeFile(temp, bytes, { flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
