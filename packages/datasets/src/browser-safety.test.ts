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
});
