import { appendFileSync, closeSync, existsSync, openSync, readFileSync, truncateSync } from 'node:fs';
import { MlpkitError } from '@mlpkit/tensor';
import { makeParentDirectory } from '@mlpkit/train/node';
import type { TrialRecord } from '../trial-record.js';
import { checkTrialRecord } from './check-trial-record.js';

/**
 * Reads the finished trials of a JSONL results file (none when it does not exist). A last line cut
 * short by a killed process (no newline at its end) is skipped: that trial did not finish and runs
 * again. Any other line that is not JSON, or that repeats a trial, is refused: the file is not
 * what a search wrote.
 */
export function readResults(path: string): TrialRecord[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: TrialRecord[] = [];
  const lineOf = new Map<number, number>();
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      if (i === lines.length - 1) return; // the torn last line of an interrupted write
      throw new MlpkitError('search', `${path}:${i + 1}: not a JSON line; is this a results file? (A trial's line cut short by an interrupted write can be deleted: that trial runs again.)`);
    }
    const record = checkTrialRecord(`${path}:${i + 1}`, parsed);
    // A search appends each trial once; a second line would count it twice, or replace the first.
    const first = lineOf.get(record.index);
    if (first !== undefined) throw new MlpkitError('search', `${path}:${i + 1}: trial ${record.index} again (line ${first} holds it already); is this file two searches' results?`);
    lineOf.set(record.index, i + 1);
    out.push(record);
  });
  return out;
}

/**
 * Checks before any trial runs that the results file can be written: creates its directory (with
 * train's helper, as `ModelCheckpoint` does for its file) and the file, so that a bad path fails
 * now, not after the first trial has run.
 */
export function openResults(op: string, path: unknown): string {
  if (typeof path !== 'string' || path === '') throw new MlpkitError(op, `results: expected the path of a JSONL file, got ${JSON.stringify(path)}`);
  makeParentDirectory(path, op);
  try {
    closeSync(openSync(path, 'a'));
  } catch (error) {
    throw new MlpkitError(op, `results: cannot write ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
  return path;
}

/**
 * Appends one finished trial as a line. A last line left unfinished by an interrupted write is
 * cut off first: appended after, it would sit in the middle of the file, where readers refuse
 * a line that is not JSON. A complete last line that only lacks its newline is kept.
 */
export function appendResult(path: string, record: TrialRecord<unknown>): void {
  let prefix = '';
  if (existsSync(path)) {
    const bytes = readFileSync(path);
    const start = bytes.lastIndexOf(0x0a) + 1; // where the unterminated last line starts
    if (start < bytes.length) {
      if (isJson(bytes.subarray(start).toString('utf8'))) prefix = '\n';
      else truncateSync(path, start);
    }
  }
  appendFileSync(path, `${prefix}${JSON.stringify(record)}\n`);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
