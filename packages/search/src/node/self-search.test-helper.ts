// A trial module that is also the search program, as the README's example is: guarded by
// isTrialRunner(), it searches itself on the Redis queue given by MLPKIT_SEARCH_SELF (a JSON
// of runSearch's redis, queue, workers and queueTuning) and prints the summary line.
import { fileURLToPath } from 'node:url';
import { summaryLine } from '../search-result.js';
import { runSearch } from './run-search.js';
import { isTrialRunner } from './trial-runner.js';

export const dataFingerprint = 'self v1';

export const trial = (params: { x: number }): number => params.x * 2;

if (!isTrialRunner()) {
  const queue = JSON.parse(process.env.MLPKIT_SEARCH_SELF ?? '{}') as object;
  const result = await runSearch({ module: fileURLToPath(import.meta.url), grid: { x: [1, 2, 3] }, mode: 'max', ...queue });
  console.log(summaryLine(result), result.best?.score);
  process.exit(0);
}
