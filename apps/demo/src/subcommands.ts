/** What a subcommand module exports: its own entry point, given the arguments after its name. */
export interface Subcommand {
  /** Runs the subcommand; resolves to the process exit code. */
  main(argv: string[]): Promise<number>;
}

/**
 * `pnpm demo NAME …` subcommands, loaded only when called. A new one is one line here and its
 * own file, e.g. `predict: () => import('./predict.js')`.
 */
export const SUBCOMMANDS: Readonly<Record<string, () => Promise<Subcommand>>> = {};
