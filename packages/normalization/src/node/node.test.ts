import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relu } from '@mlpkit/activations';
import { Linear, Sequential } from '@mlpkit/nn';
import { randn } from '@mlpkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModelFile, saveModelFile } from './index.js';

const dir = await mkdtemp(join(tmpdir(), 'mlpkit-normalization-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('saveModelFile / loadModelFile', () => {
  it('writes the whole model to a path, with no temporary file left, and reads it back', async () => {
    const model = new Sequential(new Linear(3, 4), relu, new Linear(4, 2)).eval();
    const path = join(dir, 'model.safetensors');
    await saveModelFile(path, model, { metadata: { note: 'hi' } });
    expect(await readdir(dir)).toEqual(['model.safetensors']);
    const { model: again, metadata } = await loadModelFile(path);
    const x = randn([2, 3]);
    expect(Array.from(again.forward(x).data)).toEqual(Array.from(model.forward(x).data));
    expect(metadata).toEqual({ note: 'hi' });
  });

  it('names a missing path, and a foreign file', async () => {
    await expect(loadModelFile(join(dir, 'nope.safetensors'))).rejects.toThrow(/no model file at .*nope\.safetensors/);
    const foreign = join(dir, 'foreign.bin');
    await writeFile(foreign, 'hello, not a model');
    await expect(loadModelFile(foreign)).rejects.toThrow(/loadModelFile: .*foreign\.bin: .*safetensors/);
  });
});
