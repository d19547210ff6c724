import { Linear, Sequential, loadSafetensors } from '@mlpkit/nn';
import { MlpkitError, manualSeed, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { BatchNorm1d } from './layers/batch-norm-1d.js';
import { saveWithScaler } from './model-with-scaler.js';
import { PixelScaler } from './scalers/pixel-scaler.js';
import type { Scaler } from './scalers/scaler.js';
import { scalerFromMetadata } from './scalers/scaler-metadata.js';
import { ScalerPipeline } from './scalers/scaler-pipeline.js';
import { StandardScaler } from './scalers/standard-scaler.js';

const model = () => new Sequential(new Linear(3, 4), new BatchNorm1d(4), new Linear(4, 2));

/** Everything a load yields, as plain data: the model's state, the file's metadata and the scaler's JSON. */
function load(bytes: Uint8Array): string {
  const { tensors, metadata } = loadSafetensors(bytes);
  const scaler = scalerFromMetadata(metadata);
  const target = model();
  target.loadStateDict(tensors);
  const state = Object.entries(target.stateDict()).map(([name, t]) => [name, t.dtype, t.shape, [...t.data]]);
  return JSON.stringify([state, Object.entries(metadata), scaler?.toJSON() ?? null]);
}

/**
 * Flips every bit of the 8-byte length field and of the header (metadata, the scaler, every
 * name, dtype, shape and offset) one at a time: each damaged file must be refused with an
 * MlpkitError, or load exactly the same tensors, metadata and scaler.
 */
function sweep(bytes: Uint8Array): { refused: number; same: number; changed: string[] } {
  const expected = load(bytes);
  const headerEnd = 8 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const result = { refused: 0, same: 0, changed: [] as string[] };
  const damaged = bytes.slice();
  for (let byte = 0; byte < headerEnd; byte++)
    for (let bit = 0; bit < 8; bit++) {
      damaged[byte] ^= 1 << bit;
      try {
        if (load(damaged) === expected) result.same++;
        else result.changed.push(`byte ${byte} bit ${bit}`);
      } catch (error) {
        if (!(error instanceof MlpkitError)) result.changed.push(`byte ${byte} bit ${bit} threw ${String(error)}`);
        else result.refused++;
      }
      damaged[byte] ^= 1 << bit;
    }
  return result;
}

describe('a model file with a scaler, every header bit flipped', () => {
  manualSeed(3);
  const trained = model();
  const raw = tensor([[0, 120, 3], [255, 40, 1], [17, 9, 250], [99, 100, 101]]);
  trained.forward(raw.div(255)); // moves the running statistics
  const scalers: [string, Scaler][] = [
    ['PixelScaler [-1, 1]', new PixelScaler({ featureRange: [-1, 1] })],
    ['a fitted StandardScaler behind pixel scaling', new ScalerPipeline([new PixelScaler(), new StandardScaler()]).fit(raw)],
  ];
  for (const [what, scaler] of scalers)
    it(`is refused or loads exactly the same tensors, metadata and scaler (${what})`, () => {
      const bytes = saveWithScaler(trained, scaler, { epoch: '12', note: 'bit-flip sweep' });
      const { refused, same, changed } = sweep(bytes);
      expect(changed).toEqual([]);
      expect(refused + same).toBeGreaterThan(8 * 500); // the whole header was swept
      expect(refused).toBeGreaterThan(0);
    });
});
