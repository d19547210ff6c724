import { MlpkitError } from '@mlpkit/tensor';

/**
 * Why a trial pool ended a trial without a record: its runner was stopped by a signal that asks a
 * process to stop (`'interrupted'`, as a terminal's Ctrl-C does to its whole process group), the
 * pool was closed while the trial waited or ran (`'closed'`), or the runner could not load the
 * trial module or run its `setup()` (`'unloadable'`). None is the trial's doing, so the trial is
 * not recorded as failed: it runs again (another worker takes it, or the next run of the search
 * does), once the environment is right.
 */
export class TrialNotRunError extends MlpkitError {
  constructor(readonly index: number, readonly reason: 'interrupted' | 'closed' | 'unloadable', readonly detail: string) {
    super('search', `trial ${index} has no result: ${detail}`);
  }
}
