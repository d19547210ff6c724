import { type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

/** Garbage-collection pauses of the main thread in a window: their total and how many. */
export interface GcPauses { ms: number; count: number }

/**
 * Starts counting the main thread's garbage-collection pauses (Node's `gc` performance
 * entries); `stop()` ends the window and resolves their sum. The pauses a training step takes
 * are time no kernel and no JavaScript of ours ran; V8's background marking threads are not in
 * it (on a machine whose cores the BLAS threads fill, they slow the products instead).
 */
export function watchGcPauses(): { stop: () => Promise<GcPauses> } {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const from = performance.now();
  return {
    async stop() {
      const to = performance.now();
      // The entries of a loop that never yields are delivered on a later turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
      const inside = entries.filter((e) => e.startTime >= from && e.startTime < to);
      return { ms: inside.reduce((sum, e) => sum + e.duration, 0), count: inside.length };
    },
  };
}
