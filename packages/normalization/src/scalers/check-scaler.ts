import { MlpkitError, describe } from '@mlpkit/tensor';
import type { Scaler } from './scaler.js';

const scalerMembers = ['fit', 'transform', 'fitTransform', 'inverseTransform', 'toJSON'] as const;

/**
 * Throws unless `value` has what a {@link Scaler} has (`type`, `fitted` and its methods),
 * naming the op and what it got: anything else would fail later, deep inside, as a TypeError.
 */
export function checkScaler(op: string, value: unknown, name = 'scaler'): asserts value is Scaler {
  const v = value as Record<string, unknown> | null;
  const isScaler = v !== null && typeof v === 'object' && typeof v.type === 'string' && typeof v.fitted === 'boolean'
    && scalerMembers.every((member) => typeof v[member] === 'function');
  if (!isScaler) throw new MlpkitError(op, `expected ${name} to be a scaler (type, fitted, ${scalerMembers.join(', ')}), got ${describe(value)}`);
}
