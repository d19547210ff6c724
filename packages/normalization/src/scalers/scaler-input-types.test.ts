import { MlpkitError, zeros } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { MinMaxScaler } from './min-max-scaler.js';
import { PCA } from './pca.js';
import { PixelScaler } from './pixel-scaler.js';
import { RobustScaler } from './robust-scaler.js';
import { ScalerPipeline } from './scaler-pipeline.js';
import { scalerFromJSON } from './scaler-from-json.js';
import { StandardScaler } from './standard-scaler.js';
import { ZCAWhitening } from './zca-whitening.js';
import { ZeroCenterer } from './zero-centerer.js';

describe('scalers refuse what is not their input with an MlpkitError', () => {
  it('fit and transform take a Tensor, and say how to wrap plain arrays', () => {
    expect(() => new StandardScaler().fit([[1, 2], [3, 4]] as never)).toThrow(
      'StandardScaler.fit: expected input to be a Tensor, got an array of length 2 (wrap plain arrays with tensor(...))',
    );
    expect(() => new PixelScaler().transform(new Float32Array(2) as never)).toThrow('PixelScaler.transform: expected input to be a Tensor, got a Float32Array');
  });

  it('fit refuses an input with no feature or no sample, as scikit-learn does ([N, 0] was fitted)', () => {
    expect(() => new StandardScaler().fit(zeros([5, 0]))).toThrow('StandardScaler.fit: expected at least 1 feature, got shape [5, 0]');
    for (const scaler of [new MinMaxScaler(), new RobustScaler(), new ZeroCenterer(), new PCA(), new ZCAWhitening()]) {
      expect(() => scaler.fit(zeros([4, 3, 0])), scaler.type).toThrow(`${scaler.type}.fit: expected at least 1 feature, got shape [4, 3, 0]`);
      expect(() => scaler.fit(zeros([0, 3])), scaler.type).toThrow(/expected at least \d sample\(s\), got shape \[0, 3\]/);
      expect(scaler.fitted).toBe(false);
    }
    expect(() => new ScalerPipeline([new StandardScaler()]).fit(zeros([5, 0]))).toThrow('StandardScaler.fit: expected at least 1 feature');
  });

  it('scalerFromJSON refuses text that does not parse, and nesting no scaler has', () => {
    expect(() => scalerFromJSON('not json')).toThrow(/^scalerFromJSON: expected the JSON text of a scaler, got text that does not parse \(/);
    const deep = `{"type":"StandardScaler","version":1,"config":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)},"state":null}`;
    for (const input of [deep, JSON.parse(deep)]) {
      const error = (() => { try { scalerFromJSON(input); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(MlpkitError);
      expect((error as Error).message).toMatch(/^scalerFromJSON: config(\.a){63}: expected at most 64 levels of nesting, got an object$/);
    }
  });

  it('ScalerPipeline refuses a step that is not a scaler when it is built', () => {
    expect(() => new ScalerPipeline([5 as never])).toThrow(
      'ScalerPipeline: expected step 0 to be a scaler (type, fitted, fit, transform, fitTransform, inverseTransform, toJSON), got number 5',
    );
    expect(() => new ScalerPipeline('x' as never)).toThrow('ScalerPipeline: expected an array of scalers, got the string "x"');
  });
});

describe('scaler switches that are not true or false', () => {
  it("are refused when the scaler is made: withStd: 'no' scaled anyway", () => {
    expect(() => new StandardScaler({ withStd: 'no' as never })).toThrow('StandardScaler: expected withStd to be true or false, got the string "no"');
    expect(() => new StandardScaler({ withMean: 0 as never })).toThrow('StandardScaler: expected withMean to be true or false, got number 0');
    expect(() => new MinMaxScaler({ clip: 'yes' as never })).toThrow('MinMaxScaler: expected clip to be true or false');
    expect(() => new RobustScaler({ withScaling: 'false' as never })).toThrow('RobustScaler: expected withScaling to be true or false');
    expect(() => new PCA({ whiten: 1 as never })).toThrow('PCA: expected whiten to be true or false, got number 1');
    expect(new StandardScaler({ withStd: false }).withStd).toBe(false);
  });
});
