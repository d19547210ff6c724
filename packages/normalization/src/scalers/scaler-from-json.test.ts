import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { MinMaxScaler } from './min-max-scaler.js';
import { Normalize } from './normalize.js';
import { PCA } from './pca.js';
import { PixelScaler } from './pixel-scaler.js';
import { RobustScaler } from './robust-scaler.js';
import type { Scaler } from './scaler.js';
import { scalerFromJSON } from './scaler-from-json.js';
import { SCALER_METADATA_KEY, scalerFromMetadata, scalerToMetadata } from './scaler-metadata.js';
import { ScalerPipeline } from './scaler-pipeline.js';
import { StandardScaler } from './standard-scaler.js';
import { ZCAWhitening } from './zca-whitening.js';
import { ZeroCenterer } from './zero-centerer.js';

const train = tensor([[0, 10, 3], [50, 20, 1], [100, 40, 2], [25, 10, 9]]);
const raw = tensor([[10, 15, 4], [255, 0, 0]]);

const all: Scaler[] = [
  new StandardScaler(), new MinMaxScaler({ featureRange: [-1, 1] }), new RobustScaler(), new ZeroCenterer(),
  new PCA({ nComponents: 2, whiten: true }), new ZCAWhitening(), new PixelScaler(), new Normalize({ mean: [0.5], std: [0.25] }),
  new ScalerPipeline([new PixelScaler(), new StandardScaler()]),
];

describe('scalerFromJSON', () => {
  it.each(all.map((s) => [s.type, s] as const))('%s comes back from a JSON string and transforms identically', (_, scaler) => {
    scaler.fit(train);
    const back = scalerFromJSON(JSON.stringify(scaler.toJSON()));
    expect(back.type).toBe(scaler.type);
    expect(Array.from(back.transform(raw).data)).toEqual(Array.from(scaler.transform(raw).data));
  });

  it('refuses unknown types and versions', () => {
    expect(() => scalerFromJSON({ type: 'Nope', version: 1, config: {}, state: null })).toThrow(/unknown scaler type "Nope"/);
    expect(() => scalerFromJSON({ type: 'PCA', version: 2 as 1, config: {}, state: null })).toThrow(MlpkitError);
    expect(() => StandardScaler.fromJSON(new MinMaxScaler().toJSON())).toThrow('StandardScaler.fromJSON: type: expected "StandardScaler", got "MinMaxScaler"');
  });
});

describe('scaler metadata (normalization travels with the model)', () => {
  it('stores a fitted scaler in string metadata and reads it back', () => {
    const scaler = new StandardScaler().fit(train);
    const metadata = scalerToMetadata(scaler, { format: 'pt' });
    expect(metadata.format).toBe('pt');
    expect(typeof metadata[SCALER_METADATA_KEY]).toBe('string');
    const restored = scalerFromMetadata(metadata)!;
    expect(Array.from(restored.transform(raw).data)).toEqual(Array.from(scaler.transform(raw).data));
  });

  it('returns null without a scaler, and refuses unfitted scalers and broken JSON', () => {
    expect(scalerFromMetadata({ format: 'pt' })).toBeNull();
    expect(() => scalerToMetadata(new StandardScaler())).toThrow(/not fitted: fit it on the training data/);
    expect(() => scalerFromMetadata({ [SCALER_METADATA_KEY]: '{oops' })).toThrow(/scalerFromMetadata: metadata\["mlpkit.scaler"\] is not valid scaler JSON/);
  });

  it('refuses JSON text holding a key twice in one object, which JSON.parse would read as the last one', () => {
    const text = JSON.stringify(new StandardScaler({ withMean: false }).fit(train).toJSON()).replace('"withMean":false', '"withMean":true,"withMean":false');
    expect(() => scalerFromJSON(text)).toThrow('scalerFromJSON: expected the JSON text of a scaler, got text with the key "withMean" twice in one object');
    expect(() => scalerFromMetadata({ [SCALER_METADATA_KEY]: text })).toThrow('scalerFromMetadata: metadata["mlpkit.scaler"] holds the key "withMean" twice in one object');
  });
});

describe('ScalerPipeline', () => {
  it('fits each step on the previous output and inverts in reverse order', () => {
    const p = new ScalerPipeline([new PixelScaler(), new MinMaxScaler()]).fit(train);
    const y = p.transform(train);
    expect(Math.min(...y.data)).toBe(0);
    expect(Math.max(...y.data)).toBe(1);
    Array.from(p.inverseTransform(y).data).forEach((v, i) => expect(v).toBeCloseTo(train.data[i], 3));
    expect(new ScalerPipeline([new StandardScaler()]).fitted).toBe(false);
    expect(() => new ScalerPipeline([])).toThrow(MlpkitError);
  });
});
