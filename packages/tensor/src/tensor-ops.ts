import { MlpkitError } from './errors.js';
import type * as Ops from './ops/index.js';

/**
 * The ops a Tensor's methods call (`x.add(y)` is `add(x, y)`), handed over by the package's
 * entry when it loads. The methods look them up here instead of importing them, because the ops
 * make Tensors: importing them from the class would make a runtime import cycle.
 */
let registered: typeof Ops | null = null;

/** Called once by the package's entry (index.ts) with every op. */
export function setTensorOps(ops: typeof Ops): void {
  registered = ops;
}

/** The ops for a Tensor method; throws when the package was loaded without its entry. */
export function tensorOps(): typeof Ops {
  if (registered === null)
    throw new MlpkitError('Tensor', 'its methods need the ops that the package entry hands over when it loads: expected an import from @mlpkit/tensor, got a file of the package loaded on its own');
  return registered;
}
