/**
 * The environment of a child process that runs OpenBLAS, PyTorch's or mlpkit's: the machine's
 * OPENBLAS_CORETYPE (which forces 256-bit kernels here) and OPENBLAS_L2_SIZE unset, so that
 * OpenBLAS picks its best kernels for this CPU (BENCHMARKING.md); OpenBLAS and OpenMP limited
 * to `threads`, with passive OpenMP waiting so that PyTorch's two threads do not starve
 * each other. Both sides get the same, so their rows compare like with like.
 */
export function openblasEnv(threads: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), OMP_WAIT_POLICY: 'PASSIVE',
  };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}
