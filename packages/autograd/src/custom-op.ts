import type { Tensor } from '@mlpkit/tensor';
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
 * @example
 * const relu = (x: Tensor) => customOp('relu', [x], () => maximum(x, 0),
 *   (g, out) => [where(gt(out, 0), g, 0)]);
 */
export function customOp(
  name: string,
  inputs: readonly Tensor[],
  forward: () => Tensor,
  backward: (grad: Tensor, output: Tensor, needs: readonly boolean[], into: readonly (Tensor | null)[]) => readonly (Tensor | null)[],
): Tensor {
  const output = noGrad(forward);
  if (inputs.some((t) => t.requiresGrad)) {
    ensureRecorder();
    const vjp: Vjp = (g, needs, into) => backward(g, output, needs, into ?? []);
    attachNode(name, inputs, output, vjp);
  }
  return output;
}
