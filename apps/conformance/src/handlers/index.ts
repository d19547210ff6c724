import type { HandlerTable } from '../types.js';
import { activationsHandlers } from './activations.js';
import { gradcheckHandlers } from './gradcheck.js';
import { initializersHandlers } from './init.js';
import { layersHandlers } from './layers.js';
import { lossesHandlers } from './losses.js';
import { metricsHandlers } from './metrics.js';
import { normalizationLayersHandlers } from './normalization-layers.js';
import { opsHandlers } from './ops.js';
import { optimizersHandlers } from './optimizers.js';
import { preprocessingHandlers } from './preprocessing.js';
import { primitivesHandlers } from './primitives.js';

/** Every fixture op mlpkit implements; a fixture op missing here counts as not yet implemented. */
export const handlers: HandlerTable = {
  ...opsHandlers,
  ...gradcheckHandlers,
  ...activationsHandlers,
  ...lossesHandlers,
  ...initializersHandlers,
  ...layersHandlers,
  ...normalizationLayersHandlers,
  ...optimizersHandlers,
  ...preprocessingHandlers,
  ...metricsHandlers,
  ...primitivesHandlers,
};
