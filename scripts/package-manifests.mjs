// One source for what every published package.json must say to npm users: the fields npm
// shows (license, engines, repository, homepage, bugs, keywords), a LICENSE file in the
// tarball, and exports without the repository-only `mlpkit-source` condition once packed
// (pnpm applies `publishConfig.exports` when it packs and publishes).
// `node scripts/package-manifests.mjs` rewrites the manifests; `--check` lists what differs
// (scripts/package-manifests.test.ts runs it in `pnpm test`).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const repo = 'https://github.com/mlpkit/mlpkit';
const baseKeywords = ['mlp', 'neural-network', 'deep-learning', 'machine-learning', 'typescript'];

/** The exports map as npm users get it: the source condition removed at every level. */
export function publishedExports(value) {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => key !== 'mlpkit-source').map(([key, v]) => [key, publishedExports(v)]),
  );
}

/** The manifest with every npm-facing field as it must be; other fields keep their order. */
export function expectedManifest(pkg, dir) {
  const files = (pkg.files ?? ['dist', 'src', '!src/**/*.test.ts']).filter((f) => f !== 'LICENSE');
  return {
    ...pkg,
    license: 'MIT',
    engines: { node: '>=20' },
    repository: { type: 'git', url: `git+${repo}.git`, directory: `packages/${dir}` },
    homepage: `${repo}/tree/main/packages/${dir}#readme`,
    bugs: { url: `${repo}/issues` },
    keywords: [...new Set([...baseKeywords, ...(pkg.keywords ?? [])])],
    files: [...files, 'LICENSE'],
    publishConfig: { ...pkg.publishConfig, access: 'public', exports: publishedExports(pkg.exports) },
  };
}

/** Every published package: [directory name, manifest path, parsed manifest]. */
export function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((dir) => [dir, join(root, 'packages', dir, 'package.json')])
    .map(([dir, path]) => [dir, path, JSON.parse(readFileSync(path, 'utf8'))])
    .filter(([, , pkg]) => !pkg.private);
}

/** What differs from the expected manifests and LICENSE copies, as readable lines. */
export function differences() {
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  const out = [];
  for (const [dir, path, pkg] of publishedPackages()) {
    const want = JSON.stringify(expectedManifest(pkg, dir), null, 2) + '\n';
    if (readFileSync(path, 'utf8') !== want) out.push(`packages/${dir}/package.json is not as expected`);
    let copy = '';
    try { copy = readFileSync(join(root, 'packages', dir, 'LICENSE'), 'utf8'); } catch { /* missing */ }
    if (copy !== license) out.push(`packages/${dir}/LICENSE differs from the root LICENSE`);
  }
  return out;
}

function write() {
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  for (const [dir, path, pkg] of publishedPackages()) {
    writeFileSync(path, JSON.stringify(expectedManifest(pkg, dir), null, 2) + '\n');
    writeFileSync(join(root, 'packages', dir, 'LICENSE'), license);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const diff = differences();
    for (const line of diff) console.log(line);
    if (diff.length > 0) {
      console.log('run: node scripts/package-manifests.mjs');
      process.exitCode = 1;
    }
  } else {
    write();
  }
}
