import { isGradEnabled } from '@mlpkit/autograd';
import { MlpkitError, Tensor, describe } from '@mlpkit/tensor';
import { keepsNoReference, passedOn, releaseIntermediate } from './intermediate-reuse.js';
import { Lambda, type Layer } from './lambda.js';
import { Module } from './module.js';

function asModule(layer: Layer, index: number): Module {
  if (layer instanceof Module) return layer;
  if (typeof layer === 'function' || (layer && typeof (layer as { forward?: unknown }).forward === 'function')) return new Lambda(layer as Exclude<Layer, Module>);
  throw new MlpkitError('Sequential', `layer ${index} must be a Module, an object with forward(x) or a function, got ${String(layer)}`);
}

/**
 * Runs layers one after another (`torch.nn.Sequential`). Children are named '0', '1', … so
 * parameters read '0.weight', '2.bias' as in PyTorch; functions such as `relu` take an index too.
 *
 * @example
 * const model = new Sequential(new Linear(4, 16), relu, new Linear(16, 3));
 * model.forward(x); // logits
 */
export class Sequential extends Module {
  private count = 0;

  constructor(...layers: Layer[]) {
    super();
    layers.forEach((layer) => this.append(layer));
  }

  /** Adds a layer at the end; returns this. */
  append(layer: Layer): this {
    this.addModule(String(this.count), asModule(layer, this.count));
    this.count++;
    return this;
  }

  /** The number of layers. */
  get length(): number {
    return this.count;
  }

  /** The layer at `index` (negative counts from the end). */
  at(index: number): Module {
    const i = index < 0 ? this.count + index : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new MlpkitError('Sequential', `index ${index} is out of range for ${this.count} layers`);
    return (this as Record<string, unknown>)[String(i)] as Module;
  }

  /** Layers in order. */
  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }

  /** Feeds `input` through every layer; an error names the layer it happened in. */
  forward(input: Tensor): Tensor {
    // An intermediate between two layers that keep no reference to it is read by nothing but the
    // second layer and, with gradients, the graph (intermediate-reuse.ts): without gradients it
    // is dead once the second layer has read it, with them once backward has used it.
    const grads = isGradEnabled();
    // `owned`: x is memory layer `made` of this Sequential made, and only layers that keep no
    // reference have read it or passed it on since. The caller's input, and whatever shares its
    // memory, is never owned (an evaluation Dropout first hands the input itself to the next layer).
    let x = input, owned = false, made = -1;
    for (let i = 0; i < this.count; i++) {
      const layer = this.at(i), before = x;
      // Judged before the call: a forward that swapped itself for a listed one while running has kept what it saw.
      const keepsNone = keepsNoReference(layer);
      try {
        x = layer.forward(before);
      } catch (error) {
        // A nested Sequential's error already names its own layer: the outer index goes first.
        if (error instanceof MlpkitError) throw new MlpkitError('Sequential', `layer ${i}: ${error.message.replace(/^Sequential: /, '')}`);
        throw error;
      }
      // A function layer may return anything; the next layer (and the memory reuse below) needs a Tensor.
      if (!(x instanceof Tensor)) throw new MlpkitError('Sequential', `layer ${i} (${layer.constructor.name}) returned ${describe(x)}, expected a Tensor`);
      const same = passedOn(before, x);
      if (owned && keepsNone && !same) releaseIntermediate(before, grads, made, i);
      if (!same) made = i;
      // Memory on a device is never released here: such an output is not owned.
      owned = keepsNone && !x.deviceBuffer && (owned || !same);
    }
    return x;
  }
}
