import { MlpkitError, Tensor, checkTensor } from '@mlpkit/tensor';
import { assertFinite } from './matrix.js';
import type { Scaler, ScalerJSON } from './scaler.js';

/**
 * Base of scalers whose constants are given, not learned (pixel scaling, torchvision's
 * Normalize): they are fitted from the start, accept any shape, and `fit` only validates.
 */
export abstract class StatelessScaler implements Scaler {
  abstract readonly type: string;
  readonly fitted = true;

  fit(x: Tensor): this {
    checkTensor(`${this.type}.fit`, x);
    assertFinite(`${this.type}.fit`, x);
    return this;
  }

  transform(x: Tensor): Tensor {
    return this.map('transform', x, (v, i) => this.forward(v, i, x.shape));
  }

  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  inverseTransform(x: Tensor): Tensor {
    return this.map('inverseTransform', x, (v, i) => this.inverse(v, i, x.shape));
  }

  toJSON(): ScalerJSON {
    return { type: this.type, version: 1, config: this.config(), state: null };
  }

  /** The transformed value of element `index` (flat, row-major) of an input of `shape`. */
  protected abstract forward(value: number, index: number, shape: readonly number[]): number;
  protected abstract inverse(value: number, index: number, shape: readonly number[]): number;
  protected abstract config(): Record<string, unknown>;
  /** Throws when `shape` does not suit this scaler (called before any element is mapped). */
  protected checkShape(_op: string, _shape: readonly number[]): void {}

  private map(method: string, x: Tensor, fn: (v: number, i: number) => number): Tensor {
    const op = `${this.type}.${method}`;
    checkTensor(op, x);
    if (x.dtype === 'bool') throw new MlpkitError(op, 'expected a numeric tensor, got dtype bool');
    this.checkShape(op, x.shape);
    assertFinite(op, x);
    const out = x.dtype === 'float64' ? new Float64Array(x.size) : new Float32Array(x.size);
    const data = x.data;
    for (let i = 0; i < out.length; i++) out[i] = fn(data[i], i);
    return new Tensor(out, x.shape);
  }
}
