import { logSoftmax } from '@mlpkit/activations';
import { gradcheck } from '@mlpkit/autograd';
import { MlpkitError, log, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { KLDivLoss, klDiv } from './index.js';

const p = tensor([[0.5, 0.5, 0], [0.2, 0.3, 0.5]], { dtype: 'float64' });
const logQ = logSoftmax(tensor([[0.1, 0.4, -0.3], [1.2, -0.5, 0.2]], { dtype: 'float64' }), 1);

describe('klDiv', () => {
  it('is Σ t (log t − input), with 0 where t = 0', () => {
    const q = Array.from(logQ.data, Math.exp);
    const row = (i: number) => [0, 1, 2].reduce((s, c) => {
      const t = p.data[i * 3 + c];
      return t === 0 ? s : s + t * (Math.log(t) - Math.log(q[i * 3 + c]));
    }, 0);
    expect(klDiv(logQ, p, { reduction: 'sum' }).item()).toBeCloseTo(row(0) + row(1), 12);
    expect(klDiv(logQ, p, { reduction: 'batchmean' }).item()).toBeCloseTo((row(0) + row(1)) / 2, 12);
    expect(klDiv(logQ, p).item()).toBeCloseTo((row(0) + row(1)) / 6, 12);
    expect(klDiv(logQ, p, { reduction: 'none' }).data[2]).toBe(0);
  });

  it('is 0 for identical distributions, and takes log targets with logTarget', () => {
    expect(klDiv(logQ, logQ.detach(), { logTarget: true, reduction: 'sum' }).item()).toBeCloseTo(0, 14);
    expect(klDiv(logQ, log(p), { logTarget: true, reduction: 'sum' }).item()).toBeCloseTo(klDiv(logQ, p, { reduction: 'sum' }).item(), 12);
  });

  it('has the gradient −t in its input, and stays finite where t = 0', () => {
    expect(gradcheck((x) => klDiv(x, p, { reduction: 'batchmean' }), [logQ.detach()]).ok).toBe(true);
  });

  it('refuses unknown reductions and has a class wrapper', () => {
    expect(() => klDiv(logQ, p, { reduction: 'avg' as never })).toThrow(MlpkitError);
    expect(() => klDiv(logQ, p, { reduction: 'avg' as never })).toThrow(/'batchmean'/);
    expect(new KLDivLoss({ reduction: 'sum' }).forward(logQ, p).item()).toBe(klDiv(logQ, p, { reduction: 'sum' }).item());
  });

  it('refuses an unknown option', () => {
    expect(() => klDiv(logQ, p, { log_target: true } as object)).toThrow("klDiv: unknown option 'log_target'");
  });
});
