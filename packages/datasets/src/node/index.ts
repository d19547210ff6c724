// Node-only parts of @mlpkit/datasets (files, HTTP, gzip): import from '@mlpkit/datasets/node'.
export { readIdxFile } from './idx-file.js';
export { downloadFile, writeFileAtomic, type DownloadOptions } from './download.js';
export {
  loadFashionMnist, loadMnist, loadIdxDataset, locateIdxDataset, defaultCacheDir,
  type IdxDatasetOptions, type DatasetLocation, type Split,
} from './mnist-node.js';
export { loadCsv } from './csv-file.js';
