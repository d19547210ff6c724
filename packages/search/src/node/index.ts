// Node-only parts of @mlpkit/search (trial processes and threads, the JSONL results file, the BullMQ queue): import from '@mlpkit/search/node'.
export { runSearch, type RunSearchOptions } from './run-search.js';
export { readResults, appendResult } from './results-file.js';
export { loadTrialModule, fingerprint, type TrialModule } from './trial-module.js';
export { ProcessPool } from './process-pool.js';
export { ThreadPool } from './thread-pool.js';
export { type TrialPool, type TrialPoolOptions } from './trial-pool.js';
export { TrialNotRunError } from './trial-not-run-error.js';
export { type Isolation } from './isolation.js';
export { isTrialRunner } from './trial-runner.js';
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue-worker.js';
export { type QueueTuning, type TrialJob } from './queue-job.js';
export { checkRedis } from './redis-connection.js';
export { workerCommand } from './worker-command.js';
