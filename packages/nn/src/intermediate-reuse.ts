import { ReLU, Sigmoid, Tanh, relu, sigmoid, tanh } from '@mlpkit/activations';
import { releaseAfterBackward } from '@mlpkit/autograd';
import { MlpkitError, type Tensor, describe, recycleFloat32 } from '@mlpkit/tensor';
import { Dropout } from './dropout.js';
import { Lambda } from './lambda.js';
import { Linear } from './linear.js';
import type { Module } from './module.js';

/**
 * The forward functions that return a new array (or, as Dropout in evaluation, their input
 * itself, which Sequential follows with passedOn) and keep no reference to
 * their input or their output once they return, except, with gradients, through the one graph
 * node they record (which takes the input as an input); other packages add theirs with
 * {@link declareKeepsNoReference}. The functions, not their classes: a subclass
 * that overrides `forward`, or an instance whose `forward` was wrapped (as activationStats
 * does to observe each layer), is not in the set, since it may keep what it saw.
 */
const KEEPS_NO_REFERENCE = new WeakSet<object>([
  Linear.prototype.forward, relu, ReLU.prototype.forward, tanh, Tanh.prototype.forward, sigmoid, Sigmoid.prototype.forward,
  Dropout.prototype.forward,
]);

/**
 * Adds layer forwards defined outside nn (BatchNorm1d's and LayerNorm's, in normalization,
 * which nn cannot import) to the set Sequential releases intermediates between. Each must keep
 * the set's promise: it returns a new array, and keeps no reference to its input or its output
 * once it returns except, with gradients, through the one graph node it records with the input
 * as an input. A forward that breaks it would read memory another tensor now holds.
 *
 * @example
 * declareKeepsNoReference(BatchNorm1d.prototype.forward);
 */
export function declareKeepsNoReference(...forwards: ((input: Tensor) => Tensor)[]): void {
  for (const forward of forwards) {
    if (typeof forward !== 'function') throw new MlpkitError('declareKeepsNoReference', `expected a layer's forward function, got ${describe(forward)}`);
    KEEPS_NO_REFERENCE.add(forward);
  }
}

/** Whether `layer`'s forward, as it is now, is one of {@link KEEPS_NO_REFERENCE}'s. */
export function keepsNoReference(layer: Module): boolean {
  if (!(layer instanceof Lambda) || layer.forward !== Lambda.prototype.forward) return KEEPS_NO_REFERENCE.has(layer.forward);
  const wrapped = layer.layer;
  return KEEPS_NO_REFERENCE.has(typeof wrapped === 'function' ? wrapped : wrapped.forward);
}

/**
 * Whether `output` is `input` passed on (Dropout in evaluation, or with p = 0, returns its
 * input itself; a view shares its memory), rather than memory a layer made. For tensors on a
 * device: whether both hold the same device buffer.
 */
export function passedOn(input: Tensor, output: Tensor): boolean {
  if (input === output) return true;
  if (input.deviceBuffer || output.deviceBuffer) return input.deviceBuffer === output.deviceBuffer;
  return input.data.buffer === output.data.buffer;
}

/**
 * Hands the memory of `intermediate` back to the allocator, so that the next output of its
 * size reuses it, warm in the caches, instead of waiting for the garbage collector
 * (docs/design.md, "What fresh memory costs"): at once without gradients; with them, once
 * backward has run every node that used it (autograd's releaseAfterBackward), since the graph
 * is then the only other reader. The caller (Sequential) vouches that `intermediate` is host
 * memory layer `made` made and that only layers keeping no reference read it or passed it on,
 * the last being layer `readBy`, whose output is new memory. recycleFloat32 itself skips what
 * is not a whole, large, unshared float32 array.
 */
export function releaseIntermediate(intermediate: Tensor, grads: boolean, made: number, readBy: number): void {
  const data = intermediate.data;
  if (!grads) {
    if (data instanceof Float32Array) recycleFloat32(data);
    return;
  }
  const readers = readBy === made + 1 ? `layer ${readBy}` : `layers ${made + 1} to ${readBy}`;
  if (intermediate.gradNode) releaseAfterBackward(intermediate, `Sequential (the output of layer ${made}, read only by ${readers})`);
}
