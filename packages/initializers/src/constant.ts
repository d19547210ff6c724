import { MlpkitError, type Tensor } from '@mlpkit/tensor';

/**
 * Fills `t` with `val` in place and returns it (`torch.nn.init.constant_`). The value is
 * rounded to the tensor's dtype, so a float32 tensor holds fround(0.3).
 */
export function constant_(t: Tensor, val: number): Tensor {
  if (typeof val !== 'number' || Number.isNaN(val)) throw new MlpkitError('constant_', `val must be a number, got ${String(val)}`);
  t.data.fill(val);
  return t;
}

/** Fills `t` with zeros in place (`torch.nn.init.zeros_`). */
export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}

/** Fills `t` with ones in place (`torch.nn.init.ones_`). */
export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}
