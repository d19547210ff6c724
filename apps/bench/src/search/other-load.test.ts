import { describe, expect, it } from 'vitest';
import { machineBusyMs, processCpuMs } from './other-load.js';

describe('other-load', () => {
  it('reads the busy time of /proc/stat, idle and iowait left out', () => {
    const stat = 'cpu  2436119 4263 603150 924221 5063 0 12394 7 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n';
    expect(machineBusyMs(stat)).toBe((2436119 + 4263 + 603150 + 0 + 12394 + 7) * 10);
    expect(() => machineBusyMs('intr 1 2\n')).toThrow(/expected its first line to start with "cpu", got "intr"/);
  });

  it("reads a process's user and system time, whatever its name holds", () => {
    const stat = '4242 (node (a) b) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 37 0 0 20 0 11 0 100 0 0';
    expect(processCpuMs(stat)).toBe((250 + 37) * 10);
  });
});
