/** What a subcommand module exports: its own entry point, given the arguments after its name. */
export interface Subcommand {
  /** Runs the subcommand; resolves to the process exit code (undefined = 0). */
  main(argv: string[]): Promise<number | void>;
}

/**
 * `pnpm demo NAME …` subcommands, loaded only when called. A new one is one line here and its
 * own file, e.g. `predict: () => import('./predict.js')`.
 */
export const SUBCOMMANDS: Readonly<Record<string, () => Promise<Subcommand>>> = {
  predict: async () => ({ main: (await import('./predict-main.js')).predictMain }),
  // The search's queue worker from the sources, started here as the coordinator is (trial
  // modules are named relative to this directory): a checkout has no built `mlpkit-search` bin.
  'search-worker': async () => ({ main: async (argv) => (await import('@mlpkit/search/node')).workerCommand(['worker', ...argv]) }),
};
