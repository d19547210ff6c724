import { Linear } from '@mlpkit/nn';
import { type Backend, Generator, manualSeed, randn, setBackend } from '@mlpkit/tensor';

// Linear(784, 256) on a batch of 64, forward and backward, on both backends: the products the
// wasm kernels exist for, in the layouts training uses.
export function layerOn(backend: Backend): number[][] {
  setBackend(backend);
  manualSeed(1);
  const layer = new Linear(784, 256);
  const x = randn([64, 784], { generator: new Generator(2) });
  const y = layer.forward(x);
  y.mul(y).sum().backward();
  return [Array.from(y.data), Array.from(layer.weight.grad!.data)];
}

/** Largest difference of `a` from `b`, relative to 1 + |b|. */
export const maxDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]) / (1 + Math.abs(b[i]))), 0);
