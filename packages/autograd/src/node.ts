import type { GradNode, Tensor } from '@mlpkit/tensor';

/**
 * The vector-Jacobian product of one recorded op: given the gradient of its output, the
 * gradients of its inputs (null where an input gets none). `needs[i]` says whether input i
 * wants a gradient, so rules can skip work. `into[i]`, when given and not null, is the existing
 * gradient of input i (a leaf) that the rule may add its gradient for that input into in place;
 * a rule that does returns that very tensor for input i, and the walker adds nothing more.
 */
export type Vjp = (grad: Tensor, needs: readonly boolean[], into?: readonly (Tensor | null)[]) => readonly (Tensor | null)[];

/** What autograd attaches to a tensor an op produced. */
export interface AutogradNode extends GradNode {
  vjp: Vjp;
  /** Set once backward has run through this node without `retainGraph`. */
  freed: boolean;
  /**
   * The VJP keeps no reference to the gradient it is given and returns only new tensors or
   * views of that gradient, so the walker may recycle the gradient's memory once it returns.
   * True for the built-in rules; a `customOp` says so itself.
   */
  pure: boolean;
  /**
   * Set by `releaseAfterBackward`: who owns this node's output and promises that only the graph
   * reads it, so that backward without `retainGraph` releases its memory once every node that
   * used it has run (see backward.ts). Null for every other output.
   */
  releasedBy: string | null;
}
