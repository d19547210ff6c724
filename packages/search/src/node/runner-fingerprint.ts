import { type Isolation, launcher } from './isolation.js';
import { loadFailure } from './trial-module.js';

/**
 * The fingerprint of the trial module at `module` (see `fingerprint`), taken in a trial runner of
 * its own (a child process or a worker thread, as `isolation` says), which is then stopped.
 * Neither a coordinator nor a queue worker imports the trial module in its own thread: a module
 * that is also the search program would start the search again there (`isTrialRunner()` is
 * false), and a program importing its own file waits for itself for good. Rejects with an Error
 * naming the module and the cause when it cannot be loaded.
 */
export function runnerFingerprint(isolation: Isolation, module: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      done();
      void runner.stop();
    };
    const runner = launcher(isolation, module)({
      message: (msg) => {
        if (msg.type === 'fingerprint') settle(() => resolve(msg.print));
        else if (msg.type === 'unfingerprinted') settle(() => reject(new Error(msg.error)));
      },
      death: (why) => settle(() => reject(new Error(loadFailure(module, why)))),
    });
    runner.send({ type: 'fingerprint' });
  });
}
