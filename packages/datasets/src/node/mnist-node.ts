import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MlpkitError, checkOptions } from '@mlpkit/tensor';
import { FASHION_MNIST, type IdxDatasetResource, type IdxFileSpec, MNIST, imageDataset } from '../mnist.js';
import type { TensorDataset } from '../tensor-dataset.js';
import { type DownloadOptions, downloadFile } from './download.js';
import { checkFileDigest } from './file-digest.js';
import { readIdxFile } from './idx-file.js';

/** Where and how to find an MNIST-style dataset. Every field is optional. */
export interface IdxDatasetOptions {
  /** An explicit directory: used first; missing files are downloaded into it when `download` allows. */
  root?: string;
  /** Download missing files from the mirrors (default true). */
  download?: boolean;
  /** Cache root (default `$MLPKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/mlpkit`, else `~/.cache/mlpkit`); the dataset goes in its `name` subdirectory. */
  cacheDir?: string;
  /** Replaces the resource's mirrors (base URLs tried in order). */
  mirrors?: readonly string[];
  /** Replaces the resource's system directories (e.g. `[]` to skip Debian's). */
  systemDirs?: readonly string[];
  /** Per-mirror stall timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Per-mirror overall deadline in ms (default 1 800 000). */
  deadlineMs?: number;
  /** Per-mirror minimum rate in bytes/s, measured over `rateWindowMs` (default 1024 over 10 000 ms). */
  minBytesPerSecond?: number;
  /** The window over which the minimum rate is measured (default 10 000 ms). */
  rateWindowMs?: number;
  /**
   * Check every file found in a directory against the resource's pinned SHA-256 digests
   * (default true); a mismatch names the file. Turn off for custom data in a resource's layout.
   */
  verify?: boolean;
  /** Environment to read variables from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The fetch to download with (default: the global one). */
  fetch?: typeof fetch;
  /** Hears each download's progress: bytes received, bytes declared, file name (see `downloadFile`). */
  onProgress?: DownloadOptions['onProgress'];
}

/** Which part of the dataset to load. */
export type Split = 'train' | 'test';

/** Where the files were found: a directory and which rule found it. */
export interface DatasetLocation {
  /** The directory holding the files. */
  dir: string;
  /** Which rule found it; `download` when some files were just downloaded into `dir`. */
  source: 'root' | 'env' | 'system' | 'cache' | 'download';
  /** The path of each file, by key. */
  paths: Record<keyof IdxDatasetResource['files'], string>;
}

type FileKey = keyof IdxDatasetResource['files'];
const KEYS: FileKey[] = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** The file's path in `dir`, compressed or not, or null. */
async function findFile(dir: string, spec: IdxFileSpec): Promise<string | null> {
  const names = [spec.filename, spec.filename.replace(/\.gz$/, '')];
  for (const name of names) if (await isFile(join(dir, name))) return join(dir, name);
  return null;
}

async function findAll(dir: string, resource: IdxDatasetResource): Promise<Partial<Record<FileKey, string>>> {
  const found: Partial<Record<FileKey, string>> = {};
  for (const key of KEYS) {
    const path = await findFile(dir, resource.files[key]);
    if (path) found[key] = path;
  }
  return found;
}

/** Checks each found file against its pinned digests, naming the file when one differs. */
async function verifyAll(resource: IdxDatasetResource, found: Partial<Record<FileKey, string>>): Promise<void> {
  for (const key of KEYS) {
    const path = found[key];
    const spec = resource.files[key];
    if (path) await checkFileDigest('locateIdxDataset', path, spec.sha256, {
      maxBytes: spec.bytes,
      hint: ` (this is not the pinned ${resource.name} ${spec.filename}: replace or delete it, or pass verify: false for custom data)`,
    });
  }
}

const IDX_DATASET_OPTIONS = ['root', 'download', 'cacheDir', 'mirrors', 'systemDirs', 'timeoutMs', 'deadlineMs', 'minBytesPerSecond',
  'rateWindowMs', 'verify', 'env', 'fetch', 'onProgress'] as const satisfies readonly (keyof IdxDatasetOptions)[];

const complete = (found: Partial<Record<FileKey, string>>): found is Record<FileKey, string> => KEYS.every((k) => found[k]);

/** The default cache root: `$MLPKIT_CACHE_DIR`, `$XDG_CACHE_HOME/mlpkit` or `~/.cache/mlpkit`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.MLPKIT_CACHE_DIR) return env.MLPKIT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mlpkit');
}

/**
 * Finds (or downloads) all four files of a dataset, in this order: `options.root`, the
 * resource's environment variable, its system directories (Debian's package), the user cache,
 * and finally a checksum-verified download from the mirrors into the cache. A directory the
 * user named (root or env) that lacks files gets them downloaded into it, or is an error.
 * Every file found is checked against the pinned digests unless `verify` is false.
 */
export async function locateIdxDataset(resource: IdxDatasetResource, options: IdxDatasetOptions = {}): Promise<DatasetLocation> {
  checkOptions('locateIdxDataset', options, IDX_DATASET_OPTIONS);
  const env = options.env ?? process.env;
  const download = options.download ?? true;
  const findChecked = async (dir: string): Promise<Partial<Record<FileKey, string>>> => {
    const found = await findAll(dir, resource);
    if (options.verify ?? true) await verifyAll(resource, found);
    return found;
  };
  const fetchInto = async (dir: string, found: Partial<Record<FileKey, string>>): Promise<Record<FileKey, string>> => {
    for (const key of KEYS) {
      if (found[key]) continue;
      const spec = resource.files[key];
      const dest = join(dir, spec.filename);
      await downloadFile(options.mirrors ?? resource.mirrors, spec.filename, dest, {
        sha256: spec.sha256, contentBytes: spec.bytes, timeoutMs: options.timeoutMs, deadlineMs: options.deadlineMs,
        minBytesPerSecond: options.minBytesPerSecond, rateWindowMs: options.rateWindowMs, fetch: options.fetch,
        onProgress: options.onProgress,
      });
      found[key] = dest;
    }
    return found as Record<FileKey, string>;
  };
  const named: [DatasetLocation['source'], string | undefined, string][] = [
    ['root', options.root, 'root'],
    ['env', env[resource.envVar] || undefined, `$${resource.envVar}`],
  ];
  for (const [source, dir, label] of named) {
    if (dir === undefined) continue;
    const found = await findChecked(dir);
    if (complete(found)) return { dir, source, paths: found };
    if (download) return { dir, source: 'download', paths: await fetchInto(dir, found) };
    const missing = KEYS.filter((k) => !found[k]).map((k) => resource.files[k].filename);
    throw new MlpkitError('locateIdxDataset', `${label} = ${dir} lacks ${missing.join(', ')} and download is false`);
  }
  for (const dir of options.systemDirs ?? resource.systemDirs) {
    const found = await findChecked(dir);
    if (complete(found)) return { dir, source: 'system', paths: found };
  }
  const cache = join(options.cacheDir ?? defaultCacheDir(env), resource.name);
  const cached = await findChecked(cache);
  if (complete(cached)) return { dir: cache, source: 'cache', paths: cached };
  if (!download) {
    const places = [...(options.systemDirs ?? resource.systemDirs), cache].join(', ');
    throw new MlpkitError('locateIdxDataset',
      `${resource.name} not found in ${places} and download is false: pass root, set $${resource.envVar}, or allow download`);
  }
  return { dir: cache, source: 'download', paths: await fetchInto(cache, cached) };
}

/**
 * Loads one split of an MNIST-style dataset as a TensorDataset of uint8 images `[N, 28, 28]`
 * and int32 labels, finding or downloading the files as `locateIdxDataset` describes.
 */
export async function loadIdxDataset(resource: IdxDatasetResource, split: Split = 'train', options: IdxDatasetOptions = {}): Promise<TensorDataset> {
  checkOptions('loadIdxDataset', options, IDX_DATASET_OPTIONS);
  if (split !== 'train' && split !== 'test')
    throw new MlpkitError('loadIdxDataset', `split must be 'train' or 'test', got ${JSON.stringify(split)}`);
  const { paths } = await locateIdxDataset(resource, options);
  const [imagesKey, labelsKey]: FileKey[] = split === 'train' ? ['trainImages', 'trainLabels'] : ['testImages', 'testLabels'];
  const read = (key: FileKey): ReturnType<typeof readIdxFile> =>
    readIdxFile(paths[key], (options.verify ?? true) ? { maxBytes: resource.files[key].bytes } : {});
  const [images, labels] = await Promise.all([read(imagesKey), read(labelsKey)]);
  return imageDataset(images, labels, resource.classNames, { images: paths[imagesKey], labels: paths[labelsKey] });
}

/** Fashion-MNIST's `split` (60 000 train or 10 000 test images of 28×28, 10 classes). */
export function loadFashionMnist(split: Split = 'train', options: IdxDatasetOptions = {}): Promise<TensorDataset> {
  return loadIdxDataset(FASHION_MNIST, split, options);
}

/** MNIST's `split` (60 000 train or 10 000 test digits of 28×28). */
export function loadMnist(split: Split = 'train', options: IdxDatasetOptions = {}): Promise<TensorDataset> {
  return loadIdxDataset(MNIST, split, options);
}
