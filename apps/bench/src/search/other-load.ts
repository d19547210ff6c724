// How busy the rest of the machine was while the search bench measured: on a shared 2-core
// machine, any other process takes a core from one of two workers, but from nobody at one worker.
import { readFileSync, readdirSync } from 'node:fs';

/** Milliseconds per clock tick of /proc's CPU counters (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** Busy CPU time of the whole machine in /proc/stat's first line (user, nice, system, irq, softirq, steal), in milliseconds. */
export function machineBusyMs(procStat: string): number {
  const f = procStat.slice(0, procStat.indexOf('\n')).trim().split(/\s+/);
  if (f[0] !== 'cpu') throw new Error(`/proc/stat: expected its first line to start with "cpu", got "${f[0]}"`);
  const [user, nice, system, , , irq, softirq, steal = 0] = f.slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

/** CPU time (user + system) of a process from its /proc/PID/stat line, in milliseconds. */
export function processCpuMs(pidStat: string): number {
  const f = pidStat.slice(pidStat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

/** CPU time of this process and its children (the trial processes), in milliseconds. */
function ownCpuMs(): number {
  const own = process.cpuUsage();
  let ms = (own.user + own.system) / 1000;
  for (const task of readdirSync('/proc/self/task')) {
    for (const pid of readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      try {
        ms += processCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        // The child exited in between: its time is gone from both counters' view of this window.
      }
    }
  }
  return ms;
}

/** A reading to compare a later one with; undefined without Linux's /proc. */
export type LoadMark = { wall: number; machine: number; own: number } | undefined;

/** Marks the machine's and this process tree's CPU time now. */
export function markLoad(): LoadMark {
  try {
    return { wall: performance.now(), machine: machineBusyMs(readFileSync('/proc/stat', 'utf8')), own: ownCpuMs() };
  } catch {
    return undefined;
  }
}

/** Cores that other processes kept busy on average since `from` (NaN without /proc). */
export function otherCoresSince(from: LoadMark): number {
  const to = markLoad();
  if (!from || !to) return Number.NaN;
  return Math.max(0, (to.machine - from.machine - (to.own - from.own)) / (to.wall - from.wall));
}
