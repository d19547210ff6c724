import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrialRecord } from '../trial-record.js';
import { appendResult, readResults } from './results-file.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpkit-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const record = (index: number): TrialRecord => ({ index, params: { lr: index / 10 }, seed: index, status: 'ok', score: index, reports: { 1: index }, ms: 1 });
const line = (index: number): string => JSON.stringify(record(index));

describe('the JSONL results file', () => {
  it('drops a last line cut short by an interrupted write before appending, so every later run can read the file', () => {
    const path = join(dir, 'torn.jsonl');
    writeFileSync(path, `${line(0)}\n${line(1)}\n${line(2).slice(0, 25)}`);
    expect(readResults(path).map((r) => r.index)).toEqual([0, 1]);
    appendResult(path, record(2));
    appendResult(path, record(3));
    expect(readResults(path).map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(readFileSync(path, 'utf8')).toBe(`${[0, 1, 2, 3].map(line).join('\n')}\n`);
  });

  it('keeps a complete last line that only lacks its newline', () => {
    const path = join(dir, 'no-newline.jsonl');
    writeFileSync(path, `${line(0)}\n${line(1)}`);
    appendResult(path, record(2));
    expect(readResults(path).map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it('refuses a line that is not JSON anywhere but in an unfinished last line', () => {
    const middle = join(dir, 'middle.jsonl');
    writeFileSync(middle, `${line(0)}\nnot json\n${line(1)}\n`);
    expect(() => readResults(middle)).toThrow(/^search: .*middle\.jsonl:2: not a JSON line; is this a results file\?/);
    // A finished line (it ends with a newline) that is not JSON was never a torn write: appending after it would bury it mid-file.
    const last = join(dir, 'last.jsonl');
    writeFileSync(last, `${line(0)}\nnot json\n`);
    expect(() => readResults(last)).toThrow(/last\.jsonl:2: not a JSON line/);
  });

  it('refuses a trial recorded twice, which a resumed search would count twice', () => {
    const path = join(dir, 'twice.jsonl');
    writeFileSync(path, `${line(0)}\n${line(1)}\n${line(0)}\n`);
    expect(() => readResults(path)).toThrow(/^search: .*twice\.jsonl:3: trial 0 again \(line 1 holds it already\)/);
  });

  it('checks every field of every line, naming the line', () => {
    const path = join(dir, 'edited.jsonl');
    writeFileSync(path, `${line(0)}\n${JSON.stringify({ ...record(1), reports: { abc: 'x' } })}\n`);
    expect(() => readResults(path)).toThrow(/^search: .*edited\.jsonl:2\.reports: expected epoch counts/);
  });
});
