// A search program for the tests that start one: runSearch with the JSON options in argv[2]. With
// MLPKIT_SEARCH_IGNORE_SIGINT set, it survives a Ctrl-C (as a program handling SIGINT would) while its trial processes get it.
import { runSearch } from './run-search.js';
import { summaryLine } from '../search-result.js';

if (process.env.MLPKIT_SEARCH_IGNORE_SIGINT) process.on('SIGINT', () => {});
const result = await runSearch(JSON.parse(process.argv[2]));
console.log(summaryLine(result));
process.exit(0);
