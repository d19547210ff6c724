import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { differences, expectedManifest, publishedExports } from './package-manifests.mjs';

describe('package manifests', () => {
  it('every published package.json and LICENSE copy is as scripts/package-manifests.mjs writes them', () => {
    expect(differences()).toEqual([]);
  });

  it('the packed exports drop the repository-only source condition at every level', () => {
    const exports = { '.': { 'mlpkit-source': './src/index.ts', import: { types: './a.d.ts', default: './a.js' } } };
    expect(publishedExports(exports)).toEqual({ '.': { import: { types: './a.d.ts', default: './a.js' } } });
  });

  it('fills in the fields npm shows and keeps the package its own keywords', () => {
    const pkg = expectedManifest({ name: '@mlpkit/x', keywords: ['mnist'], exports: {} }, 'x');
    expect(pkg.repository.directory).toBe('packages/x');
    expect(pkg.engines.node).toBe('>=20');
    expect(pkg.keywords).toContain('mnist');
    expect(pkg.files).toContain('LICENSE');
  });
});
