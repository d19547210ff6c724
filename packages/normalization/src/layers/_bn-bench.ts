import { requiresGrad } from '@mlpkit/autograd';
import { manualSeed, randn, ones, zeros } from '@mlpkit/tensor';
import { batchNorm } from './batch-norm-function.js';
import { createHash } from 'node:crypto';
manualSeed(3);
const x = requiresGrad(randn([128, 512])), w = requiresGrad(randn([512])), b = requiresGrad(randn([512]));
const g = randn([128, 512]);
const rm = zeros([512]), rv = ones([512]);
const h = createHash('sha256');
let fwd = 0, bwd = 0;
for (let s = 0; s < 60; s++) {
  x.grad = null; w.grad = null; b.grad = null;
  const t0 = performance.now();
  const y = batchNorm(x, { weight: w, bias: b, runningMean: rm, runningVar: rv, training: true });
  const t1 = performance.now();
  y.mul(g).sum().backward();
  const t2 = performance.now();
  if (s >= 10) { fwd += t1 - t0; bwd += t2 - t1; }
  if (s === 0) for (const t of [y, x.grad!, w.grad!, b.grad!]) h.update(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
}
h.update(Buffer.from(rm.data.buffer)); h.update(Buffer.from(rv.data.buffer));
console.log(`forward ${(fwd / 50).toFixed(3)} ms, backward+mul/sum ${(bwd / 50).toFixed(3)} ms, digest ${h.digest('hex').slice(0, 16)}`);
