import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Whether a process with this pid runs on this machine. Kept here rather than imported from
 * nn's copy: datasets may import only tensor (the blueprint's arrows).
 */
function isProcessAlive(pid: number): boolean {
  // pid 0 and negative pids name process groups, which would always answer "alive".
  if (!Number.isSafeInteger(pid) || pid < 1) return false;
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Removes the temporary files (`.NAME.PID.HEX.part`) that writers of `dest` killed mid-write
 * left beside it: nothing reads them, and each crash would leave one more in the cache. A file
 * whose pid still runs (this process included) is kept, as its writer may yet rename it.
 */
export async function removeStaleTemporaries(dest: string): Promise<void> {
  const prefix = `.${basename(dest)}.`;
  const dir = dirname(dest);
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{8}\.part$/.exec(entry.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !isProcessAlive(pid)) await rm(join(dir, entry), { force: true });
  }
}
