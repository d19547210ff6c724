#!/usr/bin/env node
// The `mlpkit-search` command (run through bin/mlpkit-search.js): `mlpkit-search worker --redis URL` pulls trials from a coordinator's queue.
import { workerCommand } from './worker-command.js';

workerCommand(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith('mlpkit-search') ? message : `mlpkit-search: ${message}`);
  process.exit(1);
});
