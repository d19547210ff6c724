import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// '@mlpkit/search' must load in a browser: only src/node/ may reach Node built-ins, the terminal
// progress bar library, or the queue.
const here = dirname(fileURLToPath(import.meta.url));
const NODE_ONLY = /from\s+['"](node:[^'"]+|fs|fs\/promises|path|os|url|stream|bullmq|ioredis|@mlpkit\/[a-z-]+\/node)['"]/;

describe('browser safety', () => {
  it('keeps Node-only imports inside src/node/', () => {
    const files = readdirSync(here, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('node'));
    expect(files).toContain('search.ts');
    expect(files.filter((f) => NODE_ONLY.test(readFileSync(join(here, f), 'utf8')))).toEqual([]);
  });

  it('finds the Node-only imports where they belong (the check can fail)', () => {
    expect(NODE_ONLY.test(readFileSync(join(here, 'node', 'queue-worker.ts'), 'utf8'))).toBe(true);
  });
});
