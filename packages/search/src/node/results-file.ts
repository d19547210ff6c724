import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { MlpkitError } from '@mlpkit/tensor';
import type { TrialRecord } from '../trial-record.js';

const STATUSES = new Set(['ok', 'diverged', 'failed', 'stopped']);

function checkRecord(path: string, line: number, r: unknown): TrialRecord {
  const bad = (field: string, want: string): never => {
    throw new MlpkitError('search', `${path}:${line}: ${field}: expected ${want}`);
  };
  if (typeof r !== 'object' || r === null || Array.isArray(r)) bad('record', 'a JSON object');
  const o = r as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(o, '__proto__')) bad('__proto__', 'no such key');
  if (!Number.isInteger(o.index) || (o.index as number) < 0) bad('index', 'an integer >= 0');
  if (typeof o.params !== 'object' || o.params === null || Array.isArray(o.params)) bad('params', 'an object');
  if (!STATUSES.has(o.status as string)) bad('status', "'ok', 'diverged', 'failed' or 'stopped'");
  if (o.score !== null && typeof o.score !== 'number') bad('score', 'a number or null');
  if (typeof o.reports !== 'object' || o.reports === null) bad('reports', 'an object');
  return o as unknown as TrialRecord;
}

/**
 * Reads the finished trials of a JSONL results file (none when it does not exist). A last line cut
 * short by a killed process is skipped: that trial did not finish and runs again.
 */
export function readResults(path: string): TrialRecord[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: TrialRecord[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      if (i >= lines.length - 2) return; // the torn last line of an interrupted write
      throw new MlpkitError('search', `${path}:${i + 1}: not a JSON line; is this a results file?`);
    }
    out.push(checkRecord(path, i + 1, parsed));
  });
  return out;
}

/** Appends one finished trial as a line, first ending a torn last line so that it stays separate. */
export function appendResult(path: string, record: TrialRecord<unknown>): void {
  let prefix = '';
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) prefix = '\n';
  }
  appendFileSync(path, `${prefix}${JSON.stringify(record)}\n`);
}
