import { WORKER_LOOP_SOURCE } from '../worker-loop-source.js';

/** The Node worker's program: takes its start-up data from workerData (Node runs it with `eval: true`). */
export const WORKER_SOURCE = `
'use strict';
// CommonJS normally; a module when the process runs with --input-type=module, which workers
// inherit (getBuiltinModule: Node >= 20.16).
const { parentPort, workerData } = typeof require === 'function' ? require('node:worker_threads') : process.getBuiltinModule('node:worker_threads');
const { module, memory, control, index, spinMs } = workerData;
const ready = () => parentPort.postMessage('ready');
${WORKER_LOOP_SOURCE}`;
