import type { Tensor } from './tensor.js';

const EDGE = 3;
const LIMIT = 1000;

function formatNumber(v: number, dtype: string, decimals: number): string {
  if (dtype === 'bool') return v ? 'true' : 'false';
  if (dtype === 'int32') return String(v);
  if (!Number.isFinite(v)) return v !== v ? 'nan' : v > 0 ? 'inf' : '-inf';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e8 || a < 1e-4) ? v.toExponential(decimals) : v.toFixed(decimals);
}

/** PyTorch-like text: `tensor([[1.0000, 2.0000]], dtype=float64)`, eliding the middle of large tensors. */
export function formatTensor(x: Tensor): string {
  const summarize = x.size > LIMIT;
  const strings = Array.from(x.data, (v) => formatNumber(v, x.dtype, 4));
  const width = Math.max(1, ...strings.map((s) => s.length));
  const render = (dim: number, offset: number, stride: number, indent: number): string => {
    if (x.ndim === 0) return strings[0];
    const n = x.shape[dim];
    const inner = stride / n;
    const pick = summarize && n > 2 * EDGE ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)] : [...Array(n).keys()];
    if (dim === x.ndim - 1)
      return `[${pick.map((i) => (i < 0 ? '...' : strings[offset + i].padStart(width))).join(', ')}]`;
    const sep = ',' + '\n'.repeat(x.ndim - dim - 1) + ' '.repeat(indent + 1);
    return `[${pick.map((i) => (i < 0 ? '...' : render(dim + 1, offset + i * inner, inner, indent + 1))).join(sep)}]`;
  };
  const body = render(0, 0, x.size, 'tensor('.length);
  const extras = [x.dtype === 'float32' ? '' : `dtype=${x.dtype}`, x.requiresGrad ? 'requiresGrad=true' : ''].filter(Boolean);
  return `tensor(${body}${extras.length ? ', ' + extras.join(', ') : ''})`;
}
