import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlpkitError, tensor } from '@mlpkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFile, saveFile } from './index.js';

const dir = await mkdtemp(join(tmpdir(), 'mlpkit-nn-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('saveFile / loadFile', () => {
  it('round-trips a state dict and its metadata through a file', async () => {
    const path = join(dir, 'model.safetensors');
    await saveFile(path, { w: tensor([[1, 2], [3, 4]]) }, { note: 'hello' });
    const { tensors, metadata } = await loadFile(path);
    expect(tensors.w.tolist()).toEqual([[1, 2], [3, 4]]);
    expect(metadata).toEqual({ note: 'hello' });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a failed save leaves the existing file untouched', async () => {
    const path = join(dir, 'keep.safetensors');
    await saveFile(path, { w: tensor([1]) });
    const before = await readFile(path);
    await expect(saveFile(path, { w: tensor([2]) }, { bad: 1 as never })).rejects.toThrow(MlpkitError);
    await expect(saveFile(join(dir, 'missing-dir', 'x.safetensors'), { w: tensor([2]) })).rejects.toThrow();
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
  });

  it('refuses a truncated file with the reason', async () => {
    const path = join(dir, 'cut.safetensors');
    await saveFile(path, { w: tensor([1, 2, 3]) });
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 2));
    await expect(loadFile(path)).rejects.toThrow(/not a valid safetensors file: truncated/);
  });
});
