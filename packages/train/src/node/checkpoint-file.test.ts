import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { MlpkitError } from '@mlpkit/tensor';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fit } from '../fit.js';
import { loaders, mlp } from '../toy.test-helper.js';
import { checkpointFile, readCheckpointFile } from './checkpoint-file.js';
import { ModelCheckpoint } from './model-checkpoint.js';

let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

describe('checkpointFile', () => {
  it('creates a missing directory before training, as ModelCheckpoint does, and the run resumes from the file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlpkit-train-'));
    const path = join(dir, 'runs', 'a', 'run.ckpt');
    const checkpoint = checkpointFile(path);
    expect(await readdir(join(dir, 'runs', 'a'))).toEqual(['run.ckpt.lock']);
    const model = mlp();
    const { train } = loaders();
    await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2, checkpoint });
    const again = mlp(1);
    const history = await fit(again, { train: loaders().train, loss: crossEntropy, optimizer: new SGD(again.parameters(), { lr: 0.1 }), epochs: 2, resumeFrom: await readCheckpointFile(path) });
    expect(history.length).toBe(2);
  });

  it('refuses a path that cannot be written when it is made, before any epoch', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlpkit-train-'));
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    const error = (() => { try { checkpointFile(join(file, 'run.ckpt')); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(MlpkitError);
    expect((error as Error).message).toMatch(new RegExp(`^checkpointFile: cannot create the directory ${file} for ${file}/run.ckpt: `));
    let epochs = 0;
    const model = mlp();
    await expect(fit(model, { train: loaders().train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2,
      callbacks: [new ModelCheckpoint({ path: join(file, 'best.safetensors'), monitor: 'loss' }), { onEpochEnd: () => { epochs++; } }] }))
      .rejects.toThrow(/^ModelCheckpoint: cannot create the directory/);
    expect(epochs).toBe(0);
  });

  it('refuses an epoch\'s directory that cannot be made at save time in the same words, naming it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlpkit-train-'));
    // The first epoch's file would go in <dir>/1, which is a file.
    await writeFile(join(dir, '1'), 'not a directory');
    const model = mlp();
    await expect(fit(model, { train: loaders().train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1,
      callbacks: [new ModelCheckpoint({ path: join(dir, '{epoch}', 'model.safetensors'), monitor: 'loss' })] }))
      .rejects.toThrow(`ModelCheckpoint: cannot create the directory ${join(dir, '1')} for ${join(dir, '1', 'model.safetensors')}: `);
  });
});
