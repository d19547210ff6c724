// An A/B of an experimental code path that reads an environment variable per call (see
// apps/bench/experiments/): one W1 trainer on the blas backend, in one process, runs rounds of
// steps with the variable set and unset, alternating which goes first, and prints the median
// step time of each. Same process, same data, same warm-up: only the variable differs.
//
//   pnpm --filter @mlpkit/bench exec tsx --conditions=mlpkit-source src/w1/env-ab.ts \
//     --var RECYCLE_BUFFERS --threads 2 --batch 1024
import { parseArgs } from 'node:util';
import { median } from '../timing.js';
import { loadW1Data } from './data.js';
import { mlpkitTrainer } from './mlpkit-trainer.js';

const { values } = parseArgs({
  strict: true,
  options: { var: { type: 'string' }, threads: { type: 'string', default: '1' }, batch: { type: 'string', default: '1024' }, rounds: { type: 'string', default: '12' }, steps: { type: 'string' } },
});
if (!values.var) throw new Error('--var NAME: the environment variable to set and unset');
const [threads, batch, rounds] = [values.threads, values.batch, values.rounds].map(Number);
const steps = Number(values.steps ?? (batch >= 512 ? 20 : 200));
const name = values.var;
const trainer = await mlpkitTrainer(await loadW1Data(), 'blas', threads);
await trainer.runSteps(batch, 0, 30);
const on: number[] = [], off: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const set of r % 2 ? [true, false] : [false, true]) {
    if (set) process.env[name] = '1';
    else delete process.env[name];
    const run = await trainer.runSteps(batch, 1 + r, steps);
    (set ? on : off).push((run.seconds / run.steps) * 1000);
  }
}
const [a, b] = [median(on), median(off)];
console.log(`blas, ${threads} thread(s), batch ${batch}, ${rounds} rounds of ${steps} steps: ${name} set ${a.toFixed(3)} ms/step, unset ${b.toFixed(3)} ms/step (set ÷ unset ${(a / b).toFixed(3)}; set faster in ${on.filter((v, i) => v < off[i]).length} of ${rounds} rounds)`);
