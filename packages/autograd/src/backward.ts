import { MlpkitError, Tensor, add, cast, checkOptions, formatShape, onesLike, releaseMemory, shapesEqual } from '@mlpkit/tensor';
import { GradientLedger } from './gradient-ledger.js';
import { accumulateGrad, notOwned, ownedGrad } from './accumulate-grad.js';
import { noGrad } from './grad-mode.js';
import type { AutogradNode } from './node.js';
import { sumTo } from './sum-to.js';

function nodeOf(t: Tensor): AutogradNode | null {
  return t.gradNode as AutogradNode | null;
}

/** Tensors reachable from `root` through recorded nodes, each after everything that uses it. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = nodeOf(top[0])?.inputs ?? [];
    if (top[1] < inputs.length) {
      const next = inputs[top[1]++];
      if (next.requiresGrad && !seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  return order.reverse();
}

function initialGradient(root: Tensor, gradient: Tensor | undefined): Tensor {
  if (!root.requiresGrad) throw new MlpkitError('backward', 'this tensor does not require grad: no input of the ops that made it was marked with requiresGrad()');
  if (gradient === undefined) {
    if (root.size !== 1)
      throw new MlpkitError('backward', `a gradient can be implied only for a one-element output; got shape ${formatShape(root.shape)}, so pass backward(gradient)`);
    return onesLike(root);
  }
  if (!(gradient instanceof Tensor))
    throw new MlpkitError('backward', `expected the gradient to be a Tensor (or undefined for a one-element output), got ${typeof gradient === 'object' ? JSON.stringify(gradient) : String(gradient)}; options go second: backward(gradient, { retainGraph })`);
  if (!shapesEqual(gradient.shape, root.shape))
    throw new MlpkitError('backward', `gradient shape ${formatShape(gradient.shape)} differs from output shape ${formatShape(root.shape)}`);
  return cast(gradient, root.dtype);
}

const none: readonly null[] = [];

/** Releases an output its owner promised only the graph reads (see releaseAfterBackward), now that all its users have run. */
function releaseOutput(t: Tensor, owner: string): void {
  releaseMemory(t, 'backward', `it was an intermediate of ${owner} that only the graph read, and backward() handed its memory back once the graph was done with it, as PyTorch frees a graph's saved tensors; call backward(undefined, { retainGraph: true }) to keep it`);
}

/**
 * The gradients a VJP may add into in place, one per input: a leaf's own gradient (see
 * `ownedGrad`), or null. A VJP that does so returns that very tensor for the input, and the
 * walker then adds nothing more for it.
 */
function inPlaceTargets(inputs: readonly Tensor[]): readonly (Tensor | null)[] {
  if (!inputs.some((x) => x.requiresGrad && !x.gradNode && x.grad)) return none;
  return inputs.map((x) => (x.requiresGrad && !x.gradNode ? ownedGrad(x) : null));
}

/**
 * Reverse-mode sweep: walks the recorded graph from `root` in reverse topological order,
 * applies each node's vector-Jacobian product, sums broadcast gradients back to each
 * input's shape, and accumulates into `.grad` of the leaves, in place where one exists.
 */
export function backward(root: Tensor, gradient: Tensor | undefined, options: { retainGraph?: boolean } = {}): void {
  checkOptions('backward', options, ['retainGraph']);
  const seed = notOwned(initialGradient(root, gradient));
  noGrad(() => {
    const grads = new Map<Tensor, Tensor>([[root, seed]]);
    const ledger = new GradientLedger(grads);
    // Every node that used a tensor comes before it in this order; one that got no gradient is
    // skipped and not freed, and may still hold what it used, so from then on nothing is released.
    let skipped = false;
    for (const t of topologicalOrder(root)) {
      const g = grads.get(t);
      if (!g) {
        skipped = true;
        continue;
      }
      grads.delete(t);
      const node = nodeOf(t);
      if (!node) {
        ledger.toLeaf(g);
        accumulateGrad(t, g);
        continue;
      }
      if (node.freed)
        throw new MlpkitError('backward', `the graph through '${node.name}' was freed by an earlier backward(); call backward(undefined, { retainGraph: true }) the first time to run it again`);
      const into = inPlaceTargets(node.inputs);
      const results = node.vjp(g, node.inputs.map((x) => x.requiresGrad), into);
      node.inputs.forEach((input, i) => {
        const r = results[i];
        if (!input.requiresGrad || !r || r === into[i]) return;
        const shaped = cast(sumTo(r, input.shape), input.dtype);
        const previous = grads.get(input);
        const total = previous ? add(previous, shaped) : shaped;
        // A sum is new memory; a pure VJP's gradient is the walker's unless it is a view of one that is not.
        ledger.produced(total, previous !== undefined || (node.pure && ledger.madeFrom(shaped, g)));
        grads.set(input, total);
      });
      if (node.pure) ledger.consumed(g);
      if (!options.retainGraph) {
        node.freed = true;
        node.vjp = () => [];
        if (node.releasedBy !== null && !skipped && t !== root) releaseOutput(t, node.releasedBy);
      }
    }
  });
}
