// The house drawn from the imports: each package imports only what the blueprint's arrows allow,
// declares exactly the workspace packages it imports, has no import cycle that remains at run
// time, no source file over 400 lines, and only tensor asks which backend is active.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ARROWS, allowedImports, importsOf, parseArrows, runtimeCycles, runtimeReach, sourceFiles, workspacePackage } from './architecture.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dirs = (parent: string) => readdirSync(join(root, parent)).map((d) => join(root, parent, d));
const packages = dirs('packages');
const apps = dirs('apps');
const nameOf = (dir: string) => relative(join(root, 'packages'), dir);
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
const srcOf = (dir: string) => sourceFiles(join(dir, 'src'));

/** Tests and the helpers only tests use: what they import may be a devDependency. */
const isTest = (file: string) => /\.test(-helper)?\.ts$|test-utils\.ts$/.test(file);

/** The workspace packages a package's source imports (tests with `tests`), each with the first file that does. */
function importedPackages(dir: string, self: string, tests = true): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of srcOf(dir).filter((f) => tests || !isTest(f)))
    for (const ref of importsOf(file)) {
      const pkg = workspacePackage(ref.specifier);
      if (pkg && pkg !== self && !found.has(pkg)) found.set(pkg, relative(root, file));
    }
  return found;
}

/** The workspace packages a manifest declares in `fields`. */
function declaredPackages(dir: string, fields = ['dependencies', 'peerDependencies', 'devDependencies']): Set<string> {
  const m = manifest(dir);
  const names = fields.flatMap((f) => Object.keys(m[f] ?? {}));
  return new Set(names.map(workspacePackage).filter((p): p is string => p !== null));
}

/** The runtime import cycles of a package: none is allowed (type-only imports are erased, so they do not count). */
function forbiddenCycles(dir: string): string[][] {
  return runtimeCycles(srcOf(dir), root);
}

/** The blueprint, where CI and the project's machines keep it: beside the repository. */
const BLUEPRINT = join(root, '../shared/ARCHITECTURE.md');

describe('the blueprint\'s arrows', () => {
  it('are read from the blueprint\'s block: chains, lists and remarks', () => {
    const text = '## Which package may import which\n\n```\ntensor  <-  autograd  <-  activations\ntensor  <-  plot   (plain arrays)\nnn, losses  <-  train\neverything  <-  mlpkit (umbrella), apps/*\n```\n';
    expect(parseArrows(text)).toEqual({ autograd: ['tensor'], activations: ['autograd'], plot: ['tensor'], train: ['nn', 'losses'] });
    expect(() => parseArrows('# no arrows here')).toThrow(/no "Which package may import which" block/);
  });

  // A fresh clone may stand alone; CI runs with ../shared beside it, so there this always runs.
  it.runIf(existsSync(BLUEPRINT))('are the ones the blueprint beside the repository draws (../shared/ARCHITECTURE.md)', () => {
    const drawn = parseArrows(readFileSync(BLUEPRINT, 'utf8'));
    const sorted = (a: Record<string, readonly string[]>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, [...v].sort()]).sort());
    expect(sorted(ARROWS)).toEqual(sorted({ tensor: [], ...drawn }));
  });

  it('name every package there is (a new package gets its arrows first)', () => {
    const unknown = packages.map(nameOf).filter((n) => n !== 'mlpkit' && !(n in ARROWS));
    expect(unknown).toEqual([]);
  });

  it('let tensor import nothing, autograd only tensor, and search what train may import plus train', () => {
    expect([...allowedImports('tensor')]).toEqual([]);
    expect([...allowedImports('autograd')]).toEqual(['tensor']);
    expect([...allowedImports('search')].sort()).toEqual(
      ['activations', 'autograd', 'datasets', 'initializers', 'losses', 'metrics', 'nn', 'normalization', 'optimizers', 'tensor', 'train']);
    expect(allowedImports('plot').has('autograd')).toBe(false);
  });

  it.each(packages.map(nameOf).filter((n) => n !== 'mlpkit'))('%s imports only what they allow', (name) => {
    const allowed = allowedImports(name);
    const against = [...importedPackages(join(root, 'packages', name), name)].filter(([pkg]) => !allowed.has(pkg));
    expect(against.map(([pkg, file]) => `${file} imports @mlpkit/${pkg}`)).toEqual([]);
  });
});

describe('declared dependencies', () => {
  it.each([...packages, ...apps].map((d) => [relative(root, d), d]))('%s declares exactly the workspace packages it imports', (_, dir) => {
    const self = workspacePackage(String(manifest(dir).name)) ?? '';
    const imported = importedPackages(dir, self);
    const declared = declaredPackages(dir);
    expect([...imported].filter(([pkg]) => !declared.has(pkg)).map(([pkg, file]) => `${file} imports undeclared ${pkg}`)).toEqual([]);
    expect([...declared].filter((pkg) => !imported.has(pkg)).map((pkg) => `declares ${pkg} but never imports it`)).toEqual([]);
  });

  it.each(packages.filter((d) => !manifest(d).private).map((d) => [relative(root, d), d]))('%s lists in dependencies what its code imports, and only that', (_, dir) => {
    const self = workspacePackage(String(manifest(dir).name)) ?? '';
    const runtime = importedPackages(dir, self, false);
    const dependencies = declaredPackages(dir, ['dependencies', 'peerDependencies']);
    expect([...runtime].filter(([pkg]) => !dependencies.has(pkg)).map(([pkg, file]) => `${file} imports ${pkg}, not a dependency`)).toEqual([]);
    expect([...dependencies].filter((pkg) => !runtime.has(pkg)).map((pkg) => `${pkg} is a dependency that only tests import (make it a devDependency)`)).toEqual([]);
  });
});

describe('source files', () => {
  const all = [...packages, ...apps].flatMap((d) => sourceFiles(d)).concat(sourceFiles(join(root, 'scripts')));

  it.each([...packages, ...apps].map((d) => [relative(root, d), d]))('%s has no import cycle that remains at run time', (_, dir) => {
    expect(forbiddenCycles(dir)).toEqual([]);
  });

  it('keep the kernels apart from the Tensor class: no reference kernel reaches it', () => {
    const reference = sourceFiles(join(root, 'packages/tensor/src/reference')).filter((f) => !isTest(f));
    const reaching = reference.filter((f) => runtimeReach(f).some((g) => /tensor\/src\/(tensor|dispatch)\.ts$/.test(g)));
    expect(reaching.map((f) => relative(root, f))).toEqual([]);
  });

  it('are at most 400 lines long (generated code aside)', () => {
    const long = all.map((f) => [relative(root, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 400);
    expect(long).toEqual([]);
  });

  it('ask which backend is active only in tensor (one door)', () => {
    const asking = all
      .filter((f) => !relative(root, f).startsWith('packages/tensor/') && !f.endsWith('architecture.test.ts'))
      .filter((f) => /\bgetBackend\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(asking).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('find a cycle, a type-only import and a dynamic import', () => {
    const tensorSrc = join(root, 'packages/tensor/src');
    expect(importsOf(join(tensorSrc, 'backend.ts')).every((r) => r.typeOnly)).toBe(true);
    expect(importsOf(join(tensorSrc, 'dispatch.ts')).some((r) => !r.typeOnly && r.specifier === './tensor.js')).toBe(true);
    // The repository has no cycle left to find, so a made-up one: a → b → a, and c → a by type only.
    const dir = mkdtempSync(join(tmpdir(), 'mlpkit-cycle-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = () => b;\n");
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a.js';\nexport const b = () => a;\n");
      writeFileSync(join(dir, 'c.ts'), "import type { a } from './a.js';\nexport type C = typeof a;\n");
      const cycles = runtimeCycles(['a.ts', 'b.ts', 'c.ts'].map((f) => join(dir, f)), dir);
      expect(cycles.map((c) => [...c].sort())).toEqual([['a.ts', 'b.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
