import { loadFile } from '@mlpkit/nn/node';
import { crossEntropy } from '@mlpkit/losses';
import { SGD } from '@mlpkit/optimizers';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fit } from '../fit.js';
import { loaders, mlp } from '../toy.test-helper.js';
import { ModelCheckpoint, checkpointLockPath, checkpointPath } from './model-checkpoint.js';

let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

describe('ModelCheckpoint', () => {
  it('writes safetensors files that load back into the model, with metadata and no temp files left', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlpkit-train-'));
    const model = mlp();
    const { train, val } = loaders();
    const path = join(dir, 'sub', 'model-{epoch}.safetensors');
    await fit(model, {
      train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2,
      callbacks: [new ModelCheckpoint({ path, saveBestOnly: false, metadata: { 'mlpkit.scaler': '{}' } })],
    });
    expect((await readdir(join(dir, 'sub'))).sort()).toEqual(['model-1.safetensors', 'model-2.safetensors']);
    const { tensors, metadata } = await loadFile(checkpointPath(path, 1));
    expect(metadata).toMatchObject({ epoch: '1', 'mlpkit.scaler': '{}' });
    expect(Array.from(tensors['2.bias'].data)).toEqual(Array.from(model.stateDict()['2.bias'].data));
    const fresh = mlp(42);
    fresh.loadStateDict(tensors);
    expect(Array.from(fresh.stateDict()['0.weight'].data)).toEqual(Array.from(model.stateDict()['0.weight'].data));
  });

  it('keeps one directory per epoch for {epoch} in a directory, with no directory named {epoch}', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlpkit-train-'));
    const model = mlp();
    const { train, val } = loaders();
    const locks: string[][] = [];
    await fit(model, {
      train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2,
      callbacks: [
        new ModelCheckpoint({ path: join(dir, 'runs', '{epoch}', 'model.safetensors'), saveBestOnly: false }),
        { onEpochEnd: async () => { locks.push((await readdir(join(dir, 'runs'))).sort()); } },
      ],
    });
    // During training the lock sits beside the epochs' directories; at the end it is gone.
    expect(locks).toEqual([['1', '{epoch}.lock'], ['1', '2', '{epoch}.lock']]);
    expect((await readdir(join(dir, 'runs'))).sort()).toEqual(['1', '2']);
    expect(await readdir(join(dir, 'runs', '2'))).toEqual(['model.safetensors']);
  });

  it('locks the first templated part of the path', () => {
    expect(checkpointLockPath(join('out', 'model-{epoch}.safetensors'))).toBe(join('out', 'model-{epoch}.safetensors'));
    expect(checkpointLockPath(join('out', 'e{epoch}', 'sub', 'm-{epoch}.safetensors'))).toBe(join('out', 'e{epoch}'));
    expect(checkpointLockPath(join('{epoch}', 'm.safetensors'))).toBe('{epoch}');
  });

  it('fills {epoch} 1-based', () => {
    expect(checkpointPath('a/m-{epoch}.safetensors', 0)).toBe('a/m-1.safetensors');
  });

  it('refuses a missing, non-string or empty path when it is made, not when training begins', () => {
    const message = (got: string) => `ModelCheckpoint: path: expected a non-empty string such as 'out/model-{epoch}.safetensors', got ${got}`;
    expect(() => new ModelCheckpoint({} as never)).toThrow(message('undefined'));
    expect(() => new ModelCheckpoint({ path: 42 } as never)).toThrow(message('number 42'));
    expect(() => new ModelCheckpoint({ path: '' })).toThrow(message('the string ""'));
    expect(() => new (ModelCheckpoint as new () => unknown)()).toThrow('ModelCheckpoint: expected an options object with a path, got undefined');
  });

  it('refuses a template field other than {epoch}, naming it and the supported one', () => {
    expect(() => new ModelCheckpoint({ path: 'out/model-{valLoss}.safetensors' })).toThrow(
      `ModelCheckpoint: path: unknown template field {valLoss} in "out/model-{valLoss}.safetensors"; supported: {epoch} (the monitored value is in each file's metadata)`,
    );
    expect(() => new ModelCheckpoint({ path: 'out/{epoch}/m-{val_loss:.2f}.safetensors' })).toThrow(/unknown template field \{val_loss:\.2f\} in/);
    expect(() => new ModelCheckpoint({ path: 'out/m-{epoch:02d}.safetensors' })).toThrow(/unknown template field \{epoch:02d\}/);
    expect(() => new ModelCheckpoint({ path: 'out/{}/m.safetensors' })).toThrow(/unknown template field \{\}/);
    expect(() => new ModelCheckpoint({ path: 'out/{Epoch}.safetensors' })).toThrow(/unknown template field \{Epoch\}/);
    // {epoch}, as often as wanted and in a directory too, and no field at all, are fine.
    for (const path of ['out/best.safetensors', 'out/{epoch}/m-{epoch}.safetensors', 'out/e{epoch}/m.safetensors'])
      expect(new ModelCheckpoint({ path }).path).toBe(path);
  });

  it('refuses an unknown option', () => {
    expect(() => new ModelCheckpoint({ path: 'x.safetensors', save: () => {} } as never)).toThrow("ModelCheckpoint: unknown option 'save'");
  });
});
