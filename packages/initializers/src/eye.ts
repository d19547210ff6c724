import { MlpkitError, type Tensor, formatShape } from '@mlpkit/tensor';

/**
 * Writes the identity into a 2-D `t` in place: ones on the diagonal of the top-left square,
 * zeros elsewhere (`torch.nn.init.eye_`), so a square Linear layer starts as the identity map.
 */
export function eye_(t: Tensor): Tensor {
  if (t.ndim !== 2) throw new MlpkitError('eye_', `expected a 2-D tensor, got shape ${formatShape(t.shape)}`);
  const [rows, cols] = t.shape;
  t.data.fill(0);
  for (let i = 0; i < Math.min(rows, cols); i++) t.data[i * cols + i] = 1;
  return t;
}
