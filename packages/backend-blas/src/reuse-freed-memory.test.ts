import { describe, expect, it } from 'vitest';
import type { Koffi } from './koffi.js';
import { MMAP_THRESHOLD_BYTES, TRIM_THRESHOLD_BYTES, reuseFreedMemory } from './reuse-freed-memory.js';

/** A koffi whose libc records the mallopt calls and answers `result`. */
function fakeKoffi(result: number, calls: number[][]): Koffi {
  return {
    load: (path) => {
      if (path !== 'libc.so.6') throw new Error(`no ${path}`);
      return { func: () => (...args: unknown[]) => { calls.push(args as number[]); return result; } };
    },
  };
}

describe('reuseFreedMemory', () => {
  it('sets glibc\'s mmap threshold (-3) and trim threshold (-1) on Linux', () => {
    const calls: number[][] = [];
    expect(reuseFreedMemory(fakeKoffi(1, calls), 'linux')).toBe(true);
    expect(calls).toEqual([[-3, MMAP_THRESHOLD_BYTES], [-1, TRIM_THRESHOLD_BYTES]]);
  });

  it('changes nothing off Linux, and says so where mallopt is a stub (musl) or missing', () => {
    const calls: number[][] = [];
    expect(reuseFreedMemory(fakeKoffi(1, calls), 'darwin')).toBe(false);
    expect(calls).toEqual([]);
    expect(reuseFreedMemory(fakeKoffi(0, calls), 'linux')).toBe(false);
    expect(reuseFreedMemory({ load: () => { throw new Error('no libc'); } }, 'linux')).toBe(false);
  });
});
