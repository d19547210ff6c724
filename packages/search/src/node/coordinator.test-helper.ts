// A coordinator process for the queue tests: runSearch with the JSON options in argv[2].
import { runSearch } from './run-search.js';
import { summaryLine } from '../search-result.js';

const result = await runSearch(JSON.parse(process.argv[2]));
console.log(summaryLine(result));
process.exit(0);
