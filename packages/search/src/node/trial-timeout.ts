import { MlpkitError } from '@mlpkit/tensor';

// setTimeout fires at once past this many milliseconds (a signed 32-bit count): about 24.8 days.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Checks `trialTimeoutMs`: undefined (no limit) or a positive number of milliseconds that a timer can wait. */
export function checkTrialTimeout(op: string, ms: unknown): number | undefined {
  if (ms === undefined) return undefined;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMEOUT_MS) {
    throw new MlpkitError(op, `trialTimeoutMs: expected a positive finite number of milliseconds, at most ${MAX_TIMEOUT_MS} (24.8 days), got ${String(ms)}`);
  }
  return ms;
}
