import { parseArgs } from 'node:util';
import { BACKENDS, type BackendChoice, threadsFlag } from './backend.js';
import { fromCaller } from './caller-path.js';

/** What `pnpm demo predict` was asked. */
export interface PredictCliOptions {
  /** Absolute path of the model file. */
  model: string;
  /** 'test' (Fashion-MNIST's test images) or the absolute path of an IDX images file. */
  images: 'test' | string;
  /** Images classified, from the first. */
  count: number;
  json: boolean;
  backend: BackendChoice;
  /** `--threads`: the wasm or blas backend's threads (their default when undefined). */
  threads?: number;
  help: boolean;
}

export const PREDICT_USAGE = `pnpm demo predict --model PATH [options]

Loads a model saved by the demo (architecture, weights and scaler from the one file, no code),
classifies images and prints the top-3 classes of each with their probabilities, then the
accuracy when the labels are known.

  --model PATH        model file written by the demo (e.g. apps/demo/out/model.safetensors)
  --images SOURCE     test (default: Fashion-MNIST's 10 000 test images) or FILE.idx[.gz] of
                      28×28 uint8 images; labels are read from the matching *labels-idx1* file
                      beside it when there is one
  --count N           classify the first N images (default 10)
  --json              one JSON object per line: {"index", "label", "top": [{"label", "probability"}, …], "truth"};
                      the accuracy then goes to stderr
  --backend NAME      ${BACKENDS.join(', ')} (default auto: wasm if it loads, else reference)
  --threads N         threads of the wasm or blas backend (default one per core)
  --help
`;

/** Parses `pnpm demo predict`'s arguments; an unknown flag or a bad value throws. */
export function parsePredictOptions(argv: string[]): PredictCliOptions {
  const { values } = parseArgs({
    args: argv, allowPositionals: false, strict: true,
    options: { model: { type: 'string' }, images: { type: 'string' }, count: { type: 'string' }, json: { type: 'boolean' }, backend: { type: 'string' }, threads: { type: 'string' }, help: { type: 'boolean' } },
  });
  const help = values.help ?? false;
  if (!help && values.model === undefined) throw new Error('predict: --model PATH is required (a model.safetensors written by the demo)');
  const count = values.count === undefined ? 10 : Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error(`predict: --count expects a positive integer, got "${values.count}"`);
  const backend = values.backend ?? 'auto';
  // The same choices as training's: one list (backend.ts), so a new backend reaches both.
  if (!(BACKENDS as readonly string[]).includes(backend)) throw new Error(`predict: --backend expects ${BACKENDS.join(', ')}, got "${backend}"`);
  const images = values.images ?? 'test';
  return {
    model: values.model === undefined ? '' : fromCaller(values.model),
    images: images === 'test' ? 'test' : fromCaller(images),
    count, json: values.json ?? false, backend: backend as BackendChoice, threads: threadsFlag(values.threads, backend as BackendChoice), help,
  };
}
