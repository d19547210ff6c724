import { MlpkitError } from '@mlpkit/tensor';
import { MinMaxScaler } from './min-max-scaler.js';
import { Normalize } from './normalize.js';
import { PCA } from './pca.js';
import { PixelScaler } from './pixel-scaler.js';
import { RobustScaler } from './robust-scaler.js';
import type { Scaler, ScalerJSON } from './scaler.js';
import { ScalerPipeline } from './scaler-pipeline.js';
import { StandardScaler } from './standard-scaler.js';
import { ZCAWhitening } from './zca-whitening.js';
import { ZeroCenterer } from './zero-centerer.js';

// One line per scaler class: a new scaler is readable once it is listed here.
const readers: Record<string, (json: ScalerJSON) => Scaler> = {
  StandardScaler: StandardScaler.fromJSON,
  MinMaxScaler: MinMaxScaler.fromJSON,
  RobustScaler: RobustScaler.fromJSON,
  ZeroCenterer: ZeroCenterer.fromJSON,
  PCA: PCA.fromJSON,
  ZCAWhitening: ZCAWhitening.fromJSON,
  PixelScaler: PixelScaler.fromJSON,
  Normalize: Normalize.fromJSON,
  ScalerPipeline: (json) => ScalerPipeline.fromJSON(json, scalerFromJSON),
};

/**
 * Rebuilds any scaler from what its `toJSON()` wrote (the object, or its JSON string), with
 * its configuration and fitted statistics, ready to `transform`.
 *
 * @example
 * const restored = scalerFromJSON(JSON.parse(JSON.stringify(scaler)));
 */
export function scalerFromJSON(json: ScalerJSON | string): Scaler {
  const parsed = (typeof json === 'string' ? JSON.parse(json) : json) as ScalerJSON;
  if (!parsed || typeof parsed !== 'object' || typeof parsed.type !== 'string')
    throw new MlpkitError('scalerFromJSON', `expected an object with a string "type", got ${JSON.stringify(parsed)?.slice(0, 80)}`);
  if (parsed.version !== 1) throw new MlpkitError('scalerFromJSON', `expected version 1, got ${String(parsed.version)}`);
  const read = readers[parsed.type];
  if (!read) throw new MlpkitError('scalerFromJSON', `unknown scaler type "${parsed.type}"; known: ${Object.keys(readers).join(', ')}`);
  return read(parsed);
}
