import { COMPLETED, COUNT, ERROR, F64, F64_COUNT, JOB, NEXT, OP, OP_ADAM, OP_GEMM, OP_STOP, OP_WAKE, SEQ, SLEEPERS, TAG_SHIFT, WAKE_SPIN_MS, WORK } from './control.js';

/**
 * A worker's program after it has its start-up data, as source text so that it needs no
 * separate file to ship or bundle: each platform's prologue (Node's worker_threads, a browser's
 * Web Worker) defines `module`, `memory`, `control`, `index`, `spinMs` and `ready()`, then runs
 * this. The worker spins on the sequence number for up to `spinMs` after each job
 * (WAKE_SPIN_MS after a wake-up call), then sleeps in Atomics.wait.
 */
export const WORKER_LOOP_SOURCE = `
const { sgemm: gemm, adam } = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctl = new Int32Array(control);
const f64 = new Float64Array(control, ${F64 * 4}, ${F64_COUNT});
const J = ${JOB};
let seen = Atomics.load(ctl, ${SEQ});
ready();
// claimChunk, for this thread (the source must stand alone).
const claim = (tag) => {
  for (;;) {
    const v = Atomics.load(ctl, ${NEXT});
    if (v >>> ${TAG_SHIFT} !== tag) return -1;
    const i = v & ${(1 << TAG_SHIFT) - 1};
    if (i >= Atomics.load(ctl, ${COUNT})) return -1;
    if (Atomics.compareExchange(ctl, ${NEXT}, v, v + 1) === v) return i;
  }
};
let spinFor = spinMs;
for (;;) {
  let seq = Atomics.load(ctl, ${SEQ});
  if (seq === seen) {
    const start = performance.now();
    let spins = 0;
    while ((seq = Atomics.load(ctl, ${SEQ})) === seen) {
      if ((++spins & 1023) === 0 && performance.now() - start > spinFor) {
        Atomics.add(ctl, ${SLEEPERS}, 1);
        Atomics.wait(ctl, ${SEQ}, seen);
        Atomics.sub(ctl, ${SLEEPERS}, 1);
      }
    }
  }
  seen = seq;
  const op = Atomics.load(ctl, ${OP});
  if (op === ${OP_STOP}) break;
  spinFor = op === ${OP_WAKE} ? ${WAKE_SPIN_MS} : spinMs;
  if (op !== ${OP_GEMM} && op !== ${OP_ADAM}) continue;
  const tag = Atomics.load(ctl, ${NEXT}) >>> ${TAG_SHIFT};
  // Tag 0: the job is still being written and its sequence number is on its way; spin for it.
  if (tag === 0) { spinFor = ${WAKE_SPIN_MS}; continue; }
  let i;
  while ((i = claim(tag)) >= 0) {
    // The op read above may be an earlier job's: the caller can finish that job alone and post
    // the next one before this thread reads the tag. Once a chunk of job \`tag\` is claimed, the
    // caller waits for it, so the op and parameters read now are that job's.
    const kind = Atomics.load(ctl, ${OP});
    try {
      if (kind === ${OP_ADAM}) {
        // p, g, m, v, vmax, n, chunk; vmax 0 without AMSGrad.
        const chunk = ctl[J + 6], from = i * chunk, at = from * 4;
        adam(ctl[J] + at, ctl[J + 1] + at, ctl[J + 2] + at, ctl[J + 3] + at, ctl[J + 4] ? ctl[J + 4] + at : 0, Math.min(chunk, ctl[J + 5] - from),
          f64[0], f64[1], f64[2], f64[3], f64[4], f64[5], f64[6]);
      } else if (ctl[J + 11]) {
        const chunk = ctl[J + 12], from = i * chunk;
        gemm(ctl[J] + from * ctl[J + 1] * 4, ctl[J + 1], ctl[J + 2], ctl[J + 3], ctl[J + 4], ctl[J + 5],
          ctl[J + 6] + from * ctl[J + 7] * 4, ctl[J + 7], Math.min(chunk, ctl[J + 8] - from), ctl[J + 9], ctl[J + 10], ctl[${WORK} + index], ctl[J + 13]);
      } else {
        const chunk = ctl[J + 12], from = i * chunk;
        gemm(ctl[J], ctl[J + 1], ctl[J + 2], ctl[J + 3] + from * ctl[J + 5] * 4, ctl[J + 4], ctl[J + 5],
          ctl[J + 6] + from * 4, ctl[J + 7], ctl[J + 8], Math.min(chunk, ctl[J + 9] - from), ctl[J + 10], ctl[${WORK} + index], ctl[J + 13]);
      }
    } catch (e) {
      Atomics.store(ctl, ${ERROR}, 1);
    }
    Atomics.add(ctl, ${COMPLETED}, 1);
    Atomics.notify(ctl, ${COMPLETED});
  }
}
`;
