import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { MinMaxScaler } from './min-max-scaler.js';
import { Normalize } from './normalize.js';
import { PCA } from './pca.js';
import { PixelScaler } from './pixel-scaler.js';
import { RobustScaler } from './robust-scaler.js';
import type { Scaler } from './scaler.js';
import { scalerFromJSON } from './scaler-from-json.js';
import { SCALER_METADATA_KEY, scalerFromMetadata } from './scaler-metadata.js';
import { ScalerPipeline } from './scaler-pipeline.js';
import { StandardScaler } from './standard-scaler.js';
import { ZCAWhitening } from './zca-whitening.js';
import { ZeroCenterer } from './zero-centerer.js';

const train = tensor([[0, 10, 3], [50, 20, 1], [100, 40, 2], [25, 10, 9]]);

/** The scaler's saved JSON, edited, read back. */
function reload(scaler: Scaler, edit: (json: any) => void): Scaler {
  const json = JSON.parse(JSON.stringify(scaler.toJSON()));
  edit(json);
  return scalerFromJSON(json);
}

describe('a saved scaler is checked field by field when read back', () => {
  const cases: [string, () => Scaler, (j: any) => void, RegExp][] = [
    ['a PixelScaler without its config (it would silently become [0, 1])', () => new PixelScaler({ featureRange: [-1, 1] }), (j) => (j.config = {}), /PixelScaler\.fromJSON: config\.featureRange: expected a value, got nothing/],
    ['a string range', () => new PixelScaler({ featureRange: [-1, 1] }), (j) => (j.config.featureRange = ['-1', '1']), /config\.featureRange\[0\]: expected a finite number, got "-1"/],
    ['a reversed range', () => new MinMaxScaler().fit(train), (j) => (j.config.featureRange = [1, 0]), /MinMaxScaler\.fromJSON: config\.featureRange: expected \[low, high\] with low < high/],
    ['a zero maxValue', () => new PixelScaler(), (j) => (j.config.maxValue = 0), /config\.maxValue: expected a finite number > 0, got 0/],
    ['a string mean', () => new Normalize({ mean: [0.5], std: [0.25] }), (j) => (j.config.mean = '0.5'), /Normalize\.fromJSON: config\.mean: expected an array of finite numbers, got "0.5"/],
    ['a mean shorter than std', () => new Normalize({ mean: [0.5, 0.4], std: [0.25, 0.2] }), (j) => (j.config.mean = [0.5]), /config\.std: expected an array of 1 of finite numbers, got an array of 2/],
    ['a zero std', () => new Normalize({ mean: [0.5], std: [0.25] }), (j) => (j.config.std = [0]), /config\.std\[0\]: expected a non-zero number, got 0/],
    ['a missing scale', () => new StandardScaler().fit(train), (j) => (j.state.scale = null), /StandardScaler\.fromJSON: state\.scale: expected a vector \(withStd is true\), got null/],
    ['a zero scale', () => new StandardScaler().fit(train), (j) => (j.state.scale[1] = 0), /state\.scale\[1\]: expected a finite number > 0, got 0/],
    ['a negative variance', () => new StandardScaler().fit(train), (j) => (j.state.var[0] = -1), /state\.var\[0\]: expected a finite number ≥ 0, got -1/],
    ['a short mean', () => new StandardScaler().fit(train), (j) => j.state.mean.pop(), /state\.mean: expected an array of 3 of finite numbers, got an array of 2/],
    ['a NaN statistic (null in JSON)', () => new ZeroCenterer().fit(train), (j) => (j.state.mean[2] = null), /ZeroCenterer\.fromJSON: state\.mean\[2\]: expected a finite number, got null/],
    ['a fractional feature count', () => new RobustScaler().fit(train), (j) => (j.state.nFeaturesIn = 2.5), /RobustScaler\.fromJSON: state\.nFeaturesIn: expected an integer ≥ 1, got 2.5/],
    ['a zero robust scale', () => new RobustScaler().fit(train), (j) => (j.state.scale[0] = 0), /state\.scale\[0\]: expected a finite number > 0, got 0/],
    ['components for another size', () => new PCA({ nComponents: 2 }).fit(train), (j) => j.state.components.pop(), /PCA\.fromJSON: state\.components: expected an array of 6 of finite numbers, got an array of 5/],
    ['a negative eigenvalue', () => new ZCAWhitening().fit(train), (j) => (j.state.eigenvalues[0] = -1), /ZCAWhitening\.fromJSON: state\.eigenvalues\[0\]: expected a finite number ≥ 0, got -1/],
    ['a zero eigenvalue saved with eps = 0 (transform would be NaN)', () => new ZCAWhitening({ eps: 0 }).fit(train), (j) => (j.state.eigenvalues[2] = 0),
      /ZCAWhitening\.fromJSON: state\.eigenvalues: the saved covariance is singular: 1 of its 3 eigenvalues is at most .* use eps > 0/],
    ['an unknown config field', () => new StandardScaler().fit(train), (j) => (j.config.withMedian = true), /config\.withMedian: unknown field; known: withMean, withStd/],
    ['an unknown state field', () => new StandardScaler().fit(train), (j) => (j.state.extra = [1]), /state\.extra: unknown field/],
    ['state on a stateless scaler', () => new PixelScaler(), (j) => (j.state = { nFeaturesIn: 1 }), /PixelScaler\.fromJSON: state: expected null \(this scaler learns nothing\)/],
    ['an empty pipeline', () => new ScalerPipeline([new PixelScaler()]), (j) => (j.config.steps = []), /ScalerPipeline\.fromJSON: config\.steps: expected at least one step/],
    ['a bad step inside a pipeline', () => new ScalerPipeline([new PixelScaler()]), (j) => (j.config.steps[0].config.maxValue = 'x'), /PixelScaler\.fromJSON: config\.maxValue: expected a finite number > 0, got "x"/],
    ['another version', () => new PixelScaler(), (j) => (j.version = 2), /scalerFromJSON: version: expected one of 1, got 2/],
  ];
  for (const [what, make, edit, message] of cases)
    it(`refuses ${what}`, () => {
      const scaler = make();
      expect(() => reload(scaler, edit)).toThrow(MlpkitError);
      expect(() => reload(scaler, edit)).toThrow(message);
    });

  it('refuses prototype names as types and as keys, without crashing', () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(() => scalerFromJSON({ type, version: 1, config: {}, state: null })).toThrow(/unknown scaler type/);
    expect(() => scalerFromJSON('{"type":"PixelScaler","version":1,"config":{"featureRange":[-1,1],"maxValue":255,"__proto__":{"x":1}},"state":null}')).toThrow(/config\.__proto__: expected no such key/);
    expect(() => scalerFromJSON('{"type":"PixelScaler","version":1,"config":{"constructor":1},"state":null}')).toThrow(/config\.constructor/);
  });

  it('refuses an unfitted scaler in a model file, and metadata that is not a string', () => {
    const unfitted = JSON.stringify(new StandardScaler().toJSON());
    expect(() => scalerFromMetadata({ [SCALER_METADATA_KEY]: unfitted })).toThrow(/holds a StandardScaler that was never fitted/);
    expect(scalerFromMetadata(Object.create({ [SCALER_METADATA_KEY]: unfitted }))).toBeNull();
  });

  it('still reads back every valid scaler exactly (the checks refuse only what is wrong)', () => {
    const x = tensor([[3, 12, 5]]);
    for (const scaler of [new StandardScaler({ withStd: false }), new RobustScaler({ withCentering: false }), new PCA({ nComponents: 0.9 }), new MinMaxScaler({ clip: true })]) {
      scaler.fit(train);
      expect([...reload(scaler, () => {}).transform(x).data]).toEqual([...scaler.transform(x).data]);
    }
  });
});
