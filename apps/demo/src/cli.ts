import { fileURLToPath } from 'node:url';
import { chooseBackend } from './backend.js';
import { USAGE, parseOptions } from './options.js';
import { trainMain } from './train-main.js';

const defaultOut = fileURLToPath(new URL('../out', import.meta.url));

async function main(): Promise<void> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  if (argv[0] === 'predict') return (await import('./predict-main.js')).predictMain(argv.slice(1));
  const options = parseOptions(argv, defaultOut);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  console.log(await chooseBackend(options.backend));
  if (options.experiment) {
    const { runExperiment } = await import('./experiments.js');
    await runExperiment(options);
  } else {
    await trainMain(options);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
