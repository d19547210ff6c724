import { MlpkitError } from '@mlpkit/tensor';
import type { Callback, CallbackState, TrainContext } from './callback.js';

type StatefulCallback = Callback & Required<Pick<Callback, 'stateDict' | 'loadStateDict'>>;

/**
 * The callbacks with state, by key: class name and rank among the callbacks with state of
 * that name (`EarlyStopping#0`), so that callbacks without state (a progress bar) may be
 * added or dropped when a run is resumed. A callback with half the pair is refused: its state
 * would be saved and never loaded, or loaded from nothing.
 */
export function statefulCallbacks(callbacks: readonly Callback[]): Map<string, StatefulCallback> {
  const byKey = new Map<string, StatefulCallback>();
  const ranks = new Map<string, number>();
  callbacks.forEach((cb, i) => {
    const saves = typeof cb.stateDict === 'function', loads = typeof cb.loadStateDict === 'function';
    if (saves !== loads)
      throw new MlpkitError('fit', `callbacks[${i}]: expected both stateDict() and loadStateDict() or neither, got only ${saves ? 'stateDict()' : 'loadStateDict()'}`);
    if (!saves) return;
    const name = (cb.constructor as { name?: string } | undefined)?.name || 'Object';
    const rank = ranks.get(name) ?? 0;
    ranks.set(name, rank + 1);
    byKey.set(`${name}#${rank}`, cb as StatefulCallback);
  });
  return byKey;
}

/** Each stateful callback's `stateDict()`, by its key. */
export function captureCallbackStates(callbacks: readonly Callback[]): Record<string, CallbackState> {
  return Object.fromEntries([...statefulCallbacks(callbacks)].map(([key, cb]) => [key, cb.stateDict()]));
}

/**
 * Loads each stateful callback's saved state. The checkpoint must hold a state for exactly
 * the run's stateful callbacks (one left without would start afresh, and the run would not go
 * on as the interrupted one); when one callback refuses its state, those loaded before it are
 * put back, so the callbacks are left as they were.
 */
export function loadCallbackStates(callbacks: readonly Callback[], states: Record<string, CallbackState>, ctx: TrainContext): void {
  const live = statefulCallbacks(callbacks);
  const want = [...live.keys()].sort().join(', '), have = Object.keys(states).sort().join(', ');
  if (want !== have)
    throw new MlpkitError('fit', `resumeFrom: callbacks: the checkpoint holds the state of ${have || 'no callback'}, this run's callbacks with state are ${want || 'none'}; pass the callbacks of the run that wrote it`);
  const loaded: [StatefulCallback, CallbackState][] = [];
  try {
    for (const [key, cb] of live) {
      const before = cb.stateDict();
      cb.loadStateDict(states[key], ctx);
      loaded.push([cb, before]);
    }
  } catch (error) {
    for (const [cb, before] of loaded) cb.loadStateDict(before, ctx);
    throw error;
  }
}
