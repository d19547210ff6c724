import { Dropout, Flatten, Identity, Linear, Maxout, PReLU } from '@mlpkit/nn';
import { BatchNorm1d } from '../layers/batch-norm-1d.js';
import { LayerNorm } from '../layers/layer-norm.js';
import { activationTypes } from './activation-types.js';
import type { AnyModuleType, ModuleOptions, ModuleType, StateEntry } from './module-type.js';

type Float = 'float32' | 'float64';
const float = (dtype: unknown): Float => (dtype === 'float64' ? 'float64' : 'float32');
const noState = (): Record<string, StateEntry> => ({});

const linear: ModuleType<Linear> = {
  type: 'Linear',
  module: Linear,
  options: { inFeatures: 'integer', outFeatures: 'integer', bias: 'boolean', dtype: 'dtype' },
  required: ['inFeatures', 'outFeatures'],
  config: (m) => ({ inFeatures: m.inFeatures, outFeatures: m.outFeatures, bias: m.bias !== null, dtype: float(m.weight.dtype) }),
  create: (o) => new Linear(o.inFeatures as number, o.outFeatures as number, { bias: o.bias as boolean | undefined, dtype: o.dtype as Float | undefined }),
  state: (o) => {
    const dtype = float(o.dtype), out = o.outFeatures as number;
    return { weight: { shape: [out, o.inFeatures as number], dtype }, ...(o.bias !== false && { bias: { shape: [out], dtype } }) };
  },
};

const batchNorm1d: ModuleType<BatchNorm1d> = {
  type: 'BatchNorm1d',
  module: BatchNorm1d,
  options: { numFeatures: 'integer', eps: 'number', momentum: 'number-or-null', affine: 'boolean', trackRunningStats: 'boolean', dtype: 'dtype' },
  required: ['numFeatures'],
  config: (m) => ({
    numFeatures: m.numFeatures, eps: m.eps, momentum: m.momentum, affine: m.affine, trackRunningStats: m.trackRunningStats,
    dtype: float((m.weight ?? m.runningMean)?.dtype),
  }),
  create: ({ numFeatures, ...rest }) => new BatchNorm1d(numFeatures as number, rest as ModuleOptions & { dtype?: Float }),
  state: (o) => {
    const dtype = float(o.dtype), shape = [o.numFeatures as number];
    return {
      ...(o.affine !== false && { weight: { shape, dtype }, bias: { shape, dtype } }),
      ...(o.trackRunningStats !== false && {
        running_mean: { shape, dtype, legacyKey: 'runningMean' },
        running_var: { shape, dtype, legacyKey: 'runningVar' },
        num_batches_tracked: { shape: [], dtype: 'int32', legacyKey: 'numBatchesTracked' },
      }),
    };
  },
};

const layerNorm: ModuleType<LayerNorm> = {
  type: 'LayerNorm',
  module: LayerNorm,
  options: { normalizedShape: 'integer-list', eps: 'number', elementwiseAffine: 'boolean', bias: 'boolean', dtype: 'dtype' },
  required: ['normalizedShape'],
  config: (m) => ({
    normalizedShape: [...m.normalizedShape], eps: m.eps, elementwiseAffine: m.elementwiseAffine,
    bias: m.bias !== null, dtype: float(m.weight?.dtype),
  }),
  create: ({ normalizedShape, ...rest }) => new LayerNorm(normalizedShape as number[], rest as ModuleOptions & { dtype?: Float }),
  state: (o) => {
    const dtype = float(o.dtype), shape = o.normalizedShape as number[], affine = o.elementwiseAffine !== false;
    if (shape.length === 0) return null; // refused by the constructor, which says why
    return { ...(affine && { weight: { shape, dtype } }), ...(affine && o.bias !== false && { bias: { shape, dtype } }) };
  },
};

const dropout: ModuleType<Dropout> = {
  type: 'Dropout',
  module: Dropout,
  options: { p: 'number' },
  config: (m) => ({ p: m.p }),
  create: (o) => new Dropout(o.p as number | undefined),
  state: noState,
};

const flatten: ModuleType<Flatten> = {
  type: 'Flatten',
  module: Flatten,
  options: { startDim: 'integer', endDim: 'integer' },
  config: (m) => ({ startDim: m.startDim, endDim: m.endDim }),
  create: (o) => new Flatten(o.startDim as number | undefined, o.endDim as number | undefined),
  state: noState,
};

const identity: ModuleType<Identity> = { type: 'Identity', module: Identity, options: {}, config: () => ({}), create: () => new Identity(), state: noState };

const maxout: ModuleType<Maxout> = {
  type: 'Maxout',
  module: Maxout,
  options: { units: 'integer', k: 'integer' },
  required: ['units', 'k'],
  config: (m) => ({ units: m.units, k: m.k }),
  create: (o) => new Maxout(o.units as number, o.k as number),
  state: noState,
};

const prelu: ModuleType<PReLU> = {
  type: 'PReLU',
  module: PReLU,
  options: { numParameters: 'integer', dtype: 'dtype' },
  config: (m) => ({ numParameters: m.numParameters, dtype: float(m.weight.dtype) }),
  create: (o) => new PReLU(o.numParameters as number | undefined, 0.25, { dtype: o.dtype as Float | undefined }),
  state: (o) => ({ weight: { shape: [(o.numParameters as number | undefined) ?? 1], dtype: float(o.dtype) } }),
};

/**
 * The model-file types of every built-in layer besides Sequential (which the file writes as a
 * list of layers): nn's, normalization's and every activation layer.
 */
export const builtinTypes: readonly AnyModuleType[] = [linear, batchNorm1d, layerNorm, dropout, flatten, identity, maxout, prelu, ...activationTypes];
