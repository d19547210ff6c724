// Node-only rendering of @mlpkit/plot's specs: Vega's headless renderer for SVG, resvg for PNG.
export { toSvg, toPng, writePlot } from './render.js';
