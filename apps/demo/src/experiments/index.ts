import type { Experiment } from './experiment.js';

/**
 * The slides' experiments by name, each in its own file and loaded only when run. A new one is
 * one line here: `name: () => import('./name.js')` with a default export of type Experiment.
 */
export const EXPERIMENTS = {
  activations: () => import('./activations.js'),
  'mlp-example': () => import('./mlp-example.js'),
  'dying-relu': () => import('./dying-relu.js'),
  'zero-init': () => import('./zero-init.js'),
  backprop: () => import('./backprop.js'),
  'cross-entropy': () => import('./cross-entropy.js'),
  normalization: () => import('./normalization.js'),
  preprocessing: () => import('./preprocessing.js'),
  width: () => import('./width.js'),
  depth: () => import('./depth.js'),
  'init-stats': () => import('./init-stats.js'),
  'deep-sigmoid': () => import('./deep-sigmoid.js'),
  batchnorm: () => import('./batchnorm.js'),
  babysitting: () => import('./babysitting.js'),
  'lr-range': () => import('./lr-range.js'),
  search: () => import('./search.js'),
} satisfies Record<string, () => Promise<{ default: Experiment }>>;

export type ExperimentName = keyof typeof EXPERIMENTS;
export const EXPERIMENT_NAMES = Object.keys(EXPERIMENTS) as ExperimentName[];
