// One `pnpm bench --profile` table in its own process (see profile.ts): argv[2] is the JSON
// spec; the last stdout line is the JSON-encoded Markdown. A backend that cannot start exits 1.
import { loadW1Data } from './data.js';
import { profileSteps } from './profile.js';
import type { MlpkitBackendName } from './mlpkit-trainer.js';

const { backend, threads, batch, steps } = JSON.parse(process.argv[2]) as { backend: MlpkitBackendName; threads: number; batch: number; steps: number };
try {
  console.log(JSON.stringify(await profileSteps(await loadW1Data(), backend, threads, batch, steps)));
  process.exit(0);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
