// What a release does, tried on a throwaway copy of the manifests and changesets: every
// published package a changeset names gets a CHANGELOG and a new version; the private apps get
// neither.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mlpkit-changesets-'));
const dirs = ['packages', 'apps'].flatMap((top) => readdirSync(join(root, top)).map((d) => `${top}/${d}`));
const manifest = (base: string, dir: string) => JSON.parse(readFileSync(join(base, dir, 'package.json'), 'utf8')) as { name: string; version: string; private?: boolean };

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('changesets', () => {
  it('a release writes CHANGELOGs for the published packages and leaves the private apps alone', { timeout: 60_000 }, () => {
    for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(root, file), join(work, file));
    cpSync(join(root, '.changeset'), join(work, '.changeset'), { recursive: true });
    for (const dir of dirs) {
      mkdirSync(join(work, dir), { recursive: true });
      cpSync(join(root, dir, 'package.json'), join(work, dir, 'package.json'));
    }
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@mlpkit.invalid', '-c', 'user.name=ci', ...args], { cwd: work });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'before the release');
    const cli = join(dirname(createRequire(import.meta.url).resolve('@changesets/cli/package.json')), 'bin.js');
    execFileSync(process.execPath, [cli, 'version'], { cwd: work, stdio: 'pipe' });
    const named = new Set(readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')
      .flatMap((f) => [...readFileSync(join(root, '.changeset', f), 'utf8').split('---')[1].matchAll(/"([^"]+)":/g)].map((m) => m[1])));
    for (const dir of dirs) {
      const before = manifest(root, dir);
      const after = manifest(work, dir);
      if (before.private) {
        expect(existsSync(join(work, dir, 'CHANGELOG.md')), `${dir} is private: no CHANGELOG`).toBe(false);
        expect(after.version, `${dir} is private: its version stays`).toBe(before.version);
      } else if (named.has(before.name)) {
        expect(readFileSync(join(work, dir, 'CHANGELOG.md'), 'utf8')).toContain(`## ${after.version}`);
        expect(after.version).not.toBe(before.version);
      }
    }
  });
});
