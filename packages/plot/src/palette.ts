/**
 * The Okabe-Ito palette (Okabe & Ito 2008), distinguishable with every common colour-vision
 * deficiency, ordered so that the first colours differ most; yellow comes late because it is
 * faint on white.
 */
export const OKABE_ITO: readonly string[] = Object.freeze([
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#000000', // black
  '#F0E442', // yellow
]);

/** A categorical colour scale over `domain` (in order) with the Okabe-Ito colours, cycling past eight. */
export function categoricalScale(domain: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...domain], range: domain.map((_, i) => OKABE_ITO[i % OKABE_ITO.length]) };
}
