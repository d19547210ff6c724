// The child-process side of ProcessPool: the trial loop of trial-runner.ts over the IPC channel.
import type { ToRunner } from './trial-messages.js';
import { serveTrials } from './trial-runner.js';

const send = process.send?.bind(process);
if (!send) throw new Error('process-main runs as a child process of @mlpkit/search, started by ProcessPool');
// Never outlive the parent: its IPC channel closes when it exits, even when it is SIGKILLed.
process.on('disconnect', () => process.exit(0));
serveTrials({ post: (msg) => send(msg), listen: (handler) => process.on('message', (msg) => handler(msg as ToRunner)) }, process.argv[2]);
