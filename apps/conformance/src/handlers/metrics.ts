import * as M from '@mlpkit/metrics';
import { MlpkitError } from '@mlpkit/tensor';
import { toTensor } from '../fixture.js';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';

type Params = Record<string, any>;

/** Runs a metric on the case's `y_true` and its second input (`y_pred` or `y_score`), returning `value`. */
function metric(fn: (c: FixtureCase, p: Params) => number | readonly number[] | ReturnType<typeof M.confusionMatrix>) {
  return (c: FixtureCase): CaseOutcome => ({ outputs: { value: fn(c, c.params ?? {}) } });
}

const yTrue = (c: FixtureCase) => toTensor(c.inputs.y_true);
const yPred = (c: FixtureCase) => toTensor(c.inputs.y_pred);
const yScore = (c: FixtureCase) => toTensor(c.inputs.y_score);

/** scikit-learn's keyword arguments as @mlpkit/metrics options (camelCase; 'warn' behaves as 0). */
function prfOptions(p: Params): M.PrfOptions {
  return {
    average: p.average === undefined ? 'binary' : p.average,
    ...(p.labels != null && { labels: p.labels }),
    ...(p.pos_label != null && { posLabel: p.pos_label }),
    zeroDivision: p.zero_division === 1 ? 1 : 0,
  };
}

function eps(p: Params): 'auto' | number {
  if (p.eps === undefined || p.eps === 'auto') return 'auto';
  if (typeof p.eps !== 'number') throw new MlpkitError('log_loss', `eps: expected 'auto' or a number, got ${JSON.stringify(p.eps)}`);
  return p.eps;
}

/** Every op of fixtures/pytorch/metrics.json, by its `op` and scikit-learn-named `params`. */
export const metricsHandlers: HandlerTable = {
  accuracy_score: metric((c, p) => M.accuracyScore(yTrue(c), yPred(c), { normalize: p.normalize ?? true })),
  balanced_accuracy_score: metric((c, p) => M.balancedAccuracyScore(yTrue(c), yPred(c), { adjusted: p.adjusted ?? false })),
  precision_score: metric((c, p) => M.precisionScore(yTrue(c), yPred(c), prfOptions(p))),
  recall_score: metric((c, p) => M.recallScore(yTrue(c), yPred(c), prfOptions(p))),
  f1_score: metric((c, p) => M.f1Score(yTrue(c), yPred(c), prfOptions(p))),
  confusion_matrix: metric((c, p) => M.confusionMatrix(yTrue(c), yPred(c), { labels: p.labels ?? undefined, normalize: p.normalize ?? null })),
  top_k_accuracy_score: metric((c, p) =>
    M.topKAccuracyScore(yTrue(c), yScore(c), { k: p.k ?? 2, normalize: p.normalize ?? true, labels: p.labels ?? undefined })),
  roc_auc_score: metric((c, p) =>
    M.rocAucScore(yTrue(c), yScore(c), {
      multiClass: p.multi_class ?? 'raise',
      average: p.average === undefined ? 'macro' : p.average,
      labels: p.labels ?? undefined,
    })),
  log_loss: metric((c, p) => M.logLoss(yTrue(c), yScore(c), { eps: eps(p), normalize: p.normalize ?? true, labels: p.labels ?? undefined })),
  mean_squared_error: metric((c, p) =>
    M.meanSquaredError(yTrue(c), yPred(c), { multioutput: p.multioutput ?? 'uniform_average', squared: p.squared ?? true })),
  mean_absolute_error: metric((c, p) => M.meanAbsoluteError(yTrue(c), yPred(c), { multioutput: p.multioutput ?? 'uniform_average' })),
  r2_score: metric((c, p) => M.r2Score(yTrue(c), yPred(c), { multioutput: p.multioutput ?? 'uniform_average' })),
};
