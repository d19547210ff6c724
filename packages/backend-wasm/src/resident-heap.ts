/**
 * First-fit allocator over a fixed region of wasm memory [base, base + bytes), for storage
 * that outlives a kernel call (Parameters). Blocks are 16-byte aligned; freed neighbours merge.
 */
export class ResidentHeap {
  /** Free blocks as [start, size] pairs, sorted by start, never adjacent. */
  private free: [number, number][];
  private readonly sizes = new Map<number, number>();

  constructor(readonly base: number, readonly bytes: number) {
    this.free = bytes > 0 ? [[base, bytes]] : [];
  }

  /** The start of a block of at least `bytes` bytes, or -1 when no free block is big enough. */
  allocate(bytes: number): number {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    for (let i = 0; i < this.free.length; i++) {
      const [start, have] = this.free[i];
      if (have < size) continue;
      if (have === size) this.free.splice(i, 1);
      else this.free[i] = [start + size, have - size];
      this.sizes.set(start, size);
      return start;
    }
    return -1;
  }

  /** Returns a block from `allocate` to the free list. */
  release(start: number): void {
    const size = this.sizes.get(start);
    if (size === undefined) return;
    this.sizes.delete(start);
    let i = 0;
    while (i < this.free.length && this.free[i][0] < start) i++;
    this.free.splice(i, 0, [start, size]);
    // Merge with the next block, then with the previous one.
    const next = this.free[i + 1];
    if (next && start + size === next[0]) this.free.splice(i, 2, [start, size + next[1]]);
    const prev = this.free[i - 1];
    if (prev && prev[0] + prev[1] === start) this.free.splice(i - 1, 2, [prev[0], prev[1] + this.free[i][1]]);
  }

  /** Bytes currently handed out. */
  get usedBytes(): number {
    let used = 0;
    for (const size of this.sizes.values()) used += size;
    return used;
  }
}
