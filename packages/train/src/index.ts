// Browser-safe parts of @mlpkit/train; the terminal progress bar and checkpoint files live in './node'.
export type { TrainableModel, LossFn, OptimizerLike, ParamGroupLike, SchedulerLike, BatchLike, LoaderLike, MetricLike } from './types.js';
export { History, type EpochLogs, type StopInfo } from './history.js';
export { type Callback, type CallbackState, type TrainContext, type BatchLogs } from './callback.js';
export { fit, type FitOptions } from './fit.js';
export { evaluate, type EvaluateOptions, type EvaluateResult, type LossInput } from './evaluate.js';
export { type MetricSpecs, type MetricName, metricFactories } from './metric-specs.js';
export { type TrainingState, type OptimizerStateLike, TRAINING_METADATA_KEY, encodeTrainingState, decodeTrainingState } from './training-state.js';
export { TrainingDivergedError, DivergenceGuard, type DivergenceState } from './divergence.js';
export { Monitor, resolveMode, type MonitorMode, type MonitorState } from './monitor.js';
export { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
export { Checkpoint, type CheckpointOptions, type CheckpointRecord } from './checkpoint.js';
export { ProgressCallback, EpochLogger, formatLogs, type ProgressEvent, type ProgressListener } from './progress.js';
export { snapshotState, restoreState } from './snapshot.js';
export { summarize, type ValueSummary } from './tensor-summary.js';
export {
  activationStats, gradientStats, formatStatsTable, type LayerStats, type GradientStats, type ActivationStatsOptions,
} from './layer-stats.js';
export { LayerStatsRecorder, type LayerStatsRecord, type LayerStatsRecorderOptions } from './layer-stats-recorder.js';
export { histogram, type Histogram, type HistogramOptions } from './histogram.js';
export { activationKind, deadUnitFraction, saturatedFraction, type ActivationKind } from './unit-stats.js';
export { UpdateRatioMonitor, updateToWeightRatio, type UpdateRatio } from './update-ratio.js';
export {
  checkInitialLoss, overfitSmallSubset, type InitialLossCheck, type OverfitOptions, type OverfitResult,
} from './babysitting.js';
export { lrRangeTest, type LrRangeTestOptions, type LrRangeTestResult } from './lr-range-test.js';
