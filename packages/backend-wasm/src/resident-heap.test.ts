import { describe, expect, it } from 'vitest';
import { ResidentHeap } from './resident-heap.js';

describe('ResidentHeap', () => {
  it('hands out aligned, disjoint blocks and refuses when full', () => {
    const heap = new ResidentHeap(1024, 256);
    const a = heap.allocate(40), b = heap.allocate(100), c = heap.allocate(64);
    expect([a, b, c]).toEqual([1024, 1072, 1184]);
    expect(heap.allocate(64)).toBe(-1);
    expect(heap.allocate(16)).toBe(1248);
    expect(heap.usedBytes).toBe(240);
  });

  it('merges freed neighbours so a big block fits again', () => {
    const heap = new ResidentHeap(0, 96);
    const blocks = [heap.allocate(32), heap.allocate(32), heap.allocate(32)];
    expect(heap.allocate(16)).toBe(-1);
    heap.release(blocks[0]);
    heap.release(blocks[2]);
    expect(heap.allocate(64)).toBe(-1);
    heap.release(blocks[1]);
    expect(heap.allocate(96)).toBe(0);
    expect(heap.usedBytes).toBe(96);
  });

  it('ignores a release of something it did not hand out', () => {
    const heap = new ResidentHeap(0, 64);
    heap.release(16);
    expect(heap.allocate(64)).toBe(0);
  });
});
