/** Whether a process with this pid runs on this machine (signal 0 checks without signalling). */
export function isProcessAlive(pid: number): boolean {
  // kill(0) and kill(-n) signal process groups (ours, or all we may signal): they would always
  // answer "alive", and a lock or temporary file naming such a pid (damaged) would never be freed.
  if (!Number.isSafeInteger(pid) || pid < 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
