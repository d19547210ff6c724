#!/usr/bin/env node
// The `mlpkit-search` bin: `mlpkit-search worker --redis URL` pulls trials from a coordinator's queue.
import { workerCommand } from './worker-command.js';

workerCommand(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  console.error(`mlpkit-search: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
