// Inputs: Tensors, plain arrays or typed arrays; results are float64 numbers, per-class or
// per-output results are number[], and the confusion matrix is a Tensor.
export type { Vector, Matrix, Predictions } from './inputs.js';
export type { StreamingMetric } from './metric.js';
export type { ClassOptions } from './confusion-metric.js';
export { ConfusionMetric } from './confusion-metric.js';
export { ConfusionCounts } from './confusion-counts.js';

export { accuracyScore, Accuracy, type AccuracyOptions } from './accuracy.js';
export { balancedAccuracyScore, BalancedAccuracy, type BalancedAccuracyOptions } from './balanced-accuracy.js';
export { precisionRecallFscoreSupport, type Average, type PerClass, type PrfOptions, type PrfResult } from './precision-recall-fscore.js';
export { precisionScore, Precision } from './precision.js';
export { recallScore, Recall } from './recall.js';
export { f1Score, F1Score } from './f1.js';
export { confusionMatrix, ConfusionMatrix, type ConfusionMatrixOptions } from './confusion-matrix.js';
export { classificationReport, type ClassificationReportOptions } from './classification-report.js';
export { topKAccuracyScore, TopKAccuracy, type TopKAccuracyOptions } from './top-k-accuracy.js';
export { rocAucScore, RocAuc, type RocAucOptions } from './roc-auc.js';
export { logLoss, LogLoss, type LogLossOptions } from './log-loss.js';

export type { Multioutput, PerOutput } from './regression-inputs.js';
export { meanSquaredError, MeanSquaredError, type MeanSquaredErrorOptions } from './mean-squared-error.js';
export { meanAbsoluteError, MeanAbsoluteError, type MeanAbsoluteErrorOptions } from './mean-absolute-error.js';
export { r2Score, R2Score, type R2ScoreOptions } from './r2-score.js';
