import { MlpkitError, type Tensor, checkTensor } from '@mlpkit/tensor';
import type { AutogradNode } from './node.js';

/**
 * Promises, for `owner`, that nothing but the recorded graph reads `output` (an op's result that
 * requires grad), and that every node that read it lies on the way from the root that will run
 * backward to it: `backward()` without `retainGraph` then hands its memory back to the allocator
 * when its walk reaches it, since every node that used it has run by then, as PyTorch frees a
 * graph's saved tensors, so that the
 * next step's output of its size reuses it at once instead of waiting for the garbage collector
 * (docs/design.md, "What fresh memory costs"). Reading it afterwards throws. Sequential makes
 * this promise for the output of a layer that only the next layer reads, when both layers keep
 * no reference (nn's intermediate-reuse.ts). A tensor without a recorded op is left as it is.
 *
 * @example
 * const hidden = linear(x, w1, b1);
 * releaseAfterBackward(hidden, 'myMlp'); // nothing else keeps `hidden`
 * crossEntropy(linear(relu(hidden), w2, b2), y).backward();
 */
export function releaseAfterBackward(output: Tensor, owner: string): void {
  checkTensor('releaseAfterBackward', output, 'output');
  if (typeof owner !== 'string') throw new MlpkitError('releaseAfterBackward', `owner: expected a string naming who promises, got ${typeof owner}`);
  const node = output.gradNode as AutogradNode | null;
  if (node) node.releasedBy = owner;
}
