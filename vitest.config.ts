import { defineConfig } from 'vitest/config';

// Tests run against each package's TypeScript source through the `mlpkit-source` export
// condition, so no build is needed before `pnpm test`.
export default defineConfig({
  resolve: { conditions: ['mlpkit-source', 'import', 'module', 'default'] },
  ssr: { resolve: { conditions: ['mlpkit-source', 'import', 'module', 'default'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
