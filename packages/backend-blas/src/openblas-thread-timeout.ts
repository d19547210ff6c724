/** OpenBLAS's spin before its idle threads sleep, as a power of two of CPU cycles (its range is 4–30). */
export const OPENBLAS_THREAD_TIMEOUT = '4';

/**
 * Makes OpenBLAS's worker threads sleep right after each call instead of spinning for 2²⁸
 * cycles (its default, about 0.1 s here), unless the environment already says otherwise.
 * Between two products a training step runs JavaScript for milliseconds (the loss, autograd,
 * the next batch), and a worker spinning meanwhile takes a core's share from it: on the
 * project's 2-core machine, W1 at batch 1024 on two threads took 7–30 % less time per step
 * with the short spin, in seven alternated pairs of runs. OpenBLAS reads the variable when it
 * loads, so this must run before the library does; it changes this process's environment.
 */
export function shortenOpenblasSpin(env: NodeJS.ProcessEnv = process.env): void {
  env.OPENBLAS_THREAD_TIMEOUT ??= OPENBLAS_THREAD_TIMEOUT;
}
