import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../encode-idx.js';
import { FASHION_MNIST, type IdxDatasetResource } from '../mnist.js';
import { locateIdxDataset, loadIdxDataset } from './mnist-node.js';
import { type LocalMirror, startLocalMirror } from './local-mirror.test-helper.js';

const digest = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A tiny MNIST look-alike: 6 train and 3 test images of 4×4, labels 0..9. */
const TINY_RAW: Record<string, Uint8Array> = {
  'train-images-idx3-ubyte.gz': encodeIdx({ dtype: 'uint8', shape: [6, 4, 4], data: Uint8Array.from({ length: 96 }, (_, i) => i) }),
  'train-labels-idx1-ubyte.gz': encodeIdx({ dtype: 'uint8', shape: [6], data: Uint8Array.from([5, 0, 4, 1, 9, 2]) }),
  't10k-images-idx3-ubyte.gz': encodeIdx({ dtype: 'uint8', shape: [3, 4, 4], data: Uint8Array.from({ length: 48 }, (_, i) => 255 - i) }),
  't10k-labels-idx1-ubyte.gz': encodeIdx({ dtype: 'uint8', shape: [3], data: Uint8Array.from([7, 2, 1]) }),
};
const TINY_FILES: Record<string, Uint8Array> = Object.fromEntries(Object.entries(TINY_RAW).map(([k, v]) => [k, gzipSync(v)]));
const spec = (filename: string): { filename: string; sha256: string[]; bytes: number } =>
  ({ filename, sha256: [digest(TINY_FILES[filename])], bytes: TINY_RAW[filename].length });
const TINY: IdxDatasetResource = {
  name: 'tiny-mnist',
  mirrors: [],
  files: {
    trainImages: spec('train-images-idx3-ubyte.gz'),
    trainLabels: spec('train-labels-idx1-ubyte.gz'),
    testImages: spec('t10k-images-idx3-ubyte.gz'),
    testLabels: spec('t10k-labels-idx1-ubyte.gz'),
  },
  envVar: 'MLPKIT_TINY_DIR',
  systemDirs: [],
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

let mirror: LocalMirror;
let tmp: string;
let filled: string;
beforeAll(async () => {
  mirror = await startLocalMirror(TINY_FILES);
  tmp = await mkdtemp(join(tmpdir(), 'mlpkit-mnist-'));
  filled = join(tmp, 'filled');
  await mkdir(filled);
  for (const [name, bytes] of Object.entries(TINY_FILES)) await writeFile(join(filled, name), bytes);
});
afterAll(async () => {
  await mirror.close();
  await rm(tmp, { recursive: true, force: true });
});

const fresh = async (name: string): Promise<string> => mkdtemp(join(tmp, `${name}-`));

describe('locateIdxDataset', () => {
  it('looks in root, then the environment variable, then system directories, then the cache', async () => {
    const empty = await fresh('empty');
    const base = { env: {}, download: false, cacheDir: empty };
    expect((await locateIdxDataset(TINY, { ...base, root: filled })).source).toBe('root');
    expect((await locateIdxDataset(TINY, { ...base, env: { MLPKIT_TINY_DIR: filled } })).source).toBe('env');
    expect(await locateIdxDataset(TINY, { ...base, systemDirs: [empty, filled] })).toMatchObject({ source: 'system', dir: filled });
    const cache = await fresh('cache');
    await mkdir(join(cache, 'tiny-mnist'));
    for (const [name, bytes] of Object.entries(TINY_FILES)) await writeFile(join(cache, 'tiny-mnist', name), bytes);
    expect((await locateIdxDataset(TINY, { ...base, cacheDir: cache })).source).toBe('cache');
    expect((await locateIdxDataset(TINY, { env: { MLPKIT_CACHE_DIR: cache }, download: false })).source).toBe('cache');
  });

  it('says where it looked when nothing is found and download is false', async () => {
    const empty = await fresh('none');
    await expect(locateIdxDataset(TINY, { env: {}, download: false, cacheDir: empty }))
      .rejects.toThrow(`locateIdxDataset: tiny-mnist not found in ${join(empty, 'tiny-mnist')} and download is false`);
    await expect(locateIdxDataset(TINY, { root: empty, download: false }))
      .rejects.toThrow(`root = ${empty} lacks train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz`);
  });

  it('downloads into the cache once, then finds it there', async () => {
    const cache = await fresh('dl');
    const before = mirror.requests.length;
    const options = { env: {}, cacheDir: cache, mirrors: [mirror.url('ok')], timeoutMs: 2000 };
    const first = await locateIdxDataset(TINY, options);
    expect(first).toMatchObject({ source: 'download', dir: join(cache, 'tiny-mnist') });
    expect(mirror.requests.length - before).toBe(4);
    expect((await readdir(join(cache, 'tiny-mnist'))).sort()).toEqual(Object.keys(TINY_FILES).sort());
    expect((await locateIdxDataset(TINY, options)).source).toBe('cache');
    expect(mirror.requests.length - before).toBe(4);
  });

  it('downloads the missing files into an explicit root that lacks them', async () => {
    const root = await fresh('root');
    await writeFile(join(root, 'train-images-idx3-ubyte.gz'), TINY_FILES['train-images-idx3-ubyte.gz']);
    const before = mirror.requests.length;
    const found = await locateIdxDataset(TINY, { root, env: {}, mirrors: [mirror.url('ok')], timeoutMs: 2000 });
    expect(found).toMatchObject({ source: 'download', dir: root });
    expect(mirror.requests.length - before).toBe(3);
    expect((await readdir(root)).length).toBe(4);
  });

  it('leaves no file in the cache when every mirror fails', async () => {
    const cache = await fresh('fail');
    await expect(locateIdxDataset(TINY, { env: {}, cacheDir: cache, mirrors: [mirror.url('missing'), mirror.url('corrupt')], timeoutMs: 2000 }))
      .rejects.toThrow(/could not download train-images-idx3-ubyte.gz from any mirror/);
    expect(await readdir(cache, { recursive: true })).toEqual([]);
  });
});

describe('files found in a directory', () => {
  const withFiles = async (name: string, files: Record<string, Uint8Array>): Promise<string> => {
    const dir = await fresh(name);
    for (const [file, bytes] of Object.entries({ ...TINY_FILES, ...files })) await writeFile(join(dir, file), bytes);
    return dir;
  };

  it('are checked against the pinned digests, naming the file that differs', async () => {
    const other = gzipSync(encodeIdx({ dtype: 'uint8', shape: [3], data: Uint8Array.from([7, 2, 2]) }));
    const root = await withFiles('tampered', { 't10k-labels-idx1-ubyte.gz': other });
    const path = join(root, 't10k-labels-idx1-ubyte.gz');
    await expect(locateIdxDataset(TINY, { root, env: {}, download: false }))
      .rejects.toThrow(`locateIdxDataset: checksum mismatch: ${path} has sha256 ${digest(other)}`);
    await expect(loadIdxDataset(TINY, 'train', { root, env: {}, download: false })).rejects.toThrow('pass verify: false for custom data');
    const test = await loadIdxDataset(TINY, 'test', { root, env: {}, download: false, verify: false });
    expect([...test.targets]).toEqual([7, 2, 2]);
  });

  it('accept a recompressed or uncompressed copy of the pinned content', async () => {
    const root = await fresh('plain');
    for (const [file, raw] of Object.entries(TINY_RAW)) await writeFile(join(root, file.replace(/\.gz$/, '')), raw);
    const pinned: IdxDatasetResource = { ...TINY, files: Object.fromEntries(Object.entries(TINY.files)
      .map(([k, f]) => [k, { ...f, sha256: [digest(TINY_RAW[f.filename])] }])) as unknown as IdxDatasetResource['files'] };
    expect((await locateIdxDataset(pinned, { root, env: {}, download: false })).source).toBe('root');
    const regz = await withFiles('regz', Object.fromEntries(Object.entries(TINY_RAW).map(([k, v]) => [k, gzipSync(v, { level: 1 })])));
    expect((await locateIdxDataset(pinned, { root: regz, env: {}, download: false })).source).toBe('root');
  });

  it('stop gunzipping a bomb soon after the pinned size, naming the file', async () => {
    const bomb = new Uint8Array(16 * 2 ** 20);
    bomb.set(TINY_RAW['train-labels-idx1-ubyte.gz'].subarray(0, 8));
    const root = await withFiles('bomb', { 'train-labels-idx1-ubyte.gz': gzipSync(bomb) });
    const path = join(root, 'train-labels-idx1-ubyte.gz');
    const error = await loadIdxDataset(TINY, 'train', { root, env: {}, download: false, verify: false }).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(`decodeIdx: ${path}: gunzips to more than the 14 bytes its IDX header implies`);
    const checked = await locateIdxDataset(TINY, { root, env: {}, download: false }).then(() => null, (e: Error) => e);
    expect(checked?.message).toMatch(`checksum mismatch: ${path} has sha256`);
    expect(checked?.message).toMatch(/its gzip content cannot be checked either: .*gunzips to more than the 14 bytes/);
  });

  it('name both files when images and labels do not pair, and the labels file for a bad label', async () => {
    const extra = await withFiles('pairs', { 'train-labels-idx1-ubyte.gz': gzipSync(encodeIdx({ dtype: 'uint8', shape: [5], data: new Uint8Array(5) })) });
    await expect(loadIdxDataset(TINY, 'train', { root: extra, env: {}, download: false, verify: false }))
      .rejects.toThrow(`imageDataset: ${join(extra, 'train-images-idx3-ubyte.gz')} has 6 images but ${join(extra, 'train-labels-idx1-ubyte.gz')} has 5 labels`);
    const bad = await withFiles('labels', { 'train-labels-idx1-ubyte.gz': gzipSync(encodeIdx({ dtype: 'uint8', shape: [6], data: Uint8Array.from([0, 1, 2, 12, 4, 5]) })) });
    await expect(loadIdxDataset(TINY, 'train', { root: bad, env: {}, download: false, verify: false }))
      .rejects.toThrow(`imageDataset: ${join(bad, 'train-labels-idx1-ubyte.gz')}: label 12 at index 3 is out of range for 10 classes`);
  });

  it('refuse unknown options', async () => {
    await expect(loadIdxDataset(TINY, 'train', { root: filled, verfy: false } as never)).rejects.toThrow("loadIdxDataset: unknown option 'verfy' (expected 'root', ");
  });
});

describe('loadIdxDataset', () => {
  it('loads each split as uint8 images and int32 labels', async () => {
    const train = await loadIdxDataset(TINY, 'train', { root: filled });
    expect(train.x().shape).toEqual([6, 4, 4]);
    expect(train.features).toBeInstanceOf(Uint8Array);
    expect([...train.targets]).toEqual([5, 0, 4, 1, 9, 2]);
    expect(train.numClasses).toBe(10);
    const test = await loadIdxDataset(TINY, 'test', { root: filled });
    expect(test.length).toBe(3);
    expect(test.features[0]).toBe(255);
    await expect(loadIdxDataset(TINY, 'val' as 'test', { root: filled })).rejects.toThrow(`split must be 'train' or 'test', got "val"`);
  });
});

const DEBIAN = FASHION_MNIST.systemDirs[0];
const haveRealFiles = existsSync(join(DEBIAN, FASHION_MNIST.files.trainImages.filename));
if (!haveRealFiles) console.log(`SKIPPED: real Fashion-MNIST test: ${DEBIAN} is missing (apt-get install dataset-fashion-mnist)`);

describe.skipIf(!haveRealFiles)(`Fashion-MNIST from ${DEBIAN}`, () => {
  const cases = [
    { split: 'train', n: 60000, perClass: 6000, pixels: '2e487a6c89124f78f2d7521542223cafe96f7123c3ca13d447772ac6ecbb3012' },
    { split: 'test', n: 10000, perClass: 1000, pixels: 'c867c93ff95360594e8ec3287995350b824dd110b11595c0e13d5423f621867a' },
  ] as const;
  for (const { split, n, perClass, pixels } of cases) {
    it(`has ${n} ${split} images of 28×28, ${perClass} per class, and the known pixels`, async () => {
      const tmpCache = await fresh('real');
      const ds = await loadIdxDataset(FASHION_MNIST, split, { env: {}, download: false, cacheDir: tmpCache });
      expect(ds.length).toBe(n);
      expect(ds.featureShape).toEqual([28, 28]);
      expect([...ds.classCounts()]).toEqual(Array(10).fill(perClass));
      expect(ds.features).toBeInstanceOf(Uint8Array);
      expect(digest(ds.features as Uint8Array)).toBe(pixels);
      expect(ds.classNames?.[9]).toBe('Ankle boot');
    });
  }
});
