import { MlpkitError, StateReader } from '@mlpkit/tensor';
import type { TrialSpec } from '../space.js';
import type { TrialRecord } from '../trial-record.js';

const STATUSES = ['ok', 'diverged', 'failed', 'stopped'] as const;
/** An epoch count as a `reports` key: what `JSON.stringify` writes for a non-negative integer key. */
const EPOCH_KEY = /^(0|[1-9]\d{0,8})$/;

/**
 * One parsed line of a results file, checked as a search wrote it: a resumed search feeds its
 * params to trials, its reports to the pruning rules and its score to the ranking, so a line
 * edited by hand or by another program is refused with the line and field named. `where` is
 * `path:line`.
 */
export function checkTrialRecord(where: string, value: unknown): TrialRecord {
  const read = new StateReader('search');
  const o = read.object(where, value);
  const at = (key: string) => read.at(where, key);
  read.number(at('index'), o.index, { integer: true, min: 0 });
  read.deep(at('params'), read.object(at('params'), o.params));
  read.number(at('seed'), o.seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  const status = read.oneOf(at('status'), o.status, STATUSES);
  // A scored trial has a finite score; one that diverged or failed has none.
  if (status === 'ok' || status === 'stopped') read.number(at('score'), o.score);
  else if (o.score !== null) read.fail(at('score'), `null (the trial ${status})`, o.score);
  const reports = read.object(at('reports'), o.reports);
  for (const [epoch, v] of Object.entries(reports)) {
    if (!EPOCH_KEY.test(epoch)) read.fail(at('reports'), 'epoch counts (integers ≥ 0) as keys', epoch);
    if (v !== null) read.number(read.at(at('reports'), epoch), v);
  }
  read.number(at('ms'), o.ms, { min: 0 });
  if (o.error !== undefined) read.string(at('error'), o.error);
  if (o.worker !== undefined) read.string(at('worker'), o.worker);
  if (o.stoppedEarly !== undefined) checkEarlyStop(read, at('stoppedEarly'), o.stoppedEarly);
  return o as unknown as TrialRecord;
}

function checkEarlyStop(read: StateReader, path: string, value: unknown): void {
  const s = read.object(path, value, { required: ['rule', 'epoch', 'value', 'cutoff'] });
  read.oneOf(read.at(path, 'rule'), s.rule, ['asha', 'median']);
  read.number(read.at(path, 'epoch'), s.epoch, { integer: true, min: 0 });
  read.number(read.at(path, 'value'), s.value);
  read.number(read.at(path, 'cutoff'), s.cutoff);
}

/**
 * The record a queue worker returned for `spec` (it comes through Redis, from any machine), checked
 * as a results file's line is and refused unless it is of that trial: the coordinator appends it to
 * the results file, which a resumed search must be able to read.
 */
export function checkReturnedRecord(where: string, value: unknown, spec: TrialSpec): TrialRecord {
  const record = checkTrialRecord(where, value);
  if (record.index !== spec.index || record.seed !== spec.seed || JSON.stringify(record.params) !== JSON.stringify(spec.params))
    throw new MlpkitError('search', `${where}: expected the record of trial ${spec.index} (seed ${spec.seed}), got one of trial ${record.index} (seed ${record.seed}) with params ${JSON.stringify(record.params)}`);
  return record;
}
