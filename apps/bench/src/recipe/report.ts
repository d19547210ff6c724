import type { RecipeResult } from './spec.js';

/** Each mlpkit row's seconds per epoch over PyTorch's at the same thread count (NaN when either is missing). */
export function ratioToTorch(row: RecipeResult, rows: readonly RecipeResult[]): number {
  const torch = rows.find((r) => r.system === 'PyTorch' && r.threads === row.threads);
  return torch ? row.secondsPerEpoch / torch.secondsPerEpoch : NaN;
}

/** The side-by-side table: seconds per epoch, test accuracy, and the ratio to PyTorch (target ≤ 2× on wasm). */
export function recipeTable(rows: readonly RecipeResult[]): string {
  const fixed = (v: number, digits: number, suffix = '') => (Number.isFinite(v) ? `${v.toFixed(digits)}${suffix}` : '–');
  const lines = rows.map((r) => {
    const ratio = r.system === 'PyTorch' ? '1 (reference)' : fixed(ratioToTorch(r, rows), 2, '×');
    const what = r.note ?? `${r.epochSeconds.length} epoch${r.epochSeconds.length === 1 ? '' : 's'}, last loss ${fixed(r.lastLoss, 4)}`;
    return `| ${r.system}${r.version ? ` ${r.version}` : ''} | ${r.threads} | ${fixed(r.secondsPerEpoch, 2)} | ${fixed(r.testAccuracy * 100, 2, ' %')} | ${ratio} | ${what} |`;
  });
  return ['| system | threads | s/epoch (median) | test accuracy | × PyTorch (same threads) | notes |', '|---|---|---|---|---|---|', ...lines].join('\n');
}
