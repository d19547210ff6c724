import { MlpkitError, describe } from './errors.js';
import { startHandoutLog, stopHandoutLog } from './handout-log.js';
import { recycleFloat32 } from './recycled-float32.js';
import type { Tensor } from './tensor.js';
import type { TypedArray } from './dtype.js';

/**
 * What survives a step: a tensor or anything with tensor-like `data` and `grad` (a parameter
 * as an optimizer sees it), whose data and gradient are kept, or an array; null and
 * undefined are skipped.
 */
export type StepSurvivor = Pick<Tensor, 'data'> & { readonly grad?: Pick<Tensor, 'data'> | null } | TypedArray | null | undefined;

/** An open step scope (see {@link openStepScope}); end it with exactly one of its methods. */
export interface StepScope {
  /**
   * Ends the step: every large float32 array the library made during it (batches, kernel
   * outputs) is reused by the steps that follow, except the memory of `survivors`. Returns how
   * many arrays were taken back.
   */
  release(survivors: Iterable<StepSurvivor>): number;
  /** Ends the step and reuses nothing (after an error, or when something may still hold its tensors). */
  abandon(): void;
}

/**
 * Opens a scope around one synchronous training step, so that the memory the step made is
 * reused at once, warm in the caches, instead of waiting for the garbage collector: PyTorch
 * gets the same from reference counts (docs/design.md, "What fresh memory costs"). Only arrays
 * handed out by the library's allocator while the scope is open are reused, never arrays a
 * caller made. The contract is the caller's: when `release` runs, nothing but `survivors` may
 * still need a tensor the step made (no stored activation, batch or loss). `fit` opens one per
 * batch with its `reuseMemory` option. Scopes do not nest.
 *
 * @example
 * const scope = openStepScope('myLoop');
 * try {
 *   optimizer.zeroGrad();
 *   const loss = crossEntropy(model.forward(x), y);
 *   loss.backward();
 *   optimizer.step();
 *   losses.push(loss.item());
 * } catch (e) { scope.abandon(); throw e; }
 * scope.release(model.parameters());
 */
export function openStepScope(op: string): StepScope {
  if (typeof op !== 'string') throw new MlpkitError('openStepScope', `op: expected the name of the loop, a string, got ${describe(op)}`);
  if (!startHandoutLog()) throw new MlpkitError(op, 'a step scope is already open; scopes do not nest, and each must end with release() or abandon()');
  let open = true;
  const end = (): Float32Array[] => {
    if (!open) throw new MlpkitError(op, 'this step scope has already ended');
    open = false;
    return stopHandoutLog();
  };
  return {
    release(survivors) {
      const made = end();
      // Checked after the scope ended, so that a bad argument leaves no scope open (and reuses nothing).
      if (survivors == null || typeof (survivors as Iterable<StepSurvivor>)[Symbol.iterator] !== 'function')
        throw new MlpkitError(op, `release: expected an iterable of what survives the step (tensors or arrays), got ${describe(survivors)}`);
      const kept = survivingBuffers(survivors);
      let taken = 0;
      for (const data of made) if (!kept.has(data.buffer) && recycleFloat32(data)) taken++;
      return taken;
    },
    abandon() {
      end();
    },
  };
}

function survivingBuffers(survivors: Iterable<StepSurvivor>): Set<ArrayBufferLike> {
  const kept = new Set<ArrayBufferLike>();
  for (const s of survivors) {
    if (!s) continue;
    if (ArrayBuffer.isView(s)) kept.add(s.buffer);
    // Duck-typed (an optimizer's parameter): anything without typed-array data holds no step memory.
    else if (ArrayBuffer.isView(s.data)) {
      kept.add(s.data.buffer);
      if (s.grad && ArrayBuffer.isView(s.grad.data)) kept.add(s.grad.data.buffer);
    }
  }
  return kept;
}

/**
 * Runs `body` (one synchronous step) in a step scope: afterwards, everything it made is reused
 * except the memory of `survivors()`, and nothing when it throws or when `reusable(result)` is
 * false. The safe way to use {@link openStepScope}, with the same contract.
 *
 * @example
 * for (const { x, y } of loader)
 *   losses.push(inStepScope('myLoop', () => {
 *     optimizer.zeroGrad();
 *     const loss = crossEntropy(model.forward(x), y);
 *     loss.backward();
 *     optimizer.step();
 *     return loss.item();
 *   }, () => model.parameters()));
 */
export function inStepScope<T>(op: string, body: () => T, survivors: () => Iterable<StepSurvivor>, reusable: (result: T) => boolean = () => true): T {
  for (const [name, fn] of [['body', body], ['survivors', survivors], ['reusable', reusable]] as const)
    if (typeof fn !== 'function') throw new MlpkitError('inStepScope', `${name}: expected a function, got ${describe(fn)}`);
  const scope = openStepScope(op);
  let result: T;
  try {
    result = body();
  } catch (error) {
    scope.abandon();
    throw error;
  }
  if (reusable(result)) scope.release(survivors());
  else scope.abandon();
  return result;
}
