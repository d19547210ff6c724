/**
 * The large float32 arrays `uninitializedFloat32` has handed out since a step scope opened
 * (`openStepScope`): kernel outputs and batches, the memory a step makes. Null while no scope
 * is open, so that logging costs one comparison then.
 */
let log: Float32Array[] | null = null;

/** Notes an array just handed out, when a scope is open. */
export function logHandout(data: Float32Array): void {
  log?.push(data);
}

/** Starts a log; returns false, starting nothing, when one is already running. */
export function startHandoutLog(): boolean {
  if (log) return false;
  log = [];
  return true;
}

/** Ends the running log and returns what it holds. */
export function stopHandoutLog(): Float32Array[] {
  const done = log ?? [];
  log = null;
  return done;
}
