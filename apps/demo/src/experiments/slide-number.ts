/**
 * How a slide turned a number into digits. The activation table and the zero-initialization
 * examples of 1-mlp-insight cut digits off (σ(−4) = 0.01799 is printed 0.017, tanh(1) = 0.76159
 * 0.761, ŷ = 8.35198 8.351, σ(−0.015) = 0.4963 0.49); the dying-ReLU example rounds (ŷ₁ = 0.37186
 * is printed 0.372). Where the two differ, only the right one reproduces the slide.
 */
export type SlideRounding = 'truncate' | 'round';

/**
 * A number as a slide prints it, at `decimals`, truncated toward zero or rounded. The tiny nudge
 * keeps a float32 value just below a printed one (−0.04 stored as −0.0399999991) from losing a digit.
 */
export function asPrinted(value: number, decimals: number, rounding: SlideRounding = 'round'): string {
  const scale = 10 ** decimals;
  const nudge = Math.sign(value) * 1e-6;
  const cut = rounding === 'truncate' ? Math.trunc(value * scale + nudge) / scale : Math.round(value * scale + nudge) / scale;
  return (Object.is(cut, -0) ? 0 : cut).toFixed(decimals);
}

/** The decimals a printed number shows: `0.95` → 2, `1.2194` → 4, `5` → 0. */
export function decimalsOf(printed: string): number {
  const dot = printed.indexOf('.');
  return dot < 0 ? 0 : printed.length - dot - 1;
}

/** Ours as the slide prints it (its decimals, its rounding), and whether the two agree. */
export function compareToSlide(value: number, printed: string, rounding: SlideRounding = 'round'): { ours: string; same: boolean } {
  const ours = asPrinted(value, decimalsOf(printed), rounding);
  return { ours, same: ours === printed };
}
