import { coreState } from './core-state.js';

/*
 * The large float32 arrays `uninitializedFloat32` has handed out since a step scope opened
 * (`openStepScope`): kernel outputs and batches, the memory a step makes. Null while no scope
 * is open, so that logging costs one comparison then. In the core state, so that every copy of
 * this package logs into the one open scope.
 */

/** Notes an array just handed out, when a scope is open. */
export function logHandout(data: Float32Array): void {
  coreState().memory.handouts?.push(data);
}

/** Starts a log; returns false, starting nothing, when one is already running. */
export function startHandoutLog(): boolean {
  const memory = coreState().memory;
  if (memory.handouts) return false;
  memory.handouts = [];
  return true;
}

/** Ends the running log and returns what it holds. */
export function stopHandoutLog(): Float32Array[] {
  const memory = coreState().memory;
  const done = memory.handouts ?? [];
  memory.handouts = null;
  return done;
}
