// Node-only parts of @mlpkit/train (terminal progress bar, checkpoint files): import from '@mlpkit/train/node'.
export { ProgressBar, type ProgressBarOptions } from './progress-bar.js';
export { progressPrinter, type ProgressPrinter, type ProgressPrinterOptions } from './progress-printer.js';
export { ModelCheckpoint, checkpointPath, type ModelCheckpointOptions } from './model-checkpoint.js';
export { checkpointFile, readCheckpointFile } from './checkpoint-file.js';
export { makeParentDirectory } from './writable-path.js';
