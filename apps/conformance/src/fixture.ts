import { readFileSync } from 'node:fs';
import { type Tensor, tensor } from '@mlpkit/tensor';
import type { FixtureCase, FixtureTensor } from './types.js';

/** Reads one fixture file (`{source, seed, cases}`). */
export function loadCases(path: string): FixtureCase[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { cases?: FixtureCase[] };
  if (!Array.isArray(parsed.cases)) throw new Error(`${path}: expected an object with a "cases" array`);
  return parsed.cases;
}

const dtypes = { float32: 'float32', float64: 'float64', int: 'int32', bool: 'bool' } as const;

/** A fixture tensor as an mlpkit tensor (float32 values are exact float32 numbers). */
export function toTensor(f: FixtureTensor): Tensor {
  return tensor(f.data, { dtype: dtypes[f.dtype], shape: f.shape });
}
