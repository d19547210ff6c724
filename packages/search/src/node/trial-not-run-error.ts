import { MlpkitError } from '@mlpkit/tensor';

/**
 * Why a trial pool ended a trial without a record: its runner was stopped by a signal that asks a
 * process to stop (`'interrupted'`, as a terminal's Ctrl-C does to its whole process group), or
 * the pool was closed while the trial waited or ran (`'closed'`). Neither is the trial's doing, so
 * the trial is not recorded as failed: it runs again (another worker takes it, or the next run of
 * the search does).
 */
export class TrialNotRunError extends MlpkitError {
  constructor(readonly index: number, readonly reason: 'interrupted' | 'closed', readonly detail: string) {
    super('search', `trial ${index} has no result: ${detail}`);
  }
}
