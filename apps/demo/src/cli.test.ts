import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { USAGE } from './options.js';

const demoDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs `pnpm demo` as its script does (tsx on the sources), with `args`. */
function demo(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--conditions=mlpkit-source', 'src/cli.ts', ...args], { cwd: demoDir, encoding: 'utf8', timeout: 60_000 });
}

describe('pnpm demo (the command)', () => {
  it('prints the usage for --help even after a flag this run would refuse, and exits 0', () => {
    const run = demo('--trials', '5', '--help');
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(USAGE.trim());
    expect(run.status).toBe(0);
  });

  it('refuses that flag without --help, before any work', () => {
    const run = demo('--trials', '5');
    expect(run.stderr).toContain('--trials: flags of --experiment search, which this run is not');
    expect(run.status).toBe(1);
  });

  it('runs the search worker from the sources: search-worker --help prints its usage', () => {
    const run = demo('search-worker', '--help');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('mlpkit-search worker --redis URL [options]');
    expect(run.status).toBe(0);
  });

  it('search-worker refuses an unknown flag and a missing --redis, without connecting', () => {
    const unknown = demo('search-worker', '--redis', 'redis://127.0.0.1:1', '--thread', '2');
    expect(unknown.stderr).toContain("Unknown option '--thread'");
    expect(unknown.status).toBe(1);
    const noRedis = demo('search-worker');
    expect(noRedis.stderr).toContain('--redis URL is required');
    expect(noRedis.status).toBe(1);
  });
});
