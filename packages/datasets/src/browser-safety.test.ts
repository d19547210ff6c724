import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The main entry must run in a browser: no module outside src/node/ may import a Node built-in.
const here = dirname(fileURLToPath(import.meta.url));
const NODE_ONLY = /from\s+['"](node:[^'"]+|fs|fs\/promises|http|https|zlib|crypto|path|os|url|util|stream|child_process|worker_threads)['"]/;

describe('browser safety', () => {
  it('keeps Node built-ins out of everything but src/node/', () => {
    const files = readdirSync(here, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('node'));
    expect(files).toContain('index.ts');
    const offenders = files.filter((f) => NODE_ONLY.test(readFileSync(join(here, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps papaparse out of everything the main entry reaches (CSV users import @mlpkit/datasets/csv)', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(here, file), 'utf8');
      expect(text, `${file} imports papaparse`).not.toMatch(/from\s+['"]papaparse['"]/);
      for (const [, rel] of text.matchAll(/from\s+['"](\.[^'"]+)\.js['"]/g)) visit(join(dirname(file), `${rel}.ts`));
    };
    visit('index.ts');
    expect(seen.size).toBeGreaterThan(5);
    expect(readFileSync(join(here, 'csv.ts'), 'utf8')).toMatch(/from 'papaparse'/);
  });
});
