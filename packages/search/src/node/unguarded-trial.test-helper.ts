// A trial module that (wrongly) starts a search of itself whenever it is imported, with no
// isTrialRunner() guard: its trial runners must refuse to start searches of their own.
import { fileURLToPath } from 'node:url';
import { runSearch } from './run-search.js';

export const trial = (): number => 1;

await runSearch({ module: fileURLToPath(import.meta.url), grid: { x: [1] }, workers: 1 });
