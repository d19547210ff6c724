import { MlpkitError, StateReader, repeatedJsonKey } from '@mlpkit/tensor';
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

function parse(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // A syntax error, or nesting deep enough to exhaust the parser's stack.
    throw new MlpkitError('scalerFromJSON', `expected the JSON text of a scaler, got text that does not parse (${(error as Error).message})`);
  }
  // JSON.parse keeps the last of two equal keys without a word.
  const repeated = repeatedJsonKey(text);
  if (repeated !== null) throw new MlpkitError('scalerFromJSON', `expected the JSON text of a scaler, got text with the key ${JSON.stringify(repeated)} twice in one object`);
  return value;
}

/**
 * Rebuilds any scaler from what its `toJSON()` wrote (the object, or its JSON string), with
 * its configuration and fitted statistics, ready to `transform`.
 *
 * @example
 * const restored = scalerFromJSON(JSON.parse(JSON.stringify(scaler)));
 */
export function scalerFromJSON(json: ScalerJSON | string): Scaler {
  const check = new StateReader('scalerFromJSON');
  const parsed = typeof json === 'string' ? parse(json) : json;
  check.deep('', parsed);
  const envelope = check.object('', parsed, { required: ['type', 'version', 'config', 'state'] });
  const type = check.string('type', envelope.type);
  if (!Object.hasOwn(readers, type)) throw new MlpkitError('scalerFromJSON', `unknown scaler type ${JSON.stringify(type)}; known: ${Object.keys(readers).join(', ')}`);
  check.oneOf('version', envelope.version, [1]);
  check.object('config', envelope.config);
  if (envelope.state !== null) check.object('state', envelope.state);
  return readers[type](envelope as unknown as ScalerJSON);
}
