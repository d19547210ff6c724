// Browser-safe parts of @mlpkit/datasets; files, downloads and gzip via Node live in './node',
// CSV parsing (and its papaparse dependency) in './csv'.
export { TensorDataset, type TensorDatasetOptions, type FeatureArray, type TargetArray } from './tensor-dataset.js';
export { DataLoader, type DataLoaderOptions, type Batch } from './data-loader.js';
export { trainValTestSplit, type SplitOptions, type TrainValTestSplit } from './split.js';
export type { SeedOptions } from './random-options.js';
export { parseIdx, decodeIdx, isGzip, DEFAULT_MAX_IDX_BYTES, type IdxArray, type IdxDType, type IdxData } from './idx.js';
export { encodeIdx, IDX_TYPE_BYTE } from './encode-idx.js';
export { FASHION_MNIST, MNIST, imageDataset, type IdxDatasetResource, type IdxFileSpec, type ImageDatasetSources } from './mnist.js';
export { loadIris, irisPetalExamples, IRIS_CLASS_NAMES, IRIS_FEATURE_NAMES } from './iris.js';
export { makeMoons, makeCircles, makeSpirals, makeXor, makeBlobs, type ToyOptions, type BlobOptions } from './toy-classification.js';
export {
  makeLinearRegression, makePolynomialRegression,
  type LinearRegressionData, type LinearRegressionOptions, type PolynomialRegressionOptions,
} from './toy-regression.js';
