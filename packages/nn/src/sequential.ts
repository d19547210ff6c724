import { MlpkitError, type Tensor } from '@mlpkit/tensor';
import { Module } from './module.js';

/** Anything Sequential can chain: a Module, an object with `forward(x)` (such as an activation layer), or a function. */
export type Layer = Module | { forward(input: Tensor): Tensor } | ((input: Tensor) => Tensor);

/**
 * Wraps a function or a forward-only object as a Module, so that it takes its place (and its
 * index) among a Sequential's children and prints under its own name.
 */
export class Lambda extends Module {
  readonly fn: (input: Tensor) => Tensor;
  readonly label: string;
  /** The wrapped function or object, so that a model file can say which activation it is. */
  readonly layer: Exclude<Layer, Module>;

  constructor(layer: Exclude<Layer, Module>) {
    super();
    this.layer = layer;
    if (typeof layer === 'function') {
      this.fn = layer;
      this.label = layer.name || 'function';
    } else {
      this.fn = (x) => layer.forward(x);
      this.label = layer.constructor?.name ?? 'layer';
    }
  }

  forward(input: Tensor): Tensor {
    return this.fn(input);
  }

  override toString(): string {
    return `${this.label}()`;
  }
}

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
    let x = input;
    for (let i = 0; i < this.count; i++) {
      try {
        x = this.at(i).forward(x);
      } catch (error) {
        if (error instanceof MlpkitError && !error.message.startsWith('Sequential: ')) throw new MlpkitError('Sequential', `layer ${i}: ${error.message}`);
        throw error;
      }
    }
    return x;
  }
}
