import { MlpkitError, type Tensor, describe } from '@mlpkit/tensor';
import { checkScaler } from './check-scaler.js';
import type { Scaler, ScalerJSON } from './scaler.js';
import { ScalerReader } from './scaler-reader.js';

/**
 * Several scalers applied in order, as one scaler (torchvision's Compose, scikit-learn's
 * pipeline of transformers): `fit` fits each step on the previous step's output, and the whole
 * chain saves to one JSON, so e.g. pixel scaling then Normalize travels with a model together.
 *
 * @example
 * const prep = new ScalerPipeline([new PixelScaler(), new Normalize({ mean: [0.1307], std: [0.3081] })]);
 */
export class ScalerPipeline implements Scaler {
  readonly type = 'ScalerPipeline';
  readonly steps: readonly Scaler[];

  constructor(steps: readonly Scaler[]) {
    if (!Array.isArray(steps)) throw new MlpkitError('ScalerPipeline', `expected an array of scalers, got ${describe(steps)}`);
    if (steps.length === 0) throw new MlpkitError('ScalerPipeline', 'expected at least one step, got none');
    // Checked here, not at fit, where a step that is not a scaler would fail as a TypeError.
    steps.forEach((step, i) => checkScaler('ScalerPipeline', step, `step ${i}`));
    this.steps = [...steps];
  }

  /** Rebuilds a pipeline saved with `toJSON()`; `load` reads each step (pass `scalerFromJSON`). */
  static fromJSON(json: ScalerJSON, load: (step: ScalerJSON) => Scaler): ScalerPipeline {
    const read = new ScalerReader(json, 'ScalerPipeline');
    const config = read.config(['steps']);
    read.noState();
    const steps = read.array('config.steps', config.steps);
    if (steps.length === 0) read.fail('config.steps', 'at least one step', steps);
    return new ScalerPipeline(steps.map((step) => load(step as ScalerJSON)));
  }

  get fitted(): boolean {
    return this.steps.every((s) => s.fitted);
  }

  fit(x: Tensor): this {
    let current = x;
    this.steps.forEach((step, i) => {
      if (i < this.steps.length - 1) current = step.fitTransform(current);
      else step.fit(current);
    });
    return this;
  }

  transform(x: Tensor): Tensor {
    return this.steps.reduce((current, step) => step.transform(current), x);
  }

  fitTransform(x: Tensor): Tensor {
    return this.steps.reduce((current, step) => step.fitTransform(current), x);
  }

  inverseTransform(x: Tensor): Tensor {
    return this.steps.reduceRight((current, step) => step.inverseTransform(current), x);
  }

  toJSON(): ScalerJSON {
    return { type: this.type, version: 1, config: { steps: this.steps.map((s) => s.toJSON()) }, state: null };
  }
}
