import { Tensor, type TypedArray, add, fusedAxpy, longLivedStorage, shapesEqual } from '@mlpkit/tensor';

// Gradients whose storage the walker allocated for one leaf alone, so adding into them in place
// can change nothing else (a gradient an op returned may share storage with another leaf's, as
// add's two inputs do); and the leaves whose gradient already got long-lived storage once, so a
// gradient that a user keeps replacing never fills a backend's bounded memory.
const owned = new WeakSet<Tensor>();
const moved = new WeakSet<Tensor>();

/**
 * The leaf's gradient as storage the walker may add into in place, moving it there first (a
 * copy with the same values, in long-lived storage the first time for this leaf); null when the
 * leaf has no gradient or one of another dtype or shape, which is then summed out of place.
 * This is PyTorch's AccumulateGrad: an existing `.grad` is added into, so a reference to it
 * sees the new values, and with `zeroGrad(false)` a gradient keeps its storage from step to step.
 */
export function ownedGrad(leaf: Tensor): Tensor | null {
  const grad = leaf.grad;
  if (!grad || grad.dtype !== leaf.dtype || !shapesEqual(grad.shape, leaf.shape)) return null;
  if (owned.has(grad)) return grad;
  const copy = grad.data.slice();
  const data = moved.has(leaf) ? copy : longLivedStorage(copy);
  moved.add(leaf);
  const own = new Tensor(data, grad.shape);
  owned.add(own);
  leaf.grad = own;
  return own;
}

/**
 * `t`, or a copy of it when it is a leaf's own gradient: a gradient passed into `backward` may
 * be one (`y.backward(x.grad)`), and must not be taken for a VJP saying it added in place.
 */
export function notOwned(t: Tensor): Tensor {
  return owned.has(t) ? new Tensor(t.data.slice(), t.shape) : t;
}

/** target ← target + source in place, on the backend where it has an entry (the same bits as the loop). */
function addInto(target: TypedArray, source: TypedArray): void {
  if (fusedAxpy(target, 1, source)) return;
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}

/** Adds a gradient that reached a leaf into its `.grad`: in place when there is one, else it becomes the gradient. */
export function accumulateGrad(leaf: Tensor, g: Tensor): void {
  if (!leaf.grad) {
    leaf.grad = g;
    return;
  }
  const target = g.dtype === leaf.dtype ? ownedGrad(leaf) : null;
  if (target && shapesEqual(g.shape, target.shape)) addInto(target.data, g.data);
  else leaf.grad = add(leaf.grad, g);
}
