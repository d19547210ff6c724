import { MlpkitError, formatShape } from '@mlpkit/tensor';
import type { IdxArray } from './idx.js';
import { TensorDataset } from './tensor-dataset.js';

/** One file of an IDX dataset and how to recognize a good copy of it. */
export interface IdxFileSpec {
  /** The file name on the mirrors and on disk, e.g. `train-images-idx3-ubyte.gz`. */
  filename: string;
  /**
   * SHA-256 digests (hex) a good copy may have: of the file as stored, or of its decompressed
   * IDX bytes. The decompressed digest survives recompression (Debian's `.gz` files differ
   * byte-wise from the mirrors' but hold the same data). Empty: not checked.
   */
  sha256: readonly string[];
  /**
   * The exact size in bytes of the file's IDX content (decompressed): downloads longer than any
   * copy of it can be are cut off, and gunzipping stops past it.
   */
  bytes: number;
}

/** Where an MNIST-style dataset lives: its files, mirrors, and the local places to look. */
export interface IdxDatasetResource {
  /** Short name, also the cache subdirectory: `fashion-mnist`. */
  name: string;
  /** Base URLs tried in order; a file's URL is base + filename. */
  mirrors: readonly string[];
  /** The four files, by role. */
  files: {
    trainImages: IdxFileSpec;
    trainLabels: IdxFileSpec;
    testImages: IdxFileSpec;
    testLabels: IdxFileSpec;
  };
  /** Environment variable naming a directory that holds the files. */
  envVar: string;
  /** System directories searched after the environment variable (e.g. Debian's). */
  systemDirs: readonly string[];
  /** A readable name per label. */
  classNames: readonly string[];
}

/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf, 2017, Zalando Research): 70 000 grayscale 28×28
 * images of 10 clothing classes. Checksums are those of Debian's `dataset-fashion-mnist` files
 * and of their decompressed IDX content.
 */
export const FASHION_MNIST: IdxDatasetResource = Object.freeze({
  name: 'fashion-mnist',
  mirrors: [
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/',
  ],
  files: {
    trainImages: { filename: 'train-images-idx3-ubyte.gz', bytes: 47040016, sha256: [
      'b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7',
      'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888'] },
    trainLabels: { filename: 'train-labels-idx1-ubyte.gz', bytes: 60008, sha256: [
      '0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056',
      'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9'] },
    testImages: { filename: 't10k-images-idx3-ubyte.gz', bytes: 7840016, sha256: [
      'cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa',
      '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b'] },
    testLabels: { filename: 't10k-labels-idx1-ubyte.gz', bytes: 10008, sha256: [
      '8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05',
      '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34'] },
  },
  envVar: 'MLPKIT_FASHION_MNIST_DIR',
  systemDirs: ['/usr/share/datasets/fashion-mnist'],
  classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
});

/**
 * MNIST (LeCun, Cortes & Burges): 70 000 grayscale 28×28 handwritten digits. The checksums are
 * the SHA-256 digests of the original gzip files, which the mirrors below serve unchanged, as
 * other dataset loaders publish them (torchvision pins the MD5 digests of the same files).
 */
export const MNIST: IdxDatasetResource = Object.freeze({
  name: 'mnist',
  mirrors: [
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
    'http://yann.lecun.com/exdb/mnist/',
  ],
  files: {
    trainImages: { filename: 'train-images-idx3-ubyte.gz', bytes: 47040016, sha256: ['440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609'] },
    trainLabels: { filename: 'train-labels-idx1-ubyte.gz', bytes: 60008, sha256: ['3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c'] },
    testImages: { filename: 't10k-images-idx3-ubyte.gz', bytes: 7840016, sha256: ['8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6'] },
    testLabels: { filename: 't10k-labels-idx1-ubyte.gz', bytes: 10008, sha256: ['f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6'] },
  },
  envVar: 'MLPKIT_MNIST_DIR',
  systemDirs: ['/usr/share/datasets/mnist'],
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
});

/** The names `imageDataset` gives its two inputs in errors (their file paths, when loaded from disk). */
export interface ImageDatasetSources {
  /** E.g. the images file's path. */
  images: string;
  /** E.g. the labels file's path. */
  labels: string;
}

/**
 * Pairs a decoded images file (`[N, H, W]` uint8) with a labels file (`[N]` uint8) into a
 * TensorDataset of uint8 images and int32 labels, checking ranks, counts and label range.
 * Errors name the files through `sources`.
 */
export function imageDataset(
  images: IdxArray, labels: IdxArray, classNames: readonly string[],
  sources: ImageDatasetSources = { images: 'images', labels: 'labels' },
): TensorDataset {
  const op = 'imageDataset';
  if (images.dtype !== 'uint8' || images.shape.length !== 3)
    throw new MlpkitError(op, `${sources.images}: images must be uint8 of shape [N, H, W], got ${images.dtype} ${formatShape(images.shape)}`);
  if (labels.dtype !== 'uint8' || labels.shape.length !== 1)
    throw new MlpkitError(op, `${sources.labels}: labels must be uint8 of shape [N], got ${labels.dtype} ${formatShape(labels.shape)}`);
  if (images.shape[0] !== labels.shape[0])
    throw new MlpkitError(op, `${sources.images} has ${images.shape[0]} images but ${sources.labels} has ${labels.shape[0]} labels`);
  const bad = labels.data.findIndex((v) => v >= classNames.length);
  if (bad >= 0)
    throw new MlpkitError(op, `${sources.labels}: label ${labels.data[bad]} at index ${bad} is out of range for ${classNames.length} classes (expected 0..${classNames.length - 1})`);
  return new TensorDataset(images.data as Uint8Array, Int32Array.from(labels.data), {
    featureShape: images.shape.slice(1),
    numClasses: classNames.length,
    classNames,
  });
}
