import { describe, expect, it } from 'vitest';
import { FASHION_MNIST, MNIST } from './mnist.js';

describe('built-in IDX resources', () => {
  it.each([FASHION_MNIST, MNIST])('$name pins a SHA-256 digest for every file, so no download goes unchecked', (resource) => {
    const files = Object.values(resource.files);
    expect(files).toHaveLength(4);
    for (const file of files) {
      expect(file.sha256.length).toBeGreaterThan(0);
      for (const digest of file.sha256) expect(digest).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(files.flatMap((f) => f.sha256)).size).toBe(files.reduce((n, f) => n + f.sha256.length, 0));
  });
});
