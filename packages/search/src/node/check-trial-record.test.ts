import { MlpkitError } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { checkTrialRecord } from './check-trial-record.js';

/** A line as a search writes it, parsed. */
const line = (over: Record<string, unknown> = {}): unknown => JSON.parse(JSON.stringify({
  index: 3, params: { lr: 0.1, net: { width: 64 } }, seed: 7, status: 'ok', score: 0.9, reports: { 1: 0.5, 2: null }, ms: 12, worker: 'a:1', ...over,
}));
const stopped = { status: 'stopped', score: 0.4, stoppedEarly: { rule: 'asha', epoch: 1, value: 0.4, cutoff: 0.6 } };

describe('checkTrialRecord: a results line as a search wrote it', () => {
  it('takes what a search writes, for each way a trial ends', () => {
    for (const over of [{}, stopped, { status: 'failed', score: null, error: 'boom' }, { status: 'diverged', score: null, error: 'score is NaN' }])
      expect(checkTrialRecord('r.jsonl:1', line(over))).toMatchObject(over);
  });

  const hostile: [string, string, RegExp][] = [
    ['reports keyed by something else than an epoch', '{"reports":{"abc":"x"}}', /r\.jsonl:4\.reports: expected epoch counts \(integers ≥ 0\) as keys, got "abc"/],
    ['a report that is not a number', '{"reports":{"1":[1,2]}}', /reports\["1"\]: expected a finite number, got an array of 2/],
    ['no seed', '{"seed":null}', /seed: expected an integer ≥ 0 ≤ 4294967295, got null/],
    ['a time that is not a number', '{"ms":"fast"}', /ms: expected a finite number ≥ 0, got "fast"/],
    ['a scored trial without a score', '{"status":"ok","score":null}', /score: expected a finite number, got null/],
    ['a failed trial with a score', '{"status":"failed","score":1}', /score: expected null \(the trial failed\), got 1/],
    ['__proto__ inside params', '{"params":{"a":{"__proto__":{"polluted":1}}}}', /params\.a\.__proto__: expected no such key/],
    ['constructor inside params', '{"params":{"constructor":{"prototype":{}}}}', /params\.constructor: expected no such key/],
    ['an early stop of an unknown rule', '{"status":"stopped","score":0.4,"stoppedEarly":{"rule":"hyperband","epoch":1,"value":0.4,"cutoff":0.6}}', /stoppedEarly\.rule: expected one of "asha", "median"/],
  ];
  for (const [what, json, message] of hostile)
    it(`refuses ${what}, naming the line and the field`, () => {
      const bad = { ...(line() as object), ...(JSON.parse(json) as object) };
      expect(() => checkTrialRecord('r.jsonl:4', bad)).toThrow(MlpkitError);
      expect(() => checkTrialRecord('r.jsonl:4', bad)).toThrow(message);
    });
});
