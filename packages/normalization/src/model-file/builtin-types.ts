import { Dropout, Flatten, Identity, Linear, Maxout, PReLU } from '@mlpkit/nn';
import { BatchNorm1d } from '../layers/batch-norm-1d.js';
import { LayerNorm } from '../layers/layer-norm.js';
import { activationTypes } from './activation-types.js';
import type { ModuleOptions, ModuleType } from './module-type.js';

type Float = 'float32' | 'float64';
const float = (dtype: string | undefined): Float => (dtype === 'float64' ? 'float64' : 'float32');

const linear: ModuleType<Linear> = {
  type: 'Linear',
  module: Linear,
  options: { inFeatures: 'integer', outFeatures: 'integer', bias: 'boolean', dtype: 'dtype' },
  required: ['inFeatures', 'outFeatures'],
  config: (m) => ({ inFeatures: m.inFeatures, outFeatures: m.outFeatures, bias: m.bias !== null, dtype: float(m.weight.dtype) }),
  create: (o) => new Linear(o.inFeatures as number, o.outFeatures as number, { bias: o.bias as boolean | undefined, dtype: o.dtype as Float | undefined }),
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
};

const dropout: ModuleType<Dropout> = {
  type: 'Dropout',
  module: Dropout,
  options: { p: 'number' },
  config: (m) => ({ p: m.p }),
  create: (o) => new Dropout(o.p as number | undefined),
};

const flatten: ModuleType<Flatten> = {
  type: 'Flatten',
  module: Flatten,
  options: { startDim: 'integer', endDim: 'integer' },
  config: (m) => ({ startDim: m.startDim, endDim: m.endDim }),
  create: (o) => new Flatten(o.startDim as number | undefined, o.endDim as number | undefined),
};

const identity: ModuleType<Identity> = { type: 'Identity', module: Identity, options: {}, config: () => ({}), create: () => new Identity() };

const maxout: ModuleType<Maxout> = {
  type: 'Maxout',
  module: Maxout,
  options: { units: 'integer', k: 'integer' },
  required: ['units', 'k'],
  config: (m) => ({ units: m.units, k: m.k }),
  create: (o) => new Maxout(o.units as number, o.k as number),
};

const prelu: ModuleType<PReLU> = {
  type: 'PReLU',
  module: PReLU,
  options: { numParameters: 'integer', dtype: 'dtype' },
  config: (m) => ({ numParameters: m.numParameters, dtype: float(m.weight.dtype) }),
  create: (o) => new PReLU(o.numParameters as number | undefined, 0.25, { dtype: o.dtype as Float | undefined }),
};

/**
 * The model-file types of every built-in layer besides Sequential (which the file writes as a
 * list of layers): nn's, normalization's and every activation layer.
 */
export const builtinTypes: readonly ModuleType<any>[] = [linear, batchNorm1d, layerNorm, dropout, flatten, identity, maxout, prelu, ...activationTypes];
