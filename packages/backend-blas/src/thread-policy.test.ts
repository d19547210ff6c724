import { describe, expect, it } from 'vitest';
import type { Cblas } from './cblas.js';
import { PARALLEL_MIN_MACS, withThreadPolicy } from './thread-policy.js';

/** A Cblas that records what each call ran on, and every change of the thread count. */
function recordingCblas(library: string) {
  const log: string[] = [];
  let threads = 8;
  const blas: Cblas = {
    library,
    sgemm: (_ta, _tb, m, n, k) => { log.push(`sgemm ${m * n * k} on ${threads}`); },
    sgemv: (_t, m, n) => { log.push(`sgemv ${m * n} on ${threads}`); },
    scopy: (x) => { log.push(`scopy ${x.length} on ${threads}`); },
    setThreads: (t) => { threads = t; log.push(`set ${t}`); return true; },
    getThreads: () => threads,
  };
  return { blas, log };
}

const F = new Float32Array(0);
const gemm = (b: Cblas, m: number, n: number, k: number) => b.sgemm(false, false, m, n, k, F, k, F, n, 0, F, n);
const gemv = (b: Cblas, m: number, n: number) => b.sgemv(true, m, n, F, F, 0, F);

describe('withThreadPolicy', () => {
  it('runs large products on the backend\'s threads, small ones and every sgemv on one', () => {
    const { blas, log } = recordingCblas('policy-a');
    const two = withThreadPolicy(blas, 2);
    gemm(two, 512, 512, 256); // exactly PARALLEL_MIN_MACS
    gemv(two, 1024, 256);
    gemm(two, 64, 784, 256);
    gemm(two, 1024, 784, 256);
    expect(512 * 512 * 256).toBe(PARALLEL_MIN_MACS);
    expect(log).toEqual([
      'set 2', `sgemm ${PARALLEL_MIN_MACS} on 2`,
      'set 1', 'sgemv 262144 on 1',
      'sgemm 12845056 on 1',
      'set 2', 'sgemm 205520896 on 2',
    ]);
  });

  it('sets the library\'s count only when it changes, across backends on one library', () => {
    const { blas, log } = recordingCblas('policy-b');
    const one = withThreadPolicy(blas, 1), two = withThreadPolicy(blas, 2);
    gemm(one, 1024, 1024, 1024);
    gemm(one, 1024, 1024, 1024);
    gemm(two, 1024, 1024, 1024);
    gemm(one, 1024, 1024, 1024);
    expect(log.filter((l) => l.startsWith('set'))).toEqual(['set 1', 'set 2', 'set 1']);
    expect(log.filter((l) => l.startsWith('sgemm')).map((l) => l.split(' on ')[1])).toEqual(['1', '1', '2', '1']);
  });
});
