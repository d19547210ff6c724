// The worker-thread side of ThreadPool: the trial loop of trial-runner.ts over `parentPort`.
import { parentPort, workerData } from 'node:worker_threads';
import type { ToRunner } from './trial-messages.js';
import { serveTrials } from './trial-runner.js';

const port = parentPort;
if (!port) throw new Error('thread-main runs as a worker thread of @mlpkit/search');
serveTrials({ post: (msg) => port.postMessage(msg), listen: (handler) => port.on('message', (msg: ToRunner) => handler(msg)) }, (workerData as { module: string }).module);
