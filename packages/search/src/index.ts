// Browser-safe parts of @mlpkit/search; worker threads, the results file and the BullMQ queue live in './node'.
export { uniform, logUniform, randint, choice, isDistribution, type Distribution } from './distributions.js';
export { MAX_TRIALS, gridPoints, samplePoints, trialSeed, toSpecs, type Space, type ParamsOf, type TrialSpec } from './space.js';
export { type TrialRecord, type TrialStatus, type EarlyStop } from './trial-record.js';
export {
  checkPruning, pruneDecision, makeReporter, MemoryReportStore,
  type PruningOptions, type AshaOptions, type MedianOptions, type ReportStore, type Reporter,
} from './pruning.js';
export { runTrial, type TrialContext, type TrialFunction } from './run-trial.js';
export { runTrials, type RunTrialsOptions } from './run-trials.js';
export { searchResult, summaryLine, type SearchResult, type SearchCounts } from './search-result.js';
export { gridSearch, randomSearch, type SearchOptions } from './search.js';
export { coarseToFine, type CoarseToFineOptions } from './coarse-to-fine.js';
export { rankTrials, formatResultsTable } from './results-table.js';
export { searchScatterSpec } from './scatter-spec.js';
