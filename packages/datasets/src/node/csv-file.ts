import { readFile } from 'node:fs/promises';
import { MlpkitError } from '@mlpkit/tensor';
import { type CsvOptions, parseCsv } from '../csv.js';
import type { TensorDataset } from '../tensor-dataset.js';

/** Reads a UTF-8 CSV file and parses it with `parseCsv`. */
export async function loadCsv(path: string, options: CsvOptions = {}): Promise<TensorDataset> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MlpkitError('loadCsv', `cannot read ${path}: ${(error as Error).message}`);
  }
  return parseCsv(text, options);
}
