import { MlpkitError, describe } from '@mlpkit/tensor';
import type { Callback } from './callback.js';

const HOOKS = [
  'onTrainBegin', 'onEpochBegin', 'onBatchEnd', 'onValidationProgress', 'onEpochEnd', 'onTrainEnd', 'stateDict', 'loadStateDict',
] as const satisfies readonly (keyof Callback)[];

/**
 * Throws unless `callbacks` is absent or a list of objects whose hooks are functions. A plain
 * object's `on…` key that names no hook is refused too: `{ onEpochEnded }` would never run.
 * (A class's own methods live on its prototype and are not looked at.)
 */
export function checkCallbacks(op: string, callbacks: unknown): void {
  if (callbacks === undefined) return;
  if (!Array.isArray(callbacks)) throw new MlpkitError(op, `callbacks: expected an array of callback objects, got ${describe(callbacks)}`);
  callbacks.forEach((cb: unknown, i) => {
    if (cb === null || typeof cb !== 'object') throw new MlpkitError(op, `callbacks[${i}]: expected a callback object with hooks such as onEpochEnd, got ${describe(cb)}`);
    for (const hook of HOOKS) {
      const fn = (cb as Record<string, unknown>)[hook];
      if (fn !== undefined && typeof fn !== 'function') throw new MlpkitError(op, `callbacks[${i}].${hook}: expected a function, got ${describe(fn)}`);
    }
    if (Object.getPrototypeOf(cb) !== Object.prototype) return;
    for (const key of Object.keys(cb))
      if (/^on[A-Z]/.test(key) && !(HOOKS as readonly string[]).includes(key))
        throw new MlpkitError(op, `callbacks[${i}]: unknown hook '${key}' (expected ${HOOKS.filter((h) => h.startsWith('on')).join(', ')})`);
  });
}
