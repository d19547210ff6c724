/** PyTorch's snake_case name of a camelCase key (`expAvgSq` → `exp_avg_sq`, `initialLr` → `initial_lr`). */
export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

/** The camelCase name mlpkit uses for a snake_case key from a file (camelCase keys stay as they are). */
export const camelCase = (key: string): string => key.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/**
 * What each per-parameter state value must hold, by its (camelCase) key. Second-moment
 * estimates and accumulators of squares are never negative: a negative one would take the
 * square root of a negative number and turn the weights into NaN.
 */
export const stateValueKinds: Readonly<Record<string, 'count' | 'buffer' | 'nonNegativeBuffer' | 'product'>> = {
  step: 'count',
  muProduct: 'product',
  expAvg: 'buffer',
  momentumBuffer: 'buffer',
  gradAvg: 'buffer',
  expAvgSq: 'nonNegativeBuffer',
  maxExpAvgSq: 'nonNegativeBuffer',
  squareAvg: 'nonNegativeBuffer',
  accDelta: 'nonNegativeBuffer',
  sum: 'nonNegativeBuffer',
  expInf: 'nonNegativeBuffer',
};

/**
 * State an optimizer creates only when it first needs it (so a saved state may lack it), by
 * optimizer name; everything `initState` creates is required.
 */
export const lazyStateKeys: Readonly<Record<string, readonly string[]>> = {
  SGD: ['momentumBuffer'],
  Adam: ['maxExpAvgSq'],
  AdamW: ['maxExpAvgSq'],
  RMSprop: ['momentumBuffer', 'gradAvg'],
};

/** Keys the learning-rate schedulers keep in a parameter group, beside its hyperparameters. */
export const schedulerGroupKeys: readonly string[] = ['initialLr', 'maxLr', 'minLr', 'maxMomentum', 'baseMomentum'];

/**
 * PyTorch's implementation switches found in its param groups (`foreach`, `fused`, ...): they
 * choose kernels, not results, so a file that holds them (true, false or null) still loads.
 */
export const pytorchSwitches: readonly string[] = ['foreach', 'fused', 'capturable', 'differentiable'];
