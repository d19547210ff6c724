import { type GradRecorder, type Primitive, type Tensor, getGradRecorder, setGradRecorder } from '@mlpkit/tensor';
import { backward } from './backward.js';
import { isGradEnabled } from './grad-mode.js';
import type { AutogradNode, Vjp } from './node.js';
import type { VjpRule } from './vjp-rule.js';
import { vjpRules } from './vjp-rules.js';

/** Attaches a node to `output` so backward can reach `inputs` through `vjp` (see {@link AutogradNode.pure}). */
export function attachNode(name: string, inputs: readonly Tensor[], output: Tensor, vjp: Vjp, pure: boolean): void {
  if (!isGradEnabled() || !inputs.some((t) => t.requiresGrad)) return;
  const node: AutogradNode = { name, inputs, vjp, freed: false, pure, releasedBy: null };
  output.requiresGrad = true;
  output.gradNode = node;
}

const recorder: GradRecorder = {
  record(op: Primitive, inputs, params, output) {
    const rule = vjpRules[op] as VjpRule<Primitive>;
    // Every rule returns new tensors or views of g, and keeps nothing (vjp-rules.ts).
    attachNode(op, inputs, output, (g, needs) => rule(g, inputs, params as never, output, needs), true);
  },
  backward,
};

/**
 * Installs the recorder into @mlpkit/tensor's dispatch. Called by every entry point that
 * makes a tensor require grad, so importing autograd registers nothing by itself.
 */
export function ensureRecorder(): void {
  if (getGradRecorder() !== recorder) setGradRecorder(recorder);
}
