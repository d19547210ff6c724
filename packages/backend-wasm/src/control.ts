/**
 * Layout of the Int32Array (on a SharedArrayBuffer) through which the calling thread hands
 * gemm jobs to the workers: a sequence number the workers watch, a done counter, how many
 * workers sleep in Atomics.wait (so the caller only pays for notify when one does), an error
 * flag, and one slot of job arguments per thread.
 */
export const SEQ = 0;
export const DONE = 1;
export const SLEEPERS = 2;
export const ERROR = 3;
export const OP = 4;
export const OP_GEMM = 1;
export const OP_STOP = 2;
export const SLOT_BASE = 16;
export const SLOT_SIZE = 16;

/** Int32 slots the control block needs for `threads` threads. */
export function controlLength(threads: number): number {
  return SLOT_BASE + threads * SLOT_SIZE;
}

/**
 * The worker's whole program, as source text so it needs no separate file to ship or bundle
 * (Node runs it with `eval: true`). It spins on the sequence number for up to `spinMs` after
 * each job, which makes a hand-off cost microseconds, then sleeps in Atomics.wait.
 */
export const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory, control, index, spinMs } = workerData;
const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports.sgemm;
const ctl = new Int32Array(control);
const base = ${SLOT_BASE} + index * ${SLOT_SIZE};
let seen = Atomics.load(ctl, ${SEQ});
parentPort.postMessage('ready');
for (;;) {
  let seq = Atomics.load(ctl, ${SEQ});
  if (seq === seen) {
    const start = performance.now();
    let spins = 0;
    while ((seq = Atomics.load(ctl, ${SEQ})) === seen) {
      if ((++spins & 1023) === 0 && performance.now() - start > spinMs) {
        Atomics.add(ctl, ${SLEEPERS}, 1);
        Atomics.wait(ctl, ${SEQ}, seen);
        Atomics.sub(ctl, ${SLEEPERS}, 1);
      }
    }
  }
  seen = seq;
  if (Atomics.load(ctl, ${OP}) === ${OP_STOP}) break;
  try {
    if (ctl[base + 8] > 0 && ctl[base + 9] > 0)
      gemm(ctl[base], ctl[base + 1], ctl[base + 2], ctl[base + 3], ctl[base + 4], ctl[base + 5],
        ctl[base + 6], ctl[base + 7], ctl[base + 8], ctl[base + 9], ctl[base + 10], ctl[base + 11]);
  } catch (e) {
    Atomics.store(ctl, ${ERROR}, 1);
  }
  Atomics.add(ctl, ${DONE}, 1);
  Atomics.notify(ctl, ${DONE});
}
`;
