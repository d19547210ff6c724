import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { loadFashionMnist, readIdxFile } from '@mlpkit/datasets/node';

/** Images to classify as raw pixels, one row of 784 values 0–255 each, and their labels when known. */
export interface PredictImages {
  pixels: Float32Array;
  count: number;
  labels: Int32Array | null;
}

const exists = (path: string) => access(path).then(() => true, () => false);

/** The labels file that sits beside an images file (`t10k-images-idx3-ubyte.gz` → `t10k-labels-idx1-ubyte.gz`). */
function labelsPathFor(imagesPath: string): string | null {
  const name = basename(imagesPath);
  return name.includes('images-idx3') ? join(dirname(imagesPath), name.replace('images-idx3', 'labels-idx1')) : null;
}

async function fromFile(path: string, count: number): Promise<PredictImages> {
  const images = await readIdxFile(path);
  const [n, ...rest] = images.shape;
  const perImage = rest.reduce((a, b) => a * b, 1);
  if (images.dtype !== 'uint8' || perImage !== 784)
    throw new Error(`predict: ${path} holds ${images.dtype} data of shape [${images.shape.join(', ')}]; expected uint8 images of 28×28 (IDX, like Fashion-MNIST's)`);
  const taken = Math.min(n, count);
  const pixels = Float32Array.from(images.data.subarray(0, taken * 784));
  const labelsPath = labelsPathFor(path);
  if (!labelsPath || !(await exists(labelsPath))) return { pixels, count: taken, labels: null };
  const labels = await readIdxFile(labelsPath);
  if (labels.shape[0] !== n) throw new Error(`predict: ${labelsPath} has ${labels.shape[0]} labels for ${n} images`);
  return { pixels, count: taken, labels: Int32Array.from(labels.data.subarray(0, taken)) };
}

/** The first `count` images of `source` ('test' or an IDX file path). */
export async function loadPredictImages(source: string, count: number): Promise<PredictImages> {
  if (source !== 'test') return fromFile(source, count);
  const test = await loadFashionMnist('test');
  const taken = Math.min(test.length, count);
  return {
    pixels: Float32Array.from(test.features.subarray(0, taken * 784)),
    count: taken,
    labels: Int32Array.from(test.targets.subarray(0, taken)),
  };
}
