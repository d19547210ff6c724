import { MlpkitError, describe } from '@mlpkit/tensor';

/** Throws unless `makeOptimizer` is a function (params) => optimizer: it is called only after the model was snapshotted or stepped. */
export function checkMakeOptimizer(op: string, makeOptimizer: unknown): void {
  if (typeof makeOptimizer !== 'function')
    throw new MlpkitError(op, `makeOptimizer: expected a function (params) => optimizer such as (p) => new SGD(p, { lr: 0.1 }), got ${describe(makeOptimizer)}`);
}
