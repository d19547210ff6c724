import { MlpkitError } from '@mlpkit/tensor';
import type { DemoFlag } from '../options.js';

/** What every experiment reads: which one, its size, where its files go, and --help. */
const EVERY_EXPERIMENT: readonly string[] = ['experiment', 'quick', 'out', 'help'] satisfies readonly DemoFlag[];

const dashed = (flags: readonly string[]): string => flags.map((f) => `--${f}`).join(', ');

/**
 * Refuses the flags given to `--experiment name` that it does not read (`reads`): it runs at
 * the slides' settings, so `--lr 0.5` would otherwise be printed nowhere and change nothing.
 */
export function checkExperimentFlags(name: string, reads: readonly DemoFlag[], given: ReadonlySet<string>): void {
  const unread = [...given].filter((f) => !EVERY_EXPERIMENT.includes(f) && !(reads as readonly string[]).includes(f));
  if (unread.length === 0) return;
  const what = reads.length ? `it reads ${dashed(reads)} besides --quick and --out` : 'it reads only --quick and --out';
  throw new MlpkitError('pnpm demo', `--experiment ${name} does not read ${dashed(unread)}: it runs at the slides' settings (its "settings:" line says which); ${what}`);
}
