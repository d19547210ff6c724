import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeIdx } from '@mlpkit/datasets';
import { Linear, Sequential } from '@mlpkit/nn';
import { PixelScaler } from '@mlpkit/normalization';
import { saveModelFile } from '@mlpkit/normalization/node';
import { manualSeed, referenceBackend, setBackend, tensor } from '@mlpkit/tensor';
import { readFile } from 'node:fs/promises';
import { relu } from '@mlpkit/activations';
import { createBlasBackend } from '@mlpkit/backend-blas';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeOnnx } from './predict-onnx.js';
import { classNamesOf, predictMain, topK } from './predict-main.js';
import { parsePredictOptions } from './predict-options.js';

const dir = await mkdtemp(join(tmpdir(), 'mlpkit-demo-predict-'));
const hasBlas = await createBlasBackend({ threads: 1 }).then(() => true, (error: Error) => {
  if (!/no CBLAS library found/.test(error.message)) throw error;
  return false;
});
/** What `predict --json` printed on the default backend, for the blas run to match. */
let jsonLines: string[] = [];
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs `pnpm demo predict ARGS` in-process and returns what it printed on stdout. */
async function run(args: string[]): Promise<string[]> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => { out.push(line); });
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    await predictMain(args);
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
  return out;
}

describe('pnpm demo predict', () => {
  it('parses its flags and refuses bad ones', () => {
    expect(parsePredictOptions(['--model', '/m.safetensors'])).toMatchObject({ model: '/m.safetensors', images: 'test', count: 10, json: false });
    expect(() => parsePredictOptions([])).toThrow(/--model PATH is required/);
    expect(() => parsePredictOptions(['--model', 'm', '--count', '0'])).toThrow(/--count expects a positive integer/);
    expect(() => parsePredictOptions(['--model', 'm', '--top', '3'])).toThrow(/Unknown option '--top'/);
    expect(parsePredictOptions(['--model', 'm', '--backend', 'blas', '--threads', '1'])).toMatchObject({ backend: 'blas', threads: 1 });
    expect(() => parsePredictOptions(['--model', 'm', '--backend', 'reference', '--threads', '1'])).toThrow(/the reference backend runs on one and takes none/);
    expect(() => parsePredictOptions(['--model', 'm', '--backend', 'gpu'])).toThrow(/--backend expects auto, wasm, blas, reference, got "gpu"/);
  });

  it('ranks the top classes by probability', () => {
    const [p] = topK(tensor([[0.1, 0.6, 0.05, 0.25]]), ['a', 'b', 'c', 'd'], Int32Array.of(3));
    expect(p).toEqual({ index: 0, label: 'b', top: [{ label: 'b', probability: expect.closeTo(0.6, 6) }, { label: 'd', probability: expect.closeTo(0.25, 6) }, { label: 'a', probability: expect.closeTo(0.1, 6) }], truth: 'd' });
    expect(classNamesOf({})[9]).toBe('Ankle boot');
    expect(() => classNamesOf({ classNames: '{"a":1}' })).toThrow(/not a JSON list of strings/);
  });

  it('loads a saved model with no code and classifies an IDX file, with labels from the file beside it', async () => {
    // A model that answers "the class whose pixel band is brightest" exactly: 10 bands of 78 pixels.
    const weight = Array.from({ length: 10 }, (_, c) => Array.from({ length: 784 }, (_, p) => (Math.floor(p / 78.4) === c ? 1 : 0)));
    const fc = new Linear(784, 10);
    fc.weight.data.set(tensor(weight).data);
    fc.bias!.data.fill(0);
    const classNames = Array.from({ length: 10 }, (_, i) => `class${i}`);
    await saveModelFile(join(dir, 'model.safetensors'), new Sequential(fc), { scaler: new PixelScaler(), metadata: { classNames: JSON.stringify(classNames) } });
    const pixels = new Uint8Array(3 * 784);
    [4, 7, 1].forEach((c, i) => { for (let p = 0; p < 784; p++) if (Math.floor(p / 78.4) === c) pixels[i * 784 + p] = 255; });
    await writeFile(join(dir, 'x-images-idx3-ubyte'), encodeIdx({ dtype: 'uint8', shape: [3, 28, 28], data: pixels }));
    await writeFile(join(dir, 'x-labels-idx1-ubyte'), encodeIdx({ dtype: 'uint8', shape: [3], data: Uint8Array.of(4, 7, 2) }));
    const lines = await run(['--model', join(dir, 'model.safetensors'), '--images', join(dir, 'x-images-idx3-ubyte'), '--json']);
    const rows = lines.map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.index, r.label, r.truth, r.top.length])).toEqual([[0, 'class4', 'class4', 3], [1, 'class7', 'class7', 3], [2, 'class1', 'class2', 3]]);
    const text = await run(['--model', join(dir, 'model.safetensors'), '--images', join(dir, 'x-images-idx3-ubyte'), '--count', '2']);
    expect(text.at(-1)).toMatch(/accuracy: 100\.00 % \(2 of 2 images\)/);
    jsonLines = lines;
  });

  // setup.sh installs OpenBLAS; without it this is skipped, as backend-blas's own tests are.
  it.runIf(hasBlas)('gives the same answers on the blas backend, as training can choose it', async () => {
    try {
      const onBlas = await run(['--model', join(dir, 'model.safetensors'), '--images', join(dir, 'x-images-idx3-ubyte'), '--json', '--backend', 'blas', '--threads', '1']);
      expect(onBlas).toHaveLength(3);
      expect(onBlas).toEqual(jsonLines);
    } finally {
      setBackend(referenceBackend);
    }
  });

  it('says clearly when the model file is missing or is not a model', async () => {
    await expect(run(['--model', join(dir, 'none.safetensors')])).rejects.toThrow(/no model file at/);
    await writeFile(join(dir, 'weights.safetensors'), new Uint8Array(16));
    await expect(run(['--model', join(dir, 'weights.safetensors')])).rejects.toThrow(/not a valid safetensors file/);
  });

  it('writes model.onnx, which onnxruntime runs on raw pixels to the probabilities predict --json prints', async () => {
    manualSeed(5);
    const model = new Sequential(new Linear(784, 32), relu, new Linear(32, 10));
    const scaler = new PixelScaler({ featureRange: [-1, 1] });
    await saveModelFile(join(dir, 'mlp.safetensors'), model, { scaler });
    const onnxPath = await writeOnnx(dir, model, scaler);
    const pixels = Uint8Array.from({ length: 4 * 784 }, (_, i) => (i * 37) % 256);
    await writeFile(join(dir, 'y-images-idx3-ubyte'), encodeIdx({ dtype: 'uint8', shape: [4, 28, 28], data: pixels }));
    const rows = (await run(['--model', join(dir, 'mlp.safetensors'), '--images', join(dir, 'y-images-idx3-ubyte'), '--json'])).map((l) => JSON.parse(l));
    const session = await ort.InferenceSession.create(await readFile(onnxPath));
    const { output } = await session.run({ input: new ort.Tensor('float32', Float32Array.from(pixels), [4, 784]) });
    const logits = output.data as Float32Array;
    expect(output.dims).toEqual([4, 10]);
    rows.forEach((row, i) => {
      const z = Array.from(logits.subarray(i * 10, i * 10 + 10));
      const e = z.map((v) => Math.exp(v - Math.max(...z)));
      const p = e.map((v) => v / e.reduce((a, b) => a + b, 0));
      const best = p.indexOf(Math.max(...p));
      expect(row.label).toBe(classNamesOf({})[best]);
      expect(row.top[0].probability).toBeCloseTo(p[best], 5);
    });
  });
});
