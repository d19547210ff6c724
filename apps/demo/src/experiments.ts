import type { DemoOptions } from './options.js';

/** Runs one of the slides' experiments (filled in below). */
export async function runExperiment(options: DemoOptions): Promise<void> {
  throw new Error(`experiment ${options.experiment} is not implemented yet`);
}
