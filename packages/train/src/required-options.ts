import { MlpkitError, checkOptions, describe } from '@mlpkit/tensor';

/**
 * `checkOptions` for a function whose options hold required fields: without the object, the
 * first read of one would be a TypeError instead of an error naming what is needed.
 */
export function checkRequiredOptions(op: string, options: unknown, allowed: readonly string[], required: string): void {
  if (options === undefined) throw new MlpkitError(op, `expected an options object with ${required}, got undefined`);
  checkOptions(op, options, allowed);
}

/** Throws unless `makeOptimizer` is a function (params) => optimizer: it is called only after the model was snapshotted or stepped. */
export function checkMakeOptimizer(op: string, makeOptimizer: unknown): void {
  if (typeof makeOptimizer !== 'function')
    throw new MlpkitError(op, `makeOptimizer: expected a function (params) => optimizer such as (p) => new SGD(p, { lr: 0.1 }), got ${describe(makeOptimizer)}`);
}
