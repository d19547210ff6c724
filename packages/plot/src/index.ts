// Spec builders (browser-safe, plain objects); rendering to SVG/PNG in Node lives in './node'.
export { type PlotSpec, VEGA_LITE_SCHEMA, BASE_CONFIG, topLevel } from './spec.js';
export { OKABE_ITO, categoricalScale } from './palette.js';
export { curvesSpec, curvesBody, seriesLabel, type CurveSeries, type CurvesOptions } from './curves.js';
export { trainingCurvesSpec, type HistoryLike } from './training-curves.js';
export { confusionMatrixSpec } from './confusion-matrix.js';
export { lrRangeSpec, type LrRangeData } from './lr-range.js';
export { histogramsSpec, type HistogramData } from './histograms.js';
export { layerStatsSpec, type LayerStatsSeries } from './layer-stats.js';
export { searchResultsSpec, type TrialLike } from './search-results.js';
export { functionGridSpec, type FunctionCurve } from './function-grid.js';
