/** The middle value (the upper middle of an even count). */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median milliseconds per call of `fn`, after a warm-up, over `rounds` rounds of at least `minMs` each. */
export function timeMs(fn: () => void, minMs: number, rounds = 5): number {
  for (let i = 0; i < 3; i++) fn();
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    const dt = performance.now() - t0;
    if (dt >= minMs / 4 || reps > 1e6) { reps = Math.max(1, Math.ceil((reps * minMs) / Math.max(dt, 1e-3))); break; }
    reps *= 4;
  }
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    times.push((performance.now() - t0) / reps);
  }
  return median(times);
}

/** Async variant for systems whose results must be awaited (TensorFlow.js data download). */
export async function timeMsAsync(fn: () => Promise<void>, minMs: number, rounds = 5): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let reps = 0;
    const t0 = performance.now();
    do { await fn(); reps++; } while (performance.now() - t0 < minMs);
    times.push((performance.now() - t0) / reps);
  }
  return median(times);
}
