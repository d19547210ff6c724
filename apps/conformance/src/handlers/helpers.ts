import { requiresGrad } from '@mlpkit/autograd';
import type { Tensor } from '@mlpkit/tensor';
import { toTensor } from '../fixture.js';
import type { FixtureCase } from '../types.js';

/** The case's inputs as tensors; those the case has gradients for require grad. */
export function leavesOf(c: FixtureCase): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(c.inputs).map(([k, f]) => {
      const t = toTensor(f);
      return [k, !c.no_grad && c.grads && k in c.grads ? requiresGrad(t) : t];
    }),
  );
}

/** `tensors_0`, `tensors_1`, … in order. */
export function numbered(inputs: Record<string, Tensor>, prefix: string): Tensor[] {
  return Object.keys(inputs)
    .filter((k) => k.startsWith(prefix))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    .map((k) => inputs[k]);
}
