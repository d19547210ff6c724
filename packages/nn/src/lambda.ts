import { MlpkitError, type Tensor, describe } from '@mlpkit/tensor';
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
    if (typeof layer !== 'function' && (layer === null || typeof layer !== 'object' || typeof (layer as { forward?: unknown }).forward !== 'function'))
      throw new MlpkitError('Lambda', `expected a function or an object with forward(x), got ${describe(layer)}`);
    this.layer = layer;
    if (typeof layer === 'function') {
      this.fn = layer;
      this.label = layer.name || 'function';
    } else {
      this.fn = (x) => layer.forward(x);
      this.label = layer.constructor?.name ?? 'layer';
    }
    // Fixed at run time too: Sequential judges a Lambda by the layer it wraps (intermediate-reuse.ts).
    Object.defineProperty(this, 'fn', { writable: false, configurable: false });
    Object.defineProperty(this, 'layer', { writable: false, configurable: false });
  }

  forward(input: Tensor): Tensor {
    return this.fn(input);
  }

  override toString(): string {
    return `${this.label}()`;
  }
}
