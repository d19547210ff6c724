import { createBlasBackend } from '@mlpkit/backend-blas';

/**
 * Whether this machine has a CBLAS library: `scripts/setup.sh` and CI install OpenBLAS; without
 * one the blas rows of these tests are skipped, with a warning, as backend-blas's own tests are.
 */
export const hasBlas = await createBlasBackend({ threads: 1 }).then(() => true, (error: Error) => {
  if (!/no CBLAS library found/.test(error.message)) throw error;
  console.warn(`blas rows skipped: ${error.message}`);
  return false;
});
