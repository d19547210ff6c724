// Every package README has the same shape, so a user finds the same things in the same
// places: the name, a one-line tagline, an install line that names every package its examples
// import, a runnable example, and a table of what the package exports.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractExamples } from './doc-examples.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = readdirSync(join(root, 'packages')).map((dir) => {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { name: string; private?: boolean };
  const path = join(root, 'packages', dir, 'README.md');
  return { dir, name: pkg.name, readme: existsSync(path) ? readFileSync(path, 'utf8') : '' };
});

/** The packages a piece of code imports, by package name (subpaths folded into their package). */
export function importedPackages(code: string): string[] {
  const names = [...code.matchAll(/from\s+'((?:@mlpkit\/)?[\w-]+)(?:\/[\w/-]+)?'/g)].map((m) => m[1]);
  return [...new Set(names.filter((n) => n === 'mlpkit' || n.startsWith('@mlpkit/')))];
}

describe('package READMEs', () => {
  it('reads imports the way the shape check needs', () => {
    expect(importedPackages("import { a } from '@mlpkit/nn';\nimport { b } from '@mlpkit/train/node';\nimport x from 'node:fs';"))
      .toEqual(['@mlpkit/nn', '@mlpkit/train']);
  });

  it.for(packages)('$dir has the shared shape', ({ dir, name, readme }) => {
    const lines = readme.split('\n');
    expect(lines[0], `${dir}: the title`).toBe(`# ${name}`);
    expect(lines[1], `${dir}: a blank line under the title`).toBe('');
    expect(lines[2], `${dir}: a one-line tagline under the title`).toMatch(/^\S.*\.$/);
    expect(lines[3], `${dir}: the tagline is one line`).toBe('');
    const install = readme.match(/^## Install\n\n```sh\n(npm install [^\n]+)\n```/m);
    expect(install, `${dir}: an "## Install" section with one npm install line`).not.toBeNull();
    const examples = extractExamples(readme, `packages/${dir}/README.md`);
    expect(examples.length, `${dir}: at least one runnable example`).toBeGreaterThan(0);
    const installed = install![1].split(/\s+/).slice(2);
    const needed = [...new Set(examples.flatMap((e) => importedPackages(e.code)))];
    expect(needed.filter((n) => !installed.includes(n)), `${dir}: packages the examples import but the install line leaves out`).toEqual([]);
    expect(readme, `${dir}: a table of what it exports`).toMatch(/^\|.*\|\n\|\s*-{3,}/m);
  });
});
