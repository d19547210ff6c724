import { holdWriterLock, releaseWriterLock, saveFile } from '@mlpkit/nn/node';
import { MlpkitError, checkRequiredOptions, describe } from '@mlpkit/tensor';
import { dirname } from 'node:path';
import type { TrainContext } from '../callback.js';
import { Checkpoint, type CheckpointOptions } from '../checkpoint.js';
import { claimWritablePath, makeParentDirectory } from './writable-path.js';

/** Options of {@link ModelCheckpoint}: a file path instead of a `save` function. */
export interface ModelCheckpointOptions extends Omit<CheckpointOptions, 'save'> {
  /**
   * Where to write: a path, optionally with `{epoch}` (1-based) to keep one file per epoch,
   * e.g. `out/model-{epoch}.safetensors`, or one directory per epoch,
   * e.g. `out/{epoch}/model.safetensors` (each made when its epoch is saved). `{epoch}` is the
   * only field: any other `{…}` is refused.
   */
  path: string;
}

const MODEL_CHECKPOINT_OPTIONS = ['path', 'monitor', 'mode', 'saveBestOnly', 'metadata'] as const satisfies readonly (keyof ModelCheckpointOptions)[];

/** The fields a path template may hold, each written `{name}`. */
const PATH_FIELDS: readonly string[] = ['epoch'];

/**
 * Refuses a `{…}` other than `{epoch}`, which `checkpointPath` would leave in the file name
 * literally: Keras-style `{val_loss:.2f}` or `{valLoss}` looks filled in but never is.
 */
function checkPathTemplate(template: string): void {
  for (const [field, name] of template.matchAll(/\{([^{}]*)\}/g))
    if (!PATH_FIELDS.includes(name))
      throw new MlpkitError('ModelCheckpoint', `path: unknown template field ${field} in ${JSON.stringify(template)}; supported: ${PATH_FIELDS.map((f) => `{${f}}`).join(', ')} (the monitored value is in each file's metadata)`);
}

/** `out/model-{epoch}.safetensors` with epoch 0 → `out/model-1.safetensors`. */
export function checkpointPath(template: string, epoch: number): string {
  return template.replaceAll('{epoch}', String(epoch + 1));
}

/**
 * The part of a checkpoint path template that one run owns, so the one its writer lock guards:
 * the template itself, or, when `{epoch}` is in a directory, the first templated directory
 * (`out/{epoch}/model.safetensors` → `out/{epoch}`, locked as `out/{epoch}.lock`). The lock
 * then sits in a directory that exists whatever the epoch, instead of in one literally named
 * `{epoch}`.
 */
export function checkpointLockPath(template: string): string {
  const dir = dirname(template);
  return dir.includes('{epoch}') ? checkpointLockPath(dir) : template;
}

/**
 * Saves the model as safetensors (with metadata: epoch, monitored value, and e.g. the scaler)
 * when the monitored value improves, or every epoch with `saveBestOnly: false`. Files are
 * written atomically (a temporary file renamed over the old one), so an interrupted or
 * diverging run never leaves a half-written or NaN checkpoint behind. A path has one writer: a
 * second process saving to it is refused with a message naming the first.
 *
 * @example
 * new ModelCheckpoint({ path: 'out/best.safetensors', monitor: 'valAccuracy', metadata: scalerToMetadata(scaler) });
 */
export class ModelCheckpoint extends Checkpoint {
  readonly path: string;

  constructor(options: ModelCheckpointOptions) {
    checkRequiredOptions('ModelCheckpoint', options, MODEL_CHECKPOINT_OPTIONS, 'a path');
    // Read only when training begins, where a missing path would be a raw TypeError.
    if (typeof options.path !== 'string' || options.path === '')
      throw new MlpkitError('ModelCheckpoint', `path: expected a non-empty string such as 'out/model-{epoch}.safetensors', got ${describe(options.path)}`);
    checkPathTemplate(options.path);
    const { path: _path, ...checkpointOptions } = options;
    super({
      ...checkpointOptions,
      save: async ({ epoch, state, metadata }) => {
        const file = checkpointPath(options.path, epoch);
        makeParentDirectory(file, 'ModelCheckpoint');
        holdWriterLock(checkpointLockPath(options.path), 'ModelCheckpoint');
        await saveFile(file, state, metadata);
      },
    });
    this.path = options.path;
  }

  /**
   * Creates the directory and takes the path's lock before training, so an unwritable path costs
   * no epoch; with `{epoch}` in a directory, that is the directory above the first templated one.
   */
  override onTrainBegin(ctx: TrainContext): void {
    super.onTrainBegin(ctx);
    claimWritablePath(checkpointLockPath(this.path), 'ModelCheckpoint');
  }

  /** The run is over: another process may write this path now. */
  onTrainEnd(): void {
    releaseWriterLock(checkpointLockPath(this.path));
  }
}
