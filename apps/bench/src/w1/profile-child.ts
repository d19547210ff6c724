// One `pnpm bench --profile` table in its own process (see profile.ts): argv[2] is the JSON
// spec; the last stdout line is the JSON-encoded Markdown. A backend that cannot start exits 1.
import { loadW1Data } from './data.js';
import { type ProfileSpec, profileSteps } from './profile.js';

try {
  console.log(JSON.stringify(await profileSteps(await loadW1Data(), JSON.parse(process.argv[2]) as ProfileSpec)));
  process.exit(0);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
