import { type Tensor, checkBoolean, checkOptions } from '@mlpkit/tensor';
import { noGrad } from './grad-mode.js';
import type { Vjp } from './node.js';
import { attachNode, ensureRecorder } from './recorder.js';

/**
 * Defines an op by its forward and its backward directly, for fused hot paths and for
 * functions whose derivative the maths gives in closed form (activations, softmax
 * cross-entropy, linear, batch norm). `forward` runs without recording; `backward`
 * receives the output's gradient and returns one gradient per input (null for none). Its
 * fourth argument offers, per input, the leaf's existing gradient to add into in place (null
 * where there is none); a backward that adds into `into[i]` returns `into[i]` for input i.
 *
 * `options.pure: true` promises that `backward` keeps no reference to `grad` (no closure, cache
 * or hook holds it after it returns) and returns only new tensors, views of `grad`, or `into[i]`:
 * the walker may then reuse `grad`'s memory for later outputs once it is consumed. Default false.
 *
 * @example
 * const relu = (x: Tensor) => customOp('relu', [x], () => maximum(x, 0),
 *   (g, out) => [where(gt(out, 0), g, 0)], { pure: true });
 */
export function customOp(
  name: string,
  inputs: readonly Tensor[],
  forward: () => Tensor,
  backward: (grad: Tensor, output: Tensor, needs: readonly boolean[], into: readonly (Tensor | null)[]) => readonly (Tensor | null)[],
  options: CustomOpOptions = {},
): Tensor {
  checkOptions('customOp', options, ['pure']);
  if (options.pure !== undefined) checkBoolean('customOp', 'pure', options.pure);
  const output = noGrad(forward);
  if (inputs.some((t) => t.requiresGrad)) {
    ensureRecorder();
    const vjp: Vjp = (g, needs, into) => backward(g, output, needs, into ?? []);
    attachNode(name, inputs, output, vjp, options.pure ?? false);
  }
  return output;
}

/** What `customOp` takes besides the op itself. */
export interface CustomOpOptions {
  /** `backward` keeps no reference to its gradient and returns only new tensors or views of it. */
  pure?: boolean;
}
