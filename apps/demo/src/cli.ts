import { fileURLToPath } from 'node:url';
import { chooseBackend } from './backend.js';
import { USAGE, parseOptions, wantsHelp } from './options.js';
import { SUBCOMMANDS } from './subcommands.js';

const defaultOut = fileURLToPath(new URL('../out', import.meta.url));

/** Runs the demo, an experiment or a subcommand; resolves to the exit code. */
async function main(argv: string[]): Promise<number> {
  const sub = argv[0] !== undefined ? SUBCOMMANDS[argv[0]] : undefined;
  if (sub) return (await (await sub()).main(argv.slice(1))) ?? 0;
  if (wantsHelp(argv)) {
    console.log(USAGE);
    return 0;
  }
  // Every flag is checked here, before any data is read or any model trained.
  const options = parseOptions(argv, defaultOut);
  // An experiment's flags are checked before a backend loads (loading OpenBLAS changes the process).
  const experiments = options.experiment ? await import('./experiments/run-experiment.js') : null;
  if (experiments) await experiments.loadExperiment(options);
  console.log(await chooseBackend(options.backend, options.threads));
  if (experiments) return experiments.runExperiment(options);
  const { trainMain } = await import('./train-main.js');
  return trainMain(options);
}

main(process.argv.slice(2).filter((a) => a !== '--')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
